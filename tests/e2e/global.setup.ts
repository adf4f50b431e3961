import fs from 'node:fs';
import { accountsFile, expect, storageStateFile, test, type Accounts } from './fixtures';
import { choosePassword, createUser, newPassword } from './helpers';

// Fills the main server through the UI, as its administrator would: the first administrator, two teams,
// a manager and a salesperson who chose their passwords from their links. Each role's signed-in state is
// saved for the specs (the login fixture).

test('fill the main server: administrator, teams, manager and salesperson', async ({ page, browser, userContext, authDir }) => {
  test.setTimeout(90_000);
  const accounts: Accounts = {
    organisation: 'Atelier Dupont',
    team: 'Équipe Nord',
    otherTeam: 'Équipe Sud',
    admin: { name: 'Alice Martin', email: 'alice.admin@example.test', password: newPassword(), id: 0 },
    manager: { name: 'Bruno Petit', email: 'bruno.manager@example.test', password: newPassword(), id: 0 },
    sales: { name: 'Chloé Bernard', email: 'chloe.sales@example.test', password: newPassword(), id: 0 },
  };

  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Nom de l’organisation').fill(accounts.organisation);
  await page.getByLabel('Nom complet').fill(accounts.admin.name);
  await page.getByLabel('E-mail').fill(accounts.admin.email);
  await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(accounts.admin.password);
  await page.getByRole('button', { name: 'Créer l’administrateur et se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Alice' })).toBeVisible();
  await page.context().storageState({ path: storageStateFile(authDir, 'admin') });

  for (const team of [accounts.team, accounts.otherTeam]) {
    await page.goto('/settings/teams');
    await page.getByLabel('Nom de l’équipe').fill(team);
    await page.getByRole('button', { name: 'Créer l’équipe' }).click();
    await expect(page.getByRole('heading', { level: 2, name: team })).toBeVisible();
  }

  for (const role of ['manager', 'sales'] as const) {
    const a = accounts[role];
    const link = await createUser(page, { name: a.name, email: a.email, role, teams: [accounts.team] });
    const href = await page.getByRole('link', { name: 'Ouvrir la fiche' }).getAttribute('href');
    a.id = Number(href?.split('/').pop());
    const context = await browser.newContext(userContext);
    await choosePassword(await context.newPage(), link, a.password);
    await context.storageState({ path: storageStateFile(authDir, role) });
    await context.close();
  }

  await page.goto('/settings/users');
  const adminHref = await page.getByRole('link', { name: accounts.admin.name }).getAttribute('href');
  accounts.admin.id = Number(adminHref?.split('/').pop());
  fs.writeFileSync(accountsFile(authDir), JSON.stringify(accounts, null, 2));
});
