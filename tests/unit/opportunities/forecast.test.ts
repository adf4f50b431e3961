import { describe, expect, test } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import type { Db } from '@/db/client';
import { addMonths, forecast, type Forecast, type ForecastFilters, type ForecastLine } from '@/lib/opportunities/forecast';
import { closeSchema } from '@/lib/opportunities/schema';
import { closeOpportunity } from '@/lib/opportunities/service';
import { T0, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makePeople, seededWorld } from '../../helpers/customers';
import { makeOpportunity, makePipeline, refId, starterPipeline } from '../../helpers/opportunities';

const NOW = T0 + 100_000; // 2026-01-15

const world = seededWorld((db) => {
  const p = makePeople(db);
  const main = starterPipeline(db);
  const renewals = makePipeline(db, 'Renewals');
  const coA = makeCompany(db, p.salesA1, { name: 'Alpha' });
  const coB = makeCompany(db, p.salesB, { name: 'Beta' });
  const opp = (owner: number, company: number, form: Record<string, string>, pipelineId = main.pipelineId) =>
    makeOpportunity(db, owner, company, pipelineId, { stageId: String(main.qualification), ...form });
  const close = (id: number, userId: number, outcome: 'won' | 'lost', closeDate: string) => {
    const lostReasonId = outcome === 'lost' ? String(refId(db, 'lost_reason', 'Price')) : '';
    const r = closeOpportunity(db, id, closeSchema.parse({ outcome, closeDate, lostReasonId, competitor: '' }), ctxFor(db, userId, NOW));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  };
  // Qualification 10 %, Needs analysis 25 %, Proposal 50 %, Negotiation 75 %.
  opp(p.salesA1, coA, { name: 'o1', amount: '1000', bestCase: '1500', expectedCloseDate: '2026-02-10' });
  opp(p.salesA1, coA, { name: 'o2', amount: '2000', worstCase: '500', probability: '80', stageId: String(main.proposal), expectedCloseDate: '2026-02-28' });
  opp(p.salesA2, coA, { name: 'o3', amount: '400', stageId: String(main.negotiation), expectedCloseDate: '2025-11-30' });
  opp(p.salesA2, coA, { name: 'o4', amount: '300' });
  opp(p.salesB, coB, { name: 'o5', amount: '10000', stageId: String(main.needs), expectedCloseDate: '2026-02-01' });
  opp(p.salesA1, coA, { name: 'o6', amount: '5000', expectedCloseDate: '2026-09-01' });
  opp(p.salesA1, coA, { name: 'usd', amount: '100', currency: 'USD', expectedCloseDate: '2026-02-15' });
  makeOpportunity(db, p.salesA1, coA, renewals.pipelineId, { name: 'renewal', amount: '50', stageId: String(renewals.qualification), expectedCloseDate: '2026-03-01' });
  const w1 = opp(p.salesA1, coA, { name: 'w1', amount: '700', expectedCloseDate: '2026-03-01' });
  const w2 = opp(p.salesA2, coA, { name: 'w2', amount: '900' });
  const l1 = opp(p.salesA1, coA, { name: 'l1', amount: '800', expectedCloseDate: '2026-02-10' });
  close(w1, p.salesA1, 'won', '2026-01-10');
  close(w2, p.salesA2, 'won', '2025-12-20');
  close(l1, p.salesA1, 'lost', '2026-01-05');
  return { ...p, main, renewals };
});
type H = ReturnType<typeof world>;

const run = (h: H, who: keyof H['w'], f: Partial<ForecastFilters> = {}) => forecast(h.db, viewerOf(h.db, h.w[who] as number), { from: '2026-01', months: 6, by: 'none', ...f });
const bucket = (fc: Forecast, key: string) => fc.buckets.find((b) => b.key === key)!;
const line = (lines: ForecastLine[], currency = 'EUR') => lines.find((l) => l.currency === currency);
const eur = (major: number) => major * 100;

