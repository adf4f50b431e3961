import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCompany, createOpportunity, fieldError, uid } from './helpers';

// The opportunity record: the form (from the menu and from a company), amounts checked, the stage bar,
// winning for a prospect and the offer to close its other opportunities, losing, reopening, read-only
// once closed, and visibility. Both with JavaScript on and off (projects js and nojs); names are unique
// because both runs share the main server.

const recordUrl = /\/opportunities\/(\d+)(\?.*)?$/;
const idOf = (page: Page) => Number(new URL(page.url()).pathname.split('/')[2]);

test('created from the opportunities menu and from a company page, then listed on the company page', async ({ salesPage: page }) => {
  const id = uid();
  const company = `Lumière et fils ${id}`;
  const companyId = await createCompany(page, { name: company });

  // From the menu.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Opportunités' }).click();
  await expect(page).toHaveURL(/\/opportunities$/);
  await page.getByRole('main').getByRole('link', { name: 'Nouvelle opportunité' }).first().click();
  await expect(page).toHaveURL(/\/opportunities\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle opportunité' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Nom' }).fill(`Relamping ${id}`);
  await page.getByRole('combobox', { name: 'Société', exact: true }).selectOption({ label: company });
  await page.getByLabel('Montant', { exact: true }).fill('12 500');
  await page.getByRole('radio', { name: '4 étoiles sur 5' }).check();
  await page.getByRole('button', { name: 'Créer l’opportunité' }).click();
  await expect(page).toHaveURL(recordUrl);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Relamping ${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ouverte');
  const details = page.getByRole('region', { name: 'Informations' });
  await expect(details).toContainText(/12\s500\s€/);
  // The probability follows the first stage (Qualification, 10 %): weighted 1 250 €.
  await expect(details).toContainText('10 % (valeur de l’étape)');
  await expect(details).toContainText(/1\s250\s€/);
  await expect(details).toContainText('Affaires nouvelles · Qualification');
  await expect(details.getByText('4 étoiles sur 5')).toBeAttached();
  await expect(page.getByRole('link', { name: company }).first()).toHaveAttribute('href', `/companies/${companyId}`);

  // From the company page: the company is chosen already.
  await page.goto(`/companies/${companyId}`);
  const panel = page.getByRole('region', { name: 'Pistes, opportunités et actions' });
  await expect(panel).toContainText(`Relamping ${id}`);
  await panel.getByRole('link', { name: 'Nouvelle opportunité' }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities/new\\?company=${companyId}$`));
  await expect(page.getByRole('combobox', { name: 'Société', exact: true })).toHaveValue(String(companyId));
  await page.getByRole('textbox', { name: 'Nom' }).fill(`Parking ${id}`);
  await page.getByLabel('Montant', { exact: true }).fill('3000,50');
  await page.getByRole('button', { name: 'Créer l’opportunité' }).click();
  await expect(page).toHaveURL(recordUrl);
  await expect(page.getByRole('region', { name: 'Informations' })).toContainText(/3\s000,50\s€/);

  await page.goto(`/companies/${companyId}`);
  await expect(panel).toContainText('Opportunités (2)');
  await expect(panel.getByRole('link', { name: `Relamping ${id}` })).toBeVisible();
  await expect(panel.getByRole('link', { name: `Parking ${id}` })).toBeVisible();
});

test('created from a contact page: its company and the contact are chosen, the contact is primary; deleted after a confirmation', async ({ salesPage: page }) => {
  const id = uid();
  const company = `Hôtel du Parc ${id}`;
  const companyId = await createCompany(page, { name: company });
  await page.goto(`/contacts/new?companyId=${companyId}`);
  await page.getByLabel('Prénom').fill('Inès');
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(`Garnier ${id}`);
  await page.getByRole('button', { name: 'Créer le contact' }).click();
  await expect(page).toHaveURL(/\/contacts\/\d+$/);
  const contactId = Number(new URL(page.url()).pathname.split('/').pop());

  const panel = page.getByRole('region', { name: 'Opportunités' });
  await expect(panel).toContainText('Aucune opportunité pour l’instant.');
  await panel.getByRole('link', { name: 'Nouvelle opportunité' }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities/new\\?contact=${contactId}$`));
  await expect(page.getByRole('combobox', { name: 'Société', exact: true })).toHaveValue(String(companyId));
  await expect(page.getByRole('checkbox', { name: `Inès Garnier ${id}` })).toBeChecked();
  await expect(page.getByRole('radio', { name: `Contact principal : Inès Garnier ${id}` })).toBeChecked();
  await page.getByRole('textbox', { name: 'Nom' }).fill(`Suites ${id}`);
  await page.getByRole('button', { name: 'Créer l’opportunité' }).click();
  await expect(page).toHaveURL(recordUrl);
  const oppId = idOf(page);
  const contacts = page.getByRole('region', { name: 'Informations' }).getByRole('listitem').filter({ hasText: `Inès Garnier ${id}` });
  await expect(contacts).toContainText('Principal');

  await page.goto(`/contacts/${contactId}`);
  await expect(page.getByRole('region', { name: 'Opportunités (1)' }).getByRole('link', { name: `Suites ${id}` })).toBeVisible();

  // Deleting takes two steps.
  await page.goto(`/opportunities/${oppId}`);
  await page.getByText('Supprimer cette opportunité…').click();
  await page.getByRole('button', { name: 'Supprimer définitivement' }).click();
  await expect(page).toHaveURL(/\/opportunities\?deleted=1$/);
  await page.goto(`/opportunities/${oppId}`);
  await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  await page.goto(`/companies/${companyId}`);
  await expect(page.getByRole('region', { name: 'Pistes, opportunités et actions' })).toContainText('Aucune opportunité pour l’instant.');
});

