import { and, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { leadStatusTally, leads, users } from '@/db/schema';
import { ph, prepared, viewerParams, viewerShape, visibleWherePrepared } from '@/lib/db/prepared';
import type { Viewer } from '@/lib/permissions';
import { getLeadStatus, isTerminalKind, listLeadStatuses, type LeadStatusRow } from './statuses';

/** Cards a column shows first, and the most a "show more" link (no JavaScript) may ask for. */
export const COLUMN_PAGE = 20;
export const MAX_COLUMN_CARDS = 200;

/** Converted and Lost would grow forever: they show what closed in the last N days (30 unless chosen). */
export const CLOSED_WINDOWS = [7, 30, 90, 365] as const;
export const DEFAULT_CLOSED_DAYS = 30;
const DAY = 86_400_000;

export type LeadBoardFilters = {
  /** A user, or 'unassigned' (the teams' queues). */
  owner?: number | 'unassigned';
  teamId?: number;
  /** Converted/lost cards and counts: closed in the last N days (one of CLOSED_WINDOWS). */
  closedDays?: number;
};

export type LeadCard = {
  id: number;
  name: string;
  companyName: string | null;
  statusId: number;
  computedScore: number;
  /** The stars (0–5). */
  manualScore: number;
  ownerId: number | null;
  ownerName: string | null;
  createdAt: number;
  closedAt: number | null;
  /** The viewer may move it (and it is neither converted nor lost). */
  movable: boolean;
};

export type LeadBoardColumn = {
  status: LeadStatusRow;
  /** Converted or lost: cards can't be dragged out, dropping here goes to the convert / lose step. */
  terminal: boolean;
  count: number;
  cards: LeadCard[];
  nextCursor: string | null;
};

export type LeadBoard = { columns: LeadBoardColumn[]; closedDays: number; closedSince: number };

const owner = alias(users, 'owner');

export function closedDaysOf(v: number | undefined): number {
  return (CLOSED_WINDOWS as readonly number[]).includes(v ?? -1) ? v! : DEFAULT_CLOSED_DAYS;
}

/** Converted and lost cards closed at or after this instant are on the board. */
export function closedSince(now: number, closedDays: number | undefined): number {
  return now - closedDaysOf(closedDays) * DAY;
}

/**
 * The viewer's leads with the board's filters, as placeholders (values from `filterParams`) for queries built
 * once per shape (lib/db/prepared.ts). `covering`: owner and team tests that no index may serve (`+col`), so the
 * counts read leads_status_closed_idx alone rather than an owner's or a team's rows one by one.
 */
function filterConds(viewer: Viewer, f: LeadBoardFilters, covering = false): SQL[] {
  const conds = [visibleWherePrepared(viewer, leads)];
  const ownerCol = covering ? sql`+${leads.ownerId}` : sql`${leads.ownerId}`;
  if (f.owner === 'unassigned') conds.push(sql`${ownerCol} is null`);
  else if (f.owner !== undefined) conds.push(sql`${ownerCol} = ${ph('ownerId')}`);
  if (f.teamId !== undefined) conds.push(covering ? sql`+${leads.teamId} = ${ph('teamId')}` : eq(leads.teamId, ph('teamId')));
  return conds;
}

/** What `filterConds`' SQL depends on: part of a prepared query's key. */
const filterShape = (viewer: Viewer, f: LeadBoardFilters) =>
  `${f.owner === 'unassigned' ? 'queue' : f.owner !== undefined ? 'owner' : 'any'}:${f.teamId !== undefined ? 'team' : 'all'}:${viewerShape(viewer)}`;

function filterParams(viewer: Viewer, f: LeadBoardFilters): Record<string, number> {
  const out = viewerParams(viewer);
  if (typeof f.owner === 'number') out.ownerId = f.owner;
  if (f.teamId !== undefined) out.teamId = f.teamId;
  return out;
}

// Keyset cursors: open columns walk (position, id); converted and lost ones (closed_at, id), latest first.
type Cursor = { kind: 'p'; k: number; id: number } | { kind: 'c'; k: number; id: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.kind, c.k, c.id])).toString('base64url');
}

