import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCompany, createOpportunity, uid } from './helpers';

// axe (WCAG 2 A and AA) on the opportunity record and its forms, like a11y.spec.ts: axe runs inside the
// page, so the nojs project leaves this file out (playwright.config.ts).

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

test('the opportunity form, its page, and the won and lost confirm steps', async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const companyId = await createCompany(page, { name: `Axe lumière ${id}` });
  await page.goto(`/opportunities/new?company=${companyId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);

  const oppId = await createOpportunity(page, { companyId, name: `Axe ${id}`, amount: '1000', bestCase: '2000', worstCase: '500' });
  await createOpportunity(page, { companyId, name: `Axe bis ${id}`, amount: '500' });
  await page.goto(`/opportunities/${oppId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);

  await page.goto(`/opportunities/${oppId}/close?outcome=lost`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);

  await page.goto(`/opportunities/${oppId}/close?outcome=won`);
  await page.getByRole('button', { name: 'Confirmer : gagnée' }).click();
  await expect(page).toHaveURL(/\/others$/);
  await expectNoViolations(page);

  await page.goto(`/opportunities/${oppId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Gagnée');
  await expectNoViolations(page);
});
