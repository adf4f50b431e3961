import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createCompany, createOpportunity, invitedUser, keyboardDrag, uid } from './helpers';

// The opportunities board. Each test signs in a salesperson of its own: the board starts on "Mine", so
// the columns show only the cards the test made, whatever the other specs add to the shared server.
// With JavaScript cards are dragged (mouse and keyboard); without it each card's "move to" form does it.

const column = (page: Page, name: string) => page.getByRole('group', { name, exact: true });
const card = (col: Locator, name: string) => col.getByRole('listitem').filter({ has: col.page().getByRole('link', { name, exact: true }) });

async function salesWithDeals(adminPage: Page, newPage: () => Promise<Page>, deals: { name: string; amount: string }[]) {
  const { page } = await invitedUser(adminPage, newPage, { role: 'sales' });
  const companyId = await createCompany(page, { name: `Tableau ${uid()}` });
  const ids: number[] = [];
  for (const d of deals) ids.push(await createOpportunity(page, { companyId, ...d }));
  await page.goto('/opportunities/board');
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
async function moveTo(col: Locator, name: string, stage: string) {
  const c = card(col, name);
  await c.getByText('Déplacer vers…').click();
  await c.getByLabel(`Déplacer « ${name} » vers`).selectOption({ label: stage });
  await c.getByRole('button', { name: 'Déplacer', exact: true }).click();
}

test('cards move to another column and within one; the moves and the column totals stay after a reload', async ({ adminPage, newPage, javaScriptEnabled }) => {
  test.setTimeout(120_000);
  const id = uid();
  const [a, b, c] = [`Alpha ${id}`, `Bravo ${id}`, `Charlie ${id}`];
  const { page } = await salesWithDeals(adminPage, newPage, [
    { name: a, amount: '1000' },
    { name: b, amount: '2000' },
    { name: c, amount: '4000' },
  ]);
  const qualification = column(page, 'Qualification');
  const needs = column(page, 'Analyse des besoins');
  const proposal = column(page, 'Proposition');
  await expect(qualification.getByRole('link')).toHaveText([a, b, c]);
  // Count, total and weighted (Qualification: 10 %).
  await expect(qualification).toContainText('3 opportunités');
  await expect(qualification).toContainText(/Total\s*7\s000\s€/);
  await expect(qualification).toContainText(/Pondéré\s*700\s€/);
  await expect(column(page, 'Gagnée')).toContainText('Clôturées ces 30 derniers jours seulement');

  if (javaScriptEnabled) {
    await mouseDrag(page, card(qualification, a), needs);
    await expect(needs.getByRole('link')).toHaveText([a]);
    // The header follows once the server has agreed (Needs analysis: 25 %).
    await expect(needs).toContainText('1 opportunité');
    await expect(needs).toContainText(/Pondéré\s*250\s€/);
    // Keyboard: to the top of the next column, before Alpha…
    await keyboardDrag(page, b, [['ArrowRight', 'Analyse des besoins']]);
    await expect(needs.getByRole('link')).toHaveText([b, a]);
    await expect(needs).toContainText('2 opportunités');
    // …and two columns over.
    await keyboardDrag(page, c, [
      ['ArrowRight', 'Analyse des besoins'],
      ['ArrowRight', 'Proposition'],
    ]);
    await expect(proposal.getByRole('link')).toHaveText([c]);
    await expect(proposal).toContainText(/Pondéré\s*2\s000\s€/);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => ({ rule: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
  } else {
    // No drag handles without JavaScript: the form moves a card to the end of the chosen column.
    await expect(page.getByRole('button', { name: `Déplacer « ${a} »` })).toHaveCount(0);
    await moveTo(qualification, a, 'Analyse des besoins');
    await expect(page.getByRole('status').filter({ hasText: 'L’opportunité a été déplacée.' })).toBeVisible();
    await moveTo(column(page, 'Qualification'), b, 'Analyse des besoins');
    await moveTo(column(page, 'Qualification'), c, 'Proposition');
  }

  await page.reload();
  await expect(qualification.getByRole('link')).toHaveCount(0);
  await expect(needs.getByRole('link')).toHaveText(javaScriptEnabled ? [b, a] : [a, b]);
  await expect(proposal.getByRole('link')).toHaveText([c]);
  await expect(needs).toContainText(/Total\s*3\s000\s€/);
  await expect(needs).toContainText(/Pondéré\s*750\s€/);
});

test('a move refused by the server (the opportunity was closed meanwhile) puts the card back with a message', async ({ adminPage, newPage, javaScriptEnabled }) => {
  test.setTimeout(120_000);
  const name = `Delta ${uid()}`;
  const { page, ids } = await salesWithDeals(adminPage, newPage, [{ name, amount: '3000' }]);
  const qualification = column(page, 'Qualification');
  await expect(qualification.getByRole('link')).toHaveText([name]);

  // Someone wins it in another tab while this board is on screen.
  const other = await page.context().newPage();
  await other.goto(`/opportunities/${ids[0]}/close?outcome=won`);
  await other.getByRole('button', { name: 'Confirmer : gagnée' }).click();
  await expect(other).not.toHaveURL(/\/close/);
  await other.close();

  if (javaScriptEnabled) await keyboardDrag(page, name, [['ArrowRight', 'Analyse des besoins']]);
  else await moveTo(qualification, name, 'Analyse des besoins');
  await expect(page.getByRole('alert').filter({ hasText: 'Cette opportunité est clôturée et ne peut pas être modifiée : rouvrez-la d’abord.' })).toBeVisible();
  await expect(column(page, 'Analyse des besoins').getByRole('link', { name })).toHaveCount(0);
  if (javaScriptEnabled) await expect(qualification.getByRole('link')).toHaveText([name]);
  // The page as the server has it now: the card is won (and can't be dragged or moved any more).
  await page.goto('/opportunities/board');
  const won = column(page, 'Gagnée');
  await expect(won.getByRole('link')).toHaveText([name]);
  await expect(card(won, name)).toContainText('Gagnée le');
  await expect(card(won, name).getByText('Déplacer vers…')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Déplacer « ${name} »` })).toHaveCount(0);
});

test('dropping a card on Won, or choosing Won in its form, asks to confirm the close and comes back to the board', async ({ adminPage, newPage, javaScriptEnabled }) => {
  test.setTimeout(120_000);
  const name = `Echo ${uid()}`;
  const { page, ids } = await salesWithDeals(adminPage, newPage, [{ name, amount: '5000' }]);
  const qualification = column(page, 'Qualification');
  await expect(qualification.getByRole('link')).toHaveText([name]);

  if (javaScriptEnabled) {
    // Hovering Won says what dropping there does; the drop itself moves nothing.
    const steps = ['Analyse des besoins', 'Proposition', 'Négociation', 'Gagnée'].map((col): [string, string] => ['ArrowRight', col]);
    await keyboardDrag(page, name, steps, false);
    await expect(page.locator('[id^="DndLiveRegion"]')).toContainText('la déposer ici demande de confirmer la clôture');
    await expect(column(page, 'Gagnée')).toContainText('Déposez ici pour confirmer la clôture');
    await page.keyboard.press('Space');
  } else {
    await moveTo(qualification, name, 'Gagnée (à confirmer)');
  }
  await expect(page).toHaveURL(new RegExp(`/opportunities/${ids[0]}/close\\?outcome=won&back=`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Gagnée : ${name}`);
  // Not closed yet: cancelling goes back to the board, where the card hasn't moved.
  await page.getByRole('link', { name: 'Annuler' }).click();
  await expect(page).toHaveURL(/\/opportunities\/board\?/);
  await expect(column(page, 'Qualification').getByRole('link')).toHaveText([name]);
  await expect(column(page, 'Gagnée').getByRole('link')).toHaveCount(0);
});

test('a column shows its first cards and more on demand', async ({ adminPage, newPage, javaScriptEnabled }) => {
  test.setTimeout(180_000);
  const id = uid();
  const deals = Array.from({ length: 21 }, (_, i) => ({ name: `Lot ${String(i + 1).padStart(2, '0')} ${id}`, amount: '100' }));
  const { page } = await salesWithDeals(adminPage, newPage, deals);
  const qualification = column(page, 'Qualification');
  await expect(qualification).toContainText('21 opportunités');
  await expect(qualification.getByRole('link', { name: /^Lot / })).toHaveCount(20);
  await qualification.getByRole(javaScriptEnabled ? 'button' : 'link', { name: 'Afficher plus' }).click();
  await expect(qualification.getByRole('link', { name: /^Lot / })).toHaveCount(21);
  await expect(qualification.getByRole('link', { name: deals[20].name })).toBeVisible();
  await expect(qualification.getByText('Afficher plus')).toHaveCount(0);
});
