import fs from 'node:fs';
import { expect, storageStateFile, test } from './fixtures';
import { invitedUser, newPassword, signIn, signOut, uid } from './helpers';

// Sign-in failures are throttled per account (4 free tries) and per IP (20): every failure here uses a
// fresh or little-used account, and the whole suite stays well under the IP's free tries.

const BAD_CREDENTIALS = 'E-mail ou mot de passe incorrect.';

test('a wrong password is refused with the usual message and the email is kept', async ({ page, accounts }) => {
  await signIn(page, accounts.sales.email, 'pas le bon mot de passe');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(BAD_CREDENTIALS);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel('E-mail')).toHaveValue(accounts.sales.email);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('an unknown email gets the very same message', async ({ page }) => {
  await signIn(page, `personne.${uid()}@example.test`, 'un mot de passe quelconque');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(BAD_CREDENTIALS);
  await expect(page).toHaveURL(/\/login$/);
});

test('a visitor is sent to sign-in, then signs in', async ({ page, accounts }) => {
  const u = accounts.manager;
  await page.goto('/contacts');
  await expect(page).toHaveURL(/\/login\?next=%2Fcontacts$|\/login$/);
  await page.getByLabel('E-mail').fill(u.email);
  await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(u.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/$|\/contacts$/);
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
});

test('a deactivated user is signed out at once and cannot sign in again', async ({ adminPage, newPage }) => {
  const u = await invitedUser(adminPage, newPage);
  await u.page.goto('/leads');
  await expect(u.page.getByRole('heading', { level: 1, name: 'Pistes' })).toBeVisible();

  await adminPage.goto('/settings/users');
  await adminPage.getByRole('link', { name: u.name }).click();
  await expect(adminPage.getByRole('heading', { level: 1, name: u.name })).toBeVisible();
  await adminPage.getByRole('button', { name: 'Désactiver' }).click();
  await expect(adminPage.getByRole('heading', { level: 1, name: u.name })).toContainText('Désactivé');
  await expect(adminPage.getByRole('button', { name: 'Réactiver' })).toBeVisible();

  await u.page.reload();
  await expect(u.page).toHaveURL(/\/login/);
  await signIn(u.page, u.email, u.password);
  await expect(u.page.getByRole('main').getByRole('alert')).toHaveText(BAD_CREDENTIALS);
  await expect(u.page).toHaveURL(/\/login$/);
});

test('a tampered session cookie is refused: back to sign-in', async ({ newPage, authDir, baseURL }) => {
  const state = JSON.parse(fs.readFileSync(storageStateFile(authDir, 'sales'), 'utf8')) as {
    cookies: { name: string; value: string; domain: string; path: string }[];
  };
  const session = state.cookies.find((c) => c.name === 'suivi_session');
  expect(session, 'the saved sales state has a session cookie').toBeTruthy();
  const last = session!.value.slice(-1);
  const tampered = session!.value.slice(0, -1) + (last === 'a' ? 'b' : 'a');
  const page = await newPage();
  await page.context().addCookies([{ name: 'suivi_session', value: tampered, url: baseURL! }]);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion' })).toBeVisible();
  await page.context().addCookies([{ name: 'suivi_session', value: 'x'.repeat(40), url: baseURL! }]);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});

test('after sign-out, neither the back button nor a reload shows the app', async ({ adminPage, newPage }) => {
  const u = await invitedUser(adminPage, newPage);
  await u.page.goto('/profile');
  await expect(u.page.getByRole('heading', { level: 1, name: 'Mon profil' })).toBeVisible();
  await signOut(u.page);
  await u.page.goBack();
  await expect(u.page.getByText(u.email)).toHaveCount(0);
  await expect(u.page.getByRole('heading', { level: 1, name: 'Mon profil' })).toHaveCount(0);
  await u.page.reload();
  await expect(u.page).toHaveURL(/\/login/);
  await expect(u.page.getByRole('navigation', { name: 'Navigation principale' })).toHaveCount(0);
  await u.page.goto('/settings');
  await expect(u.page).toHaveURL(/\/login/);
});

test('a set-password link works once', async ({ adminPage, newPage }) => {
  const u = await invitedUser(adminPage, newPage);
  const again = await newPage();
  await again.goto(u.link);
  await expect(again.getByRole('heading', { level: 1, name: 'Choisissez votre mot de passe' })).toBeVisible();
  await expect(again.getByRole('main').getByRole('alert')).toHaveText(
    'Ce lien est invalide, expiré ou déjà utilisé. Demandez-en un nouveau à un administrateur.',
  );
  await expect(again.getByLabel('Nouveau mot de passe')).toHaveCount(0);
});

test('changing one’s password ends the other sessions and keeps this one', async ({ adminPage, newPage }) => {
  const u = await invitedUser(adminPage, newPage);
  const other = await newPage();
  await signIn(other, u.email, u.password);
  await expect(other.getByRole('heading', { level: 1, name: /^Bonjour/ })).toBeVisible();

  await u.page.goto('/profile');
  const current = u.page.getByLabel('Mot de passe actuel');
  await current.fill('pas le mot de passe actuel');
  await u.page.getByLabel('Nouveau mot de passe').fill(newPassword());
  await u.page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(u.page.getByText('Ce n’est pas votre mot de passe actuel.')).toBeVisible();

  const changed = newPassword();
  await u.page.getByLabel('Mot de passe actuel').fill(u.password);
  await u.page.getByLabel('Nouveau mot de passe').fill(changed);
  await u.page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(u.page.getByRole('status')).toHaveText('Mot de passe changé. Vos autres sessions ont été fermées.');

  await u.page.goto('/settings');
  await expect(u.page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
  await other.goto('/settings');
  await expect(other).toHaveURL(/\/login/);

  await signIn(other, u.email, u.password);
  await expect(other.getByRole('main').getByRole('alert')).toHaveText(BAD_CREDENTIALS);
  await signIn(other, u.email, changed);
  await expect(other).toHaveURL(/:\d+\/$/);
});

test('the session cookie is HttpOnly, SameSite=Lax, Path=/', async ({ page, accounts }) => {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login'));
  await signIn(page, accounts.manager.email, accounts.manager.password);
  await expect(page).toHaveURL(/:\d+\/$/);
  const setCookie = (await (await response).headerValue('set-cookie')) ?? '';
  expect(setCookie).toMatch(/suivi_session=[^;]+/);
  expect(setCookie).toMatch(/;\s*HttpOnly/i);
  expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
  expect(setCookie).toMatch(/;\s*Path=\/(;|$)/);
  const cookie = (await page.context().cookies()).find((c) => c.name === 'suivi_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  // Readable by no script in the page.
  if (await page.evaluate(() => true).catch(() => false)) {
    expect(await page.evaluate(() => document.cookie)).not.toContain('suivi_session');
  }
});
