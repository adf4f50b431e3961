import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCompany, createOpportunity, uid } from './helpers';

// The opportunity lists (My / Open / Closed, filters, saved views, bulk reassignment) and the forecast page,
// with JavaScript on and off (projects js and nojs). Both runs share the main server: names are unique, and
// the forecast reads a currency of its own per project in a month far ahead, so other specs' data stays out.

const idOf = (page: Page) => Number(new URL(page.url()).pathname.split('/')[2]);

/** Like createOpportunity, with an expected close date and a currency. */
async function createDated(page: Page, o: { companyId: number; name: string; amount: string; currency: string; expectedCloseDate: string }): Promise<number> {
  await page.goto(`/opportunities/new?company=${o.companyId}`);
  const form = page.locator('form:has([name="pipelineId"])');
  await form.locator('[name="name"]').fill(o.name);
  await form.locator('[name="amount"]').fill(o.amount);
  await form.locator('select[name="currency"]').selectOption(o.currency);
  await form.locator('[name="expectedCloseDate"]').fill(o.expectedCloseDate);
  await form.locator('button[type="submit"]').last().click();
  await expect(page).toHaveURL(/\/opportunities\/\d+$/);
  return idOf(page);
}

/** The confirm step of Won / Lost, today's date. */
async function closeAs(page: Page, id: number, outcome: 'won' | 'lost'): Promise<void> {
  await page.goto(`/opportunities/${id}/close?outcome=${outcome}`);
  if (outcome === 'lost') await page.locator('select[name="lostReasonId"]').selectOption({ index: 1 });
  await page.getByRole('button', { name: outcome === 'won' ? 'Confirmer : gagnée' : 'Confirmer : perdue' }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities/${id}(/others)?(\\?.*)?$`));
}

/** An amount as the server writes it for a French user (no decimals when there are none). */
const money = (major: number, currency: string) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency, minimumFractionDigits: Number.isInteger(major) ? 0 : 2, maximumFractionDigits: 2 }).format(major);

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

test('Open and Closed: won rows in green, lost ones in red; the company and status filters', async ({ adminPage: page, javaScriptEnabled }) => {
  test.setTimeout(90_000);
  const id = uid();
  const companyId = await createCompany(page, { name: `Listes lumière ${id}` });
  await createOpportunity(page, { companyId, name: `Ouverte ${id}`, amount: '1000' });
  const won = await createOpportunity(page, { companyId, name: `Gagnée ${id}`, amount: '2000' });
  const lost = await createOpportunity(page, { companyId, name: `Perdue ${id}`, amount: '3000' });
  await closeAs(page, lost, 'lost');
  await closeAs(page, won, 'won');

  // The company's open ones: the built-in "Open" list narrowed to the company.
  await page.goto(`/opportunities?owner=all&company=${companyId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Opportunités' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Vues des opportunités' }).getByRole('link', { name: 'Liste' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText(`Opportunités de Listes lumière ${id}.`)).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: `Ouverte ${id}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `Gagnée ${id}` })).toHaveCount(0);
  await expect(table.getByRole('row', { name: new RegExp(`Ouverte ${id}`) })).toContainText(money(1000, 'EUR'));

  // Closed, through the status filter (the company is kept).
  const filters = page.getByRole('form', { name: 'Filtres' });
  await filters.getByLabel('Statut').selectOption('closed');
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/status=closed/);
  await expect(page).toHaveURL(new RegExp(`company=${companyId}`));
  const wonRow = page.getByRole('row', { name: new RegExp(`Gagnée ${id}`) });
  const lostRow = page.getByRole('row', { name: new RegExp(`Perdue ${id}`) });
  await expect(wonRow).toHaveAttribute('data-status', 'won');
  await expect(wonRow).toHaveClass(/bg-emerald/);
  await expect(wonRow.getByText('Gagnée', { exact: true })).toHaveClass(/emerald/);
  await expect(lostRow).toHaveAttribute('data-status', 'lost');
  await expect(lostRow).toHaveClass(/bg-red/);
  await expect(lostRow.getByText('Perdue', { exact: true })).toHaveClass(/red/);
  await expect(page.getByRole('table').getByRole('link', { name: `Ouverte ${id}` })).toHaveCount(0);
  // Latest close first (both today: the latest created first).
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);

  // The built-in "Clôturées" view: everyone's closed ones, today's among the first.
  await page.getByRole('navigation', { name: 'Vues' }).getByRole('link', { name: 'Clôturées' }).click();
  await expect(page.getByRole('navigation', { name: 'Vues' }).getByRole('link', { name: 'Clôturées' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('row', { name: new RegExp(`Gagnée ${id}`) })).toHaveAttribute('data-status', 'won');
  if (javaScriptEnabled) await expectNoViolations(page);
});

test('a filter saved as a view is applied again from the views bar', async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const view = `Grosses affaires ${id}`;
  const companyId = await createCompany(page, { name: `Vue lumière ${id}` });
  await createOpportunity(page, { companyId, name: `Petite ${id}`, amount: '900' });
  await createOpportunity(page, { companyId, name: `Grande ${id}`, amount: '45 000' });

  await page.goto(`/opportunities?owner=all&company=${companyId}`);
  const filters = page.getByRole('form', { name: 'Filtres' });
  await filters.getByLabel('Montant à partir de').fill('10 000');
  await filters.getByLabel('Tri').selectOption('amount');
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/min=10/);
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: `Grande ${id}` })).toBeVisible();
  await expect(table.getByRole('link', { name: `Petite ${id}` })).toHaveCount(0);

  // A typed amount that isn't one is said so, and ignored.
  await filters.getByLabel('Montant jusqu’à').fill('beaucoup');
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByText('Saisissez un montant', { exact: false })).toBeVisible();
  await expect(page.getByRole('table').getByRole('link', { name: `Grande ${id}` })).toBeVisible();
  await page.getByRole('form', { name: 'Filtres' }).getByLabel('Montant jusqu’à').fill('');
  await page.getByRole('form', { name: 'Filtres' }).getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).not.toHaveURL(/max=beaucoup/);

  const columns = page.locator('details').filter({ has: page.getByText('Colonnes', { exact: true }) });
  await columns.getByText('Colonnes', { exact: true }).click();
  await columns.getByRole('checkbox', { name: 'Pondéré' }).check();
  await columns.getByRole('button', { name: 'Appliquer les colonnes' }).click();
  await expect(page).toHaveURL(/cols=/);
  // Qualification: 10 % of 45 000 €.
  await expect(page.getByRole('row', { name: new RegExp(`Grande ${id}`) })).toContainText(money(4500, 'EUR'));

  const save = page.locator('details').filter({ has: page.getByText('Enregistrer cette vue', { exact: true }) });
  await save.getByText('Enregistrer cette vue', { exact: true }).click();
  await save.getByLabel('Nom').fill(view);
  await save.getByRole('button', { name: 'Enregistrer la vue' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Vue enregistrée.');

  await page.goto('/opportunities?owner=all');
  await expect(page.getByRole('form', { name: 'Filtres' }).getByLabel('Montant à partir de')).toHaveValue('');
  await page.getByRole('navigation', { name: 'Vues' }).getByRole('link', { name: view }).click();
  await expect(page.getByRole('navigation', { name: 'Vues' }).getByRole('link', { name: view })).toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveURL(/sort=amount/);
  await expect(page.getByRole('form', { name: 'Filtres' }).getByLabel('Montant à partir de')).toHaveValue('10 000');
  await expect(page.getByRole('form', { name: 'Filtres' }).getByLabel('Tri')).toHaveValue('amount');
  await expect(page.getByRole('columnheader', { name: 'Pondéré' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('link', { name: `Grande ${id}` })).toBeVisible();
  await expect(page.getByRole('table').getByRole('link', { name: `Petite ${id}` })).toHaveCount(0);
});

test('two opportunities are reassigned to the manager from the list’s bulk form', async ({ adminPage: page, accounts }) => {
  test.setTimeout(90_000);
  const id = uid();
  const companyId = await createCompany(page, { name: `Transfert lumière ${id}` });
  const names = [`Première ${id}`, `Seconde ${id}`];
  for (const name of names) await createOpportunity(page, { companyId, name, amount: '500' });

  await page.goto(`/opportunities?owner=all&company=${companyId}`);
  const bulk = page.getByRole('form', { name: 'Avec les lignes sélectionnées' });
  // Only the reassignment: no tag nor archive buttons on opportunities.
  await expect(bulk.getByRole('button', { name: 'Archiver' })).toHaveCount(0);
  await bulk.getByRole('button', { name: 'Attribuer' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText("Choisissez d'abord le nouveau responsable.");
  for (const name of names) await page.getByRole('form', { name: 'Avec les lignes sélectionnées' }).getByRole('checkbox', { name: `Sélectionner ${name}` }).check();
  await page.getByRole('form', { name: 'Avec les lignes sélectionnées' }).getByLabel('Nouveau responsable').selectOption({ label: accounts.manager.name });
  await page.getByRole('form', { name: 'Avec les lignes sélectionnées' }).getByRole('button', { name: 'Attribuer' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('2 lignes attribuées.');
  await expect(page).toHaveURL(new RegExp(`company=${companyId}`));
  for (const name of names) await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText(accounts.manager.name);

  // "My opportunities" of the manager now lists them.
  await page.goto(`/opportunities?owner=${accounts.manager.id}&company=${companyId}`);
  for (const name of names) await expect(page.getByRole('table').getByRole('link', { name })).toBeVisible();
});

test('the forecast shows a month’s count, amount, weighted, best and worst totals, and this month’s won amount', async ({ adminPage: page, accounts }, testInfo) => {
  test.setTimeout(90_000);
  const id = uid();
  // A currency per project, and a month far ahead picked at random: the totals are this test's own.
  const currency = testInfo.project.name === 'nojs' ? 'TND' : 'MAD';
  const year = 2029 + Math.floor(Math.random() * 2);
  const month = `${year}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`;
  const companyId = await createCompany(page, { name: `Prévision lumière ${id}` });
  await createDated(page, { companyId, name: `Prévue A ${id}`, amount: '12 000', currency, expectedCloseDate: `${month}-10` });
  await createDated(page, { companyId, name: `Prévue B ${id}`, amount: '3 000', currency, expectedCloseDate: `${month}-25` });
  const won = await createDated(page, { companyId, name: `Signée ${id}`, amount: '700', currency, expectedCloseDate: `${month}-01` });
  await closeAs(page, won, 'won');

  await page.goto('/opportunities');
  await page.getByRole('navigation', { name: 'Vues des opportunités' }).getByRole('link', { name: 'Prévisions' }).click();
  await expect(page).toHaveURL(/\/opportunities\/forecast$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Prévisions' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Vues des opportunités' }).getByRole('link', { name: 'Prévisions' })).toHaveAttribute('aria-current', 'page');
  // This month: the win, beside the month (won today).
  const thisMonth = page.locator('tbody').nth(1);
  await expect(thisMonth.getByRole('row').filter({ hasText: money(700, currency) })).toContainText('1 gagnée');

  // The far month, broken down by owner.
  const filters = page.getByRole('form', { name: 'Filtres' });
  await filters.getByLabel('À partir de').fill(month);
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${month}`));
  const rows = page.locator(`tbody[data-bucket="${month}"]`).getByRole('row').filter({ hasText: money(15000, currency) });
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  // 15 000 in Qualification (10 %): weighted 1 500; no best or worst case given: the amount.
  await expect(row.getByRole('cell')).toHaveText(['2', money(15000, currency), money(1500, currency), money(15000, currency), money(15000, currency), '—']);
  await page.getByRole('navigation', { name: 'Détailler par' }).getByRole('link', { name: 'Responsable' }).click();
  await expect(page).toHaveURL(/by=owner/);
  await expect(page).toHaveURL(new RegExp(`from=${month}`));
  const bucket = page.locator(`tbody[data-bucket="${month}"]`);
  // The month's line, then the administrator's own line with the same figures.
  await expect(bucket.getByRole('row').filter({ hasText: money(15000, currency) })).toHaveCount(2);
  await expect(bucket.getByRole('row', { name: new RegExp(accounts.admin.name) }).filter({ hasText: money(15000, currency) })).toHaveCount(1);
  // The count links to the list of that month.
  await page.locator(`tbody[data-bucket="${month}"]`).getByRole('row').filter({ hasText: money(15000, currency) }).first().getByRole('link', { name: '2' }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities\\?.*month=${month}`));
  await expect(page.getByRole('table').getByRole('link', { name: `Prévue A ${id}` })).toBeVisible();
  await expect(page.getByRole('table').getByRole('link', { name: `Prévue B ${id}` })).toBeVisible();
});
