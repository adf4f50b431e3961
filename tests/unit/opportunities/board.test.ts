import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as schema from '@/db/schema';
import type { Db } from '@/db/client';
import { boardCard, boardColumns, boardTotals, closedSinceDay, columnCards, COLUMN_PAGE, type Board } from '@/lib/opportunities/board';
import { closeSchema, moveSchema } from '@/lib/opportunities/schema';
import { closeOpportunity, moveOpportunity } from '@/lib/opportunities/service';
import { listStages } from '@/lib/pipelines/queries';
import { makeTeam, makeUser, T0, testDb, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany } from '../../helpers/customers';
import { makeOpportunity, makePipeline, refId, starterPipeline } from '../../helpers/opportunities';

const NOW = T0 + 10_000; // 2026-01-15, Europe/Paris

function setup() {
  const handle = testDb();
  const db = handle.db;
  const team = makeTeam(db, 'North');
  const other = makeTeam(db, 'South');
  const admin = makeUser(db, { role: 'admin', name: 'Ada Admin' });
  const manager = makeUser(db, { role: 'manager', teams: [team], name: 'Marc Manager' });
  const sales = makeUser(db, { role: 'sales', teams: [team], name: 'Sam Sales' });
  const colleague = makeUser(db, { role: 'sales', teams: [team], name: 'Tina Teammate' });
  const outsider = makeUser(db, { role: 'sales', teams: [other], name: 'Olga Other' });
  const reader = makeUser(db, { role: 'read_only', teams: [team], name: 'Rita Reader' });
  const p = starterPipeline(db);
  const acme = makeCompany(db, sales, { name: 'Acme' });
  const far = makeCompany(db, outsider, { name: 'Faraway' });
  return { ...handle, team, other, admin, manager, sales, colleague, outsider, reader, p, acme, far };
}
type World = ReturnType<typeof setup>;

const column = (b: Board | null, stageId: number) => b!.columns.find((c) => c.stage.id === stageId)!;
const board = (w: World, userId: number, f = {}, limits?: Record<number, number>) => boardColumns(w.db, viewerOf(w.db, userId), w.p.pipelineId, f, { now: NOW, limits });
const close = (w: World, userId: number, id: number, outcome: 'won' | 'lost', closeDate: string) => {
  const input = closeSchema.parse({ outcome, closeDate, lostReasonId: outcome === 'lost' ? String(refId(w.db, 'lost_reason', 'Price')) : '' });
  const r = closeOpportunity(w.db, id, input, ctxFor(w.db, userId, NOW));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
};

describe('column totals', () => {
  it('count, amount and weighted amount per currency, with stage-default and overridden probabilities', () => {
    const w = setup();
    const { qualification, proposal } = w.p;
    // Qualification defaults to 10 %, Proposal to 50 %.
    makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '1000', stageId: String(qualification) }); // 100.00 weighted
    makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '2000', probability: '40', stageId: String(qualification) }); // 800.00
    makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '500', currency: 'USD', stageId: String(qualification) }); // 50.00 USD
    makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '333.33', probability: '33', stageId: String(proposal) }); // 109.9989 → 110.00
    makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '100', stageId: String(proposal) }); // 50.00
    const b = board(w, w.admin);
    expect(column(b, qualification).totals).toEqual({
      count: 3,
      byCurrency: [
        { currency: 'EUR', amount: 300_000, weighted: 90_000 },
        { currency: 'USD', amount: 50_000, weighted: 5_000 },
      ],
    });
    expect(column(b, proposal).totals).toEqual({ count: 2, byCurrency: [{ currency: 'EUR', amount: 43_333, weighted: 16_000 }] });
    expect(column(b, w.p.needs).totals).toEqual({ count: 0, byCurrency: [] });
    // The cards carry the effective probability.
    expect(column(b, qualification).cards.map((c) => [c.amount, c.currency, c.probability])).toEqual([
      [100_000, 'EUR', 10],
      [200_000, 'EUR', 40],
      [50_000, 'USD', 10],
    ]);
  });

  it('a moved card counts in its new column, with the new stage default', () => {
    const w = setup();
    const id = makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '1000' });
    const r = moveOpportunity(w.db, moveSchema.parse({ id: String(id), stageId: String(w.p.negotiation) }), ctxFor(w.db, w.sales, NOW));
    expect(r.ok).toBe(true);
    const b = board(w, w.sales);
    expect(column(b, w.p.qualification).totals.count).toBe(0);
    expect(column(b, w.p.negotiation).totals).toEqual({ count: 1, byCurrency: [{ currency: 'EUR', amount: 100_000, weighted: 75_000 }] });
    expect(boardCard(w.db, viewerOf(w.db, w.sales), id)).toMatchObject({ id, stageId: w.p.negotiation, probability: 75, movable: true, companyName: 'Acme', ownerName: 'Sam Sales' });
  });

  it('the totals are one grouped query, whatever the number of stages', () => {
    const w = setup();
    makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '10' });
    const logged: string[] = [];
    const db = drizzle(w.sqlite, { schema, logger: { logQuery: (q) => logged.push(q) } }) as unknown as Db;
    boardTotals(db, viewerOf(w.db, w.admin), listStages(w.db, w.p.pipelineId), {}, '2026-01-01');
    expect(logged.filter((q) => q.includes('group by'))).toHaveLength(1);
    expect(logged).toHaveLength(1);
  });
});

