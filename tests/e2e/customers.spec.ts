import type { Page } from '@playwright/test';
import { expect, storageStateFile, test } from './fixtures';
import { createCompany, fieldError, uid, uniquePhone } from './helpers';

// Companies and contacts: the customer page journey, search, duplicate warning, stale edits, visibility,
// saved views. Every name carries a random suffix: the js and nojs runs share the main server.

/** From the company page, "Nouveau contact"; returns the contact's id (the page ends on it). */
async function addContact(page: Page, companyId: number, c: { firstName: string; lastName: string; email?: string; jobTitle?: string }): Promise<number> {
  await page.goto(`/companies/${companyId}`);
  await page.getByRole('link', { name: 'Nouveau contact' }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts/new\\?companyId=${companyId}$`));
  await expect(page.getByLabel('Société', { exact: true })).toHaveValue(String(companyId));
  await page.getByLabel('Prénom').fill(c.firstName);
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(c.lastName);
  if (c.email) await page.getByLabel('E-mail', { exact: true }).fill(c.email);
  if (c.jobTitle) await page.getByLabel('Fonction').fill(c.jobTitle);
  await page.getByRole('button', { name: 'Créer le contact' }).click();
  await expect(page).toHaveURL(/\/contacts\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

test('a company with two addresses: the website error is shown on its field, then the customer page lists addresses and three contacts', async ({ salesPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const name = `Menuiserie Leroy ${id}`;
  await page.goto('/companies/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle société' })).toBeVisible();
  await page.getByLabel('Raison sociale').fill(name);
  await page.getByLabel('Type').selectOption('client');
  await page.getByLabel('Téléphone').fill(uniquePhone());
  const website = page.getByLabel('Site web');
  await website.fill(`www.leroy-${id}.fr`);

  const first = page.getByRole('group', { name: 'Adresse 1', exact: true });
  await first.getByLabel('Libellé (par ex. Siège)').fill('Siège');
  await first.getByLabel('Adresse', { exact: true }).fill('12 rue des Lilas');
  await first.getByLabel('Code postal').fill('69003');
  await first.getByLabel('Ville').fill('Lyon');
  await first.getByLabel('Par défaut').check();

  // The second slot is folded away until asked for.
  const second = page.getByRole('group', { name: 'Adresse 2', exact: true });
  await expect(second.getByLabel('Adresse', { exact: true })).toBeHidden();
  await page.getByText('Ajouter l’adresse 2').click();
  await second.getByLabel('Libellé (par ex. Siège)').fill('Entrepôt');
  await second.getByLabel('Adresse', { exact: true }).fill('4 chemin du Port');
  await second.getByLabel('Code postal').fill('13002');
  await second.getByLabel('Ville').fill('Marseille');
  await second.getByLabel('Livraison').check();

  await page.getByRole('button', { name: 'Créer la société' }).click();
  await expect(await fieldError(page.getByLabel('Site web'))).toContainText('Commencez l’adresse par https://');
  await expect(page.getByLabel('Site web')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/companies\/new$/);
  // Everything typed is still there, the second address included.
  await expect(page.getByLabel('Raison sociale')).toHaveValue(name);
  await expect(page.getByLabel('Type')).toHaveValue('client');
  await expect(page.getByLabel('Site web')).toHaveValue(`www.leroy-${id}.fr`);
  await expect(first.getByLabel('Ville')).toHaveValue('Lyon');
  await expect(second.getByLabel('Adresse', { exact: true })).toBeVisible();
  await expect(second.getByLabel('Adresse', { exact: true })).toHaveValue('4 chemin du Port');
  await expect(second.getByLabel('Ville')).toHaveValue('Marseille');
  await expect(second.getByLabel('Livraison')).toBeChecked();

  await page.getByLabel('Site web').fill(`https://www.leroy-${id}.fr`);
  await page.getByRole('button', { name: 'Créer la société' }).click();
  await expect(page).toHaveURL(/\/companies\/\d+$/);
  const companyId = Number(new URL(page.url()).pathname.split('/').pop());
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  const details = page.getByRole('region', { name: 'Informations' });
  await expect(details.getByRole('link', { name: `https://www.leroy-${id}.fr` })).toBeVisible();
  const addresses = page.getByRole('region', { name: 'Adresses' });
  await expect(addresses.locator('address')).toHaveCount(2);
  await expect(addresses).toContainText('12 rue des Lilas');
  await expect(addresses).toContainText('69003 Lyon');
  await expect(addresses).toContainText('4 chemin du Port');
  await expect(addresses).toContainText('13002 Marseille');
  await expect(page.getByRole('region', { name: 'Contacts' })).toContainText('Aucun contact pour l’instant.');

  const people = [
    { firstName: 'Anne', lastName: `Leroy ${id}`, email: `anne@leroy-${id}.fr`, jobTitle: 'Gérante' },
    { firstName: 'Paul', lastName: `Morel ${id}`, email: `paul@leroy-${id}.fr` },
    { firstName: 'Inès', lastName: `Faure ${id}` },
  ];
  for (const p of people) {
    await addContact(page, companyId, p);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`${p.firstName} ${p.lastName}`);
    await expect(page.getByRole('navigation', { name: 'Fil d’Ariane' }).getByRole('link', { name })).toBeVisible();
  }

  await page.goto(`/companies/${companyId}`);
  const contacts = page.getByRole('region', { name: '3 contacts' });
  await expect(contacts.getByRole('link', { name: /Leroy|Morel|Faure/ })).toHaveCount(3);
  for (const p of people) await expect(contacts.getByRole('link', { name: `${p.firstName} ${p.lastName}` })).toBeVisible();
  await expect(contacts.getByRole('link', { name: `anne@leroy-${id}.fr` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Historique' })).toContainText('Chloé Bernard');
});

test('search ignores accents and case; a contact is found by its email domain', async ({ salesPage: page }) => {
  const id = uid();
  const name = `Société Générale de Test ${id}`;
  const companyId = await createCompany(page, { name });
  const domain = `sgt${id}.example`;
  const contactId = await addContact(page, companyId, { firstName: 'Hélène', lastName: `Garnier ${id}`, email: `helene.garnier@${domain}` });

  const header = page.getByRole('search', { name: 'Rechercher des sociétés et des contacts' });
  await header.getByRole('searchbox').fill(`societe generale de test ${id}`);
  await header.getByRole('searchbox').press('Enter');
  await expect(page).toHaveURL(/\/search\?q=/);
  const companies = page.getByRole('region', { name: /^Sociétés/ });
  await expect(companies.getByRole('link', { name })).toHaveAttribute('href', `/companies/${companyId}`);
  await companies.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));

  await page.getByRole('search', { name: 'Rechercher des sociétés et des contacts' }).getByRole('searchbox').fill(domain);
  await page.getByRole('search', { name: 'Rechercher des sociétés et des contacts' }).getByRole('searchbox').press('Enter');
  const contacts = page.getByRole('region', { name: /^Contacts/ });
  await expect(contacts.getByRole('link', { name: `Hélène Garnier ${id}` })).toHaveAttribute('href', `/contacts/${contactId}`);
});

