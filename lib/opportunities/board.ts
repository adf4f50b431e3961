import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { companies, opportunities, pipelineStages, users, type OpportunityStatus } from '@/db/schema';
import { editableWhere, visibleWhere, type Viewer } from '@/lib/permissions';
import { getPipeline, getStage, isOpenKind, type PipelineRow, type StageRow } from '@/lib/pipelines/queries';
import { getOrgSettings } from '@/lib/settings/queries';
import { addDays, dayIn } from './dates';
import { effectiveProbability } from './queries';

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

export function closedDaysOf(v: number | undefined): number {
  return (CLOSED_WINDOWS as readonly number[]).includes(v ?? -1) ? v! : DEFAULT_CLOSED_DAYS;
}

/** The first day of the recent-closed window, in the organisation's time zone. */
export function closedSinceDay(db: Db, now: number, closedDays: number | undefined): string {
  return addDays(dayIn(getOrgSettings(db).timeZone, now), -(closedDaysOf(closedDays) - 1));
}

function filterConds(viewer: Viewer, f: BoardFilters): SQL[] {
  const conds = [visibleWhere(viewer, opportunities)];
  if (f.ownerId) conds.push(eq(opportunities.ownerId, f.ownerId));
  if (f.teamId) conds.push(eq(opportunities.teamId, f.teamId));
  return conds;
}

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

function selectCards(db: Db, viewer: Viewer, where: SQL, order: SQL[], limit: number) {
  return db
    .select({
      id: opportunities.id,
      name: opportunities.name,
      companyName: companies.name,
      stageId: opportunities.stageId,
      amount: opportunities.amount,
      currency: opportunities.currency,
      probability: effectiveProbability,
      expectedCloseDate: opportunities.expectedCloseDate,
      closeDate: opportunities.closeDate,
      ownerName: owner.name,
      score: opportunities.score,
      status: opportunities.status,
      position: opportunities.position,
      editable: sql<number>`case when ${editableWhere(viewer, opportunities)} then 1 else 0 end`,
    })
    .from(opportunities)
    .innerJoin(companies, eq(companies.id, opportunities.companyId))
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .leftJoin(owner, eq(owner.id, opportunities.ownerId))
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .all();
}

function toCard({ position: _p, editable, ...c }: ReturnType<typeof selectCards>[number]): BoardCard {
  return { ...c, movable: editable === 1 && c.status === 'open' };
}

/**
 * A page of one column's cards after `cursor`. Open stages are in board order (position, id) through
 * opportunities_board_idx; won/lost ones are the recently closed, latest first, through
 * opportunities_status_closed_idx (so old closings are never walked).
 */
function stageCards(db: Db, viewer: Viewer, stage: StageRow, f: BoardFilters, closedSince: string, cursor: Cursor | null, limit: number): { cards: BoardCard[]; nextCursor: string | null } {
  const open = isOpenKind(stage.kind);
  const conds: (SQL | undefined)[] = [eq(opportunities.stageId, stage.id), ...filterConds(viewer, f)];
  if (open) {
    if (cursor?.kind === 'p') conds.push(sql`(${opportunities.position}, ${opportunities.id}) > (${cursor.position}, ${cursor.id})`);
  } else {
    conds.push(eq(opportunities.status, stage.kind === 'won' ? 'won' : 'lost'), sql`${opportunities.closeDate} >= ${closedSince}`);
    if (cursor?.kind === 'c') conds.push(sql`(${opportunities.closeDate}, ${opportunities.id}) < (${cursor.closeDate}, ${cursor.id})`);
  }
  const rows = selectCards(db, viewer, and(...conds)!, open ? [asc(opportunities.position), asc(opportunities.id)] : [desc(opportunities.closeDate), desc(opportunities.id)], limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(open ? { kind: 'p', position: last.position, id: last.id } : { kind: 'c', closeDate: last.closeDate ?? '', id: last.id }) : null;
  return { cards: page.map(toCard), nextCursor };
}

/**
 * Count, amount and weighted amount (amount × effective probability) of every column, per currency, in ONE
 * grouped query over the visible opportunities of the stages (won/lost: the recently closed only). The
 * stage default probabilities are inlined as a CASE so the query needs no join and can be answered from an
 * index alone (see the report on opportunities_board_totals_idx).
 */
export function boardTotals(db: Db, viewer: Viewer, stages: StageRow[], f: BoardFilters, closedSince: string): Map<number, ColumnTotals> {
  const out = new Map<number, ColumnTotals>(stages.map((s) => [s.id, { count: 0, byCurrency: [] }]));
  if (!stages.length) return out;
  const stageProbability = sql.join([sql`case ${opportunities.stageId}`, ...stages.map((s) => sql`when ${s.id} then ${s.probability}`), sql`else 0 end`], sql` `);
  const rows = db
    .select({
      stageId: opportunities.stageId,
      currency: opportunities.currency,
      n: sql<number>`count(*)`,
      amount: sql<number>`coalesce(sum(${opportunities.amount}), 0)`,
      // amount (cents) × probability (%): exact integers; divided by 100 below.
      weighted: sql<number>`coalesce(sum(${opportunities.amount} * coalesce(${opportunities.probability}, ${stageProbability})), 0)`,
    })
    .from(opportunities)
    .where(
      and(
        inArray(
          opportunities.stageId,
          stages.map((s) => s.id),
        ),
        or(eq(opportunities.status, 'open'), sql`${opportunities.closeDate} >= ${closedSince}`),
        ...filterConds(viewer, f),
      ),
    )
    .groupBy(opportunities.stageId, opportunities.currency)
    .all();
  for (const r of rows) {
    const t = out.get(r.stageId);
    if (!t) continue;
    t.count += r.n;
    t.byCurrency.push({ currency: r.currency, amount: r.amount, weighted: Math.round(r.weighted / 100) });
  }
  for (const t of out.values()) t.byCurrency.sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
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
  const columns = pipeline.stages.map((stage) => {
    const limit = Math.min(Math.max(opts.limits?.[stage.id] ?? COLUMN_PAGE, 1), MAX_COLUMN_CARDS);
    const { cards, nextCursor } = stageCards(db, viewer, stage, f, closedSince, null, limit);
    return { stage, closed: !isOpenKind(stage.kind), totals: totals.get(stage.id)!, cards, nextCursor };
  });
  const { stages: _s, ...p } = pipeline;
  return { pipeline: p, columns, closedSince, closedDays };
}

/** "Load more" of one column: the next page after `cursor`. Empty for an unknown stage or a bad cursor. */
export function columnCards(db: Db, viewer: Viewer, stageId: number, cursor: string | null, f: BoardFilters, opts: { now: number; limit?: number }): { cards: BoardCard[]; nextCursor: string | null } {
  const stage = getStage(db, stageId);
  const c = decodeCursor(cursor);
  if (!stage || (cursor && !c)) return { cards: [], nextCursor: null };
  const limit = Math.min(Math.max(opts.limit ?? COLUMN_PAGE, 1), MAX_COLUMN_CARDS);
  return stageCards(db, viewer, stage, f, closedSinceDay(db, opts.now, f.closedDays), c, limit);
}

/** One card as the board shows it (after a move), or null when the viewer may not see it. */
export function boardCard(db: Db, viewer: Viewer, id: number): BoardCard | null {
  const row = selectCards(db, viewer, and(eq(opportunities.id, id), visibleWhere(viewer, opportunities))!, [], 1)[0];
  return row ? toCard(row) : null;
}
