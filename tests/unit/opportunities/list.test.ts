import { describe, expect, test } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import type { Db } from '@/db/client';
import { listOpportunities, PAGE_SIZE, defaultSort, type ListStatus, type OpportunityFilters, type OpportunitySort } from '@/lib/opportunities/list';
import { closeSchema } from '@/lib/opportunities/schema';
import { closeOpportunity } from '@/lib/opportunities/service';
import { T0, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makePeople, makeTag, seededWorld, type DbHandle } from '../../helpers/customers';
import { makeOpportunity, makePipeline, refId, starterPipeline } from '../../helpers/opportunities';

const N = 2 * PAGE_SIZE + 7;
const NOW = T0 + 100_000;
const DATES = ['2026-02-10', '2026-03-01', '2026-03-01', '2026-04-20', null, '2026-02-10', '2026-06-30'];
const CLOSE_DATES = ['2026-01-10', '2025-12-01', '2026-01-10'];

function close(db: Db, userId: number, id: number, outcome: 'won' | 'lost', closeDate: string) {
  const lostReasonId = outcome === 'lost' ? String(refId(db, 'lost_reason', 'Price')) : '';
  const r = closeOpportunity(db, id, closeSchema.parse({ outcome, closeDate, lostReasonId, competitor: '' }), ctxFor(db, userId, NOW));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
}

const world = seededWorld((db) => {
  const p = makePeople(db);
  const main = starterPipeline(db);
  const renewals = makePipeline(db, 'Renewals');
  const hot = makeTag(db, 'Hot');
  const upsell = refId(db, 'opportunity_type', 'Upsell');
  // The paging set: salesA1's, on one company, with ties on every key and some dates missing.
  const coA = makeCompany(db, p.salesA1, { name: 'Alpha' });
  const bulk: number[] = [];
  for (let i = 0; i < N; i++) {
    const d = DATES[i % DATES.length];
    bulk.push(
      makeOpportunity(
        db,
        p.salesA1,
        coA,
        main.pipelineId,
        { name: `Deal ${String(i % 40).padStart(2, '0')}`, amount: String((i % 9) * 100), expectedCloseDate: d ?? '' },
        T0 + Math.floor(i / 3) * 1000,
      ),
    );
  }
  bulk.forEach((id, i) => {
    if (i % 5 === 1) close(db, p.salesA1, id, 'won', CLOSE_DATES[i % 3]);
    if (i % 5 === 2) close(db, p.salesA1, id, 'lost', CLOSE_DATES[(i + 1) % 3]);
  });
  // The filter set: one of each kind, on another company.
  const coF = makeCompany(db, p.managerA, { name: 'Fixtures' });
  const f = (owner: number, form: Record<string, string | string[]>, pipelineId = main.pipelineId) => makeOpportunity(db, p.admin, coF, pipelineId, { ownerId: String(owner), ...form }, T0 + 500_000);
  const f1 = f(p.salesA1, { name: 'Fixture one', amount: '1000', expectedCloseDate: '2026-03-10', typeId: String(upsell), tagIds: [String(hot)] });
  const f2 = f(p.salesA2, { name: 'Fixture two', amount: '5000', expectedCloseDate: '2026-03-31', stageId: String(renewals.proposal), probability: '80' }, renewals.pipelineId);
  const f3 = f(p.salesB, { name: 'Fixture three', amount: '250', expectedCloseDate: '2026-04-01', stageId: String(main.negotiation) });
  const f4 = f(p.managerA, { name: 'Fixture four', amount: '700', expectedCloseDate: '2026-03-15' });
  const f5 = f(p.salesA1, { name: 'Fixture five', amount: '300' });
  close(db, p.admin, f4, 'won', '2026-01-10');
  close(db, p.admin, f5, 'lost', '2025-12-20');
  return { ...p, main, renewals, hot, upsell, coA, coF, bulk, fx: { f1, f2, f3, f4, f5 } };
});
type H = ReturnType<typeof world>;