test('a likely duplicate is flagged with a link to the existing company, and created only when confirmed', async ({ salesPage: page }) => {
  const id = uid();
  const existing = `Société Générale de Test ${id}`;
  const existingId = await createCompany(page, { name: existing });
  const copy = `SOCIETE GENERALE DE TEST ${id} SA`;

  await page.goto('/companies/new');
  await page.getByLabel('Raison sociale').fill(copy);
  await page.getByRole('button', { name: 'Créer la société' }).click();
  const notice = page.getByText('Ces fiches ressemblent à celle que vous enregistrez').locator('..');
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('link', { name: existing })).toHaveAttribute('href', `/companies/${existingId}`);
  await expect(page).toHaveURL(/\/companies\/new$/);
  await expect(page.getByLabel('Raison sociale')).toHaveValue(copy);

  await page.getByRole('checkbox', { name: 'C’est une autre société : la créer quand même' }).check();
  await page.getByRole('button', { name: 'Créer la société' }).click();
  await expect(page).toHaveURL(/\/companies\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(copy);

  // Exactly two: the refused attempt created nothing.
  await page.goto(`/search?q=${encodeURIComponent(`generale test ${id}`)}`);
  await expect(page.getByRole('region', { name: /^Sociétés/ }).getByRole('link', { name: /g[ée]n[ée]rale de test/i })).toHaveCount(2);
});

