import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createLead, invitedUser, keyboardDrag, uid, withLock } from './helpers';

// The leads lists (My / Open / Closed, filters, saved views, sort by computed score, take charge from the row,
// bulk assign to me and change status) and the leads board (drag with the mouse and the keyboard, the "move
// to" form without JavaScript, a drop on Lost going to the lose step), with JavaScript on and off. Each test
// works in a team of its own (or with a salesperson of its own on the board, which starts on "Mine"), so the
// lists and columns hold only what the test made, whatever the other specs add to the shared server.

const views = (page: Page) => page.getByRole('navigation', { name: 'Vues', exact: true });
const filters = (page: Page) => page.getByRole('form', { name: 'Filtres' });
const bulk = (page: Page) => page.getByRole('form', { name: 'Avec les lignes sélectionnées' });
const rowOf = (page: Page, name: string) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
const tableLinks = (page: Page) => page.getByRole('table').getByRole('rowgroup').nth(1).getByRole('link');

/** A team of its own, as the administrator, and salespeople in it, each signed in in a browser of their own. */
async function teamWithSales(adminPage: Page, newPage: () => Promise<Page>, n: number): Promise<{ team: string; sales: { page: Page; name: string }[] }> {
  const team = `Équipe pistes ${uid()}`;
  await adminPage.goto('/settings/teams');
  await adminPage.getByLabel('Nom de l’équipe').fill(team);
  await adminPage.getByRole('button', { name: 'Créer l’équipe' }).click();
  await expect(adminPage.getByRole('heading', { level: 2, name: team })).toBeVisible();
  const sales: { page: Page; name: string }[] = [];
  for (let i = 0; i < n; i++) {
    const u = await invitedUser(adminPage, newPage, { role: 'sales', teams: [team] });
    sales.push({ page: u.page, name: u.name });
  }
  return { team, sales };
}

/** A scoring rule "job title contains <words>" worth `points`, as the administrator (Settings → Leads). */
async function scoreRule(adminPage: Page, name: string, words: string, points: string) {
  await adminPage.goto('/settings/leads');
  const form = adminPage.getByRole('region', { name: 'Règles de score' }).locator('form', { has: adminPage.getByLabel('Nom de la règle') });
  await form.getByLabel('Nom de la règle').fill(name);
  await form.getByLabel('Champ').selectOption({ label: 'Intitulé de poste' });
  await form.getByLabel('Comparaison').selectOption({ label: 'contient' });
  await form.getByLabel('Texte').fill(words);
  await form.getByLabel('Points').fill(points);
  await form.getByRole('button', { name: 'Ajouter la règle' }).click();
  await expect(adminPage.getByText(new RegExp(`Règle «\\s${name}\\s» ajoutée`))).toBeVisible();
}

async function lose(page: Page, id: number) {
  await page.goto(`/leads/${id}/lose`);
  await page.getByLabel('Motif de perte').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Perdre la piste' }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${id}(\\?.*)?$`));
}