describe('forecast totals', () => {
  test('months: this month and the next five, with overdue, later and no-date rows', () => {
    const h = world();
    const fc = run(h, 'admin');
    expect(fc.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(fc.buckets.map((b) => b.key)).toEqual(['overdue', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', 'later', 'none']);
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', 14)).toBe('2027-05');
  });

  test('a month: count, amount, weighted (stage default and own probability), best and worst with their fallbacks', () => {
    const h = world();
    const feb = bucket(run(h, 'admin'), '2026-02');
    expect(line(feb.lines)).toEqual({
      currency: 'EUR',
      count: 3,
      amount: eur(1000 + 2000 + 10000),
      // o1: 1000 × 10 % (stage), o2: 2000 × 80 % (its own, not the stage's 50 %), o5: 10000 × 25 %.
      weighted: eur(100 + 1600 + 2500),
      // o2 has no best case: its amount; o1 and o5 have no worst case: their amounts.
      bestCase: eur(1500 + 2000 + 10000),
      worstCase: eur(1000 + 500 + 10000),
      wonCount: 0,
      wonAmount: 0,
    });
  });

  test('several currencies: one line each, never added together', () => {
    const h = world();
    const feb = bucket(run(h, 'admin'), '2026-02');
    expect(feb.lines.map((l) => l.currency)).toEqual(['EUR', 'USD']);
    expect(line(feb.lines, 'USD')).toMatchObject({ count: 1, amount: eur(100), weighted: eur(10), bestCase: eur(100), worstCase: eur(100) });
  });

  test('won amount beside its close month; lost ones and wins outside the months do not count', () => {
    const h = world();
    const fc = run(h, 'admin');
    expect(line(bucket(fc, '2026-01').lines)).toMatchObject({ count: 0, amount: 0, wonCount: 1, wonAmount: eur(700) });
    expect(fc.buckets.filter((b) => b.key !== '2026-01').every((b) => b.lines.every((l) => l.wonAmount === 0))).toBe(true);
    const earlier = run(h, 'admin', { from: '2025-12', months: 3 });
    expect(line(bucket(earlier, '2025-12').lines)).toMatchObject({ wonCount: 1, wonAmount: eur(900) });
    expect(line(earlier.totals)).toMatchObject({ wonCount: 2, wonAmount: eur(1600) });
  });

  test('overdue (expected before this month), later (after the last month) and no date', () => {
    const h = world();
    const fc = run(h, 'admin');
    expect(line(bucket(fc, 'overdue').lines)).toMatchObject({ count: 1, amount: eur(400), weighted: eur(300) });
    expect(line(bucket(fc, 'later').lines)).toMatchObject({ count: 1, amount: eur(5000), weighted: eur(500) });
    expect(line(bucket(fc, 'none').lines)).toMatchObject({ count: 1, amount: eur(300), weighted: eur(30) });
    expect(bucket(fc, '2026-04').lines).toEqual([]);
    // Moving the window moves the buckets: from March, February's ones are overdue and September's are in.
    const later = run(h, 'admin', { from: '2026-03', months: 7 });
    expect(line(bucket(later, 'overdue').lines)).toMatchObject({ count: 4, amount: eur(400 + 1000 + 2000 + 10000) });
    expect(line(bucket(later, '2026-09').lines)).toMatchObject({ count: 1, amount: eur(5000) });
    expect(bucket(later, 'later').lines).toEqual([]);
  });

  test('totals of the whole open pipeline, per currency', () => {
    const h = world();
    const fc = run(h, 'admin');
    expect(line(fc.totals)).toMatchObject({ count: 7, amount: eur(1000 + 2000 + 400 + 300 + 10000 + 5000 + 50), wonCount: 1, wonAmount: eur(700) });
    expect(line(fc.totals, 'USD')).toMatchObject({ count: 1, amount: eur(100) });
  });

  test('per owner and per team', () => {
    const h = world();
    const byOwner = bucket(run(h, 'admin', { by: 'owner' }), '2026-02');
    expect(byOwner.groups.map((g) => [g.name, g.lines.map((l) => [l.currency, l.count, l.amount, l.weighted])])).toEqual([
      ['Olga Other', [['EUR', 1, eur(10000), eur(2500)]]],
      ['Sam Sales', [['EUR', 2, eur(3000), eur(1700)], ['USD', 1, eur(100), eur(10)]]],
    ]);
    // The month's line is the sum of its groups.
    expect(line(byOwner.lines)).toMatchObject({ count: 3, amount: eur(13000) });
    const jan = bucket(run(h, 'admin', { by: 'owner' }), '2026-01');
    expect(jan.groups).toEqual([{ id: h.w.salesA1, name: 'Sam Sales', lines: [expect.objectContaining({ count: 0, wonCount: 1, wonAmount: eur(700) })] }]);
    const byTeam = bucket(run(h, 'admin', { by: 'team' }), '2026-02');
    expect(byTeam.groups.map((g) => [g.id, g.name, line(g.lines)?.amount])).toEqual([
      [h.w.teamA, 'North', eur(3000)],
      [h.w.teamB, 'South', eur(10000)],
    ]);
    expect(bucket(run(h, 'admin'), '2026-02').groups).toEqual([]);
  });

  test('filters: pipeline, owner, team', () => {
    const h = world();
    const renewals = run(h, 'admin', { pipelineId: h.w.renewals.pipelineId });
    expect(line(renewals.totals)).toMatchObject({ count: 1, amount: eur(50), weighted: eur(5), wonAmount: 0 });
    expect(line(bucket(renewals, '2026-03').lines)).toMatchObject({ count: 1 });
    const tina = run(h, 'admin', { ownerId: h.w.salesA2 });
    expect(line(tina.totals)).toMatchObject({ count: 2, amount: eur(700) });
    expect(line(bucket(tina, 'overdue').lines)).toMatchObject({ amount: eur(400) });
    const south = run(h, 'admin', { teamId: h.w.teamB });
    expect(line(south.totals)).toMatchObject({ count: 1, amount: eur(10000), wonAmount: 0 });
  });
});

describe('forecast visibility', () => {
  test('a sales user of another team sees only their own', () => {
    const h = world();
    const fc = run(h, 'salesB');
    expect(fc.totals).toEqual([expect.objectContaining({ currency: 'EUR', count: 1, amount: eur(10000), wonAmount: 0 })]);
  });

  test('team members and read-only users of the team see the team records, not the other team’s', () => {
    const h = world();
    for (const who of ['salesA1', 'readOnlyA', 'managerA'] as const) {
      const fc = run(h, who);
      expect(line(fc.totals), who).toMatchObject({ count: 6, amount: eur(1000 + 2000 + 400 + 300 + 5000 + 50), wonAmount: eur(700) });
      expect(line(bucket(fc, '2026-02').lines), who).toMatchObject({ count: 2, amount: eur(3000) });
    }
  });

  test('a deactivated user sees nothing', () => {
    const h = world();
    expect(run(h, 'deactivated').totals).toEqual([]);
  });
});

describe('forecast queries', () => {
  function plans(h: H, fn: (db: Db) => void): { sql: string; plan: string[] }[] {
    const logged: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(h.sqlite, { schema, logger: { logQuery: (sql, params) => logged.push({ sql, params }) } }) as unknown as Db;
    fn(db);
    return logged
      .filter((l) => l.sql.includes('from "opportunities"'))
      .map((q) => ({ sql: q.sql, plan: (h.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[])) as { detail: string }[]).map((r) => r.detail) }));
  }

  test.each([
    ['no filter', (h: H) => ({}), 'admin'],
    ['by owner', (h: H) => ({ by: 'owner' as const }), 'admin'],
    ['owner filter', (h: H) => ({ ownerId: h.w.salesA1 }), 'admin'],
    ['team filter', (h: H) => ({ teamId: h.w.teamA, by: 'team' as const }), 'managerA'],
    ['pipeline filter', (h: H) => ({ pipelineId: h.w.renewals.pipelineId }), 'salesA1'],
  ] as const)('%s: two grouped aggregates read through indexes, no full scan', (_name, f, who) => {
    const h = world();
    const qs = plans(h, (db) => forecast(db, viewerOf(h.db, h.w[who]), { from: '2026-01', months: 6, by: 'none', ...f(h) }));
    expect(qs).toHaveLength(2);
    for (const q of qs) {
      const shown = `${q.sql}\n${q.plan.join('\n')}`;
      expect(q.sql).toMatch(/group by/i);
      expect(q.plan.filter((l) => /^SCAN opportunities\b/.test(l) && !/USING (COVERING )?INDEX/.test(l)), shown).toEqual([]);
      expect(q.plan.some((l) => /^SEARCH opportunities USING (COVERING )?INDEX/.test(l)), shown).toBe(true);
    }
    // The won query reads only the months' range of close dates.
    expect(qs[1].plan.join('\n')).toMatch(/close_date>\? AND close_date<\?|owner_idx|team_idx|pipeline_idx/);
  });

  test.each(['admin', 'salesA1', 'managerA'] as const)('as %s: the open pipeline is read from its index alone, grouped by day as read, only the days sorted into months', (who) => {
    const h = world();
    const [open, won] = plans(h, (db) => forecast(db, viewerOf(h.db, h.w[who]), { from: '2026-01', months: 6, by: 'none' }));
    const plan = open.plan.join('\n');
    expect(plan).toMatch(/SEARCH opportunities USING COVERING INDEX opportunities_forecast_idx \(status=\?\)/);
    // One temporary tree, for the outer grouping of the per-day groups (after the inner query's rows are read).
    expect(open.plan.filter((l) => l.includes('TEMP B-TREE'))).toEqual(['USE TEMP B-TREE FOR GROUP BY']);
    expect(plan.indexOf('TEMP B-TREE')).toBeGreaterThan(plan.indexOf('SCAN (subquery'));
    expect(won.plan.join('\n')).toMatch(/SEARCH opportunities USING COVERING INDEX opportunities_closed_totals_idx \(status=\? AND close_date>\? AND close_date<\?\)/);
  });
});