describe('visibility and filters', () => {
  it('a sales user sees only their own and their team’s cards, and totals of those only', () => {
    const w = setup();
    const mine = makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { name: 'Mine', amount: '100' });
    const teammate = makeOpportunity(w.db, w.colleague, w.acme, w.p.pipelineId, { name: 'Teammate', amount: '200' });
    makeOpportunity(w.db, w.outsider, w.far, w.p.pipelineId, { name: 'Theirs', amount: '400' });
    const names = (b: Board | null) => column(b, w.p.qualification).cards.map((c) => c.name);
    const amount = (b: Board | null) => column(b, w.p.qualification).totals.byCurrency[0]?.amount;

    expect(names(board(w, w.admin))).toEqual(['Mine', 'Teammate', 'Theirs']);
    expect(amount(board(w, w.admin))).toBe(70_000);
    expect(names(board(w, w.sales))).toEqual(['Mine', 'Teammate']);
    expect(amount(board(w, w.sales))).toBe(30_000);
    expect(names(board(w, w.outsider))).toEqual(['Theirs']);
    expect(column(board(w, w.outsider), w.p.qualification).totals.count).toBe(1);
    expect(names(board(w, w.manager))).toEqual(['Mine', 'Teammate']);

    // "Mine" and a team narrow further.
    expect(names(board(w, w.sales, { ownerId: w.sales }))).toEqual(['Mine']);
    expect(amount(board(w, w.sales, { ownerId: w.sales }))).toBe(10_000);
    expect(names(board(w, w.admin, { teamId: w.other }))).toEqual(['Theirs']);
    // A filter can't widen: the outsider asking for the sales user's cards gets nothing.
    expect(column(board(w, w.outsider, { ownerId: w.sales }), w.p.qualification).totals).toEqual({ count: 0, byCurrency: [] });

    // Who may drag: the owner and teammates (sales edit their team's), not a read-only user.
    const movable = (userId: number) => Object.fromEntries(column(board(w, userId), w.p.qualification).cards.map((c) => [c.name, c.movable]));
    expect(movable(w.sales)).toEqual({ Mine: true, Teammate: true });
    expect(movable(w.reader)).toEqual({ Mine: false, Teammate: false });
    // Hidden cards stay hidden one at a time and through "load more" too.
    expect(boardCard(w.db, viewerOf(w.db, w.outsider), mine)).toBeNull();
    expect(boardCard(w.db, viewerOf(w.db, w.outsider), teammate)).toBeNull();
    expect(columnCards(w.db, viewerOf(w.db, w.outsider), w.p.qualification, null, {}, { now: NOW }).cards.map((c) => c.name)).toEqual(['Theirs']);
  });

  it('a deactivated viewer sees an empty board', () => {
    const w = setup();
    makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '100' });
    const gone = makeUser(w.db, { role: 'admin', active: false });
    expect(column(board(w, gone), w.p.qualification)).toMatchObject({ cards: [], totals: { count: 0 } });
  });

  it('an unknown pipeline is null; another pipeline has its own columns', () => {
    const w = setup();
    const renewals = makePipeline(w.db, 'Renewals');
    makeOpportunity(w.db, w.sales, w.acme, renewals.pipelineId, { name: 'Renewal', amount: '100' });
    expect(boardColumns(w.db, viewerOf(w.db, w.admin), 9999, {}, { now: NOW })).toBeNull();
    const b = boardColumns(w.db, viewerOf(w.db, w.admin), renewals.pipelineId, {}, { now: NOW })!;
    expect(b.pipeline.name).toBe('Renewals');
    expect(b.columns.map((c) => [c.stage.name, c.closed])).toEqual([
      ['Qualification', false],
      ['Needs analysis', false],
      ['Proposal', false],
      ['Negotiation', false],
      ['Won', true],
      ['Lost', true],
    ]);
    expect(column(b, renewals.qualification).cards.map((c) => c.name)).toEqual(['Renewal']);
    expect(column(board(w, w.admin), w.p.qualification).cards).toEqual([]);
  });
});

