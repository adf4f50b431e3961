import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCompany, createLead, uid } from './helpers';

// axe (WCAG 2 A and AA) on the lead record, its form, the lose step and the convert dialog, like a11y.spec.ts:
// axe runs inside the page, so the nojs project leaves this file out (playwright.config.ts).

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

test('the lead form, the lead page with its matches, the lose step and the convert dialog', async ({ salesPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const company = `Axe Maison ${id}`;
  await createCompany(page, { name: company });
  await page.goto('/leads/new');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);

  const leadId = await createLead(page, { firstName: 'Ada', lastName: `Axe ${id}`, companyName: company, jobTitle: 'Directrice', stars: 3 });
  await expect(page.getByRole('region', { name: 'Déjà dans le fichier clients ?' })).toBeVisible();
  await expectNoViolations(page);

  await page.goto(`/leads/${leadId}/convert`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);
  // The options' fields as they show once chosen.
  await page.getByRole('radio', { name: 'Créer une nouvelle société' }).check();
  await page.getByRole('radio', { name: 'Sélectionner un contact existant' }).check();
  await page.getByRole('checkbox', { name: 'Créer aussi une opportunité' }).check();
  await expect(page.getByRole('textbox', { name: 'Nom de l’opportunité' })).toBeVisible();
  await expectNoViolations(page);

  await page.goto(`/leads/${leadId}/lose`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('combobox', { name: 'Motif de perte' }).selectOption({ label: 'Prix' });
  await page.getByRole('button', { name: 'Perdre la piste' }).click();
  await expect(page.getByText('La piste est perdue.')).toBeVisible();
  await expectNoViolations(page);

  await page.goto(`/leads/${leadId}/edit`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);
});
