import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, test } from 'vitest';
import * as schema from '@/db/schema';
import type { Db } from '@/db/client';
import { columnLeads, COLUMN_PAGE, leadBoard, leadCard, statusCounts, closedSince, type LeadBoard } from '@/lib/leads/board';
import { moveLead } from '@/lib/leads/service';
import { listLeadStatuses } from '@/lib/leads/statuses';
import { T0, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makePeople, seededWorld, type DbHandle } from '../../helpers/customers';
import { leadWorld, makeLead } from '../../helpers/leads';

const DAY = 86_400_000;
const NOW = T0 + 100 * DAY;

function set(db: Db, id: number, cols: Record<string, number | string | null>) {
  for (const [k, v] of Object.entries(cols)) db.run(sql`update leads set ${sql.raw(k)} = ${v} where id = ${id}`);
}

const world = seededWorld((db) => {
  const p = makePeople(db);
  const s = leadWorld(db);
  const co = makeCompany(db, p.admin, { name: 'Converted Co' });
  // A long first column: salesA1's, to page through.
  const column = Array.from({ length: COLUMN_PAGE + 7 }, (_, i) => makeLead(db, p.salesA1, { lastName: `Card ${String(i).padStart(2, '0')}`, companyName: 'Acme' }, T0 + i));
  const queueA = makeLead(db, p.salesA2, { lastName: 'Queue A', ownerId: '', teamId: String(p.teamA) });
  const queueB = makeLead(db, p.salesB, { lastName: 'Queue B', ownerId: '', teamId: String(p.teamB) });
  const b = makeLead(db, p.salesB, { lastName: 'B one' });
  const mktLead = makeLead(db, p.salesA2, { lastName: 'Marketing one' });
  set(db, mktLead, { status_id: s.marketing });
  // Lost and converted: recently (inside 30 days) and long ago.
  const closed = (name: string, status: number, daysAgo: number) => {
    const id = makeLead(db, p.salesA1, { lastName: name });
    set(db, id, { status_id: status, closed_at: NOW - daysAgo * DAY, converted_company_id: status === s.converted ? co : null });
    return id;
  };
  const lostRecent = closed('Lost recent', s.lost, 3);
  const lostRecent2 = closed('Lost recent two', s.lost, 1);
  const lostOld = closed('Lost old', s.lost, 45);
  const convertedRecent = closed('Converted recent', s.converted, 10);
  const convertedOld = closed('Converted old', s.converted, 200);
  return { ...p, ...s, column, queueA, queueB, b, mktLead, lostRecent, lostRecent2, lostOld, convertedRecent, convertedOld };
});
type H = ReturnType<typeof world>;

const col = (b: LeadBoard, statusId: number) => b.columns.find((c) => c.status.id === statusId)!;
const board = (h: H, who: keyof H['w'], f = {}, limits?: Record<number, number>) => leadBoard(h.db, viewerOf(h.db, h.w[who] as number), f, { now: NOW, limits });