type Page = { rows: { id: number }[]; nextCursor: string | null };
function walk(list: (cursor: string | null) => Page): number[] {
  const out: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = list(cursor);
    expect(page.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
    out.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

type Raw = { id: number; status: string; expected_close_date: string | null; close_date: string | null; sort_name: string; amount: number; created_at: number; company_id: number };

/** The expected order, worked out independently of the query: key (nulls last), then id, in the key's direction. */
function expectedOrder(h: H, status: ListStatus, sort: OpportunitySort): number[] {
  const rows = h.sqlite.prepare('select * from opportunities where company_id = ?').all(h.w.coA) as Raw[];
  const wanted = status === 'all' ? ['open', 'won', 'lost'] : status === 'closed' ? ['won', 'lost'] : [status];
  const key: Record<OpportunitySort, [(r: Raw) => string | number | null, 1 | -1]> = {
    close: [(r) => r.expected_close_date, 1],
    closed: [(r) => r.close_date, -1],
    name: [(r) => r.sort_name, 1],
    amount: [(r) => r.amount, -1],
    created: [(r) => r.created_at, -1],
  };
  const [read, dir] = key[sort];
  return rows
    .filter((r) => wanted.includes(r.status))
    .sort((a, b) => {
      const ka = read(a);
      const kb = read(b);
      if (ka !== kb) {
        if (ka === null) return 1;
        if (kb === null) return -1;
        return (ka < kb ? -1 : 1) * dir;
      }
      return (a.id - b.id) * dir;
    })
    .map((r) => r.id);
}

describe('keyset paging', () => {
  const statuses: ListStatus[] = ['open', 'won', 'lost', 'closed', 'all'];
  const sorts: OpportunitySort[] = ['close', 'closed', 'name', 'amount', 'created'];
  test.each(statuses.flatMap((s) => sorts.map((o) => [s, o] as const)))('status %s, sort %s: every row exactly once, in order, across pages', (status, sort) => {
    const h = world();
    const v = viewerOf(h.db, h.w.admin);
    const ids = walk((c) => listOpportunities(h.db, v, { status, sort, companyId: h.w.coA }, c));
    const expected = expectedOrder(h, status, sort);
    expect(expected.length).toBeGreaterThan(0);
    expect(ids).toEqual(expected);
  });

  test('the set is big enough to page, with ties and missing dates', () => {
    const h = world();
    expect(expectedOrder(h, 'all', 'close').length).toBe(N);
    expect(expectedOrder(h, 'open', 'close').length).toBeGreaterThan(PAGE_SIZE);
    const v = viewerOf(h.db, h.w.admin);
    const first = listOpportunities(h.db, v, { status: 'all', companyId: h.w.coA });
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
  });

  test('the default order: expected close for open, close date (latest first) for closed, newest for all', () => {
    expect([defaultSort('open'), defaultSort('won'), defaultSort('lost'), defaultSort('closed'), defaultSort('all')]).toEqual(['close', 'closed', 'closed', 'closed', 'created']);
    const h = world();
    const v = viewerOf(h.db, h.w.admin);
    const open = walk((c) => listOpportunities(h.db, v, { companyId: h.w.coA }, c));
    expect(open).toEqual(expectedOrder(h, 'open', 'close'));
    const closed = walk((c) => listOpportunities(h.db, v, { status: 'closed', companyId: h.w.coA }, c));
    expect(closed).toEqual(expectedOrder(h, 'closed', 'closed'));
  });

  test('a cursor of another order, or junk, starts again from the first page', () => {
    const h = world();
    const v = viewerOf(h.db, h.w.admin);
    const f: OpportunityFilters = { status: 'all', sort: 'name', companyId: h.w.coA };
    const first = listOpportunities(h.db, v, f).rows[0];
    const other = listOpportunities(h.db, v, { ...f, sort: 'amount' }).nextCursor;
    expect(listOpportunities(h.db, v, f, other).rows[0]).toEqual(first);
    expect(listOpportunities(h.db, v, f, 'not-a-cursor').rows[0]).toEqual(first);
  });
});

describe('filters', () => {
  const names = (h: H, f: OpportunityFilters, who: keyof H['w'] = 'admin') =>
    listOpportunities(h.db, viewerOf(h.db, h.w[who] as number), { companyId: h.w.coF, status: 'all', sort: 'name', ...f }).rows.map((r) => r.name);

  test('status: open, won, lost, closed (won + lost), all', () => {
    const h = world();
    expect(names(h, { status: 'open' })).toEqual(['Fixture one', 'Fixture three', 'Fixture two']);
    expect(names(h, { status: 'won' })).toEqual(['Fixture four']);
    expect(names(h, { status: 'lost' })).toEqual(['Fixture five']);
    expect(names(h, { status: 'closed' })).toEqual(['Fixture five', 'Fixture four']);
    expect(names(h, { status: 'all' })).toHaveLength(5);
    expect(names(h, { status: undefined })).toEqual(['Fixture one', 'Fixture three', 'Fixture two']);
  });

  test('owner, team, pipeline, stage', () => {
    const h = world();
    expect(names(h, { ownerId: h.w.salesA1 })).toEqual(['Fixture five', 'Fixture one']);
    expect(names(h, { teamId: h.w.teamB })).toEqual(['Fixture three']);
    expect(names(h, { teamId: h.w.teamA })).toEqual(['Fixture five', 'Fixture four', 'Fixture one', 'Fixture two']);
    expect(names(h, { pipelineId: h.w.renewals.pipelineId })).toEqual(['Fixture two']);
    expect(names(h, { stageId: h.w.main.negotiation })).toEqual(['Fixture three']);
    expect(names(h, { stageId: h.w.main.won })).toEqual(['Fixture four']);
  });

  test('close month: the expected close month of open ones, the close month of closed ones', () => {
    const h = world();
    // Fixture four was expected in March but won in January: it counts in January.
    expect(names(h, { month: '2026-03' })).toEqual(['Fixture one', 'Fixture two']);
    expect(names(h, { month: '2026-04' })).toEqual(['Fixture three']);
    expect(names(h, { month: '2026-01' })).toEqual(['Fixture four']);
    expect(names(h, { month: '2025-12' })).toEqual(['Fixture five']);
    expect(names(h, { month: '2026-05' })).toEqual([]);
    // Not a month: ignored.
    expect(names(h, { month: '2026-13' })).toHaveLength(5);
  });

  test('amount range, inclusive, in cents', () => {
    const h = world();
    expect(names(h, { minAmount: 100_000, status: 'open' })).toEqual(['Fixture one', 'Fixture two']);
    expect(names(h, { maxAmount: 100_000, status: 'open' })).toEqual(['Fixture one', 'Fixture three']);
    expect(names(h, { minAmount: 100_000, maxAmount: 100_000 })).toEqual(['Fixture one']);
    expect(names(h, { minAmount: 30_000, maxAmount: 70_000 })).toEqual(['Fixture five', 'Fixture four']);
  });

  test('type, tag, company', () => {
    const h = world();
    expect(names(h, { typeId: h.w.upsell })).toEqual(['Fixture one']);
    expect(names(h, { tagId: h.w.hot })).toEqual(['Fixture one']);
    expect(names(h, {})).toHaveLength(5);
    const v = viewerOf(h.db, h.w.admin);
    const alpha = listOpportunities(h.db, v, { companyId: h.w.coA, status: 'all' }).rows;
    expect(alpha.every((r) => r.companyName === 'Alpha')).toBe(true);
  });

  test('filters combine', () => {
    const h = world();
    expect(names(h, { month: '2026-03', ownerId: h.w.salesA2, minAmount: 1 })).toEqual(['Fixture two']);
    expect(names(h, { month: '2026-03', ownerId: h.w.salesB })).toEqual([]);
  });
});

describe('sorts', () => {
  const sorted = (h: H, status: ListStatus, sort: OpportunitySort) =>
    listOpportunities(h.db, viewerOf(h.db, h.w.admin), { companyId: h.w.coF, status, sort }).rows.map((r) => r.name.replace('Fixture ', ''));

  test('expected close date (soonest first, none last), close date (latest first), name, amount (largest first), created (newest first)', () => {
    const h = world();
    expect(sorted(h, 'open', 'close')).toEqual(['one', 'two', 'three']);
    expect(sorted(h, 'all', 'close')).toEqual(['one', 'four', 'two', 'three', 'five']);
    expect(sorted(h, 'closed', 'closed')).toEqual(['four', 'five']);
    expect(sorted(h, 'all', 'amount')).toEqual(['two', 'one', 'four', 'five', 'three']);
    expect(sorted(h, 'all', 'name')).toEqual(['five', 'four', 'one', 'three', 'two']);
    // Same creation time: the highest id first.
    expect(sorted(h, 'all', 'created')).toEqual(['five', 'four', 'three', 'two', 'one']);
  });
});

describe('the row', () => {
  test('company, pipeline, stage, amounts, effective probability and weighted amount, owner, team, type, tags', () => {
    const h = world();
    const rows = listOpportunities(h.db, viewerOf(h.db, h.w.admin), { companyId: h.w.coF, status: 'all', sort: 'name' }).rows;
    const by = (name: string) => rows.find((r) => r.name === name)!;
    expect(by('Fixture one')).toMatchObject({
      companyId: h.w.coF,
      companyName: 'Fixtures',
      pipelineName: 'New business',
      stageName: 'Qualification',
      stageColor: 'sky',
      status: 'open',
      amount: 100_000,
      currency: 'EUR',
      probability: 10,
      weighted: 10_000,
      expectedCloseDate: '2026-03-10',
      closeDate: null,
      ownerId: h.w.salesA1,
      ownerName: 'Sam Sales',
      teamId: h.w.teamA,
      teamName: 'North',
      typeName: 'Upsell',
      tags: 'Hot',
      score: 0,
      createdAt: T0 + 500_000,
    });
    // Its own probability overrides the stage's (Proposal, 50 %).
    expect(by('Fixture two')).toMatchObject({ pipelineName: 'Renewals', stageName: 'Proposal', probability: 80, weighted: 400_000 });
    expect(by('Fixture four')).toMatchObject({ status: 'won', stageName: 'Won', stageColor: 'green', closeDate: '2026-01-10', probability: 100, weighted: 70_000 });
    expect(by('Fixture five')).toMatchObject({ status: 'lost', stageColor: 'red', closeDate: '2025-12-20', probability: 0, weighted: 0, typeName: null, tags: null });
  });
});

describe('visibility', () => {
  const all = (h: H, who: keyof H['w'], companyId: number) =>
    walk((c) => listOpportunities(h.db, viewerOf(h.db, h.w[who] as number), { companyId, status: 'all' }, c));

  test('a sales user of another team sees none of them; their own only', () => {
    const h = world();
    expect(all(h, 'salesB', h.w.coA)).toEqual([]);
    expect(all(h, 'managerB', h.w.coA)).toEqual([]);
    expect(all(h, 'salesB', h.w.coF)).toEqual([h.w.fx.f3]);
  });

  test('team members, managers and read-only users of the team see the team records', () => {
    const h = world();
    expect(all(h, 'readOnlyA', h.w.coA)).toHaveLength(N);
    expect(all(h, 'salesA2', h.w.coA)).toHaveLength(N);
    expect(all(h, 'managerA', h.w.coA)).toHaveLength(N);
    expect(all(h, 'readOnlyA', h.w.coF).sort()).toEqual([h.w.fx.f1, h.w.fx.f2, h.w.fx.f4, h.w.fx.f5].sort());
  });

  test('a deactivated user sees nothing', () => {
    const h = world();
    expect(all(h, 'deactivated', h.w.coA)).toEqual([]);
  });
});

/** Every list query sent (one per status part) with its plan: the top-level lines. */
function plansOf(h: DbHandle, fn: (db: Db) => void): { sql: string; top: string[] }[] {
  const logged: { sql: string; params: unknown[] }[] = [];
  const db = drizzle(h.sqlite, { schema, logger: { logQuery: (sql, params) => logged.push({ sql, params }) } }) as unknown as Db;
  fn(db);
  const lists = logged.filter((l) => l.sql.startsWith('select') && l.sql.includes('from "opportunities"') && l.sql.includes('order by'));
  if (!lists.length) throw new Error('no list query');
  return lists.map((q) => {
    const rows = h.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[])) as { parent: number; detail: string }[];
    return { sql: q.sql, top: rows.filter((r) => r.parent === 0).map((r) => r.detail) };
  });
}