function decodeCursor(s: string | null | undefined): Cursor | null {
  if (!s) return null;
  try {
    const [kind, k, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (!Number.isInteger(id) || typeof k !== 'number' || !Number.isFinite(k)) return null;
    return kind === 'p' || kind === 'c' ? { kind, k, id } : null;
  } catch {
    return null;
  }
}

/** Cards by id, with what a card shows (a page at most). */
function cardsById(db: Db, viewer: Viewer, ids: number[]): Map<number, LeadCard> {
  if (!ids.length) return new Map();
  // Slots in steps of a column page (unused ones null, which matches nothing): a handful of query shapes.
  const slots = Math.ceil(ids.length / COLUMN_PAGE) * COLUMN_PAGE;
  const editable = viewer.active && viewer.role !== 'read_only';
  const q = prepared(db, `leads.board.cards:${slots}:${editable ? viewerShape(viewer) : 'none'}`, () =>
    db
      .select({
        id: leads.id,
        firstName: leads.firstName,
        lastName: leads.lastName,
        companyName: leads.companyName,
        statusId: leads.statusId,
        computedScore: leads.computedScore,
        manualScore: leads.manualScore,
        ownerId: leads.ownerId,
        ownerName: owner.name,
        createdAt: leads.createdAt,
        closedAt: leads.closedAt,
        convertedCompanyId: leads.convertedCompanyId,
        // The SQL twin of editableWhere (visible, and not a read-only viewer).
        editable: sql<number>`case when ${editable ? visibleWherePrepared(viewer, leads) : sql`0`} then 1 else 0 end`,
      })
      .from(leads)
      .leftJoin(owner, eq(owner.id, leads.ownerId))
      .where(
        inArray(
          leads.id,
          Array.from({ length: slots }, (_, i) => ph(`id${i}`)),
        ),
      )
      .prepare(),
  );
  const params: Record<string, number | null> = editable ? viewerParams(viewer) : {};
  for (let i = 0; i < slots; i++) params[`id${i}`] = ids[i] ?? null;
  const rows = q.all(params);
  // Built field by field: an object rest (`...r`) per row cost more than the query itself on a full board.
  const out = new Map<number, LeadCard>();
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      name: r.firstName ? `${r.firstName} ${r.lastName}` : r.lastName,
      companyName: r.companyName,
      statusId: r.statusId,
      computedScore: r.computedScore,
      manualScore: r.manualScore,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      createdAt: r.createdAt,
      closedAt: r.closedAt,
      movable: r.editable === 1 && r.closedAt === null && r.convertedCompanyId === null,
    });
  }
  return out;
}

/**
 * A page of one column's cards after `cursor`. Open statuses are in board order (position, id) through
 * leads_board_idx; converted and lost ones are the recently closed, latest first (closed_at, id). Keys first,
 * then the cards of the page by id: an owner's cards sorted by position never drag joined rows through a sort.
 */
function statusCards(db: Db, viewer: Viewer, status: LeadStatusRow, f: LeadBoardFilters, since: number, cursor: Cursor | null, limit: number): { cards: LeadCard[]; nextCursor: string | null } {
  const terminal = isTerminalKind(status.kind);
  const after = !!cursor && cursor.kind === (terminal ? 'c' : 'p');
  const q = prepared(db, `leads.board.keys:${terminal ? 'closed' : 'open'}:${after ? 'after' : 'first'}:${filterShape(viewer, f)}`, () => {
    const conds: SQL[] = [eq(leads.statusId, ph('statusId')), ...filterConds(viewer, f)];
    if (!terminal) {
      if (after) conds.push(sql`(${leads.position}, ${leads.id}) > (${ph('afterK')}, ${ph('afterId')})`);
      return db.select({ id: leads.id, k: sql<number>`${leads.position}` }).from(leads).where(and(...conds)).orderBy(leads.position, leads.id).limit(ph('limit')).prepare();
    }
    conds.push(gte(leads.closedAt, ph('since')));
    if (after) conds.push(sql`(${leads.closedAt}, ${leads.id}) < (${ph('afterK')}, ${ph('afterId')})`);
    return db
      .select({ id: leads.id, k: sql<number>`${leads.closedAt}` })
      .from(leads)
      .where(and(...conds))
      .orderBy(sql`${leads.closedAt} desc`, sql`${leads.id} desc`)
      .limit(ph('limit'))
      .prepare();
  });
  const keys = q.all({ ...filterParams(viewer, f), statusId: status.id, since, limit: limit + 1, ...(after && cursor ? { afterK: cursor.k, afterId: cursor.id } : {}) });
  const page = keys.slice(0, limit);
  const byId = cardsById(db, viewer, page.map((k) => k.id));
  const last = page[page.length - 1];
  return {
    // A card moved or deleted between the two reads is left out.
    cards: page.flatMap((k) => {
      const c = byId.get(k.id);
      return c && c.statusId === status.id ? [c] : [];
    }),
    nextCursor: keys.length > limit && last ? encodeCursor({ kind: terminal ? 'c' : 'p', k: last.k, id: last.id }) : null,
  };
}