test('amounts are checked in French: best case below the amount, a negative amount; a far close date asks to confirm it', async ({ salesPage: page }) => {
  const id = uid();
  const companyId = await createCompany(page, { name: `Montants ${id}` });
  await page.goto(`/opportunities/new?company=${companyId}`);
  await page.getByRole('textbox', { name: 'Nom' }).fill(`Vérification ${id}`);
  const amount = page.getByLabel('Montant', { exact: true });
  const best = page.getByLabel('Au mieux', { exact: true });
  await amount.fill('10 000');
  await best.fill('5 000');
  await page.getByRole('button', { name: 'Créer l’opportunité' }).click();
  await expect(await fieldError(best)).toHaveText('Le montant « au mieux » ne peut pas être inférieur au montant.');
  await expect(best).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/opportunities\/new\?company=\d+$/);

  await amount.fill('-5');
  await best.fill('');
  await page.getByRole('button', { name: 'Créer l’opportunité' }).click();
  await expect(await fieldError(amount)).toHaveText('Un montant ne peut pas être négatif.');
  await expect(page).toHaveURL(/\/opportunities\/new\?company=\d+$/);

  // A date years away is probably a typo: the server asks to confirm it, and keeps what was typed.
  await amount.fill('8 000');
  await best.fill('9 000');
  await page.getByLabel('Au pire', { exact: true }).fill('7 000');
  await page.getByLabel('Date de clôture prévue').fill('2045-06-30');
  await page.getByRole('button', { name: 'Créer l’opportunité' }).click();
  await expect(await fieldError(page.getByLabel('Date de clôture prévue'))).toHaveText('Cette date est lointaine : vérifiez-la, puis cochez la case pour la confirmer.');
  await expect(page.getByLabel('Montant', { exact: true })).toHaveValue('8 000');
  await page.getByRole('checkbox', { name: 'Cette date est la bonne : la garder' }).check();
  await page.getByRole('button', { name: 'Créer l’opportunité' }).click();
  await expect(page).toHaveURL(recordUrl);
  const details = page.getByRole('region', { name: 'Informations' });
  await expect(details).toContainText('30 juin 2045');
  await expect(details).toContainText(/7\s000\s€\s–\s9\s000\s€/);
});

