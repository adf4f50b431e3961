import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCompany, createLead, createOpportunity, invitedUser, uid } from './helpers';

// The lead record: the form (duplicate warning, repeat lead from a customer), the status bar, taking a queue
// lead in charge, losing and reopening, converting into new records or onto an existing company, read-only once
// converted, and visibility. Both with JavaScript on and off (projects js and nojs); names are unique because
// both runs share the main server.

const leadUrl = /\/leads\/(\d+)(\?.*)?$/;
const idOf = (page: Page) => Number(new URL(page.url()).pathname.split('/')[2]);
const statusBar = (page: Page) => page.getByRole('form', { name: 'Statuts' });
const details = (page: Page) => page.getByRole('region', { name: 'Informations' });
const activity = (page: Page) => page.getByRole('region', { name: 'Activité' });

test('created with its details; a likely duplicate is shown before saving, then created anyway', async ({ salesPage: page, accounts }) => {
  const id = uid();
  const first = await createLead(page, { firstName: 'Inès', lastName: `Garnier ${id}`, companyName: `Lumière ${id}`, jobTitle: 'Directrice technique', email: `ines.${id}@lumiere.test`, city: 'Lyon', stars: 4 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Inès Garnier ${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('À traiter');
  await expect(details(page)).toContainText(`Lumière ${id}`);
  await expect(details(page)).toContainText('Directrice technique');
  await expect(details(page)).toContainText(accounts.sales.name);
  await expect(page.getByRole('region', { name: 'Scoring' }).getByText('4 étoiles sur 5')).toBeAttached();
  await expect(activity(page)).toContainText('Piste créée');

  // Same person, same company: the form warns and links to the lead already there, keeping what was typed.
  await page.goto('/leads/new');
  await page.getByRole('textbox', { name: 'Prénom' }).fill('Inès');
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(`Garnier ${id}`);
  await page.getByRole('textbox', { name: 'Société' }).fill(`Lumière ${id}`);
  await page.getByRole('button', { name: 'Créer la piste' }).click();
  await expect(page.getByText('Ces fiches ressemblent à celle que vous enregistrez')).toBeVisible();
  await expect(page).toHaveURL(/\/leads\/new$/);
  await expect(page.getByRole('link', { name: `Inès Garnier ${id}` })).toHaveAttribute('href', `/leads/${first}`);
  await expect(page.getByRole('textbox', { name: 'Société' })).toHaveValue(`Lumière ${id}`);
  await page.getByRole('checkbox', { name: 'C’est une autre piste : la créer quand même' }).check();
  await page.getByRole('button', { name: 'Créer la piste' }).click();
  await expect(page).toHaveURL(leadUrl);
  expect(idOf(page)).not.toBe(first);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Inès Garnier ${id}`);
});

test('a click on a status moves the lead; Converted and Lost are only reached with their buttons', async ({ salesPage: page }) => {
  const id = uid();
  await createLead(page, { lastName: `Statuts ${id}` });
  const bar = statusBar(page);
  await expect(bar.locator('[aria-current="step"]')).toContainText('À traiter');
  await expect(bar.getByRole('button', { name: 'Converti' })).toHaveCount(0);
  await expect(bar.getByRole('button', { name: 'Perdu' })).toHaveCount(0);
  await expect(bar).toContainText('Converti');

  await bar.getByRole('button', { name: 'Qualification marketing' }).click();
  await expect(bar.locator('[aria-current="step"]')).toContainText('Qualification marketing');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Qualification marketing');
  await bar.getByRole('button', { name: 'Nurturing' }).click();
  await expect(bar.locator('[aria-current="step"]')).toContainText('Nurturing');
  await expect(activity(page)).toContainText('Piste passée à un autre statut');
  await expect(activity(page)).toContainText('Qualification marketing → Nurturing');
  await expect(activity(page)).toContainText('À traiter → Qualification marketing');
});

test('an unassigned lead waits in its team’s queue and a salesperson of the team takes it in charge', async ({ managerPage, salesPage: page, accounts }) => {
  const id = uid();
  const leadId = await createLead(managerPage, { lastName: `File ${id}`, queueTeam: accounts.team });
  await expect(details(managerPage)).toContainText(`Non assignée : dans la file de ${accounts.team}`);

  await page.goto(`/leads/${leadId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`File ${id}`);
  await page.getByRole('button', { name: 'Prendre en charge' }).click();
  await expect(page.getByText('Vous avez pris cette piste en charge.')).toBeVisible();
  await expect(details(page)).toContainText(accounts.sales.name);
  await expect(page.getByRole('button', { name: 'Prendre en charge' })).toHaveCount(0);
  await expect(activity(page)).toContainText('Piste prise en charge');
  await expect(activity(page)).toContainText(`Non assignée (file de l’équipe) → ${accounts.sales.name}`);

  // Now theirs, they may put it back in the queue, with a comment for the activity panel.
  await page.getByText('Assigner à quelqu’un d’autre').click();
  await page.getByRole('combobox', { name: 'Assigner à' }).selectOption({ label: 'Non assignée (file de l’équipe)' });
  await page.getByRole('textbox', { name: 'Commentaire' }).fill(`Pas pour moi ${id}`);
  await page.getByRole('button', { name: 'Assigner', exact: true }).click();
  await expect(page.getByText('La piste a été assignée.')).toBeVisible();
  await expect(details(page)).toContainText(`Non assignée : dans la file de ${accounts.team}`);
  await expect(activity(page)).toContainText('Piste assignée');
  await expect(activity(page)).toContainText(`« Pas pour moi ${id} »`);
  await expect(page.getByRole('button', { name: 'Prendre en charge' })).toBeVisible();
});

test('lost with a reason and a comment, read-only while lost, then reopened with a reason', async ({ salesPage: page }) => {
  const id = uid();
  const leadId = await createLead(page, { lastName: `Perte ${id}` });
  await statusBar(page).getByRole('button', { name: 'Qualification commerciale' }).click();
  await expect(statusBar(page).locator('[aria-current="step"]')).toContainText('Qualification commerciale');

  await page.getByRole('link', { name: 'Perdre' }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${leadId}/lose$`));
  await page.getByRole('button', { name: 'Perdre la piste' }).click();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Motif de perte' }).selectOption({ label: 'Prix' });
  await page.getByRole('textbox', { name: 'Commentaire' }).fill(`Trop cher ${id}`);
  await page.getByRole('button', { name: 'Perdre la piste' }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${leadId}\\?notice=lost$`));
  await expect(page.getByText('La piste est perdue.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Perdu');
  await expect(page.getByText(/Perdue le .*Motif : Prix\./)).toBeVisible();
  await expect(statusBar(page).getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Convertir' })).toHaveCount(0);
  await expect(activity(page)).toContainText('Motif de perte : Prix');
  await expect(activity(page)).toContainText(`« Trop cher ${id} »`);

  const reopen = page.getByRole('region', { name: 'Rouvrir' });
  await reopen.getByRole('button', { name: 'Rouvrir la piste' }).click();
  await expect(reopen.getByText('Ce champ est obligatoire.')).toBeVisible();
  await reopen.getByRole('textbox', { name: 'Pourquoi la rouvrir ?' }).fill(`Ils rappellent ${id}`);
  await reopen.getByRole('button', { name: 'Rouvrir la piste' }).click();
  await expect(page.getByText('La piste est de nouveau ouverte.')).toBeVisible();
  // Back in the status it was lost from.
  await expect(statusBar(page).locator('[aria-current="step"]')).toContainText('Qualification commerciale');
  await expect(activity(page)).toContainText('Piste rouverte');
  await expect(activity(page)).toContainText(`« Ils rappellent ${id} »`);
  await expect(page.getByRole('link', { name: 'Convertir' })).toBeVisible();
});

test('converted into a new company, contact and opportunity, all three on the company page; the lead is then read-only', async ({ salesPage: page }) => {
  const id = uid();
  const leadId = await createLead(page, { firstName: 'Paul', lastName: `Renaud ${id}`, companyName: `Atelier Renaud ${id}`, email: `paul.${id}@renaud.test`, jobTitle: 'Gérant' });
  await page.getByRole('link', { name: 'Convertir' }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${leadId}/convert$`));
  await expect(page.getByRole('radio', { name: 'Créer une nouvelle société' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Nom de la société' })).toHaveValue(`Atelier Renaud ${id}`);
  await expect(page.getByRole('combobox', { name: 'Type de société' })).toHaveValue('prospect');
  await expect(page.getByRole('radio', { name: 'Créer un nouveau contact' })).toBeChecked();
  await expect(page.getByText(`D’après la piste : Paul Renaud ${id}, Gérant · paul.${id}@renaud.test.`)).toBeVisible();
  await page.getByRole('checkbox', { name: 'Créer aussi une opportunité' }).check();
  await expect(page.getByRole('textbox', { name: 'Nom de l’opportunité' })).toHaveValue(`Atelier Renaud ${id} – nouvelle affaire`);
  await page.getByLabel('Montant', { exact: true }).fill('5 000');
  await page.getByRole('button', { name: 'Convertir la piste' }).click();

  await expect(page).toHaveURL(new RegExp(`/opportunities/\\d+\\?converted=${leadId}$`));
  await expect(page.getByText('Piste convertie.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Atelier Renaud ${id} – nouvelle affaire`);
  await expect(page.getByRole('region', { name: 'Informations' })).toContainText(/5\s000\s€/);
  await expect(page.getByRole('region', { name: 'Informations' }).getByRole('link', { name: `Paul Renaud ${id}` })).toBeVisible();

  await page.getByRole('main').getByRole('link', { name: `Atelier Renaud ${id}`, exact: true }).first().click();
  await expect(page).toHaveURL(/\/companies\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Prospect');
  await expect(page.getByRole('region', { name: /contact/ }).getByRole('link', { name: `Paul Renaud ${id}` })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Pistes, opportunités et actions' });
  await expect(panel.getByRole('link', { name: `Paul Renaud ${id}` })).toHaveAttribute('href', `/leads/${leadId}`);
  await expect(panel).toContainText('convertie en cette société');
  await expect(panel.getByRole('link', { name: `Atelier Renaud ${id} – nouvelle affaire` })).toBeVisible();

  // The converted lead: read-only, linking to what it became.
  await page.goto(`/leads/${leadId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Converti');
  await expect(page.getByText(/Convertie le .*Elle est en lecture seule\./)).toBeVisible();
  const became = page.getByRole('region', { name: 'Ce qu’elle est devenue' });
  await expect(became.getByRole('link', { name: `Atelier Renaud ${id}`, exact: true })).toBeVisible();
  await expect(became.getByRole('link', { name: `Paul Renaud ${id}` })).toBeVisible();
  await expect(became.getByRole('link', { name: `Atelier Renaud ${id} – nouvelle affaire` })).toBeVisible();
  for (const name of ['Modifier', 'Convertir', 'Perdre']) await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
  await expect(statusBar(page).getByRole('button')).toHaveCount(0);
  await expect(page.getByText('Supprimer cette piste…')).toHaveCount(0);
  await expect(activity(page)).toContainText('Piste convertie');
  await page.goto(`/leads/${leadId}/edit`);
  await expect(page.getByText('Cette piste est convertie : elle ne peut plus être modifiée.')).toBeVisible();
  await page.goto(`/leads/${leadId}/convert`);
  await expect(page.getByText('Cette piste est déjà convertie.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Convertir la piste' })).toHaveCount(0);
});

test('converted onto an existing company suggested by the matching, without a contact', async ({ salesPage: page }) => {
  const id = uid();
  const company = `Maison Vidal ${id}`;
  const companyId = await createCompany(page, { name: company });
  const leadId = await createLead(page, { firstName: 'Léa', lastName: `Vidal ${id}`, companyName: company });
  const matches = page.getByRole('region', { name: 'Déjà dans le fichier clients ?' });
  await expect(matches.getByRole('link', { name: company, exact: true })).toHaveAttribute('href', `/companies/${companyId}`);
  await expect(matches.getByRole('link', { name: `Convertir vers ${company}` })).toHaveAttribute('href', `/leads/${leadId}/convert?companyId=${companyId}`);

  await page.getByRole('link', { name: 'Convertir', exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Sélectionner une société existante' })).toBeChecked();
  const suggested = page.getByRole('group', { name: 'Suggestions : elles correspondent à la piste' });
  await expect(suggested.getByRole('radio', { name: new RegExp(company) })).toBeChecked();
  await page.getByRole('radio', { name: 'Pas de création de contact' }).check();
  await page.getByRole('button', { name: 'Convertir la piste' }).click();

  await expect(page).toHaveURL(new RegExp(`/companies/${companyId}\\?converted=${leadId}$`));
  await expect(page.getByText('Piste convertie.')).toBeVisible();
  const panel = page.getByRole('region', { name: 'Pistes, opportunités et actions' });
  await expect(panel.getByRole('link', { name: `Léa Vidal ${id}` })).toBeVisible();
  await expect(panel).toContainText('convertie en cette société');
  await page.goto(`/leads/${leadId}`);
  const became = page.getByRole('region', { name: 'Ce qu’elle est devenue' });
  await expect(became.getByRole('link', { name: company, exact: true })).toBeVisible();
  await expect(became).toContainText('Aucune, ou non visible pour vous');
  await expect(activity(page)).toContainText(`Société existante : ${company}`);
});

test('edited from two pages at once: the second save is refused with who saved first', async ({ salesPage: page, managerPage, accounts }) => {
  const id = uid();
  const leadId = await createLead(page, { lastName: `Édition ${id}`, jobTitle: 'Acheteur' });
  await managerPage.goto(`/leads/${leadId}/edit`);
  await page.getByRole('link', { name: 'Modifier', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${leadId}/edit$`));
  await page.getByRole('textbox', { name: 'Fonction' }).fill('Directeur des achats');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${leadId}$`));
  await expect(details(page)).toContainText('Directeur des achats');
  await expect(activity(page)).toContainText('Modifié : Fonction');

  await managerPage.getByRole('textbox', { name: 'Fonction' }).fill('Autre chose');
  await managerPage.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(managerPage.getByText(`Cette fiche a été modifiée par ${accounts.sales.name}`)).toBeVisible();
  await expect(managerPage).toHaveURL(new RegExp(`/leads/${leadId}/edit$`));
});

test('two people converting the same lead: the first wins, the second is told', async ({ salesPage: page, managerPage }) => {
  const id = uid();
  const leadId = await createLead(page, { lastName: `Course ${id}`, companyName: `Course ${id}` });
  await managerPage.goto(`/leads/${leadId}/convert`);
  await page.goto(`/leads/${leadId}/convert`);
  await page.getByRole('button', { name: 'Convertir la piste' }).click();
  await expect(page).toHaveURL(/\/companies\/\d+\?converted=/);

  await managerPage.getByRole('button', { name: 'Convertir la piste' }).click();
  // With JavaScript the form says why; without, the page posted back shows the lead is converted already.
  const told = test.info().project.name === 'nojs' ? 'Cette piste est déjà convertie.' : 'Cette piste vient d’être convertie par quelqu’un d’autre.';
  await expect(managerPage.getByText(told)).toBeVisible();
  await expect(managerPage).toHaveURL(new RegExp(`/leads/${leadId}/convert$`));
  await expect(managerPage.getByRole('button', { name: 'Convertir la piste' })).toHaveCount(test.info().project.name === 'nojs' ? 0 : 1);
  await page.goto(`/leads/${leadId}`);
  const became = page.getByRole('region', { name: 'Ce qu’elle est devenue' });
  await expect(became.getByRole('link', { name: `Course ${id}` }).first()).toHaveAttribute('href', /^\/companies\/\d+$/);
});

test('a salesperson of another team gets "Page introuvable" for the lead and its pages', async ({ adminPage, salesPage, newPage, accounts }) => {
  const id = uid();
  const leadId = await createLead(salesPage, { lastName: `Secret ${id}` });
  const { page } = await invitedUser(adminPage, newPage, { role: 'sales', teams: [accounts.otherTeam] });
  for (const path of ['', '/edit', '/convert', '/lose']) {
    await page.goto(`/leads/${leadId}${path}`);
    await expect(page.getByRole('heading', { name: 'Page introuvable' })).toBeVisible();
  }
});

test('"New lead for this customer" from a company and from a won opportunity starts a pre-filled lead', async ({ salesPage: page }) => {
  const id = uid();
  const company = `Hôtel Bellevue ${id}`;
  const companyId = await createCompany(page, { name: company, website: `https://bellevue-${id}.test` });
  await page.goto(`/contacts/new?companyId=${companyId}`);
  await page.getByLabel('Prénom').fill('Marc');
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(`Lefèvre ${id}`);
  await page.getByRole('button', { name: 'Créer le contact' }).click();
  await expect(page).toHaveURL(/\/contacts\/\d+$/);

  await page.goto(`/companies/${companyId}`);
  const panel = page.getByRole('region', { name: 'Pistes, opportunités et actions' });
  await expect(panel).toContainText('Aucune piste pour cette société pour l’instant.');
  await panel.getByRole('link', { name: 'Nouvelle piste pour ce client' }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/new\\?fromCompany=${companyId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Nouvelle piste pour ${company}`);
  await expect(page.getByRole('textbox', { name: 'Société' })).toHaveValue(company);
  await expect(page.getByRole('textbox', { name: 'Site web' })).toHaveValue(`https://bellevue-${id}.test`);
  await expect(page.getByRole('textbox', { name: 'Prénom' })).toHaveValue('Marc');
  await expect(page.getByRole('textbox', { name: 'Nom', exact: true })).toHaveValue(`Lefèvre ${id}`);
  await page.getByRole('button', { name: 'Créer la piste' }).click();
  await expect(page).toHaveURL(leadUrl);
  await expect(details(page).getByRole('link', { name: company })).toHaveAttribute('href', `/companies/${companyId}`);
  await expect(activity(page)).toContainText(`Nouveau cycle de vente pour ${company}`);
  await page.goto(`/companies/${companyId}`);
  await expect(panel.getByRole('link', { name: `Marc Lefèvre ${id}` })).toBeVisible();
  await expect(panel).toContainText('nouveau cycle de vente');

  // From a won opportunity: the link shows once it is won.
  const oppId = await createOpportunity(page, { companyId, name: `Suites ${id}` });
  await expect(page.getByRole('link', { name: 'Nouvelle piste pour ce client' })).toHaveCount(0);
  await page.goto(`/opportunities/${oppId}/close?outcome=won`);
  await page.getByRole('button', { name: 'Confirmer : gagnée' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Gagnée');
  await page.getByRole('link', { name: 'Nouvelle piste pour ce client' }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/new\\?fromOpportunity=${oppId}$`));
  await expect(page.getByRole('textbox', { name: 'Société' })).toHaveValue(company);
  await page.getByRole('button', { name: 'Créer la piste' }).click();
  // The person is the one of the first repeat lead: the duplicate warning comes first.
  await expect(page.getByText('Ces fiches ressemblent à celle que vous enregistrez')).toBeVisible();
  await page.getByRole('checkbox', { name: 'C’est une autre piste : la créer quand même' }).check();
  await page.getByRole('button', { name: 'Créer la piste' }).click();
  await expect(page).toHaveURL(leadUrl);
  await expect(details(page).getByRole('link', { name: `Suites ${id}` })).toHaveAttribute('href', `/opportunities/${oppId}`);
  await expect(activity(page)).toContainText(`Nouveau cycle de vente après l’opportunité gagnée Suites ${id}`);
});