describe('the leads board', () => {
  test('one column per status in order, with its count; converted and lost: the last 30 days only, latest first', () => {
    const h = world();
    const b = board(h, 'admin');
    expect(b.columns.map((c) => c.status.name)).toEqual(['To handle', 'Marketing qualification', 'Sales qualification', 'Nurturing', 'Converted', 'Lost']);
    expect(b.columns.map((c) => [c.count, c.terminal])).toEqual([
      [COLUMN_PAGE + 7 + 3, false],
      [1, false],
      [0, false],
      [0, false],
      [1, true],
      [2, true],
    ]);
    expect(col(b, h.w.lost).cards.map((c) => c.id)).toEqual([h.w.lostRecent2, h.w.lostRecent]);
    expect(col(b, h.w.converted).cards.map((c) => c.id)).toEqual([h.w.convertedRecent]);
    // A wider window brings the older ones back, in the counts too.
    const year = board(h, 'admin', { closedDays: 365 });
    expect([col(year, h.w.lost).count, col(year, h.w.converted).count]).toEqual([3, 2]);
    expect(col(year, h.w.lost).cards.map((c) => c.id)).toEqual([h.w.lostRecent2, h.w.lostRecent, h.w.lostOld]);
    expect(board(h, 'admin', { closedDays: 12 }).closedDays).toBe(30);
  });

  test('a card: name, company, scores, owner, age, and whether the viewer may move it', () => {
    const h = world();
    set(h.db, h.w.column[0], { computed_score: 25, manual_score: 3 });
    const card = col(board(h, 'salesA2'), h.w.toHandle).cards[0];
    expect(card).toEqual({
      id: h.w.column[0],
      name: 'Card 00',
      companyName: 'Acme',
      statusId: h.w.toHandle,
      computedScore: 25,
      manualScore: 3,
      ownerId: h.w.salesA1,
      ownerName: 'Sam Sales',
      createdAt: T0,
      closedAt: null,
      movable: true,
    });
    expect(col(board(h, 'readOnlyA'), h.w.toHandle).cards[0].movable).toBe(false);
    expect(col(board(h, 'admin'), h.w.lost).cards.every((c) => !c.movable)).toBe(true);
    expect(leadCard(h.db, viewerOf(h.db, h.w.salesB), h.w.column[0])).toBeNull();
    expect(leadCard(h.db, viewerOf(h.db, h.w.salesA2), h.w.queueA)).toMatchObject({ ownerId: null, ownerName: null, movable: true });
  });

  test('columns page by (position, id): first cards, then "more" without gaps or repeats; a bigger first page, capped', () => {
    const h = world();
    const v = viewerOf(h.db, h.w.admin);
    const first = col(board(h, 'admin'), h.w.toHandle);
    expect(first.cards).toHaveLength(COLUMN_PAGE);
    const seen = first.cards.map((c) => c.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = columnLeads(h.db, v, h.w.toHandle, cursor, {}, { now: NOW, limit: 4 });
      seen.push(...page.cards.map((c) => c.id));
      cursor = page.nextCursor;
    }
    const expected = h.db.all<{ id: number }>(sql`select id from leads where status_id = ${h.w.toHandle} order by position, id`).map((r) => r.id);
    expect(seen).toEqual(expected);
    expect(col(board(h, 'admin', {}, { [h.w.toHandle]: 25 }), h.w.toHandle).cards).toHaveLength(25);
    expect(col(board(h, 'admin', {}, { [h.w.toHandle]: 10_000 }), h.w.toHandle).cards).toHaveLength(expected.length);
    // A forged cursor or an unknown status gives nothing rather than an error.
    expect(columnLeads(h.db, v, h.w.toHandle, 'junk', {}, { now: NOW })).toEqual({ cards: [], nextCursor: null });
    expect(columnLeads(h.db, v, 9999, null, {}, { now: NOW })).toEqual({ cards: [], nextCursor: null });
  });

  test('lost cards page by close time, latest first', () => {
    const h = world();
    const v = viewerOf(h.db, h.w.admin);
    const a = columnLeads(h.db, v, h.w.lost, null, { closedDays: 365 }, { now: NOW, limit: 1 });
    const b = columnLeads(h.db, v, h.w.lost, a.nextCursor, { closedDays: 365 }, { now: NOW, limit: 1 });
    const c = columnLeads(h.db, v, h.w.lost, b.nextCursor, { closedDays: 365 }, { now: NOW, limit: 1 });
    expect([...a.cards, ...b.cards, ...c.cards].map((x) => x.id)).toEqual([h.w.lostRecent2, h.w.lostRecent, h.w.lostOld]);
    expect(c.nextCursor).toBeNull();
  });

  test('a move shows at once: the card in its new column and place, the counts follow', () => {
    const h = world();
    const ctx = ctxFor(h.db, h.w.salesA1, NOW);
    const r = moveLead(h.db, { id: h.w.column[3], statusId: h.w.marketing, beforeId: h.w.mktLead }, ctx);
    expect(r.ok).toBe(true);
    const b = board(h, 'salesA1');
    expect(col(b, h.w.marketing).cards.map((c) => c.id)).toEqual([h.w.column[3], h.w.mktLead]);
    // To handle: salesA1's cards and team A's queue lead, less the one moved.
    expect([col(b, h.w.toHandle).count, col(b, h.w.marketing).count]).toEqual([COLUMN_PAGE + 7, 2]);
  });
});

describe('filters and visibility', () => {
  test('sales see their own and their team’s cards, the team’s queue included, never another team’s', () => {
    const h = world();
    const ids = (b: LeadBoard) => b.columns.flatMap((c) => c.cards.map((x) => x.id));
    const a = board(h, 'salesA2', {}, { [h.w.toHandle]: 200 });
    expect(ids(a)).toContain(h.w.queueA);
    expect(ids(a)).not.toContain(h.w.queueB);
    expect(ids(a)).not.toContain(h.w.b);
    expect(col(a, h.w.toHandle).count).toBe(COLUMN_PAGE + 7 + 1);
    const other = board(h, 'salesB');
    expect(ids(other).sort((x, y) => x - y)).toEqual([h.w.queueB, h.w.b].sort((x, y) => x - y));
    expect(other.columns.map((c) => c.count)).toEqual([2, 0, 0, 0, 0, 0]);
    expect(board(h, 'deactivated').columns.every((c) => c.count === 0 && c.cards.length === 0)).toBe(true);
  });

  test('owner (a user, unassigned) and team filters apply to cards and counts alike', () => {
    const h = world();
    const mine = board(h, 'salesA1', { owner: h.w.salesA1 });
    expect(col(mine, h.w.toHandle).count).toBe(COLUMN_PAGE + 7);
    expect(col(mine, h.w.marketing).count).toBe(0);
    expect(col(mine, h.w.lost).count).toBe(2);
    const queue = board(h, 'admin', { owner: 'unassigned' });
    expect(col(queue, h.w.toHandle).cards.map((c) => c.id).sort((x, y) => x - y)).toEqual([h.w.queueA, h.w.queueB].sort((x, y) => x - y));
    const south = board(h, 'admin', { teamId: h.w.teamB });
    expect(south.columns.map((c) => c.count)).toEqual([2, 0, 0, 0, 0, 0]);
  });
});

