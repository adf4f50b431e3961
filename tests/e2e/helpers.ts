import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** A short random suffix: js and nojs run against the same database, so names must not collide. */
export function uid(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** A password long enough and not in the common-password list. */
export function newPassword(): string {
  return `Lune bleue sur ${uid()}`;
}

export type NewUser = { name: string; email: string; role: 'admin' | 'manager' | 'sales' | 'read_only'; teams?: string[] };

/** The input a label points to, and the error paragraph the field puts under it. */
export async function fieldError(field: Locator): Promise<Locator> {
  const id = await field.getAttribute('id');
  return field.page().locator(`[id="${id}-error"]`);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Settings → Users → New user, as an administrator; returns the one-time set-password link. */
export async function createUser(admin: Page, u: NewUser): Promise<string> {
  await admin.goto('/settings/users/new');
  await admin.getByLabel('Nom complet').fill(u.name);
  await admin.getByLabel('E-mail').fill(u.email);
  await admin.getByLabel('Rôle').selectOption(u.role);
  for (const team of u.teams ?? []) await admin.getByRole('checkbox', { name: team, exact: true }).check();
  await admin.getByRole('button', { name: 'Créer l’utilisateur' }).click();
  const link = admin.getByTestId('password-link');
  await expect(link).toBeVisible();
  return link.inputValue();
}

/** Opens a set-password link and chooses a password; the page ends signed in on the home page. */
export async function choosePassword(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choisissez votre mot de passe' })).toBeVisible();
  await page.getByLabel('Nouveau mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe et se connecter' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** A user created by the admin who has chosen a password, signed in in a context of their own. */
export async function invitedUser(
  admin: Page,
  newPage: () => Promise<Page>,
  u: Partial<NewUser> = {},
): Promise<{ page: Page; email: string; password: string; name: string; link: string }> {
  const id = uid();
  const user: NewUser = { name: u.name ?? `Camille ${id}`, email: u.email ?? `camille.${id}@example.test`, role: u.role ?? 'sales', teams: u.teams };
  const link = await createUser(admin, user);
  const page = await newPage();
  const password = newPassword();
  await choosePassword(page, link, password);
  return { page, email: user.email, password, name: user.name, link };
}

/** The account menu is a <details>: it opens without JavaScript. */
export async function openAccountMenu(page: Page, label = 'Menu du compte'): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
}

export async function signOut(page: Page, labels = { menu: 'Menu du compte', signOut: 'Se déconnecter' }): Promise<void> {
  await openAccountMenu(page, labels.menu);
  await page.getByRole('button', { name: labels.signOut }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/**
 * Runs `fn` while holding a lock shared by all workers: for the few tests that change something every
 * page shows (the organisation's name and logo), so the js and nojs runs of them do not interleave.
 */
export async function withLock<T>(dir: string, name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, `${name}.lock`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`lock ${name} still held after 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** A phone number no other test uses: the duplicate check compares phones. */
export function uniquePhone(): string {
  const d = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  return `01 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`;
}

export type NewCompany = { name: string; city?: string; phone?: string; keyAccount?: boolean; website?: string; confirmDuplicate?: boolean };

/** /companies/new with the few fields given (confirming the duplicate warning if asked); returns the new id. */
export async function createCompany(page: Page, c: NewCompany): Promise<number> {
  await page.goto('/companies/new');
  await page.getByLabel('Raison sociale').fill(c.name);
  if (c.website) await page.getByLabel('Site web').fill(c.website);
  if (c.phone) await page.getByLabel('Téléphone').fill(c.phone);
  if (c.keyAccount) await page.getByRole('checkbox', { name: 'Grand compte' }).check();
  if (c.city) {
    const slot = page.getByRole('group', { name: 'Adresse 1', exact: true });
    await slot.getByLabel('Adresse', { exact: true }).fill('1 place de la Mairie');
    await slot.getByLabel('Ville').fill(c.city);
  }
  await page.getByRole('button', { name: 'Créer la société' }).click();
  if (c.confirmDuplicate) {
    await expect(page.getByText('Ces fiches ressemblent à celle que vous enregistrez')).toBeVisible();
    await expect(page).toHaveURL(/\/companies\/new$/);
    await page.getByRole('checkbox', { name: 'C’est une autre société : la créer quand même' }).check();
    await page.getByRole('button', { name: 'Créer la société' }).click();
  }
  await expect(page).toHaveURL(/\/companies\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(c.name);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

export type NewOpportunity = { companyId: number; name: string; amount?: string; bestCase?: string; worstCase?: string; pipeline?: string };

/**
 * /opportunities/new?company=ID with the few fields given (the form's fields are named as in
 * lib/opportunities/schema.ts); returns the new opportunity's id.
 */
export async function createOpportunity(page: Page, o: NewOpportunity): Promise<number> {
  await page.goto(`/opportunities/new?company=${o.companyId}`);
  const form = page.locator('form:has([name="pipelineId"])');
  await form.locator('[name="name"]').fill(o.name);
  if (o.pipeline) await form.locator('select[name="pipelineId"]').selectOption({ label: o.pipeline });
  if (o.amount) await form.locator('[name="amount"]').fill(o.amount);
  if (o.bestCase) await form.locator('[name="bestCase"]').fill(o.bestCase);
  if (o.worstCase) await form.locator('[name="worstCase"]').fill(o.worstCase);
  await form.locator('button[type="submit"]').last().click();
  await expect(page).toHaveURL(/\/opportunities\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

export type NewLead = {
  lastName: string;
  firstName?: string;
  companyName?: string;
  jobTitle?: string;
  email?: string;
  phone?: string;
  city?: string;
  /** Leave the lead unassigned, in this team's queue (the team's name as shown). */
  queueTeam?: string;
  /** 0 to 5 stars. */
  stars?: number;
  /** Tick "create anyway" when the form warns about likely duplicates. */
  confirmDuplicate?: boolean;
};

/**
 * /leads/new with the few fields given (the form's fields are named as in lib/leads/schema.ts; by default the
 * lead is assigned to the signed-in user); returns the new lead's id.
 */
export async function createLead(page: Page, l: NewLead): Promise<number> {
  await page.goto('/leads/new');
  const form = page.locator('form:has([name="lastName"])');
  await form.locator('[name="lastName"]').fill(l.lastName);
  if (l.firstName) await form.locator('[name="firstName"]').fill(l.firstName);
  if (l.companyName) await form.locator('[name="companyName"]').fill(l.companyName);
  if (l.jobTitle) await form.locator('[name="jobTitle"]').fill(l.jobTitle);
  if (l.email) await form.locator('[name="email"]').fill(l.email);
  if (l.phone) await form.locator('[name="phone"]').fill(l.phone);
  if (l.city) await form.locator('[name="city"]').fill(l.city);
  if (l.stars !== undefined) await form.locator(`input[name="manualScore"][value="${l.stars}"]`).check();
  if (l.queueTeam) {
    await form.locator('select[name="ownerId"]').selectOption('');
    await form.locator('select[name="teamId"]').selectOption({ label: l.queueTeam });
  }
  await form.locator('button[type="submit"]').last().click();
  if (l.confirmDuplicate) {
    const confirm = form.locator('input[name="confirmDuplicate"]');
    await expect(confirm).toBeVisible();
    await confirm.check();
    await form.locator('button[type="submit"]').last().click();
  }
  await expect(page).toHaveURL(/\/leads\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

/**
 * Opens the <details> whose summary says `name`, and makes sure it stays open: a click that lands before
 * hydration can be undone by React, so it is retried until the element keeps its `open` attribute.
 */
export async function openDisclosure(scope: Locator, name: string): Promise<void> {
  const summary = scope.locator('summary', { hasText: name }).first();
  const details = summary.locator('xpath=..');
  await expect(async () => {
    if ((await details.getAttribute('open')) === null) await summary.click();
    await expect(details).toHaveAttribute('open', '', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
}

/**
 * Drags the card named `name` with the keyboard on a kanban board: picks it up with Space, presses each key and
 * waits for the announcement that it is over the given column, then drops it (unless `drop` is false).
 */
export async function keyboardDrag(page: Page, name: string, steps: [key: string, column: string][], drop = true) {
  const live = page.locator('[id^="DndLiveRegion"]');
  await page.getByRole('button', { name: `Déplacer « ${name} »`, exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(live).toContainText(`« ${name} » saisie`);
  for (const [key, col] of steps) {
    await page.keyboard.press(key);
    // A key pressed just after the pick-up can come before the sensor listens: pressed again only while the
    // card is still announced as just picked up.
    await expect(async () => {
      try {
        await expect(live).toContainText(`« ${name} » est au-dessus de ${col}`, { timeout: 2000 });
      } catch (e) {
        if ((await live.textContent())?.includes('saisie')) await page.keyboard.press(key);
        throw e;
      }
    }).toPass({ timeout: 15_000 });
  }
  if (drop) await page.keyboard.press('Space');
}
