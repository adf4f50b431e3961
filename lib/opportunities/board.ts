import { and, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { companies, opportunities, pipelineStages, users, type OpportunityStatus } from '@/db/schema';
import { ph, prepared, viewerParams, viewerShape, visibleWherePrepared } from '@/lib/db/prepared';
import { editableWhere, type Viewer } from '@/lib/permissions';
import { getPipeline, getStage, isOpenKind, type PipelineRow, type StageRow } from '@/lib/pipelines/queries';
import { getOrgSettings } from '@/lib/settings/queries';
import { addDays, dayIn } from './dates';

/** Cards a column shows first, and the most a "show more" link (no JavaScript) may ask for. */
export const COLUMN_PAGE = 20;
export const MAX_COLUMN_CARDS = 200;

/** Won and lost columns would grow forever: they show what closed in the last N days (30 unless chosen). */
export const CLOSED_WINDOWS = [7, 30, 90, 365] as const;
export const DEFAULT_CLOSED_DAYS = 30;

export type BoardFilters = {
  ownerId?: number;
  teamId?: number;
  /** Won/lost cards and totals: closed in the last N days (one of CLOSED_WINDOWS). */
  closedDays?: number;
};

export type BoardCard = {
  id: number;
  name: string;
  companyName: string;
  stageId: number;
  /** Cents of `currency`. */
  amount: number;
  currency: string;
  /** The opportunity's own probability, else its stage's. */
  probability: number;
  expectedCloseDate: string | null;
  closeDate: string | null;
  ownerName: string | null;
  score: number;
  status: OpportunityStatus;
  /** The viewer may move it (and it is open). */
  movable: boolean;
};

export type CurrencyTotal = { currency: string; amount: number; weighted: number };
export type ColumnTotals = { count: number; byCurrency: CurrencyTotal[] };

export type BoardColumn = {
  stage: StageRow;
  /** Won or lost: cards can't be dragged out, dropping here asks to confirm the close. */
  closed: boolean;
  totals: ColumnTotals;
  cards: BoardCard[];
  nextCursor: string | null;
};

export type Board = {
  pipeline: PipelineRow;
  columns: BoardColumn[];
  /** YYYY-MM-DD: won/lost cards closed on or after this day are shown. */
  closedSince: string;
  closedDays: number;
};

const owner = alias(users, 'owner');
const o = opportunities;

export function closedDaysOf(v: number | undefined): number {
  return (CLOSED_WINDOWS as readonly number[]).includes(v ?? -1) ? v! : DEFAULT_CLOSED_DAYS;
}

/** The first day of the recent-closed window, in the organisation's time zone. */
export function closedSinceDay(db: Db, now: number, closedDays: number | undefined): string {
  return addDays(dayIn(getOrgSettings(db).timeZone, now), -(closedDaysOf(closedDays) - 1));
}

/**
 * The viewer's visible opportunities with the board's filters, values as placeholders (see `filterValues`);
 * what the text depends on is in `shapeOf`.
 */
function filterConds(viewer: Viewer, f: BoardFilters): SQL[] {
  const conds = [visibleWherePrepared(viewer, o)];
  if (f.ownerId) conds.push(eq(o.ownerId, ph('ownerId')));
  if (f.teamId) conds.push(eq(o.teamId, ph('teamId')));
  return conds;
}

const shapeOf = (viewer: Viewer, f: BoardFilters) => `${viewerShape(viewer)}:${f.ownerId ? 'o' : ''}${f.teamId ? 't' : ''}`;
const filterValues = (viewer: Viewer, f: BoardFilters): Record<string, unknown> => ({ ...viewerParams(viewer), ownerId: f.ownerId, teamId: f.teamId });

// Keyset cursors: open columns walk (position, id); closed ones (close_date, id) latest first.
type Cursor = { kind: 'p'; position: number; id: number } | { kind: 'c'; closeDate: string; id: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c.kind === 'p' ? ['p', c.position, c.id] : ['c', c.closeDate, c.id])).toString('base64url');
}