type Logged = { sql: string; params: unknown[] };

/** Runs `fn` on a logging connection and returns the plan of every query that reads leads. */
function plansOf(h: DbHandle, fn: (db: Db) => void): { sql: string; plan: string[] }[] {
  const logged: Logged[] = [];
  const db = drizzle(h.sqlite, { schema, logger: { logQuery: (q, params) => logged.push({ sql: q, params }) } }) as unknown as Db;
  fn(db);
  return logged
    .filter((l) => l.sql.startsWith('select') && l.sql.includes('from "leads"'))
    .map((l) => ({ sql: l.sql, plan: (h.sqlite.prepare(`explain query plan ${l.sql}`).all(...l.params) as { detail: string }[]).map((r) => r.detail) }));
}

describe('query plans', () => {
  const filters = [{}, { owner: 'mine' }, { owner: 'unassigned' }, { teamId: 'A' }] as const;
  test.each((['admin', 'salesA1', 'managerA'] as const).flatMap((v) => filters.map((f) => ({ v, f: JSON.stringify(f) }))))('the board as $v, filters $f: ONE grouped count, one key query per column, no scan, no OFFSET', ({ v, f }) => {
    const h = world();
    const parsed = JSON.parse(f) as { owner?: string; teamId?: string };
    const filter = { owner: parsed.owner === 'mine' ? h.w.salesA1 : parsed.owner === 'unassigned' ? ('unassigned' as const) : undefined, teamId: parsed.teamId ? h.w.teamA : undefined };
    const viewer = viewerOf(h.db, h.w[v]);
    const qs = plansOf(h, (db) => leadBoard(db, viewer, filter, { now: NOW, limits: { [h.w.toHandle]: 2 } }));
    const statuses = listLeadStatuses(h.db).length;
    const counts = qs.filter((q) => q.sql.includes('group by'));
    expect(counts).toHaveLength(1);
    // Counted from the index alone, whatever the viewer and the filters.
    expect(counts[0].plan.join('\n')).toMatch(/SEARCH "?leads"? USING COVERING INDEX leads_status_closed_idx \(status_id=\?/);
    // The count, then per column its keys and (when it has cards) the cards of the page by id.
    const keyQueries = qs.filter((q) => q.sql.includes('order by'));
    expect(keyQueries).toHaveLength(statuses);
    for (const q of qs) {
      const shown = `${q.sql}\n${q.plan.join('\n')}`;
      expect(q.sql, shown).not.toMatch(/\boffset\b/i);
      expect(q.plan.some((l) => /^SEARCH "?leads"? USING (COVERING )?INDEX|^SEARCH "?leads"? USING INTEGER PRIMARY KEY/.test(l)), shown).toBe(true);
      expect(q.plan.filter((l) => /^SCAN "?leads"?/.test(l)), shown).toEqual([]);
    }
  });

  test('open columns walk the board index in order', () => {
    const h = world();
    const qs = plansOf(h, (db) => columnLeads(db, viewerOf(h.db, h.w.admin), h.w.marketing, null, {}, { now: NOW }));
    const keys = qs.find((q) => q.sql.includes('order by'))!;
    expect(keys.plan.join('\n')).toMatch(/leads_board_idx \(status_id=\?\)/);
    expect(keys.plan.filter((l) => l.includes('TEMP B-TREE'))).toEqual([]);
  });

  test('the counts are the same as counting the visible leads one status at a time', () => {
    const h = world();
    for (const who of ['admin', 'salesA2', 'salesB', 'readOnlyA'] as const) {
      const viewer = viewerOf(h.db, h.w[who]);
      const statuses = listLeadStatuses(h.db);
      const counts = statusCounts(h.db, viewer, statuses, {}, closedSince(NOW, 30));
      for (const s of statuses) {
        let n = 0;
        let cursor: string | null = null;
        do {
          const page = columnLeads(h.db, viewer, s.id, cursor, {}, { now: NOW, limit: 200 });
          n += page.cards.length;
          cursor = page.nextCursor;
        } while (cursor);
        expect(counts.get(s.id), `${who} ${s.name}`).toBe(n);
      }
    }
  });
});