describe('won and lost columns show the recently closed only', () => {
  it('30 days by default (cards and totals), latest first; a wider window shows more', () => {
    const w = setup();
    const recent = makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { name: 'Recent win', amount: '100' });
    const older = makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { name: 'Older win', amount: '200' });
    const edge = makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { name: 'Edge win', amount: '400' });
    const lost = makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { name: 'Lost one', amount: '800' });
    close(w, w.sales, older, 'won', '2025-11-20');
    close(w, w.sales, recent, 'won', '2026-01-10');
    close(w, w.sales, edge, 'won', '2025-12-17'); // the first day of the 30-day window ending 2026-01-15
    close(w, w.sales, lost, 'lost', '2025-10-01');
    expect(closedSinceDay(w.db, NOW, undefined)).toBe('2025-12-17');

    const b = board(w, w.sales)!;
    expect(b.closedDays).toBe(30);
    const won = column(b, w.p.won);
    expect(won.cards.map((c) => [c.name, c.status, c.movable])).toEqual([
      ['Recent win', 'won', false],
      ['Edge win', 'won', false],
    ]);
    expect(won.totals).toEqual({ count: 2, byCurrency: [{ currency: 'EUR', amount: 50_000, weighted: 50_000 }] });
    expect(column(b, w.p.lost).totals.count).toBe(0);

    const wide = board(w, w.sales, { closedDays: 365 })!;
    expect(column(wide, w.p.won).cards.map((c) => c.name)).toEqual(['Recent win', 'Edge win', 'Older win']);
    expect(column(wide, w.p.lost).totals).toEqual({ count: 1, byCurrency: [{ currency: 'EUR', amount: 80_000, weighted: 0 }] });
    // A window that isn't offered falls back to 30 days.
    expect(board(w, w.sales, { closedDays: 12345 })!.closedDays).toBe(30);
  });
});

