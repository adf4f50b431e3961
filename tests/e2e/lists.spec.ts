import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { uid } from './helpers';

// Settings → Listes: a value added by the administrator is offered in the company form until retired.

async function industryOptions(page: Page): Promise<string[]> {
  await page.goto('/companies/new');
  return page.getByLabel('Secteur d’activité').locator('option').allTextContents();
}

test('an industry added on Settings → Listes is offered in the company form, and no longer once retired', async ({ adminPage: page }) => {
  const value = `Aéronautique ${uid()}`;
  await page.goto('/settings/lists');
  await expect(page.getByRole('heading', { level: 1, name: 'Listes de référence' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Secteurs d’activité' });
  await card.getByLabel('Nouveau secteur').fill(value);
  await card.getByRole('button', { name: 'Ajouter' }).click();
  await expect(page.getByText(`Valeur « ${value} » ajoutée.`)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Secteurs d’activité' }).getByText(value, { exact: true })).toBeVisible();

  expect(await industryOptions(page)).toContain(value);

  await page.goto('/settings/lists');
  await page.getByRole('region', { name: 'Secteurs d’activité' }).getByRole('button', { name: `Retirer « ${value} »` }).click();
  await expect(page.getByRole('region', { name: 'Secteurs d’activité' }).getByRole('button', { name: `Rétablir « ${value} »` })).toBeVisible();

  expect(await industryOptions(page)).not.toContain(value);
});
