import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { uid } from './helpers';

// Merging two contacts from the duplicates page, choosing one value from the second, then undoing it.

async function newContact(page: Page, c: { firstName: string; lastName: string; email: string; jobTitle: string }): Promise<number> {
  await page.goto('/contacts/new');
  await page.getByLabel('Prénom').fill(c.firstName);
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(c.lastName);
  await page.getByLabel('E-mail', { exact: true }).fill(c.email);
  await page.getByLabel('Fonction').fill(c.jobTitle);
  await page.getByRole('button', { name: 'Créer le contact' }).click();
  const confirm = page.getByRole('checkbox', { name: 'C’est une autre personne : créer le contact quand même' });
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(c.lastName) }).or(confirm).first()).toBeVisible();
  if (/\/contacts\/new/.test(page.url())) {
    await confirm.check();
    await page.getByRole('button', { name: 'Créer le contact' }).click();
  }
  await expect(page).toHaveURL(/\/contacts\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

test('two contacts with the same email are merged keeping a value of the second, and the merge is undone', async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const lastName = `Dupont ${id}`;
  const name = `Jean ${lastName}`;
  const email = `jean.dupont.${id}@example.test`;
  const first = await newContact(page, { firstName: 'Jean', lastName, email, jobTitle: 'Acheteur' });
  const second = await newContact(page, { firstName: 'Jean', lastName, email, jobTitle: 'Directeur des achats' });

  await page.goto('/contacts/duplicates');
  await expect(page.getByRole('heading', { level: 1, name: 'Doublons de contacts' })).toBeVisible();
  await page.getByRole('link', { name: new RegExp(`^Comparer et fusionner.*${lastName}`) }).first().click();
  await expect(page).toHaveURL(/\/merge\/contact\?ids=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Fusionner des contacts' })).toBeVisible();

  await page.getByRole('group', { name: 'Fiche à conserver' }).getByRole('radio', { name: new RegExp(`\\(n° ${first}\\)`) }).check();
  await page.getByRole('radio', { name: `Garder le champ « Fonction » de ${name} (n° ${second}): Directeur des achats` }).check();
  await page.getByRole('button', { name: 'Fusionner' }).click();
  await expect(page).toHaveURL(new RegExp(`/contacts/${first}\\?merged=1$`));
  await expect(page.getByRole('status')).toContainText('Les fiches ont été fusionnées');
  await expect(page.getByRole('main')).toContainText('Directeur des achats');
  await page.goto(`/contacts/${second}`);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();

  await page.goto('/merge');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) }).first();
  await expect(row).toContainText('Contact');
  await row.getByRole('button', { name: `Annuler — Annuler la fusion dans ${name}` }).click();
  await expect(page).toHaveURL(/\/merge\?undone=1$/);
  await expect(page.getByText('La fusion a été annulée : les fiches fusionnées sont de retour.')).toBeVisible();
  await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name }) }).first()).toContainText('Annulée par Alice Martin');

  await page.goto(`/contacts/${first}`);
  await expect(page.getByRole('main')).toContainText('Acheteur');
  await expect(page.getByRole('main')).not.toContainText('Directeur des achats');
  const back = await page.goto(`/contacts/${second}`);
  expect(back?.status()).toBe(200);
  await expect(page.getByRole('main')).toContainText('Directeur des achats');
});