/**
 * Cards per status, with the board's filters and the viewer's visibility. Open leads are read from
 * lead_status_tally (kept by triggers: a few hundred rows, whatever the number of leads); converted and lost
 * ones are the recently closed, one range of leads_status_closed_idx. Statuses without a visible lead are 0.
 */
export function statusCounts(db: Db, viewer: Viewer, statuses: LeadStatusRow[], f: LeadBoardFilters, since: number): Map<number, number> {
  const out = new Map<number, number>(statuses.map((s) => [s.id, 0]));
  if (!statuses.length) return out;
  const ids = statuses.map((s) => s.id);
  // Open leads: the whole tally for the viewer and filters, grouped (it is small); statuses not asked are ignored below.
  const open = prepared(db, `leads.board.tally:${filterShape(viewer, f)}`, () => {
    const conds: SQL[] = [visibleWherePrepared(viewer, { ownerId: leadStatusTally.ownerKey, teamId: leadStatusTally.teamKey })];
    if (f.owner === 'unassigned') conds.push(eq(leadStatusTally.ownerKey, 0));
    else if (f.owner !== undefined) conds.push(eq(leadStatusTally.ownerKey, ph('ownerId')));
    if (f.teamId !== undefined) conds.push(eq(leadStatusTally.teamKey, ph('teamId')));
    return db
      .select({ statusId: leadStatusTally.statusId, n: sql<number>`sum(${leadStatusTally.n})` })
      .from(leadStatusTally)
      .where(and(...conds))
      .groupBy(leadStatusTally.statusId)
      .prepare();
  }).all(filterParams(viewer, f));
  // Only converted and lost leads have a close time (set when converting or losing, cleared by reopening).
  const closed = prepared(db, `leads.board.closedCounts:${ids.length}:${filterShape(viewer, f)}`, () =>
    db
      .select({ statusId: leads.statusId, n: sql<number>`count(*)` })
      .from(leads)
      .where(
        and(
          inArray(
            leads.statusId,
            ids.map((_, i) => ph(`status${i}`)),
          ),
          gte(leads.closedAt, ph('since')),
          ...filterConds(viewer, f, true),
        ),
      )
      .groupBy(leads.statusId)
      .prepare(),
  ).all({ ...filterParams(viewer, f), since, ...Object.fromEntries(ids.map((id, i) => [`status${i}`, id])) });
  for (const r of [...open, ...closed]) if (out.has(r.statusId)) out.set(r.statusId, (out.get(r.statusId) ?? 0) + Number(r.n));
  return out;
}

export type BoardOptions = {
  now: number;
  /** Cards to show per column (default COLUMN_PAGE, at most MAX_COLUMN_CARDS), by status id. */
  limits?: Record<number, number>;
};

/** The leads board: every status in order with its first cards and its count. */
export function leadBoard(db: Db, viewer: Viewer, f: LeadBoardFilters, opts: BoardOptions): LeadBoard {
  const statuses = listLeadStatuses(db);
  const closedDays = closedDaysOf(f.closedDays);
  const since = closedSince(opts.now, closedDays);
  const counts = statusCounts(db, viewer, statuses, f, since);
  const columns = statuses.map((status) => {
    const limit = Math.min(Math.max(opts.limits?.[status.id] ?? COLUMN_PAGE, 1), MAX_COLUMN_CARDS);
    const { cards, nextCursor } = statusCards(db, viewer, status, f, since, null, limit);
    return { status, terminal: isTerminalKind(status.kind), count: counts.get(status.id) ?? 0, cards, nextCursor };
  });
  return { columns, closedDays, closedSince: since };
}

/** "Load more" of one column: the next page after `cursor`. Empty for an unknown status or a bad cursor. */
export function columnLeads(db: Db, viewer: Viewer, statusId: number, cursor: string | null, f: LeadBoardFilters, opts: { now: number; limit?: number }): { cards: LeadCard[]; nextCursor: string | null } {
  const status = getLeadStatus(db, statusId);
  const c = decodeCursor(cursor);
  if (!status || (cursor && !c)) return { cards: [], nextCursor: null };
  const limit = Math.min(Math.max(opts.limit ?? COLUMN_PAGE, 1), MAX_COLUMN_CARDS);
  return statusCards(db, viewer, status, f, closedSince(opts.now, f.closedDays), c, limit);
}

/** One card as the board shows it (after a move), or null when the viewer may not see it. */
export function leadCard(db: Db, viewer: Viewer, id: number): LeadCard | null {
  const visible = prepared(db, `leads.board.visible:${viewerShape(viewer)}`, () =>
    db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.id, ph('id')), visibleWherePrepared(viewer, leads)))
      .prepare(),
  ).get({ ...viewerParams(viewer), id });
  return visible ? (cardsById(db, viewer, [id]).get(id) ?? null) : null;
}