function decodeCursor(s: string | null | undefined): Cursor | null {
  if (!s) return null;
  try {
    const [kind, v, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Number.isInteger(id)) return null;
    if (kind === 'p' && typeof v === 'number' && Number.isFinite(v)) return { kind, position: v, id };
    if (kind === 'c' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return { kind, closeDate: v, id };
    return null;
  } catch {
    return null;
  }
}

/** A card's row as the cards queries return it, before `movable` is worked out. */
type CardRow = Omit<BoardCard, 'movable'> & { position: number; editable: number };

/**
 * What a card shows (named as BoardCard's fields), with whether the viewer may move it: the select list and joins
 * of the cards queries, before their conditions.
 */
function cardSelect(viewer: Viewer): SQL {
  // editableWhere with the viewer's values as placeholders, as visibleWherePrepared does for visibleWhere.
  const shaped = { ...viewer, id: ph('viewerId'), teamIds: viewer.teamIds.map((_, i) => ph(`viewerTeam${i}`)) } as unknown as Viewer;
  return sql`select ${o.id} as "id", ${o.name} as "name", ${companies.name} as "companyName", ${o.stageId} as "stageId", ${o.amount} as "amount",
    ${o.currency} as "currency", coalesce(${o.probability}, ${pipelineStages.probability}) as "probability", ${o.expectedCloseDate} as "expectedCloseDate",
    ${o.closeDate} as "closeDate", ${owner.name} as "ownerName", ${o.score} as "score", ${o.status} as "status", ${o.position} as "position",
    case when ${editableWhere(shaped, o)} then 1 else 0 end as "editable"
    from ${o}
    inner join ${companies} on ${companies.id} = ${o.companyId}
    inner join ${pipelineStages} on ${pipelineStages.id} = ${o.stageId}
    left join ${users} ${owner} on ${owner.id} = ${o.ownerId}`;
}

/** The outer select of a cards query: its subquery's columns, as they are. */
const CARD_FIELDS = {
  id: sql<number>`"id"`,
  name: sql<string>`"name"`,
  companyName: sql<string>`"companyName"`,
  stageId: sql<number>`"stageId"`,
  amount: sql<number>`"amount"`,
  currency: sql<string>`"currency"`,
  probability: sql<number>`"probability"`,
  expectedCloseDate: sql<string | null>`"expectedCloseDate"`,
  closeDate: sql<string | null>`"closeDate"`,
  ownerName: sql<string | null>`"ownerName"`,
  score: sql<number>`"score"`,
  status: sql<OpportunityStatus>`"status"`,
  position: sql<number>`"position"`,
  editable: sql<number>`"editable"`,
};

// Field by field: a rest-and-spread copy costs more than reading the row.
function toCard(r: CardRow): BoardCard {
  return {
    id: r.id,
    name: r.name,
    companyName: r.companyName,
    stageId: r.stageId,
    amount: r.amount,
    currency: r.currency,
    probability: r.probability,
    expectedCloseDate: r.expectedCloseDate,
    closeDate: r.closeDate,
    ownerName: r.ownerName,
    score: r.score,
    status: r.status,
    movable: r.editable === 1 && r.status === 'open',
  };
}

type Page = { stage: StageRow; cursor: Cursor | null; limit: number };

/**
 * Pages of cards of several columns, each after its cursor, in ONE statement: a UNION ALL of one ordered, limited
 * member per column. Open stages are in board order (position, id) through opportunities_board_idx; won/lost ones
 * are the recently closed, latest first, through opportunities_status_closed_idx (so old closings are never walked).
 * Built once per shape (viewer, filters, each column open or closed, with a cursor or not), run with its values.
 */
function cardPages(db: Db, viewer: Viewer, pages: Page[], f: BoardFilters, closedSince: string): { cards: BoardCard[]; nextCursor: string | null }[] {
  if (!pages.length) return [];
  const shape = pages.map(({ stage, cursor }) => (isOpenKind(stage.kind) ? 'p' : stage.kind === 'won' ? 'w' : 'l') + (cursor ? '+' : '')).join('');
  const query = prepared(db, `opportunities.board.cards:${shapeOf(viewer, f)}:${shape}`, () => {
    const select = cardSelect(viewer);
    const filters = and(...filterConds(viewer, f));
    const members = pages.map(({ stage, cursor }, i) => {
      const head = sql`${select} where ${o.stageId} = ${ph(`stage${i}`)} and ${filters}`;
      const limit = ph(`limit${i}`);
      if (isOpenKind(stage.kind)) {
        const after = cursor ? sql` and (${o.position}, ${o.id}) > (${ph(`key${i}`)}, ${ph(`id${i}`)})` : sql``;
        return sql`select * from (${head}${after} order by ${o.position} asc, ${o.id} asc limit ${limit})`;
      }
      const before = cursor ? sql` and (${o.closeDate}, ${o.id}) < (${ph(`key${i}`)}, ${ph(`id${i}`)})` : sql``;
      const status = stage.kind === 'won' ? sql`'won'` : sql`'lost'`;
      return sql`select * from (${head} and ${o.status} = ${status} and ${o.closeDate} >= ${ph('since')}${before} order by ${o.closeDate} desc, ${o.id} desc limit ${limit})`;
    });
    return db
      .select(CARD_FIELDS)
      .from(sql`(${sql.join(members, sql` union all `)})`)
      .prepare();
  });
  const values = filterValues(viewer, f);
  values.since = closedSince;
  pages.forEach(({ stage, cursor, limit }, i) => {
    values[`stage${i}`] = stage.id;
    values[`limit${i}`] = limit + 1;
    if (cursor) {
      values[`key${i}`] = cursor.kind === 'p' ? cursor.position : cursor.closeDate;
      values[`id${i}`] = cursor.id;
    }
  });
  const byStage = new Map<number, CardRow[]>(pages.map((p) => [p.stage.id, []]));
  for (const r of query.all(values)) byStage.get(r.stageId)?.push(r);
  return pages.map(({ stage, limit }) => {
    const open = isOpenKind(stage.kind);
    // Each member comes in its own order; sorted again here so the result never rests on how the compound is run.
    const rows = byStage.get(stage.id)!.sort(open ? (a, b) => a.position - b.position || a.id - b.id : (a, b) => (a.closeDate === b.closeDate ? b.id - a.id : (a.closeDate ?? '') < (b.closeDate ?? '') ? 1 : -1));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(open ? { kind: 'p', position: last.position, id: last.id } : { kind: 'c', closeDate: last.closeDate ?? '', id: last.id }) : null;
    return { cards: page.map(toCard), nextCursor };
  });
}

/**
 * Count, amount and weighted amount (amount × effective probability) of every column, per currency, in ONE
 * statement over the visible opportunities of the stages: the open ones through opportunities_board_totals_idx
 * (stage, status, currency: grouped in index order), the recently closed ones through
 * opportunities_closed_totals_idx (a range of close dates, old closings never walked). The stage default
 * probabilities are inlined as a CASE so neither part needs a join and each is answered from its index alone.
 */
export function boardTotals(db: Db, viewer: Viewer, stages: StageRow[], f: BoardFilters, closedSince: string): Map<number, ColumnTotals> {
  const out = new Map<number, ColumnTotals>(stages.map((s) => [s.id, { count: 0, byCurrency: [] }]));
  if (!stages.length) return out;
  const query = prepared(db, `opportunities.board.totals:${shapeOf(viewer, f)}:${stages.length}`, () => {
    const ids = sql.join(
      stages.map((_, i) => ph(`stage${i}`)),
      sql`, `,
    );
    const stageProbability = sql.join([sql`case ${o.stageId}`, ...stages.map((_, i) => sql`when ${ph(`stage${i}`)} then ${ph(`probability${i}`)}`), sql`else 0 end`], sql` `);
    const visible = and(...filterConds(viewer, f));
    // amount (cents) × probability (%): exact integers; divided by 100 below.
    const select = sql`select ${o.stageId} as "stageId", ${o.currency} as "currency", count(*) as "n", sum(${o.amount}) as "amount",
      sum(${o.amount} * coalesce(${o.probability}, ${stageProbability})) as "weighted" from ${o}`;
    return db
      .select({ stageId: sql<number>`"stageId"`, currency: sql<string>`"currency"`, n: sql<number>`"n"`, amount: sql<number>`"amount"`, weighted: sql<number>`"weighted"` })
      .from(
        sql`(${select} where ${o.stageId} in (${ids}) and ${o.status} = 'open' and ${visible} group by 1, 2
          union all
          ${select} where ${o.status} in ('won', 'lost') and ${o.closeDate} >= ${ph('since')} and ${o.stageId} in (${ids}) and ${visible} group by 1, 2)`,
      )
      .prepare();
  });
  const values = filterValues(viewer, f);
  values.since = closedSince;
  stages.forEach((s, i) => {
    values[`stage${i}`] = s.id;
    values[`probability${i}`] = s.probability;
  });
  const sums = new Map<number, Map<string, { amount: number; weighted: number }>>();
  for (const r of query.all(values)) {
    const t = out.get(r.stageId);
    if (!t) continue;
    t.count += r.n;
    const byCurrency = sums.get(r.stageId) ?? new Map<string, { amount: number; weighted: number }>();
    const c = byCurrency.get(r.currency) ?? { amount: 0, weighted: 0 };
    byCurrency.set(r.currency, { amount: c.amount + r.amount, weighted: c.weighted + r.weighted });
    sums.set(r.stageId, byCurrency);
  }
  for (const [stageId, byCurrency] of sums) {
    out.get(stageId)!.byCurrency = [...byCurrency].map(([currency, v]) => ({ currency, amount: v.amount, weighted: Math.round(v.weighted / 100) })).sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
  }
  return out;
}

export type BoardOptions = {
  now: number;
  /** Cards to show per column (default COLUMN_PAGE, at most MAX_COLUMN_CARDS), by stage id. */
  limits?: Record<number, number>;
};

/** The board of a pipeline: each stage with its first cards and its header totals. Null when there's no such pipeline. */
export function boardColumns(db: Db, viewer: Viewer, pipelineId: number, f: BoardFilters, opts: BoardOptions): Board | null {
  const pipeline = getPipeline(db, pipelineId);
  if (!pipeline) return null;
  const closedDays = closedDaysOf(f.closedDays);
  const closedSince = closedSinceDay(db, opts.now, closedDays);
  const totals = boardTotals(db, viewer, pipeline.stages, f, closedSince);
  const pages = pipeline.stages.map((stage) => ({ stage, cursor: null, limit: Math.min(Math.max(opts.limits?.[stage.id] ?? COLUMN_PAGE, 1), MAX_COLUMN_CARDS) }));
  const cards = cardPages(db, viewer, pages, f, closedSince);
  const columns = pipeline.stages.map((stage, i) => ({ stage, closed: !isOpenKind(stage.kind), totals: totals.get(stage.id)!, ...cards[i] }));
  const { stages: _s, ...p } = pipeline;
  return { pipeline: p, columns, closedSince, closedDays };
}

/** "Load more" of one column: the next page after `cursor`. Empty for an unknown stage or a bad cursor. */
export function columnCards(db: Db, viewer: Viewer, stageId: number, cursor: string | null, f: BoardFilters, opts: { now: number; limit?: number }): { cards: BoardCard[]; nextCursor: string | null } {
  const stage = getStage(db, stageId);
  const c = decodeCursor(cursor);
  if (!stage || (cursor && !c)) return { cards: [], nextCursor: null };
  const limit = Math.min(Math.max(opts.limit ?? COLUMN_PAGE, 1), MAX_COLUMN_CARDS);
  return cardPages(db, viewer, [{ stage, cursor: c, limit }], f, closedSinceDay(db, opts.now, f.closedDays))[0];
}

/** One card as the board shows it (after a move), or null when the viewer may not see it. */
export function boardCard(db: Db, viewer: Viewer, id: number): BoardCard | null {
  const query = prepared(db, `opportunities.board.card:${viewerShape(viewer)}`, () =>
    db
      .select(CARD_FIELDS)
      .from(sql`(${cardSelect(viewer)} where ${o.id} = ${ph('id')} and ${visibleWherePrepared(viewer, o)})`)
      .prepare(),
  );
  const row = query.get({ ...viewerParams(viewer), id });
  return row ? toCard(row) : null;
}
