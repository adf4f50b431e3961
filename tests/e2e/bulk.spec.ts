import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCompany, uid, uniquePhone } from './helpers';

// The companies list's bulk form (tag, archive, a refused assignment) and merging two companies found by
// their shared phone. Every name carries a random suffix: the js and nojs runs share the main server.

/** Settings → Listes → Étiquettes, as an administrator. */
async function createTag(admin: Page, name: string): Promise<void> {
  await admin.goto('/settings/lists');
  const card = admin.getByRole('region', { name: 'Étiquettes' });
  await card.getByLabel('Nouvelle étiquette').fill(name);
  await card.getByRole('button', { name: 'Ajouter' }).click();
  await expect(admin.getByRole('region', { name: 'Étiquettes' }).getByText(name, { exact: true })).toBeVisible();
}

/** The list filtered on a city through the filter form (everyone's companies, archived ones if asked). */
async function filterByCity(page: Page, city: string, archived = false): Promise<void> {
  const filters = page.getByRole('form', { name: 'Filtres' });
  await filters.getByLabel('Responsable').selectOption('all');
  await filters.getByLabel('Ville').fill(city);
  if (archived) await filters.getByRole('checkbox', { name: 'Afficher les sociétés archivées' }).check();
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(new RegExp(`city=${city}`));
}

test('two companies are tagged, then archived, from the list’s bulk form', async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const city = `Bulkville${id}`;
  const tag = `Salon ${id}`;
  const names = [`Brasserie Aubert ${id}`, `Brasserie Benoit ${id}`];
  await createTag(page, tag);
  const ids = [];
  for (const name of names) ids.push(await createCompany(page, { name, city }));

  await page.goto('/companies');
  await filterByCity(page, city);
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(3);
  for (const name of names) await expect(table.getByRole('link', { name })).toBeVisible();

  const bulk = page.getByRole('form', { name: 'Avec les lignes sélectionnées' });
  for (const name of names) await bulk.getByRole('checkbox', { name: `Sélectionner ${name}` }).check();
  await bulk.getByLabel('Étiquette').selectOption({ label: tag });
  await bulk.getByRole('button', { name: 'Ajouter l\'étiquette' }).click();
  await expect(page.getByRole('status')).toHaveText('Étiquette ajoutée à 2 lignes.');
  await expect(page).toHaveURL(new RegExp(`city=${city}`));
  for (const companyId of ids) {
    await page.goto(`/companies/${companyId}`);
    await expect(page.getByRole('region', { name: 'Informations' })).toContainText(tag);
  }

  await page.goto('/companies');
  await filterByCity(page, city);
  const again = page.getByRole('form', { name: 'Avec les lignes sélectionnées' });
  for (const name of names) await again.getByRole('checkbox', { name: `Sélectionner ${name}` }).check();
  await again.getByRole('button', { name: 'Archiver' }).click();
  await expect(page.getByRole('status')).toHaveText('2 sociétés archivées.');
  await expect(page.getByText('Aucune société ne correspond à ces filtres')).toBeVisible();
  for (const name of names) await expect(page.getByRole('link', { name })).toHaveCount(0);

  await filterByCity(page, city, true);
  await expect(page).toHaveURL(/archived=on/);
  for (const name of names) {
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Archivée');
  }
});

test('a salesperson’s bulk assignment including a company they may not assign is refused, and nothing changes', async ({ managerPage, salesPage: page, accounts }) => {
  test.setTimeout(90_000);
  const id = uid();
  const city = `Refusville${id}`;
  const theirs = `Garage Colin ${id}`;
  const own = `Garage Dumas ${id}`;
  // The manager's company is filed under the salesperson's team: they see and edit it, but may not reassign it.
  await createCompany(managerPage, { name: theirs, city });
  await createCompany(page, { name: own, city });

  await page.goto('/companies');
  await filterByCity(page, city);
  const bulk = page.getByRole('form', { name: 'Avec les lignes sélectionnées' });
  for (const name of [theirs, own]) await bulk.getByRole('checkbox', { name: `Sélectionner ${name}` }).check();
  await bulk.getByLabel('Nouveau responsable').selectOption({ label: accounts.sales.name });
  await bulk.getByRole('button', { name: 'Attribuer' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Rien n' })).toHaveText(
    'Rien n\'a été modifié : vous n\'avez pas le droit de le faire sur 1 des 2 lignes sélectionnées.',
  );
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
  await expect(row(theirs)).toContainText(accounts.manager.name);
  await expect(row(own)).toContainText(accounts.sales.name);
  await page.reload();
  await expect(row(theirs)).toContainText(accounts.manager.name);
});

test('two companies with the same phone are merged keeping the second’s name; the other one is gone', async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const phone = uniquePhone();
  const firstName = `Imprimerie Lambert ${id}`;
  const secondName = `Imprimerie Lambert et Fils ${id}`;
  const first = await createCompany(page, { name: firstName, phone });
  const second = await createCompany(page, { name: secondName, phone, confirmDuplicate: true });

  await page.goto('/companies/duplicates');
  await expect(page.getByRole('heading', { level: 1, name: 'Doublons de sociétés' })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Nom (formes juridiques ignorées)' }).uncheck();
  await page.getByRole('checkbox', { name: 'Téléphone' }).check();
  await page.getByRole('main').getByRole('button', { name: 'Chercher les doublons' }).click();
  await expect(page).toHaveURL(/by=phone/);
  await page.getByRole('link', { name: new RegExp(`^Comparer et fusionner.*Lambert.*${id}`) }).first().click();
  await expect(page).toHaveURL(/\/merge\/company\?ids=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fusionner des sociétés' })).toBeVisible();

  await page.getByRole('group', { name: 'Fiche à conserver' }).getByRole('radio', { name: new RegExp(`\\(n° ${first}\\)`) }).check();
  await page.getByRole('radio', { name: new RegExp(`^Garder le champ « Nom » de ${secondName} \\(n° ${second}\\)`) }).check();
  await page.getByRole('button', { name: 'Fusionner' }).click();
  await expect(page).toHaveURL(new RegExp(`/companies/${first}\\?merged=1$`));
  await expect(page.getByRole('status')).toContainText('Les fiches ont été fusionnées');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(secondName);

  // The page renders its own "not found" (components/ui/record-not-found.tsx), with status 200.
  const gone = await page.goto(`/companies/${second}`);
  expect(gone?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
});