const fullScan = (l: string) => /^SCAN opportunities\b/.test(l) && !/USING (COVERING )?INDEX/.test(l);

describe('the queries read opportunities through an index', () => {
  const page2 = (h: H, f: OpportunityFilters) => listOpportunities(h.db, viewerOf(h.db, h.w.admin), f).nextCursor;

  // Status + order: the (status, key, id) index gives both; nothing is sorted, also on the next pages.
  test.each([
    ['open', 'close', 'opportunities_status_close_idx'],
    ['all', 'close', 'opportunities_status_close_idx'],
    ['closed', 'closed', 'opportunities_status_closed_idx'],
    ['won', 'closed', 'opportunities_status_closed_idx'],
    ['open', 'name', 'opportunities_status_name_idx'],
    ['all', 'amount', 'opportunities_status_amount_idx'],
    ['closed', 'created', 'opportunities_status_created_idx'],
  ] as const)('status %s sorted by %s uses %s and sorts nothing', (status, sort, index) => {
    const h = world();
    for (const cursor of [null, page2(h, { status, sort })]) {
      for (const q of plansOf(h, (db) => listOpportunities(db, viewerOf(h.db, h.w.admin), { status, sort }, cursor))) {
        const shown = `${q.sql}\n${q.top.join('\n')}`;
        expect(q.sql).not.toMatch(/\boffset\b/i);
        expect(q.top.some((l) => new RegExp(`^SEARCH opportunities USING (COVERING )?INDEX ${index}`).test(l)), shown).toBe(true);
        expect(q.top.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
      }
    }
  });

  test('"My opportunities" (owner, open, by expected close) reads the owner index in order', () => {
    const h = world();
    for (const q of plansOf(h, (db) => listOpportunities(db, viewerOf(h.db, h.w.salesA1), { ownerId: h.w.salesA1 }))) {
      const shown = q.top.join('\n');
      expect(q.top.some((l) => /^SEARCH opportunities USING (COVERING )?INDEX opportunities_owner_idx/.test(l)), shown).toBe(true);
      expect(q.top.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
    }
  });

  // Selective filters read their own index (and sort what they find); the others ride the order index.
  test.each<[string, (h: H) => OpportunityFilters, RegExp]>([
    ['owner', (h) => ({ ownerId: h.w.salesA1, status: 'closed' }), /USING INDEX opportunities_owner_idx/],
    ['team', (h) => ({ teamId: h.w.teamA, status: 'all', sort: 'name' }), /USING INDEX/],
    ['team, by expected close', (h) => ({ teamId: h.w.teamA }), /USING INDEX opportunities_(team|status_close)_idx/],
    ['company', (h) => ({ companyId: h.w.coF, status: 'all' }), /USING INDEX opportunities_company_idx/],
    ['tag', (h) => ({ tagId: h.w.hot, status: 'all' }), /USING INTEGER PRIMARY KEY/],
    ['pipeline', (h) => ({ pipelineId: h.w.renewals.pipelineId }), /USING INDEX/],
    ['stage', (h) => ({ stageId: h.w.main.negotiation }), /USING INDEX/],
    ['month', (h) => ({ month: '2026-03', status: 'all' }), /USING INDEX opportunities_status_closed?_idx \(status=\? AND (expected_)?close_date>\? AND (expected_)?close_date<\?\)/],
    ['amount', (h) => ({ minAmount: 100, maxAmount: 50_000, sort: 'amount' }), /USING INDEX opportunities_status_amount_idx \(status=\? AND amount>\? AND amount<\?\)/],
    ['type', (h) => ({ typeId: h.w.upsell, status: 'all' }), /USING INDEX/],
  ])('filter by %s: read through an index, no full scan, as admin and as a sales user', (_name, f, index) => {
    const h = world();
    for (const who of ['admin', 'salesA1'] as const) {
      for (const q of plansOf(h, (db) => listOpportunities(db, viewerOf(h.db, h.w[who]), f(h)))) {
        const shown = `${q.sql}\n${q.top.join('\n')}`;
        expect(q.top.filter(fullScan), shown).toEqual([]);
        expect(q.top.some((l) => /^SEARCH opportunities USING/.test(l) && index.test(l)), shown).toBe(true);
      }
    }
  });
});