test('My, Open and Closed leads; a score filter saved as a view; sorted by computed score', async ({ adminPage, newPage }) => {
  test.setTimeout(180_000);
  const id = uid();
  const words = `prioritaire ${id}`;
  await scoreRule(adminPage, `Prioritaires ${id}`, words, '20');
  const { team, sales } = await teamWithSales(adminPage, newPage, 1);
  const page = sales[0].page;
  const [alain, zoe, queue, gone] = [`Alain ${id}`, `Zoé ${id}`, `File ${id}`, `Perdue ${id}`];
  await createLead(page, { lastName: alain, jobTitle: 'Acheteur' });
  await createLead(page, { lastName: zoe, jobTitle: `Directrice ${words}`, stars: 4 });
  await createLead(page, { lastName: queue, queueTeam: team });
  await lose(page, await createLead(page, { lastName: gone }));

  // A salesperson starts on "My leads": theirs and open, not the team's queue, not the lost one.
  await page.goto('/leads');
  await expect(page.getByRole('navigation', { name: 'Vues des pistes' }).getByRole('link', { name: 'Liste' })).toHaveAttribute('aria-current', 'page');
  await expect(views(page).getByRole('link', { name: 'Mes pistes' })).toHaveAttribute('aria-current', 'page');
  await expect(tableLinks(page)).toHaveText([alain, zoe]);
  // The status with its colour, the computed score and the stars.
  await expect(rowOf(page, zoe)).toContainText('À traiter');
  await expect(rowOf(page, zoe).getByText('Score calculé : 20')).toBeAttached();

  // Open leads: the team's queue too.
  await views(page).getByRole('link', { name: 'Pistes ouvertes' }).click();
  await expect(views(page).getByRole('link', { name: 'Pistes ouvertes' })).toHaveAttribute('aria-current', 'page');
  await expect(tableLinks(page)).toHaveText([alain, queue, zoe]);
  await expect(rowOf(page, queue)).toContainText('Non assignée');

  // Closed leads: the lost one, in red.
  await views(page).getByRole('link', { name: 'Pistes fermées' }).click();
  await expect(views(page).getByRole('link', { name: 'Pistes fermées' })).toHaveAttribute('aria-current', 'page');
  await expect(tableLinks(page)).toHaveText([gone]);
  await expect(rowOf(page, gone)).toContainText('Perdu');
  await expect(rowOf(page, gone)).toHaveClass(/bg-red/);

  // Sorted by computed score, highest first (by name, Alain comes first).
  await views(page).getByRole('link', { name: 'Pistes ouvertes' }).click();
  await expect(views(page).getByRole('link', { name: 'Pistes ouvertes' })).toHaveAttribute('aria-current', 'page');
  await expect(filters(page).getByLabel('Ouvertes ou fermées')).toHaveValue('open');
  await filters(page).getByLabel('Tri').selectOption('score');
  await filters(page).getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/sort=score/);
  await expect(tableLinks(page).first()).toHaveText(zoe);
  await expect(tableLinks(page)).toHaveCount(3);

  // A minimum score, saved as a view, applied again from the views bar.
  await filters(page).getByLabel('Score au moins').fill('10');
  await filters(page).getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/minScore=10/);
  await expect(tableLinks(page)).toHaveText([zoe]);
  const view = `Chaudes ${id}`;
  const save = page.locator('details').filter({ has: page.getByText('Enregistrer cette vue', { exact: true }) });
  await save.getByText('Enregistrer cette vue', { exact: true }).click();
  await save.getByLabel('Nom').fill(view);
  await save.getByRole('button', { name: 'Enregistrer la vue' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Vue enregistrée.');
  await page.goto('/leads?owner=all');
  await expect(filters(page).getByLabel('Score au moins')).toHaveValue('');
  await expect(tableLinks(page)).toHaveCount(3);
  await views(page).getByRole('link', { name: view }).click();
  await expect(views(page).getByRole('link', { name: view })).toHaveAttribute('aria-current', 'page');
  await expect(filters(page).getByLabel('Score au moins')).toHaveValue('10');
  await expect(filters(page).getByLabel('Tri')).toHaveValue('score');
  await expect(tableLinks(page)).toHaveText([zoe]);

  // A score that isn't a number is said so, and ignored.
  await filters(page).getByLabel('Score au moins').fill('beaucoup');
  await filters(page).getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByText('Saisissez un nombre entier', { exact: false })).toBeVisible();
  await expect(tableLinks(page)).toHaveCount(3);
});

