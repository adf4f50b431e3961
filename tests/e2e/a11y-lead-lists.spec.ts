import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createLead, invitedUser, uid } from './helpers';

// axe (WCAG 2 A and AA) on the leads list (with its bulk controls, row tools, columns and view forms open) and
// the leads board, like a11y.spec.ts: axe runs inside the page, so the nojs project leaves this file out.

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

test('the leads list and board', async ({ adminPage, newPage }) => {
  test.setTimeout(120_000);
  const id = uid();
  // A team of its own: its lists hold only this test's leads.
  const team = `Équipe axe ${id}`;
  await adminPage.goto('/settings/teams');
  await adminPage.getByLabel('Nom de l’équipe').fill(team);
  await adminPage.getByRole('button', { name: 'Créer l’équipe' }).click();
  await expect(adminPage.getByRole('heading', { level: 2, name: team })).toBeVisible();
  const { page } = await invitedUser(adminPage, newPage, { role: 'sales', teams: [team] });
  await createLead(page, { lastName: `Axe ${id}`, companyName: `Axe SA ${id}`, stars: 3 });
  await createLead(page, { lastName: `File axe ${id}`, queueTeam: team });

  // Every column, a closed status in the list too, and a row with "take charge" (the team's queue).
  await page.goto('/leads?owner=all&state=all&cols=name,company,phone,email,city,status,owner,team,score,stars,source,created,tags');
  await expect(page.getByRole('heading', { level: 1, name: 'Pistes' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Prendre en charge File axe ${id}` })).toBeVisible();
  for (const summary of ['Colonnes', 'Enregistrer cette vue']) await page.locator('summary', { hasText: summary }).click();
  await expectNoViolations(page);

  // A notice after a bulk action.
  await page.getByRole('checkbox', { name: `Sélectionner File axe ${id}` }).check();
  await page.getByRole('button', { name: 'Assigner à moi' }).click();
  await expect(page.getByRole('main').getByRole('status')).toBeVisible();
  await expectNoViolations(page);

  await page.goto('/leads/board');
  await expect(page.getByRole('group', { name: 'À traiter', exact: true }).getByRole('link', { name: `Axe ${id}`, exact: true })).toBeVisible();
  await page.getByRole('group', { name: 'À traiter', exact: true }).getByText('Déplacer vers…').first().click();
  await expectNoViolations(page);
});