test('winning for a prospect with two other open opportunities: one is closed as lost, the other kept, the company is a client', async ({ salesPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const company = `Bourgeois Industrie ${id}`;
  const companyId = await createCompany(page, { name: company });
  const won = await createOpportunity(page, { companyId, name: `Gagnante ${id}`, amount: '20000' });
  await createOpportunity(page, { companyId, name: `Perdante ${id}`, amount: '5000' });
  await createOpportunity(page, { companyId, name: `Gardée ${id}`, amount: '7000' });

  await page.goto(`/opportunities/${won}`);
  await page.getByRole('link', { name: 'Gagnée', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities/${won}/close\\?outcome=won$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Gagnée : Gagnante ${id}`);
  await expect(page.getByText(`${company} est un prospect : gagner cette opportunité en fait un client.`)).toBeVisible();
  await expect(page.getByLabel('Date de clôture')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByRole('button', { name: 'Confirmer : gagnée' }).click();

  await expect(page).toHaveURL(new RegExp(`/opportunities/${won}/others$`));
  await expect(page.getByRole('main')).toContainText(`${company} est maintenant client. Il reste 2 autres opportunités ouvertes : les clôturer ?`);
  const lose = page.getByRole('row', { name: new RegExp(`Perdante ${id}`) });
  const keep = page.getByRole('row', { name: new RegExp(`Gardée ${id}`) });
  await expect(keep.getByRole('radio', { name: 'Garder ouverte' })).toBeChecked();
  await lose.getByRole('radio', { name: 'Clôturer perdue' }).check();
  // Closing as lost needs a reason: nothing is closed without one.
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(lose).toContainText('Choisissez le motif de perte.');
  await expect(lose.getByRole('radio', { name: 'Clôturer perdue' })).toBeChecked();
  await lose.getByLabel(`Motif de perte pour Perdante ${id}`).selectOption({ label: 'Prix' });
  await page.getByRole('button', { name: 'Appliquer' }).click();

  await expect(page).toHaveURL(new RegExp(`/opportunities/${won}\\?lost=1&kept=1$`));
  await expect(page.getByText('1 clôturée perdue, 1 gardée ouverte.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Gagnée');

  await page.goto(`/companies/${companyId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Client');
  const panel = page.getByRole('region', { name: 'Pistes, opportunités et actions' });
  await expect(panel.getByRole('listitem').filter({ hasText: `Gagnante ${id}` })).toContainText('Gagnée');
  await expect(panel.getByRole('listitem').filter({ hasText: `Perdante ${id}` })).toContainText('Perdue');
  await expect(panel.getByRole('listitem').filter({ hasText: `Gardée ${id}` })).toContainText('Qualification');

  // The one lost this way says why in its activity.
  await panel.getByRole('link', { name: `Perdante ${id}` }).click();
  const activity = page.getByRole('region', { name: 'Activité' });
  await expect(activity).toContainText('Opportunité perdue');
  await expect(activity).toContainText('Motif de perte : Prix');
  await expect(activity.getByRole('link', { name: `Gagnante ${id}` })).toBeVisible();
});

test('moved along the stage bar, lost with a reason and a competitor, read-only until reopened with a reason', async ({ salesPage: page }) => {
  test.setTimeout(90_000);
  const id = uid();
  const companyId = await createCompany(page, { name: `Perte ${id}` });
  const oppId = await createOpportunity(page, { companyId, name: `Showroom ${id}`, amount: '15000' });
  await page.goto(`/opportunities/${oppId}`);

  // The stage bar: a click moves it.
  const bar = page.getByRole('form', { name: 'Étapes' });
  await bar.getByRole('button', { name: 'Proposition' }).click();
  await expect(bar.locator('[aria-current="step"]')).toContainText('Proposition');
  const activity = page.getByRole('region', { name: 'Activité' });
  await expect(activity).toContainText('Qualification → Proposition');
  await expect(page.getByRole('region', { name: 'Informations' })).toContainText('50 % (valeur de l’étape)');

  // Lost: the reason is required, the competitor is optional.
  await page.getByRole('link', { name: 'Perdue', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities/${oppId}/close\\?outcome=lost$`));
  await page.getByRole('button', { name: 'Confirmer : perdue' }).click();
  await expect(await fieldError(page.getByLabel('Motif de perte'))).toHaveText('Choisissez le motif de perte.');
  await page.getByLabel('Motif de perte').selectOption({ label: 'Concurrent retenu' });
  await page.getByLabel('Concurrent').fill(`Éclairages Martin ${id}`);
  await page.getByRole('button', { name: 'Confirmer : perdue' }).click();

  await expect(page).toHaveURL(new RegExp(`/opportunities/${oppId}\\?notice=lost$`));
  await expect(page.getByText('L’opportunité est perdue.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Perdue');
  const details = page.getByRole('region', { name: 'Informations' });
  await expect(details).toContainText('Concurrent retenu');
  await expect(details).toContainText(`Éclairages Martin ${id}`);
  await expect(activity).toContainText(`Concurrent : Éclairages Martin ${id}`);

  // Closed: nothing to edit or move.
  await expect(page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Étapes' }).getByRole('button')).toHaveCount(0);
  await page.goto(`/opportunities/${oppId}/edit`);
  await expect(page.getByText('Cette opportunité est clôturée et ne peut pas être modifiée : rouvrez-la d’abord.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Nom' })).toHaveCount(0);

  // Reopened with a reason, kept in the activity; back in the stage it was closed from.
  await page.goto(`/opportunities/${oppId}`);
  await page.getByRole('button', { name: 'Rouvrir l’opportunité' }).click();
  await expect(await fieldError(page.getByLabel('Pourquoi la rouvrir ?'))).toHaveText('Ce champ est obligatoire.');
  await page.getByLabel('Pourquoi la rouvrir ?').fill(`Nouveau budget ${id}`);
  await page.getByRole('button', { name: 'Rouvrir l’opportunité' }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities/${oppId}\\?notice=reopened$`));
  await expect(page.getByText('L’opportunité est de nouveau ouverte.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ouverte');
  await expect(activity).toContainText('Opportunité rouverte');
  await expect(activity).toContainText(`Motif : « Nouveau budget ${id} »`);
  await expect(page.getByRole('form', { name: 'Étapes' }).locator('[aria-current="step"]')).toContainText('Proposition');
  await expect(page.getByRole('link', { name: 'Modifier' })).toBeVisible();
});

test('an edit keeps the typed values on a refusal and is saved from the record', async ({ salesPage: page }) => {
  const id = uid();
  const companyId = await createCompany(page, { name: `Édition ${id}` });
  const oppId = await createOpportunity(page, { companyId, name: `Bureaux ${id}`, amount: '1000' });
  await page.goto(`/opportunities/${oppId}`);
  await page.getByRole('link', { name: 'Modifier' }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities/${oppId}/edit$`));
  await expect(page.getByLabel('Montant', { exact: true })).toHaveValue('1000');
  await page.getByLabel('Montant', { exact: true }).fill('2 000');
  await page.getByLabel('Au pire', { exact: true }).fill('2 500');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(await fieldError(page.getByLabel('Au pire', { exact: true }))).toHaveText('Le montant « au pire » ne peut pas être supérieur au montant.');
  await page.getByLabel('Au pire', { exact: true }).fill('1 500');
  await page.getByLabel('Probabilité').fill('40');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(new RegExp(`/opportunities/${oppId}$`));
  const details = page.getByRole('region', { name: 'Informations' });
  await expect(details).toContainText(/2\s000\s€/);
  await expect(details).toContainText('40 %');
  await expect(details).not.toContainText('valeur de l’étape');
  await expect(page.getByRole('region', { name: 'Activité' })).toContainText('Modifié : Montant, Au pire, Probabilité');
});

test('a salesperson of another team gets "Page introuvable" for an administrator’s opportunity', async ({ adminPage, salesPage: page }) => {
  const id = uid();
  const name = `Confidentielle ${id}`;
  const companyId = await createCompany(adminPage, { name: `Secret ${id}` });
  const oppId = await createOpportunity(adminPage, { companyId, name });
  for (const path of [`/opportunities/${oppId}`, `/opportunities/${oppId}/edit`, `/opportunities/${oppId}/close?outcome=won`, `/opportunities/${oppId}/others`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(name);
  }
});