test('a salesperson takes a lead of the team’s queue in charge from its row', async ({ adminPage, newPage }) => {
  test.setTimeout(150_000);
  const id = uid();
  const { team, sales } = await teamWithSales(adminPage, newPage, 2);
  const [first, second] = sales;
  const [queue, owned] = [`Accueil ${id}`, `Suivie ${id}`];
  await createLead(first.page, { lastName: queue, queueTeam: team });
  await createLead(first.page, { lastName: owned });

  const page = second.page;
  await page.goto('/leads?owner=all');
  await expect(tableLinks(page)).toHaveText([queue, owned]);
  // Only the queue's lead can be taken: the other one is a teammate's.
  await expect(rowOf(page, owned).getByRole('button', { name: /Prendre en charge/ })).toHaveCount(0);
  await rowOf(page, queue).getByRole('button', { name: `Prendre en charge ${queue}` }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('1 piste vous a été assignée.');
  await expect(rowOf(page, queue)).toContainText(second.name);
  await expect(rowOf(page, queue).getByRole('button', { name: /Prendre en charge/ })).toHaveCount(0);
  await views(page).getByRole('link', { name: 'Mes pistes' }).click();
  await expect(tableLinks(page)).toHaveText([queue]);
});

test('bulk: assign the checked leads to me, then change their status; a teammate’s lead refuses the whole selection', async ({ adminPage, newPage }) => {
  test.setTimeout(150_000);
  const id = uid();
  const { team, sales } = await teamWithSales(adminPage, newPage, 2);
  const [first, second] = sales;
  const [q1, q2, owned] = [`Lot un ${id}`, `Lot deux ${id}`, `Lot trois ${id}`];
  await createLead(first.page, { lastName: q1, queueTeam: team });
  await createLead(first.page, { lastName: q2, queueTeam: team });
  await createLead(first.page, { lastName: owned });

  const page = second.page;
  await page.goto('/leads?owner=all');
  await expect(tableLinks(page)).toHaveText([q2, owned, q1]);

  // With the teammate's lead in the selection: nothing changes, and the page says why.
  for (const name of [q1, owned]) await bulk(page).getByRole('checkbox', { name: `Sélectionner ${name}` }).check();
  await bulk(page).getByRole('button', { name: 'Assigner à moi' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Certaines de ces pistes sont assignées à quelqu’un d’autre : rien n’a été modifié.');
  await expect(rowOf(page, q1)).toContainText('Non assignée');
  await bulk(page).getByRole('checkbox', { name: `Sélectionner ${owned}` }).uncheck();

  for (const name of [q1, q2]) await bulk(page).getByRole('checkbox', { name: `Sélectionner ${name}` }).check();
  await bulk(page).getByRole('button', { name: 'Assigner à moi' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('2 pistes vous ont été assignées.');
  await expect(rowOf(page, q1)).toContainText(second.name);
  await expect(rowOf(page, q2)).toContainText(second.name);

  await views(page).getByRole('link', { name: 'Mes pistes' }).click();
  await expect(tableLinks(page)).toHaveText([q2, q1]);
  // Converted and Lost are not offered: they have their own steps.
  await expect(bulk(page).getByLabel('Nouveau statut').locator('option')).not.toContainText(['Converti']);
  for (const name of [q1, q2]) await bulk(page).getByRole('checkbox', { name: `Sélectionner ${name}` }).check();
  await bulk(page).getByLabel('Nouveau statut').selectOption({ label: 'Qualification marketing' });
  await bulk(page).getByRole('button', { name: 'Changer le statut' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('2 pistes déplacées.');
  await expect(rowOf(page, q1)).toContainText('Qualification marketing');
  await expect(rowOf(page, q2)).toContainText('Qualification marketing');
});

// --- the board ---------------------------------------------------------------------------------------------

const column = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const card = (col: Locator, name: string) => col.getByRole('listitem').filter({ has: col.page().getByRole('link', { name, exact: true }) });

async function salesWithLeads(adminPage: Page, newPage: () => Promise<Page>, names: string[]) {
  const { page } = await invitedUser(adminPage, newPage, { role: 'sales' });
  const ids: number[] = [];
  for (const lastName of names) ids.push(await createLead(page, { lastName, companyName: `Société ${lastName}` }));
  await page.goto('/leads/board');
  return { page, ids };
}

/** A mouse drag from the card (not its link) to the bottom of a column. */
async function mouseDrag(page: Page, from: Locator, to: Locator) {
  const grip = await from.getByRole('paragraph').first().boundingBox();
  const target = await to.boundingBox();
  if (!grip || !target) throw new Error('card or column not on screen');
  await page.mouse.move(grip.x + 4, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 20, grip.y + 12, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height - 16, { steps: 15 });
  await page.mouse.up();
}

/** The card's "move to" form (a real form: it works without JavaScript). */
async function moveTo(col: Locator, name: string, status: string) {
  const c = card(col, name);
  await c.getByText('Déplacer vers…').click();
  await c.getByLabel(`Déplacer « ${name} » vers`).selectOption({ label: status });
  await c.getByRole('button', { name: 'Déplacer', exact: true }).click();
}

test('board: cards move to another status and within a column; counts follow; the moves stay after a reload', async ({ adminPage, newPage, javaScriptEnabled }) => {
  test.setTimeout(150_000);
  const id = uid();
  const [a, b, c] = [`Alpha ${id}`, `Bravo ${id}`, `Charlie ${id}`];
  const { page } = await salesWithLeads(adminPage, newPage, [a, b, c]);
  await expect(page.getByRole('navigation', { name: 'Vues des pistes' }).getByRole('link', { name: 'Kanban' })).toHaveAttribute('aria-current', 'page');
  const toHandle = column(page, 'À traiter');
  const marketing = column(page, 'Qualification marketing');
  await expect(toHandle.getByRole('link')).toHaveText([a, b, c]);
  await expect(toHandle).toContainText('3 pistes');
  await expect(card(toHandle, a)).toContainText(`Société ${a}`);
  await expect(card(toHandle, a)).toContainText('Créée aujourd’hui');
  await expect(column(page, 'Perdu')).toContainText('Fermées ces 30 derniers jours seulement');

  if (javaScriptEnabled) {
    await mouseDrag(page, card(toHandle, a), marketing);
    await expect(marketing.getByRole('link')).toHaveText([a]);
    await expect(marketing).toContainText('1 piste');
    await expect(toHandle).toContainText('2 pistes');
    // Keyboard: to the top of the next column, before Alpha…
    await keyboardDrag(page, b, [['ArrowRight', 'Qualification marketing']]);
    await expect(marketing.getByRole('link')).toHaveText([b, a]);
    await expect(marketing).toContainText('2 pistes');
    // …and within a column: Alpha back above Bravo.
    await keyboardDrag(page, a, [['ArrowUp', 'Qualification marketing']]);
    await expect(marketing.getByRole('link')).toHaveText([a, b]);
  } else {
    // No drag handles without JavaScript: the form moves a card to the end of the chosen column.
    await expect(page.getByRole('button', { name: `Déplacer « ${a} »` })).toHaveCount(0);
    await moveTo(toHandle, a, 'Qualification marketing');
    await expect(page.getByRole('status').filter({ hasText: 'La piste a été déplacée.' })).toBeVisible();
    await moveTo(column(page, 'À traiter'), b, 'Qualification marketing');
    await expect(column(page, 'Qualification marketing')).toContainText('2 pistes');
  }

  await page.reload();
  await expect(toHandle.getByRole('link')).toHaveText([c]);
  await expect(marketing.getByRole('link')).toHaveText([a, b]);
  await expect(marketing).toContainText('2 pistes');
});

test('board: dropping a card on Lost, or choosing Lost in its form, opens the lose step', async ({ adminPage, newPage, authDir, javaScriptEnabled }) => {
  test.setTimeout(150_000);
  const name = `Delta ${uid()}`;
  const { page, ids } = await salesWithLeads(adminPage, newPage, [name]);
  const toHandle = column(page, 'À traiter');
  await expect(toHandle.getByRole('link')).toHaveText([name]);

  if (javaScriptEnabled) {
    // The columns between must not change while the keyboard walks to Lost (Settings → Leads adds some).
    await withLock(authDir, 'lead-statuses', async () => {
      await page.reload();
      const titles = await page.locator('[data-kanban-board] h2').allTextContents();
      const steps = titles.slice(titles.indexOf('À traiter') + 1, titles.indexOf('Perdu') + 1).map((col): [string, string] => ['ArrowRight', col]);
      await keyboardDrag(page, name, steps, false);
      await expect(page.locator('[id^="DndLiveRegion"]')).toContainText('la déposer ici ouvre cette étape pour la piste');
      await expect(column(page, 'Perdu')).toContainText('Déposez ici pour passer à cette étape');
      await page.keyboard.press('Space');
      await expect(page).toHaveURL(new RegExp(`/leads/${ids[0]}/lose\\?back=`));
    });
  } else {
    await moveTo(toHandle, name, 'Perdu (ouvre son étape)');
    await expect(page).toHaveURL(new RegExp(`/leads/${ids[0]}/lose\\?back=`));
  }
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Perdre ${name}`);
  // Nothing is lost yet: the board still has the card where it was.
  await page.goto('/leads/board');
  await expect(column(page, 'À traiter').getByRole('link')).toHaveText([name]);
  await expect(column(page, 'Perdu').getByRole('link', { name })).toHaveCount(0);
  // Confirming the lose step returns to the board it came from, the card now under Lost.
  await page.goto(`/leads/${ids[0]}/lose?back=${encodeURIComponent('/leads/board')}`);
  await page.getByLabel('Motif de perte').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Perdre la piste' }).click();
  await expect(page).toHaveURL(/\/leads\/board\?notice=lost$/);
  await expect(column(page, 'Perdu').getByRole('link', { name })).toHaveCount(1);
});

test('board: a move refused by the server (lost meanwhile) says why; choosing Converted in the "move to" form opens the convert step', async ({ adminPage, newPage, javaScriptEnabled }) => {
  test.setTimeout(150_000);
  const name = `Echo ${uid()}`;
  const { page, ids } = await salesWithLeads(adminPage, newPage, [name]);
  const toHandle = column(page, 'À traiter');
  await expect(toHandle.getByRole('link')).toHaveText([name]);

  // Lost meanwhile in another tab: the move is refused and the card stays (or comes back) where it was.
  const other = await page.context().newPage();
  await lose(other, ids[0]);
  await other.close();
  if (javaScriptEnabled) await keyboardDrag(page, name, [['ArrowRight', 'Qualification marketing']]);
  else await moveTo(toHandle, name, 'Qualification marketing');
  await expect(page.getByRole('alert').filter({ hasText: 'Cette piste est perdue : rouvrez-la d’abord.' })).toBeVisible();
  await expect(column(page, 'Qualification marketing').getByRole('link', { name })).toHaveCount(0);
  await page.goto('/leads/board');
  await expect(column(page, 'Perdu').getByRole('link')).toHaveText([name]);
  await expect(card(column(page, 'Perdu'), name).getByText('Déplacer vers…')).toHaveCount(0);

  // Choosing Converted in another card's form opens the convert dialog.
  const next = `Foxtrot ${uid()}`;
  const id = await createLead(page, { lastName: next });
  await page.goto('/leads/board');
  await moveTo(column(page, 'À traiter'), next, 'Converti (ouvre son étape)');
  await expect(page).toHaveURL(new RegExp(`/leads/${id}/convert\\?back=`));
});
