import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createLead, uid } from './helpers';

// Two leads with the same email found on /leads/duplicates, merged side by side keeping the job title of the
// second, then the merge undone from /merge — with JavaScript on and off (the js and nojs projects).

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${page.url()}`).toEqual([]);
}

test('two leads with the same email are merged keeping a value of the second, and the merge is undone', async ({ adminPage: page, javaScriptEnabled }) => {
  test.setTimeout(120_000);
  const id = uid();
  const lastName = `Durand ${id}`;
  const name = `Léa ${lastName}`;
  // A leading digit sorts the group first among the email groups of the shared database.
  const email = `0merge.${id}@example.test`;
  const first = await createLead(page, { firstName: 'Léa', lastName, companyName: `Durandal ${id}`, email, jobTitle: 'Acheteuse' });
  const second = await createLead(page, { firstName: 'Léa', lastName, companyName: `Durandal ${id}`, email, jobTitle: 'Directrice achats', confirmDuplicate: true });

  await page.goto('/leads/duplicates');
  await expect(page.getByRole('heading', { level: 1, name: 'Doublons de pistes' })).toBeVisible();
  const by = page.getByRole('group', { name: 'Chercher les fiches ayant le même' });
  await by.getByRole('checkbox', { name: 'Nom', exact: true }).uncheck();
  await by.getByRole('checkbox', { name: 'E-mail' }).check();
  await page.getByRole('button', { name: 'Chercher les doublons' }).click();
  await expect(page).toHaveURL(/\/leads\/duplicates\?by=email$/);
  const group = page.getByRole('listitem').filter({ hasText: email });
  await expect(group.getByRole('link', { name: new RegExp(`^${name}`) })).toHaveCount(2);
  if (javaScriptEnabled) await expectNoViolations(page);
  await group.getByRole('link', { name: new RegExp(`^Comparer et fusionner.*${lastName}`) }).click();

  await expect(page).toHaveURL(new RegExp(`/merge/lead\\?ids=${first},${second}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Fusionner des pistes' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Fiche à conserver' })).toContainText('statut : À traiter');
  await expect(page.getByRole('row', { name: /Nom de la société/ })).toContainText('identique sur toutes les fiches');
  if (javaScriptEnabled) await expectNoViolations(page);
  await page.getByRole('group', { name: 'Fiche à conserver' }).getByRole('radio', { name: new RegExp(`\\(n° ${first}\\)`) }).check();
  await page.getByRole('radio', { name: `Garder le champ « Fonction » de ${name} (n° ${second}): Directrice achats` }).check();
  await page.getByRole('button', { name: 'Fusionner' }).click();

  await expect(page).toHaveURL(new RegExp(`/leads/${first}\\?merged=1$`));
  await expect(page.getByRole('main')).toContainText('Directrice achats');
  await expect(page.getByRole('main')).not.toContainText('Acheteuse');
  await page.goto(`/leads/${second}`);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  // No group left for this email.
  await page.goto('/leads/duplicates?by=email');
  await expect(page.getByRole('main')).not.toContainText(email);

  await page.goto('/merge');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) }).first();
  await expect(row).toContainText('Piste');
  await row.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${first}$`));
  await page.goto('/merge?kind=lead');
  await page.getByRole('row').filter({ has: page.getByRole('link', { name }) }).first().getByRole('button', { name: `Annuler — Annuler la fusion dans ${name}` }).click();
  await expect(page).toHaveURL(/\/merge\?undone=1$/);
  await expect(page.getByText('La fusion a été annulée : les fiches fusionnées sont de retour.')).toBeVisible();
  await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name }) }).first()).toContainText('Annulée par Alice Martin');

  await page.goto(`/leads/${first}`);
  await expect(page.getByRole('main')).toContainText('Acheteuse');
  await expect(page.getByRole('main')).not.toContainText('Directrice achats');
  const back = await page.goto(`/leads/${second}`);
  expect(back?.status()).toBe(200);
  await expect(page.getByRole('main')).toContainText('Directrice achats');
  await page.goto('/leads/duplicates?by=email');
  await expect(page.getByRole('listitem').filter({ hasText: email }).getByRole('link', { name: new RegExp(`^${name}`) })).toHaveCount(2);
});
