import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { choosePassword, fieldError, newPassword, openAccountMenu, uid } from './helpers';

// The "Done when": on an empty database, in French, with JavaScript on (js project, server 3301)
// and off (nojs project, server 3303). Each server can be set up only once, so this is one journey.

test.use({ baseURL: async ({ emptyServerURL }, use) => use(emptyServerURL) });

test('first run: setup, team, invited salesperson, language switch and sign-out', async ({ page, newPage, javaScriptEnabled }) => {
  test.setTimeout(90_000);
  const admin = { organisation: 'Boulangerie Lefèvre', name: 'Élodie Lefèvre', email: 'elodie@boulangerie.test', password: newPassword() };
  const team = `Ventes Ouest ${uid()}`;
  const sales = { name: 'Hugo Moreau', email: 'hugo@boulangerie.test', password: newPassword() };

  await test.step('an empty Suivi sends every visitor to /setup', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Créer le premier administrateur' })).toBeVisible();
  });

  if (javaScriptEnabled) {
    await test.step('the setup page has no axe violations (wcag2a, wcag2aa)', async () => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(results.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
    });
  }

  const password = page.getByRole('textbox', { name: 'Mot de passe', exact: true });

  await test.step('a 5-character password is refused under the field, in French, and typed values stay', async () => {
    await page.getByLabel('Nom de l’organisation').fill(admin.organisation);
    await page.getByLabel('Nom complet').fill(admin.name);
    await page.getByLabel('E-mail').fill(admin.email);
    await password.fill('court');
    await page.getByRole('button', { name: 'Créer l’administrateur et se connecter' }).click();
    const error = await fieldError(password);
    await expect(error).toHaveText('Le mot de passe doit comporter au moins 10 caractères.');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toHaveAccessibleDescription(/au moins 10 caractères/);
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByLabel('Nom de l’organisation')).toHaveValue(admin.organisation);
    await expect(page.getByLabel('Nom complet')).toHaveValue(admin.name);
    await expect(page.getByLabel('E-mail')).toHaveValue(admin.email);
  });

  await test.step('a valid form signs the administrator in on the home page', async () => {
    await password.fill(admin.password);
    await page.getByRole('button', { name: 'Créer l’administrateur et se connecter' }).click();
    await expect(page).toHaveURL(/:\d+\/$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Élodie' })).toBeVisible();
    await expect(page.getByText(admin.organisation).first()).toBeVisible();
  });

  await test.step('/setup is gone for good: it now leads to sign-in', async () => {
    const visitor = await newPage();
    await visitor.goto('/setup');
    await expect(visitor).toHaveURL(/\/login$/);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  });

  await test.step('Settings → Teams: create a team', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Paramètres' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await page.getByRole('navigation', { name: 'Paramètres' }).getByRole('link', { name: 'Équipes' }).click();
    await expect(page).toHaveURL(/\/settings\/teams$/);
    await page.getByLabel('Nom de l’équipe').fill(team);
    await page.getByRole('button', { name: 'Créer l’équipe' }).click();
    await expect(page.getByRole('status')).toHaveText(`Équipe « ${team} » créée.`);
    await expect(page.getByRole('heading', { level: 2, name: team })).toBeVisible();
  });

  let link = '';
  await test.step('Settings → Users → New user: a salesperson in that team gets a one-time link', async () => {
    await page.getByRole('navigation', { name: 'Paramètres' }).getByRole('link', { name: 'Utilisateurs' }).click();
    await expect(page).toHaveURL(/\/settings\/users$/);
    await page.getByRole('link', { name: 'Nouvel utilisateur' }).click();
    await expect(page).toHaveURL(/\/settings\/users\/new$/);
    await page.getByLabel('Nom complet').fill(sales.name);
    await page.getByLabel('E-mail').fill(sales.email);
    await page.getByLabel('Rôle').selectOption('sales');
    await page.getByRole('checkbox', { name: team }).check();
    await page.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    await expect(page.getByText(`${sales.name} a été créé.`)).toBeVisible();
    link = await page.getByTestId('password-link').inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/set-password\/\S+$/);
    await page.getByRole('link', { name: 'Retour aux utilisateurs' }).click();
    const row = page.getByRole('row').filter({ hasText: sales.email });
    await expect(row).toContainText('Commercial');
    await expect(row).toContainText(team);
    await expect(row).toContainText('Invité');
  });

  const hugo = await newPage();
  await test.step('in another browser, the salesperson opens the link and chooses a password', async () => {
    await choosePassword(hugo, link, sales.password);
    await expect(hugo.getByRole('heading', { level: 1, name: 'Bonjour Hugo' })).toBeVisible();
  });

  await test.step('the salesperson switches their profile to English: the whole UI follows', async () => {
    await openAccountMenu(hugo);
    await hugo.getByRole('link', { name: 'Mon profil' }).click();
    await expect(hugo).toHaveURL(/\/profile$/);
    await hugo.getByLabel('Langue').selectOption('en');
    await hugo.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(hugo.getByRole('status')).toHaveText('Changes saved.');
    await expect(hugo.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible();
    await expect(hugo.locator('html')).toHaveAttribute('lang', 'en');
    await hugo.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
    await expect(hugo.getByRole('heading', { level: 1, name: 'Hello Hugo' })).toBeVisible();
    await openAccountMenu(hugo, 'Account menu');
    await expect(hugo.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(hugo.getByRole('link', { name: 'My profile' })).toBeVisible();
  });

  await test.step('back to Français', async () => {
    await hugo.getByRole('link', { name: 'My profile' }).click();
    await hugo.getByLabel('Language').selectOption('fr');
    await hugo.getByRole('button', { name: 'Save' }).click();
    await expect(hugo.getByRole('status')).toHaveText('Modifications enregistrées.');
    await expect(hugo.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
    await expect(hugo.locator('html')).toHaveAttribute('lang', 'fr');
  });

  await test.step('sign out from the account menu leads to /login', async () => {
    await openAccountMenu(hugo);
    await hugo.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(hugo).toHaveURL(/\/login$/);
    await expect(hugo.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
    await hugo.goto('/');
    await expect(hugo).toHaveURL(/\/login$/);
  });
});
