import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCompany, createOpportunity, openDisclosure, uid } from './helpers';

// Settings → Pipelines, as an administrator, with JavaScript on and off: a second pipeline set up from
// scratch, a stage in use that can't be deleted, and the drag (keyboard) that only exists with JavaScript.
// Every pipeline carries a random suffix: the js and nojs runs share the main server.

/** Settings → Pipelines → New pipeline; ends on the new pipeline's page and returns its id. */
async function newPipeline(page: Page, name: string): Promise<number> {
  await page.goto('/settings/pipelines');
  await expect(page.getByRole('heading', { level: 1, name: 'Pipelines' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Nouveau pipeline' });
  await card.getByLabel('Nom du pipeline').fill(name);
  await card.getByRole('button', { name: 'Créer le pipeline' }).click();
  await expect(page).toHaveURL(/\/settings\/pipelines\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

const stagesCard = (page: Page) => page.getByRole('region', { name: 'Étapes' });
/** The stage rows, in order (each li's id is stage-<id>). */
const stageRows = (page: Page) => stagesCard(page).locator('li[id^="stage-"]');
const stageRow = (page: Page, name: string) => stageRows(page).filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });

/** The stages' names (their headings), in order. */
async function stageNames(page: Page): Promise<string[]> {
  return stagesCard(page).getByRole('heading', { level: 3 }).allTextContents();
}

test('an administrator sets up a second pipeline: name, a new stage with its probability and colour, order, proposal stage', async ({ adminPage: page }) => {
  const id = uid();
  const pipelineId = await newPipeline(page, `Renouvellements ${id}`);
  // It starts with the starter stages, in French, and is not the default.
  expect(await stageNames(page)).toEqual(['Qualification', 'Analyse des besoins', 'Proposition', 'Négociation', 'Gagnée', 'Perdue']);
  await expect(page.getByRole('button', { name: 'En faire le pipeline par défaut' })).toBeVisible();

  await test.step('rename it', async () => {
    const settings = page.getByRole('region', { name: 'Le pipeline' });
    await settings.getByLabel('Nom').fill(`Contrats ${id}`);
    await settings.getByRole('button', { name: 'Renommer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Contrats ${id}`);
  });

  await test.step('add a stage with a probability and a colour: it goes before Won and Lost', async () => {
    const form = stagesCard(page).locator('form', { has: page.getByLabel('Nouvelle étape') });
    await form.getByLabel('Nouvelle étape').fill('Démonstration');
    await form.getByLabel('Couleur').selectOption({ label: 'Rose' });
    await form.getByLabel('Probabilité par défaut (%)').fill('150');
    await form.getByRole('button', { name: 'Ajouter l’étape' }).click();
    await expect(form.getByText('Saisissez un nombre entier de 0 à 100.')).toBeVisible();
    await form.getByLabel('Probabilité par défaut (%)').fill('60');
    await form.getByRole('button', { name: 'Ajouter l’étape' }).click();
    await expect(page.getByText('Étape « Démonstration » ajoutée.')).toBeVisible();
    await expect.poll(() => stageNames(page)).toEqual(['Qualification', 'Analyse des besoins', 'Proposition', 'Négociation', 'Démonstration', 'Gagnée', 'Perdue']);
    const row = stageRow(page, 'Démonstration');
    await expect(row).toContainText(/Probabilité 60\s%/);
    await openDisclosure(row, 'Modifier');
    await expect(row.getByLabel('Couleur')).toHaveValue('pink');
    await expect(row.getByLabel('Probabilité par défaut (%)')).toHaveValue('60');
  });

  await test.step('a name another stage of the pipeline has is refused', async () => {
    // Without JavaScript the add form answered on a POST: start again from the page itself.
    await page.goto(`/settings/pipelines/${pipelineId}`);
    const row = stageRow(page, 'Démonstration');
    await openDisclosure(row, 'Modifier');
    await row.getByLabel('Nom de l’étape').fill('négociation');
    await row.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Ce pipeline a déjà une étape de ce nom.')).toBeVisible();
  });

  await test.step('reorder with the up/down buttons: the last open stage cannot go below Won', async () => {
    await page.goto(`/settings/pipelines/${pipelineId}`);
    await expect(page.getByRole('button', { name: 'Descendre « Démonstration »' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Monter « Démonstration »' }).click();
    await expect.poll(() => stageNames(page)).toEqual(['Qualification', 'Analyse des besoins', 'Proposition', 'Démonstration', 'Négociation', 'Gagnée', 'Perdue']);
    await page.getByRole('button', { name: 'Monter « Démonstration »' }).click();
    await expect.poll(() => stageNames(page)).toEqual(['Qualification', 'Analyse des besoins', 'Démonstration', 'Proposition', 'Négociation', 'Gagnée', 'Perdue']);
    // Won and Lost have no arrows.
    await expect(page.getByRole('button', { name: 'Monter « Gagnée »' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Monter « Perdue »' })).toHaveCount(0);
  });

  await test.step('make the new stage THE proposal stage: the old one becomes an ordinary open stage', async () => {
    await page.getByRole('button', { name: 'Faire de « Démonstration » l’étape de proposition' }).click();
    await expect(stageRow(page, 'Démonstration').getByText('Proposition', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Faire de « Proposition » l’étape de proposition' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Faire de « Démonstration » l’étape de proposition' })).toHaveCount(0);
    // Only open stages may be deleted, and never the proposal stage.
    await expect(page.locator('summary', { hasText: 'Supprimer « Démonstration »' })).toHaveCount(0);
    await expect(page.locator('summary', { hasText: 'Supprimer « Gagnée »' })).toHaveCount(0);
  });

  await test.step('the list shows it, after the default pipeline, with its stages', async () => {
    await page.goto('/settings/pipelines');
    const item = page.locator(`#pipeline-${pipelineId}`);
    await expect(item.getByRole('link', { name: `Contrats ${id}` })).toBeVisible();
    await expect(item).toContainText('7 étapes');
    await expect(item.getByRole('button', { name: `Faire de « Contrats ${id} » le pipeline par défaut` })).toBeVisible();
  });
});

test('a stage in use cannot be deleted: the message gives the count; its opportunities can be moved to another stage first', async ({ adminPage: page }) => {
  const id = uid();
  const name = `Grands projets ${id}`;
  const pipelineId = await newPipeline(page, name);
  const companyId = await createCompany(page, { name: `Verrerie ${id}` });
  await createOpportunity(page, { companyId, name: `Vitrage ${id}`, pipeline: name });

  await page.goto(`/settings/pipelines/${pipelineId}`);
  await expect(stageRow(page, 'Qualification')).toContainText('1 opportunité');
  await openDisclosure(stageRow(page, 'Qualification'), 'Supprimer');
  await expect(stageRow(page, 'Qualification')).toContainText('1 opportunité est à cette étape');
  await stageRow(page, 'Qualification').getByRole('button', { name: 'Déplacer et supprimer l’étape' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '« Qualification » a encore 1 opportunité : déplacez-la d’abord, ou choisissez l’étape qui la reprend.' })).toBeVisible();
  expect(await stageNames(page)).toContain('Qualification');

  // Deleting the pipeline is refused too while the opportunity uses it.
  await openDisclosure(page.getByRole('region', { name: 'Le pipeline' }), 'Supprimer le pipeline');
  await expect(page.getByRole('region', { name: 'Le pipeline' })).toContainText('1 opportunité utilise ce pipeline');

  await page.goto(`/settings/pipelines/${pipelineId}`);
  await openDisclosure(stageRow(page, 'Qualification'), 'Supprimer');
  await stageRow(page, 'Qualification').getByLabel('Déplacer ses opportunités vers').selectOption({ label: 'Analyse des besoins' });
  await stageRow(page, 'Qualification').getByRole('button', { name: 'Déplacer et supprimer l’étape' }).click();
  await expect.poll(() => stageNames(page)).toEqual(['Analyse des besoins', 'Proposition', 'Négociation', 'Gagnée', 'Perdue']);
  await expect(stageRow(page, 'Analyse des besoins')).toContainText('1 opportunité');
});

test('stages are dragged by their handle with the keyboard (JavaScript); without it, only the buttons are offered', async ({ adminPage: page, javaScriptEnabled }) => {
  const id = uid();
  const pipelineId = await newPipeline(page, `Partenaires ${id}`);
  const handle = page.getByRole('button', { name: 'Déplacer « Négociation »' });
  if (!javaScriptEnabled) {
    // No dead control without JavaScript: no handle, the arrows do the job.
    await expect(page.getByRole('button', { name: 'Monter « Négociation »' })).toBeVisible();
    await expect(handle).toHaveCount(0);
    return;
  }
  await expect(handle).toBeVisible();
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(page.getByText('Étape « Négociation » saisie, en position 4 sur 4.')).toBeAttached();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByText('Étape « Négociation » en position 3 sur 4.')).toBeAttached();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByText('Étape « Négociation » en position 2 sur 4.')).toBeAttached();
  await page.keyboard.press('Space');
  await expect(page.getByText('Étape « Négociation » déposée en position 2 sur 4.')).toBeAttached();
  await expect.poll(() => stageNames(page)).toEqual(['Qualification', 'Négociation', 'Analyse des besoins', 'Proposition', 'Gagnée', 'Perdue']);
  // The handle keeps the focus, and the order is saved.
  await expect(handle).toBeFocused();
  await page.reload();
  expect(await stageNames(page)).toEqual(['Qualification', 'Négociation', 'Analyse des besoins', 'Proposition', 'Gagnée', 'Perdue']);

  // Won and Lost have no handle: they stay last.
  await expect(page.getByRole('button', { name: 'Déplacer « Gagnée »' })).toHaveCount(0);

  await test.step('a drag the server refuses (the stages changed meanwhile) is rolled back with a message', async () => {
    const other = await page.context().newPage();
    await other.goto(`/settings/pipelines/${pipelineId}`);
    const form = stagesCard(other).locator('form', { has: other.getByLabel('Nouvelle étape') });
    await form.getByLabel('Nouvelle étape').fill('Pilote');
    await form.getByRole('button', { name: 'Ajouter l’étape' }).click();
    await expect(other.getByText('Étape « Pilote » ajoutée.')).toBeVisible();
    await other.close();

    const before = ['Qualification', 'Négociation', 'Analyse des besoins', 'Proposition', 'Gagnée', 'Perdue'];
    await page.getByRole('button', { name: 'Déplacer « Proposition »' }).focus();
    await page.keyboard.press('Space');
    await expect(page.getByText('Étape « Proposition » saisie, en position 4 sur 4.')).toBeAttached();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByText('Étape « Proposition » en position 3 sur 4.')).toBeAttached();
    await page.keyboard.press('Space');
    await expect(page.getByRole('alert').filter({ hasText: 'Les étapes de ce pipeline ont changé entre-temps : rechargez la page et recommencez.' })).toBeVisible();
    // The optimistic order falls back when the refused action's transition ends, a render after the message.
    await expect.poll(() => stageNames(page)).toEqual(before);
    await page.reload();
    expect(await stageNames(page)).toEqual(['Qualification', 'Négociation', 'Analyse des besoins', 'Proposition', 'Pilote', 'Gagnée', 'Perdue']);
  });

  for (const path of ['/settings/pipelines', `/settings/pipelines/${pipelineId}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const found = results.violations.map((v) => ({ rule: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
    expect(found, `axe violations on ${path}`).toEqual([]);
  }
});

test('managers and salespeople have no Pipelines tab and are refused the pages', async ({ managerPage, salesPage }) => {
  for (const page of [managerPage, salesPage]) {
    await page.goto('/settings');
    await expect(page.getByRole('navigation', { name: 'Paramètres' }).getByRole('link', { name: 'Pipelines' })).toHaveCount(0);
    for (const path of ['/settings/pipelines', '/settings/pipelines/1']) {
      await page.goto(path);
      await expect(page.getByRole('main').getByRole('heading', { name: 'Accès refusé' }), path).toBeVisible();
    }
  }
});
