import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createUser, fieldError, signIn, choosePassword, newPassword, uid, withLock } from './helpers';

/** Exactly these team boxes are checked on a user form, whatever other teams exist. */
async function expectTeamsChecked(page: Page, teams: string[]) {
  await page.waitForLoadState('networkidle');
  const boxes = page.getByRole('group', { name: 'Équipes' }).getByRole('checkbox');
  const checked = await boxes.evaluateAll((els) =>
    els.filter((e) => (e as HTMLInputElement).checked).map((e) => e.closest('label')?.textContent?.trim() ?? ''),
  );
  expect(checked.sort(), 'checked team boxes').toEqual([...teams].sort());
}

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test.describe('organisation', () => {
  test('saving the organisation shows its new name in the shell; bad values are refused on their fields', async ({ adminPage: page, authDir }) => {
    await withLock(authDir, 'organisation', async () => {
      const name = `Atelier Dupont ${uid()}`;
      await page.goto('/settings/organisation');
      const nameField = page.getByLabel('Nom de l’organisation');

      // Refusals first: an empty name, then a logo that is not an image, then one too heavy.
      await nameField.fill('');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(await fieldError(nameField)).toHaveText('Ce champ est obligatoire.');
      await expect(nameField).toHaveAttribute('aria-invalid', 'true');

      await nameField.fill(name);
      const logo = page.getByLabel('Logo', { exact: true });
      await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(await fieldError(logo)).toHaveText('Le logo doit être une image PNG, JPEG ou WebP.');
      await expect(page.getByLabel('Nom de l’organisation')).toHaveValue(name);

      await logo.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.concat([PNG_1x1, Buffer.alloc(600 * 1024)]) });
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(await fieldError(logo)).toHaveText('Le logo doit peser 512 Ko au plus.');

      // Then a good save, with a small logo.
      await page.getByLabel('Nom de l’organisation').fill(name);
      await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG_1x1 });
      await page.getByLabel('Devise').selectOption('CHF');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.getByRole('main').getByRole('status')).toHaveText('Modifications enregistrées.');
      await expect(page.getByRole('complementary').getByText(name)).toBeVisible();

      await page.goto('/');
      await expect(page.getByRole('complementary').getByText(name)).toBeVisible();
      const src = await page.getByRole('complementary').locator('img[src^="/api/logo"]').getAttribute('src');
      const res = await page.request.get(src!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('image/png');

      // Back as it was, for the other specs.
      await page.goto('/settings/organisation');
      await expect(page.getByLabel('Devise')).toHaveValue('CHF');
      await page.getByLabel('Retirer le logo').check();
      await page.getByLabel('Devise').selectOption('EUR');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.getByRole('main').getByRole('status')).toHaveText('Modifications enregistrées.');
      await page.goto('/');
      await expect(page.getByRole('complementary').locator('img[src^="/api/logo"]')).toHaveCount(0);
    });
  });
});

