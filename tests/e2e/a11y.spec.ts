import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// axe (WCAG 2 A and AA) on each page, in the js project only: axe runs inside the page.
// /setup is checked in first-run.spec, the only time an empty server shows it.

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

test('/login', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);
});

test('/login with an error shown', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByLabel('E-mail')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page);
});

for (const path of ['/', '/leads', '/profile', '/settings', '/settings/users', '/settings/users/new', '/settings/teams', '/settings/organisation', '/settings/audit']) {
  test(path, async ({ adminPage: page }) => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(page);
  });
}

test('/settings/users/[id]', async ({ adminPage: page, accounts }) => {
  await page.goto(`/settings/users/${accounts.sales.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoViolations(page);
});

test('the account menu, open', async ({ salesPage: page }) => {
  await page.goto('/');
  await page.getByLabel('Menu du compte', { exact: true }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expectNoViolations(page);
});
