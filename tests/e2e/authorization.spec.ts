import { expect, storageStateFile, test } from './fixtures';
import { uid } from './helpers';

// Administration pages are for administrators: a salesperson or a manager sees "Accès refusé" and none
// of the data. The refusal inside services is covered by unit tests; one forged form POST is tried here.

const ADMIN_PAGES = ['/settings/users', '/settings/users/new', '/settings/teams', '/settings/organisation', '/settings/audit'];

for (const role of ['sales', 'manager'] as const) {
  test(`a ${role} user is refused every administration page and sees none of its data`, async ({ salesPage, managerPage, accounts }) => {
    const page = role === 'sales' ? salesPage : managerPage;
    for (const path of [...ADMIN_PAGES, `/settings/users/${accounts.admin.id}`]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(new RegExp(`${path}$`));
      const main = page.getByRole('main');
      await expect(main.getByRole('heading', { name: 'Accès refusé' }), path).toBeVisible();
      await expect(main).toContainText('Vous n’avez pas le droit de faire cela.');
      await expect(main).not.toContainText(accounts.admin.email);
      await expect(main).not.toContainText(accounts.otherTeam);
      await expect(main).not.toContainText(accounts.organisation);
      await expect(main.getByRole('table')).toHaveCount(0);
      await expect(main.getByRole('textbox')).toHaveCount(0);
      await expect(main.getByRole('button')).toHaveCount(0);
    }
  });
}

test('the refusal is in English for an English browser', async ({ newPage, authDir }) => {
  const page = await newPage({ locale: 'en-US', storageState: storageStateFile(authDir, 'sales') });
  await page.goto('/settings/users');
  await expect(page.getByRole('main').getByRole('heading', { name: 'Not allowed' })).toBeVisible();
});

test('a salesperson’s settings show only their profile: no administration cards or tabs', async ({ salesPage: page, adminPage }) => {
  const ADMIN_CARDS = ['Utilisateurs', 'Équipes', 'Listes', 'Pipelines', 'Pistes', 'Organisation', 'Journal d’audit'];
  await page.goto('/settings');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
  await expect(main.getByRole('heading', { level: 2 })).toHaveText(['Mon profil']);
  for (const name of ADMIN_CARDS) await expect(main.getByRole('link', { name: new RegExp(`^${name}`) })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Paramètres' }).getByRole('link')).toHaveText(['Vue d’ensemble']);

  // Control: the administrator has them all.
  await adminPage.goto('/settings');
  await expect(adminPage.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Mon profil', ...ADMIN_CARDS]);
  await expect(adminPage.getByRole('navigation', { name: 'Paramètres' }).getByRole('link')).toHaveText(['Vue d’ensemble', ...ADMIN_CARDS]);
});

test('a salesperson posting the administrator’s new-user form creates nobody', async ({ newPage, adminPage, authDir, baseURL, playwright }) => {
  // The administrator's page, served to the salesperson's browser, which then posts it for real
  // (a plain form POST without JavaScript, a server-action fetch with it).
  const admin = await playwright.request.newContext({ baseURL, storageState: storageStateFile(authDir, 'admin') });
  const html = await (await admin.get('/settings/users/new')).text();
  await admin.dispose();
  const page = await newPage({ storageState: storageStateFile(authDir, 'sales') });
  await page.route('**/settings/users/new', (route) =>
    route.request().method() === 'GET' ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }) : route.continue(),
  );
  await page.goto('/settings/users/new');
  const email = `intrus.${uid()}@example.test`;
  await page.getByLabel('Nom complet').fill('Intrus');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Rôle').selectOption('admin');
  await page.getByRole('button', { name: 'Créer l’utilisateur' }).click();
  await expect(page.getByTestId('password-link')).toHaveCount(0);
  await expect(page.getByRole('main')).toContainText(/Accès refusé|Vous n’avez pas le droit/);

  await adminPage.goto('/settings/users');
  await expect(adminPage.getByRole('main')).not.toContainText(email);
});