describe('column paging', () => {
  it('first cards, then keyset pages in board order until the end', () => {
    const w = setup();
    const ids = Array.from({ length: COLUMN_PAGE + 7 }, (_, i) => makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { name: `Deal ${String(i).padStart(2, '0')}` }));
    // Put the last one first: order is by position, not by id.
    const r = moveOpportunity(w.db, moveSchema.parse({ id: String(ids.at(-1)), stageId: String(w.p.qualification), beforeId: String(ids[0]) }), ctxFor(w.db, w.sales, NOW));
    expect(r.ok).toBe(true);
    const expected = [ids.at(-1)!, ...ids.slice(0, -1)];
    const first = column(board(w, w.sales), w.p.qualification);
    expect(first.cards.map((c) => c.id)).toEqual(expected.slice(0, COLUMN_PAGE));
    expect(first.nextCursor).not.toBeNull();
    const viewer = viewerOf(w.db, w.sales);
    const second = columnCards(w.db, viewer, w.p.qualification, first.nextCursor, {}, { now: NOW, limit: 5 });
    expect(second.cards.map((c) => c.id)).toEqual(expected.slice(COLUMN_PAGE, COLUMN_PAGE + 5));
    const third = columnCards(w.db, viewer, w.p.qualification, second.nextCursor, {}, { now: NOW, limit: 5 });
    expect(third.cards.map((c) => c.id)).toEqual(expected.slice(COLUMN_PAGE + 5));
    expect(third.nextCursor).toBeNull();
    // A bigger first page (the no-JavaScript "show more" link), capped.
    expect(column(board(w, w.sales, {}, { [w.p.qualification]: 25 }), w.p.qualification).cards).toHaveLength(25);
    expect(column(board(w, w.sales, {}, { [w.p.qualification]: 10_000 }), w.p.qualification).cards).toHaveLength(COLUMN_PAGE + 7);
    // A forged cursor gives nothing rather than an error.
    expect(columnCards(w.db, viewer, w.p.qualification, 'not-a-cursor', {}, { now: NOW })).toEqual({ cards: [], nextCursor: null });
    expect(columnCards(w.db, viewer, 9999, null, {}, { now: NOW })).toEqual({ cards: [], nextCursor: null });
  });

  it('closed columns page by close date, latest first', () => {
    const w = setup();
    const days = ['2026-01-02', '2026-01-05', '2026-01-05', '2026-01-09', '2026-01-12'];
    const ids = days.map((d, i) => {
      const id = makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { name: `Win ${i}` });
      close(w, w.sales, id, 'won', d);
      return id;
    });
    const viewer = viewerOf(w.db, w.sales);
    const a = columnCards(w.db, viewer, w.p.won, null, {}, { now: NOW, limit: 2 });
    const b = columnCards(w.db, viewer, w.p.won, a.nextCursor, {}, { now: NOW, limit: 2 });
    const c = columnCards(w.db, viewer, w.p.won, b.nextCursor, {}, { now: NOW, limit: 2 });
    expect([...a.cards, ...b.cards, ...c.cards].map((x) => x.id)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    expect(c.nextCursor).toBeNull();
  });
});

type Logged = { sql: string; params: unknown[] };

/** Runs `fn` on a logging connection and returns the plan of every query on opportunities. */
function plansOf(w: World, fn: (db: Db) => void): { sql: string; plan: string[] }[] {
  const logged: Logged[] = [];
  const db = drizzle(w.sqlite, { schema, logger: { logQuery: (sql, params) => logged.push({ sql, params }) } }) as unknown as Db;
  fn(db);
  return logged
    .filter((l) => l.sql.startsWith('select') && l.sql.includes('from "opportunities"'))
    .map((l) => ({ sql: l.sql, plan: (w.sqlite.prepare(`explain query plan ${l.sql}`).all(...l.params) as { detail: string }[]).map((r) => r.detail) }));
}

