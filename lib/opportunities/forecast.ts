import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { opportunities, pipelineStages, teams, users } from '@/db/schema';
import { ph, prepared, viewerParams, viewerShape, visibleWherePrepared } from '@/lib/db/prepared';
import type { Viewer } from '@/lib/permissions';
import { monthRange } from './list';

export const FORECAST_BY = ['none', 'owner', 'team'] as const;
export type ForecastBy = (typeof FORECAST_BY)[number];
export const FORECAST_MONTHS = [3, 6, 12] as const;

export type ForecastFilters = {
  /** YYYY-MM: the first month shown. */
  from: string;
  /** How many months from `from` (1–24). */
  months: number;
  by: ForecastBy;
  pipelineId?: number;
  ownerId?: number;
  teamId?: number;
};

/** Totals of one currency: amounts never add up across currencies (Suivi keeps no exchange rates). */
export type ForecastLine = {
  currency: string;
  /** Open opportunities expected to close in the period. */
  count: number;
  amount: number;
  /** Σ amount × effective probability, in cents (rounded once, on the total). */
  weighted: number;
  /** Σ best case, the amount where none is given. */
  bestCase: number;
  /** Σ worst case, the amount where none is given. */
  worstCase: number;
  /** Opportunities won in the month (by close date), and their amount; 0 outside the months. */
  wonCount: number;
  wonAmount: number;
};

export type ForecastGroup = { id: number | null; name: string | null; lines: ForecastLine[] };

/** A row of the forecast: before the first month, one month, after the last one, or without a date. */
export type ForecastBucket = { key: string; kind: 'overdue' | 'month' | 'later' | 'none'; lines: ForecastLine[]; groups: ForecastGroup[] };

export type Forecast = { from: string; months: string[]; by: ForecastBy; buckets: ForecastBucket[]; totals: ForecastLine[] };

/** YYYY-MM plus (or minus) whole months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export const isMonth = (v: string | undefined): v is string => !!monthRange(v);

const empty = (currency: string): ForecastLine => ({ currency, count: 0, amount: 0, weighted: 0, bestCase: 0, worstCase: 0, wonCount: 0, wonAmount: 0 });

function add(lines: Map<string, ForecastLine>, currency: string, part: Partial<ForecastLine>) {
  const l = lines.get(currency) ?? empty(currency);
  for (const [k, v] of Object.entries(part)) if (typeof v === 'number') (l as Record<string, number | string>)[k] = (l[k as keyof ForecastLine] as number) + v;
  lines.set(currency, l);
}

const sorted = (lines: Map<string, ForecastLine>) => [...lines.values()].sort((a, b) => a.currency.localeCompare(b.currency));

const o = opportunities;
const GROUP_COLUMN: Record<ForecastBy, SQL> = { none: sql`null`, owner: sql`${o.ownerId}`, team: sql`${o.teamId}` };

/**
 * The open pipeline by expected close month, with the amount won in each month: two grouped aggregates
 * (open by bucket × owner/team × currency, won by month × owner/team × currency), never the rows themselves.
 * Weighted amounts use the effective probability (the opportunity's own, else its stage's).
 *
 * The open one reads opportunities_forecast_idx alone, in its (currency, expected close date) order: an inner
 * aggregate per currency and day streams without sorting the rows, and only its groups (a few per day) are then
 * sorted into buckets (overdue, months, later and none are whole months, so a day's rows share one bucket). The won
 * one is a range of opportunities_closed_totals_idx. Both are built once per shape (grouping, viewer, filters).
 */
