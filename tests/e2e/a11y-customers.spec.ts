import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { uid } from './helpers';

// axe (WCAG 2 A and AA) on the companies and contacts pages, like a11y.spec.ts: the nojs project ignores this
// file (playwright.config.ts), since axe runs inside the page.

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

for (const path of ['/companies', '/companies/new', '/contacts', '/contacts/new', `/search?q=societe`, '/settings/lists', '/companies/duplicates']) {
  test(path, async ({ adminPage: page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page);
  });
}

test('a customer page', async ({ adminPage: page }) => {
  await page.goto('/companies/new');
  await page.getByLabel('Raison sociale').fill(`Axe et fils ${uid()}`);
  await page.getByRole('button', { name: 'Créer la société' }).click();
  await expect(page).toHaveURL(/\/companies\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);
});
