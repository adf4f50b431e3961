import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { uid } from './helpers';

// axe (WCAG 2 A and AA) on Settings → Leads and a scoring rule's page, like a11y.spec.ts: axe runs inside the
// page, so the nojs project leaves this file out (playwright.config.ts).

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

test('the lead settings page, its open disclosures, and a scoring rule’s page', async ({ adminPage: page }) => {
  const name = `Axe ${uid()}`;
  await page.goto('/settings/leads');
  await expect(page.getByRole('heading', { level: 1, name: 'Pistes' })).toBeVisible();
  await expectNoViolations(page);

  // A rule, so the table and its page exist; its words match no lead.
  const form = page.getByRole('region', { name: 'Règles de score' }).locator('form', { has: page.getByLabel('Nom de la règle') });
  await form.getByLabel('Nom de la règle').fill(name);
  await form.getByLabel('Champ').selectOption({ label: 'Ville' });
  await form.getByLabel('Texte').fill(name);
  await form.getByLabel('Points').fill('3');
  await form.getByRole('button', { name: 'Ajouter la règle' }).click();
  await expect(page.getByText(/ajoutée :/)).toBeVisible();

  await page.goto('/settings/leads');
  const first = page.locator('li[id^="status-"]').nth(1);
  await first.locator('summary', { hasText: 'Modifier' }).click();
  await first.locator('summary', { hasText: 'Supprimer' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await row.locator('summary', { hasText: 'Supprimer' }).click();
  await expectNoViolations(page);

  await row.getByRole('link', { name: `Modifier la règle «\u00a0${name}\u00a0»` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expectNoViolations(page);

  await page.goto('/settings/leads');
  const again = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await again.locator('summary', { hasText: 'Supprimer' }).click();
  await again.getByRole('button', { name: 'Supprimer la règle' }).click();
  await expect(page.getByRole('rowheader', { name, exact: true })).toHaveCount(0);
});