test.describe('teams', () => {
  test('a team is created, renamed, and a duplicate name is refused on the field', async ({ adminPage: page, accounts }) => {
    const team = `Équipe ${uid()}`;
    const renamed = `${team} bis`;
    await page.goto('/settings/teams');
    const newName = page.getByLabel('Nom de l’équipe');

    await newName.fill(accounts.team);
    await page.getByRole('button', { name: 'Créer l’équipe' }).click();
    await expect(await fieldError(page.getByLabel('Nom de l’équipe'))).toHaveText('Une équipe porte déjà ce nom.');
    await expect(page.getByLabel('Nom de l’équipe')).toHaveValue(accounts.team);

    await page.getByLabel('Nom de l’équipe').fill(team);
    await page.getByRole('button', { name: 'Créer l’équipe' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText(`Équipe « ${team} » créée.`);
    const card = page.getByRole('region', { name: team, exact: true });
    await expect(card).toContainText('Aucun membre');

    await card.getByText('Renommer').click();
    await card.getByLabel('Nouveau nom').fill(renamed);
    await card.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page).toHaveURL(/\/settings\/teams$/);
    const renamedCard = page.getByRole('region', { name: renamed, exact: true });
    await expect(renamedCard).toBeVisible();
    await expect(page.getByRole('region', { name: team, exact: true })).toHaveCount(0);

    // Renaming onto another team's name is refused where the user typed it.
    await renamedCard.getByText('Renommer').click();
    await renamedCard.getByLabel('Nouveau nom').fill(accounts.otherTeam);
    await renamedCard.getByRole('button', { name: 'Enregistrer' }).click();
    const again = page.getByRole('region', { name: renamed, exact: true });
    const error = again.getByText('Une équipe porte déjà ce nom.');
    // The refusal must be visible without the user having to reopen "Renommer".
    await expect(error).toBeVisible();
    await expect(again.getByLabel('Nouveau nom')).toHaveValue(accounts.otherTeam);
    await expect(page.getByRole('region', { name: accounts.otherTeam, exact: true })).toHaveCount(1);
  });

  test('an empty team can be deleted', async ({ adminPage: page }) => {
    const team = `Équipe à supprimer ${uid()}`;
    await page.goto('/settings/teams');
    await page.getByLabel('Nom de l’équipe').fill(team);
    await page.getByRole('button', { name: 'Créer l’équipe' }).click();
    const card = page.getByRole('region', { name: team, exact: true });
    await card.getByRole('button', { name: `Supprimer ${team}` }).click();
    await expect(page).toHaveURL(/\/settings\/teams$/);
    await expect(page.getByRole('region', { name: team, exact: true })).toHaveCount(0);
  });
});

test.describe('users', () => {
  test('an administrator changes a user’s role and teams; a taken email is refused on the field', async ({ adminPage: page, accounts }) => {
    const id = uid();
    const user = { name: `Denis ${id}`, email: `denis.${id}@example.test` };
    await createUser(page, { ...user, role: 'sales', teams: [accounts.team] });
    await page.getByRole('link', { name: 'Ouvrir la fiche' }).click();
    await expect(page.getByRole('heading', { level: 1, name: user.name })).toBeVisible();
    await expect(page.getByLabel('Rôle')).toHaveValue('sales');
    // The form shows the user's teams, and only those (once JavaScript has taken over the form, too).
    await expectTeamsChecked(page, [accounts.team]);

    await page.getByLabel('E-mail').fill(accounts.sales.email);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(await fieldError(page.getByLabel('E-mail'))).toHaveText('Un autre utilisateur a déjà cet e-mail.');

    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Rôle').selectOption('manager');
    await page.getByRole('checkbox', { name: accounts.otherTeam, exact: true }).check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Modifications enregistrées.');

    await page.goto('/settings/users');
    const row = page.getByRole('row').filter({ hasText: user.email });
    await expect.soft(row.getByRole('cell')).toHaveText([new RegExp(user.name), 'Responsable', `${accounts.team}, ${accounts.otherTeam}`, 'Invité']);

    await row.getByRole('link', { name: user.name }).click();
    await expect(page.getByLabel('Rôle')).toHaveValue('manager');
    await expectTeamsChecked(page, [accounts.team, accounts.otherTeam]);
    await page.getByRole('checkbox', { name: accounts.team, exact: true }).uncheck();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Modifications enregistrées.');
    await page.goto('/settings/users');
    await expect.soft(page.getByRole('row').filter({ hasText: user.email }).getByRole('cell').nth(2)).toHaveText(accounts.otherTeam);
  });

  test('an administrator cannot deactivate their own account', async ({ adminPage: page, accounts }) => {
    await page.goto(`/settings/users/${accounts.admin.id}`);
    await expect(page.getByRole('heading', { level: 1, name: accounts.admin.name })).toBeVisible();
    await expect(page.getByText('Vous ne pouvez pas désactiver votre propre compte.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Désactiver' })).toHaveCount(0);
  });
});

test('the audit trail lists user creation and sign-ins', async ({ adminPage: page, newPage }) => {
  const id = uid();
  const user = { name: `Émile ${id}`, email: `emile.${id}@example.test`, password: newPassword() };
  const link = await createUser(page, { ...user, role: 'sales' });
  const emile = await newPage();
  await choosePassword(emile, link, user.password);
  const again = await newPage();
  await signIn(again, user.email, user.password);
  await expect(again).toHaveURL(/:\d+\/$/);

  await page.goto('/settings');
  await page.getByRole('navigation', { name: 'Paramètres' }).getByRole('link', { name: 'Journal d’audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Journal d’audit' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Journal d’audit' });
  const entry = (what: string, detail: string) =>
    table.getByRole('row').filter({ has: page.getByRole('cell', { name: what, exact: true }) }).filter({ hasText: detail });
  await expect(entry('Utilisateur créé', user.email)).toHaveCount(1);
  await expect(entry('Mot de passe choisi par lien', user.name)).toHaveCount(1);
  await expect(entry('Connexion', user.name)).toHaveCount(1);
});