export function forecast(db: Db, viewer: Viewer, f: ForecastFilters): Forecast {
  const months = Array.from({ length: Math.min(Math.max(f.months, 1), 24) }, (_, i) => addMonths(f.from, i));
  const start = `${months[0]}-01`;
  const end = `${addMonths(months[months.length - 1], 1)}-01`;
  const by: ForecastBy = (FORECAST_BY as readonly string[]).includes(f.by) ? f.by : 'none';
  const shape = `${by}:${viewerShape(viewer)}:${f.pipelineId ? 'p' : ''}${f.ownerId ? 'o' : ''}${f.teamId ? 't' : ''}`;
  const common = () =>
    and(
      visibleWherePrepared(viewer, o),
      f.pipelineId ? eq(o.pipelineId, ph('pipelineId')) : undefined,
      f.ownerId ? eq(o.ownerId, ph('ownerId')) : undefined,
      f.teamId ? eq(o.teamId, ph('teamId')) : undefined,
    )!;
  const values = { ...viewerParams(viewer), pipelineId: f.pipelineId, ownerId: f.ownerId, teamId: f.teamId, start, end };
  const open = prepared(db, `opportunities.forecast.open:${shape}`, () => {
    const grp = GROUP_COLUMN[by];
    // Per currency, day (and owner or team): the index's order, so the rows stream into groups unsorted. A CROSS
    // JOIN is never reordered: the stages are looked up per row rather than the rows walked once per stage.
    const perDay = sql`select ${o.expectedCloseDate} as d, ${grp} as grp, ${o.currency} as currency, count(*) as n, sum(${o.amount}) as amount,
        total(${o.amount} * coalesce(${o.probability}, ${pipelineStages.probability})) as weighted,
        sum(coalesce(${o.bestCase}, ${o.amount})) as best, sum(coalesce(${o.worstCase}, ${o.amount})) as worst
      from ${o} cross join ${pipelineStages} on ${pipelineStages.id} = ${o.stageId}
      where ${o.status} = 'open' and ${common()}
      group by ${o.currency}, ${o.expectedCloseDate}${by === 'none' ? sql`` : sql`, ${grp}`}`;
    return db
      .select({
        bucket: sql<string>`case when d is null then 'none' when d < ${ph('start')} then 'overdue' when d >= ${ph('end')} then 'later' else substr(d, 1, 7) end`,
        grp: sql<number | null>`grp`,
        currency: sql<string>`currency`,
        count: sql<number>`sum(n)`,
        amount: sql<number>`sum(amount)`,
        // total(): a float sum, which never overflows on large amounts × percentages.
        weighted: sql<number>`total(weighted)`,
        best: sql<number>`sum(best)`,
        worst: sql<number>`sum(worst)`,
      })
      .from(sql`(${perDay})`)
      .groupBy(sql`1`, sql`2`, sql`3`)
      .prepare();
  }).all(values);
  const won = prepared(db, `opportunities.forecast.won:${shape}`, () =>
    db
      .select({
        bucket: sql<string>`substr(${o.closeDate}, 1, 7)`,
        grp: sql<number | null>`${GROUP_COLUMN[by]}`,
        currency: o.currency,
        count: sql<number>`count(*)`,
        amount: sql<number>`sum(${o.amount})`,
      })
      .from(o)
      .where(and(eq(o.status, 'won'), gte(o.closeDate, ph('start')), lt(o.closeDate, ph('end')), common()))
      .groupBy(sql`1`, sql`2`, sql`3`)
      .prepare(),
  ).all(values);

  // Names of the owners or teams that appear (a handful of rows).
  const ids = [...new Set([...open, ...won].map((r) => r.grp).filter((g): g is number => g !== null))];
  const names = new Map<number, string>();
  if (ids.length && f.by === 'owner') for (const u of db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all()) names.set(u.id, u.name);
  if (ids.length && f.by === 'team') for (const t of db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, ids)).orderBy(asc(teams.name)).all()) names.set(t.id, t.name);

  const keys: { key: string; kind: ForecastBucket['kind'] }[] = [
    { key: 'overdue', kind: 'overdue' },
    ...months.map((m) => ({ key: m, kind: 'month' as const })),
    { key: 'later', kind: 'later' },
    { key: 'none', kind: 'none' },
  ];
  const acc = new Map(keys.map((k) => [k.key, { lines: new Map<string, ForecastLine>(), groups: new Map<number | null, Map<string, ForecastLine>>() }]));
  const totals = new Map<string, ForecastLine>();
  const into = (bucketKey: string, g: number | null, currency: string, part: Partial<ForecastLine>) => {
    const b = acc.get(bucketKey);
    if (!b) return;
    add(b.lines, currency, part);
    if (f.by !== 'none') {
      const lines = b.groups.get(g) ?? new Map<string, ForecastLine>();
      add(lines, currency, part);
      b.groups.set(g, lines);
    }
    add(totals, currency, part);
  };
  for (const r of open) {
    into(r.bucket, r.grp, r.currency, { count: r.count, amount: r.amount, weighted: r.weighted, bestCase: r.best, worstCase: r.worst });
  }
  for (const r of won) into(r.bucket, r.grp, r.currency, { wonCount: r.count, wonAmount: r.amount });

  const roundWeighted = (lines: ForecastLine[]) => lines.map((l) => ({ ...l, weighted: Math.round(l.weighted / 100) }));
  const byName = (a: ForecastGroup, b: ForecastGroup) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name) || (a.id ?? 0) - (b.id ?? 0));
  return {
    from: months[0],
    months,
    by: f.by,
    buckets: keys.map(({ key, kind }) => {
      const b = acc.get(key)!;
      return {
        key,
        kind,
        lines: roundWeighted(sorted(b.lines)),
        groups: [...b.groups.entries()].map(([id, lines]) => ({ id, name: id === null ? null : (names.get(id) ?? null), lines: roundWeighted(sorted(lines)) })).sort(byName),
      };
    }),
    totals: roundWeighted(sorted(totals)),
  };
}