test('a stale edit is refused with who changed the company, and the first save is kept', async ({ adminPage: page, newPage, authDir, accounts }) => {
  const id = uid();
  const companyId = await createCompany(page, { name: `Transports Royer ${id}` });
  const other = await newPage({ storageState: storageStateFile(authDir, 'admin') });
  await page.goto(`/companies/${companyId}/edit`);
  await other.goto(`/companies/${companyId}/edit`);
  await expect(other.getByLabel('Téléphone')).toBeVisible();

  const kept = uniquePhone();
  const lost = uniquePhone();
  await page.getByLabel('Téléphone').fill(kept);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}$`));

  await other.getByLabel('Téléphone').fill(lost);
  await other.getByLabel('Notes').fill('écrase tout');
  await other.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(other.getByText(`Cette fiche a été modifiée par ${accounts.admin.name}`)).toBeVisible();
  await expect(other).toHaveURL(new RegExp(`/companies/${companyId}/edit$`));

  await page.goto(`/companies/${companyId}`);
  const details = page.getByRole('region', { name: 'Informations' });
  await expect(details).toContainText(kept);
  await expect(details).not.toContainText(lost);
  await expect(details).not.toContainText('écrase tout');
});

test('a salesperson gets "Page introuvable" for an administrator’s company outside their teams, and no reference lists', async ({ adminPage, salesPage: page }) => {
  const id = uid();
  const name = `Confidentiel ${id}`;
  const companyId = await createCompany(adminPage, { name });
  await expect(adminPage.getByRole('main')).toContainText('Alice Martin');

  // The page renders its own "not found" (see components/ui/record-not-found.tsx): readable without JavaScript.
  await page.goto(`/companies/${companyId}`);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(name);
  await page.goto(`/companies/${companyId}/edit`);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(name);
  await page.goto(`/search?q=${encodeURIComponent(`confidentiel ${id}`)}`);
  await expect(page.getByRole('main')).not.toContainText(name);

  await page.goto('/settings/lists');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Accès refusé' })).toBeVisible();
  await expect(main.getByRole('heading', { name: 'Secteurs d’activité' })).toHaveCount(0);
  await expect(main.getByRole('textbox')).toHaveCount(0);
  await expect(main.getByRole('button')).toHaveCount(0);
});

test('a saved view keeps its filters and columns, and reapplies them from the views bar', async ({ adminPage: page }) => {
  const id = uid();
  const city = `Villeneuve${id}`;
  const name = `Grands comptes ${id}`;
  await createCompany(page, { name: `Fonderie Caron ${id}`, city, keyAccount: true });
  await createCompany(page, { name: `Fonderie Petit ${id}`, city });

  await page.goto('/companies');
  const filters = page.getByRole('form', { name: 'Filtres' });
  await filters.getByLabel('Ville').fill(city);
  await filters.getByLabel('Grand compte').check();
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/key=on/);
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: `Fonderie Caron ${id}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `Fonderie Petit ${id}` })).toHaveCount(0);

  const columns = page.locator('details').filter({ has: page.getByText('Colonnes', { exact: true }) });
  await columns.getByText('Colonnes', { exact: true }).click();
  await columns.getByRole('checkbox', { name: 'Ville' }).check();
  await columns.getByRole('checkbox', { name: 'Téléphone' }).uncheck();
  await columns.getByRole('button', { name: 'Appliquer les colonnes' }).click();
  await expect(page).toHaveURL(/cols=/);
  await expect(page.getByRole('columnheader', { name: 'Ville' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Téléphone' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Filtres' }).getByLabel('Grand compte')).toBeChecked();

  const save = page.locator('details').filter({ has: page.getByText('Enregistrer cette vue', { exact: true }) });
  await save.getByText('Enregistrer cette vue', { exact: true }).click();
  await save.getByLabel('Nom').fill(name);
  await save.getByRole('button', { name: 'Enregistrer la vue' }).click();
  await expect(page.getByRole('status')).toHaveText('Vue enregistrée.');
  const bar = page.getByRole('navigation', { name: 'Vues' });
  await expect(bar.getByRole('link', { name })).toBeVisible();

  await page.goto('/companies');
  await expect(page.getByRole('form', { name: 'Filtres' }).getByLabel('Ville')).toHaveValue('');
  await page.getByRole('navigation', { name: 'Vues' }).getByRole('link', { name }).click();
  await expect(page.getByRole('navigation', { name: 'Vues' }).getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveURL(/key=on/);
  await expect(page.getByRole('form', { name: 'Filtres' }).getByLabel('Ville')).toHaveValue(city);
  // Soft: with JavaScript, the box stays unticked after the client-side navigation though the list is filtered.
  await expect(page.getByRole('form', { name: 'Filtres' }).getByLabel('Grand compte'), 'the view’s "Grand compte" filter is shown ticked').toBeChecked();
  await expect(page.getByRole('columnheader', { name: 'Ville' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Téléphone' })).toHaveCount(0);
  await expect(page.getByRole('table').getByRole('link', { name: `Fonderie Caron ${id}` })).toBeVisible();
  await expect(page.getByRole('table').getByRole('link', { name: `Fonderie Petit ${id}` })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('form', { name: 'Filtres' }).getByLabel('Grand compte')).toBeChecked();
});

test('in English: the website error and the customer page headings', async ({ newPage, authDir }) => {
  const page = await newPage({ locale: 'en-US', storageState: storageStateFile(authDir, 'sales') });
  const id = uid();
  const name = `Harbour Tools ${id}`;
  await page.goto('/companies/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New company' })).toBeVisible();
  await page.getByLabel('Company name').fill(name);
  await page.getByLabel('Website').fill(`harbour-${id}.co.uk`);
  await page.getByRole('group', { name: 'Address 1', exact: true }).getByLabel('Address', { exact: true }).fill('3 Quay Street');
  await page.getByRole('group', { name: 'Address 1', exact: true }).getByLabel('City').fill('Leeds');
  await page.getByRole('button', { name: 'Create the company' }).click();
  await expect(await fieldError(page.getByLabel('Website'))).toContainText('Start the address with https://');
  await expect(page.getByLabel('Company name')).toHaveValue(name);

  await page.getByLabel('Website').fill(`https://harbour-${id}.co.uk`);
  await page.getByRole('button', { name: 'Create the company' }).click();
  await expect(page).toHaveURL(/\/companies\/\d+$/);
  for (const heading of ['Details', 'Contacts', 'Addresses', 'History']) {
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Addresses' })).toContainText('Leeds');
  await expect(page.getByRole('link', { name: 'New contact' })).toBeVisible();
});