describe('query plans', () => {
  const world = () => {
    const w = setup();
    for (let i = 0; i < 3; i++) makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { amount: '10' });
    return w;
  };
  const viewers = ['admin', 'sales', 'manager'] as const;
  const filters = [{}, { ownerId: 0 }, { teamId: 0 }] as const;

  it.each(viewers.flatMap((v) => filters.map((f) => ({ v, f: Object.keys(f)[0] ?? 'none' }))))('the board as $v, filter $f: every query seeks an index, cards need no sort', ({ v, f }) => {
    const w = world();
    const filter = f === 'ownerId' ? { ownerId: w.sales } : f === 'teamId' ? { teamId: w.team } : {};
    const qs = plansOf(w, (db) => {
      const b = boardColumns(db, viewerOf(w.db, w[v]), w.p.pipelineId, filter, { now: NOW, limits: { [w.p.qualification]: 1 } });
      columnCards(db, viewerOf(w.db, w[v]), w.p.qualification, column(b, w.p.qualification).nextCursor, filter, { now: NOW });
      columnCards(db, viewerOf(w.db, w[v]), w.p.won, null, filter, { now: NOW });
    });
    // One totals query, one query for the cards of every column, and the "load more" ones.
    expect(qs.filter((q) => q.sql.includes('group by'))).toHaveLength(1);
    expect(qs).toHaveLength(1 + 1 + 2);
    for (const q of qs) {
      const shown = `${q.sql}\n${q.plan.join('\n')}`;
      expect(q.sql, shown).not.toMatch(/\boffset\b/i);
      expect(q.plan.some((l) => /^SEARCH "?opportunities"? USING (COVERING )?INDEX/.test(l)), shown).toBe(true);
      expect(q.plan.filter((l) => /^SCAN "?opportunities"?/.test(l)), shown).toEqual([]);
      // Cards come in index order; only the totals may group through a temporary tree.
      if (!q.sql.includes('group by')) expect(q.plan.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
    }
  });

  it.each(viewers)('the totals as %s: open ones grouped in the order of their index, closed ones a range of close dates', (v) => {
    const w = world();
    const [totals] = plansOf(w, (db) => boardTotals(db, viewerOf(w.db, w[v]), listStages(w.db, w.p.pipelineId), {}, '2026-01-01'));
    const plan = totals.plan.join('\n');
    expect(plan).toMatch(/SEARCH opportunities USING COVERING INDEX opportunities_board_totals_idx \(stage_id=\? AND status=\?\)/);
    expect(plan).toMatch(/SEARCH opportunities USING COVERING INDEX opportunities_closed_totals_idx \(status=\? AND close_date>\?\)/);
    // Only the recently closed rows (a few) go through a temporary tree: the open ones are grouped as read.
    expect(totals.plan.filter((l) => l.includes('TEMP B-TREE'))).toHaveLength(1);
    expect(plan.indexOf('TEMP B-TREE')).toBeGreaterThan(plan.indexOf('opportunities_closed_totals_idx'));
  });

  it('the cards of all columns are one statement: open columns walk the board index, closed ones the close-date index', () => {
    const w = world();
    const [cards] = plansOf(w, (db) => boardColumns(db, viewerOf(w.db, w.sales), w.p.pipelineId, {}, { now: NOW })).filter((q) => !q.sql.includes('group by'));
    const walks = cards.plan.filter((l) => /^SEARCH opportunities USING/.test(l));
    expect(walks).toEqual([...Array(4).fill(expect.stringContaining('opportunities_board_idx (stage_id=?)')), ...Array(2).fill(expect.stringContaining('opportunities_status_closed_idx (status=? AND close_date>?)'))]);
  });

  it('open columns walk the board index, closed ones the close-date index', () => {
    const w = world();
    const qs = plansOf(w, (db) => {
      columnCards(db, viewerOf(w.db, w.admin), w.p.negotiation, null, {}, { now: NOW });
      columnCards(db, viewerOf(w.db, w.admin), w.p.lost, null, {}, { now: NOW });
    });
    expect(qs[0].plan.join('\n')).toContain('opportunities_board_idx');
    expect(qs[1].plan.join('\n')).toContain('opportunities_status_closed_idx');
  });
});

describe('cards', () => {
  it('carry what the card shows', () => {
    const w = setup();
    const id = makeOpportunity(w.db, w.sales, w.acme, w.p.pipelineId, { name: 'Big one', amount: '12500.50', score: '4', expectedCloseDate: '2026-03-31' });
    expect(column(board(w, w.sales), w.p.qualification).cards).toEqual([
      { id, name: 'Big one', companyName: 'Acme', stageId: w.p.qualification, amount: 1_250_050, currency: 'EUR', probability: 10, expectedCloseDate: '2026-03-31', closeDate: null, ownerName: 'Sam Sales', score: 4, status: 'open', movable: true },
    ]);
  });
});
