import { and, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { leads, refValues, teams, users, type LeadStatusKind, type StageColor } from '@/db/schema';
import { ph, prepared, viewerParams, viewerShape, visibleWherePrepared } from '@/lib/db/prepared';
import type { Viewer } from '@/lib/permissions';
import { listLeadStatuses, type LeadStatusRow } from './statuses';

export const PAGE_SIZE = 50;

/** Open leads (status not closed), closed ones (converted, lost and statuses an admin marked closed), or all. */
export const LEAD_STATES = ['open', 'closed', 'all'] as const;
export type LeadState = (typeof LEAD_STATES)[number];

/** Name (A→Z), creation (newest first), computed score (highest first). */
export const LEAD_SORTS = ['name', 'created', 'score'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];
export const DEFAULT_LEAD_SORT: LeadSort = 'name';

export type LeadFilters = {
  /** Default: open. Ignored when `statusId` is given (a status is open or closed by itself). */
  state?: LeadState;
  statusId?: number;
  /** A user, or 'unassigned' (the teams' queues). */
  owner?: number | 'unassigned';
  teamId?: number;
  sourceId?: number;
  tagId?: number;
  /** Computed score at least this (inclusive; may be negative). */
  minScore?: number;
  /** Creation time range, ms: [from, to). */
  createdFrom?: number;
  createdTo?: number;
  /** Default: DEFAULT_LEAD_SORT. */
  sort?: LeadSort;
};

export type LeadListRow = {
  id: number;
  name: string;
  companyName: string | null;
  phone: string | null;
  email: string | null;
  city: string | null;
  statusId: number;
  statusName: string;
  statusKind: LeadStatusKind;
  statusClosed: boolean;
  statusColor: StageColor;
  ownerId: number | null;
  ownerName: string | null;
  teamId: number | null;
  teamName: string | null;
  computedScore: number;
  manualScore: number;
  sourceName: string | null;
  createdAt: number;
  tags: string | null;
  /** The viewer may take it in charge (as LeadDetail.can.take). */
  canTake: boolean;
};

type Spec = { col: typeof leads.sortName | typeof leads.createdAt | typeof leads.computedScore; dir: 'asc' | 'desc'; numeric: boolean };
/** A row of a part: its id and its sort key. */
type Key = { id: number; k: string | number };

const SPECS: Record<LeadSort, Spec> = {
  name: { col: leads.sortName, dir: 'asc', numeric: false },
  created: { col: leads.createdAt, dir: 'desc', numeric: true },
  score: { col: leads.computedScore, dir: 'desc', numeric: true },
};

type Cursor = { k: string | number; id: number };

function encode(sort: LeadSort, c: Cursor): string {
  return Buffer.from(JSON.stringify({ o: sort, k: c.k, id: c.id })).toString('base64url');
}

/** A cursor of this order, or null (a cursor of another order, or junk, starts from the first page). */
function decode(sort: LeadSort, cursor: string | null | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!v || v.o !== sort || !Number.isInteger(v.id)) return null;
    if (SPECS[sort].numeric ? !Number.isInteger(v.k) : typeof v.k !== 'string') return null;
    return { k: v.k, id: v.id };
  } catch {
    return null;
  }
}

const owner = alias(users, 'owner');
const source = alias(refValues, 'source');

const columns = {
  id: leads.id,
  firstName: leads.firstName,
  lastName: leads.lastName,
  sortName: leads.sortName,
  companyName: leads.companyName,
  phone: leads.phone,
  mobile: leads.mobile,
  email: leads.email,
  city: leads.city,
  statusId: leads.statusId,
  ownerId: leads.ownerId,
  ownerName: owner.name,
  teamId: leads.teamId,
  teamName: teams.name,
  computedScore: leads.computedScore,
  manualScore: leads.manualScore,
  sourceName: source.name,
  createdAt: leads.createdAt,
  closedAt: leads.closedAt,
  convertedCompanyId: leads.convertedCompanyId,
  // At most a page of rows: a correlated subquery each is cheap.
  tags: sql<string | null>`(select group_concat(t.name, ', ') from lead_tags lt join tags t on t.id = lt.tag_id where lt.lead_id = ${leads.id})`,
};
type RawRow = {
  id: number;
  firstName: string | null;
  lastName: string;
  sortName: string;
  companyName: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  city: string | null;
  statusId: number;
  ownerId: number | null;
  ownerName: string | null;
  teamId: number | null;
  teamName: string | null;
  computedScore: number;
  manualScore: number;
  sourceName: string | null;
  createdAt: number;
  closedAt: number | null;
  convertedCompanyId: number | null;
  tags: string | null;
};

/**
 * Who may take a lead in charge, for a lead the viewer can see (the list only holds those): as
 * LeadDetail.can.take — not converted nor lost, not theirs already, and either they may assign it (admins,
 * managers of what they see) or it waits unassigned in their team's queue (sales users).
 */
export function mayTake(viewer: Viewer, r: { ownerId: number | null; closedAt: number | null; convertedCompanyId: number | null }): boolean {
  if (!viewer.active || r.closedAt !== null || r.convertedCompanyId !== null || r.ownerId === viewer.id) return false;
  if (viewer.role === 'admin' || viewer.role === 'manager') return true;
  return viewer.role === 'sales' && r.ownerId === null;
}

/** The statuses a list reads: one asked for, else those of the state in board order. */
export function statusesFor(all: LeadStatusRow[], f: Pick<LeadFilters, 'state' | 'statusId'>): LeadStatusRow[] {
  if (f.statusId !== undefined) return all.filter((s) => s.id === f.statusId);
  const state = f.state ?? 'open';
  return state === 'all' ? all : all.filter((s) => s.closed === (state === 'closed'));
}

/**
 * One status's part of the page, keys only: through the (status_id, key, id) index of the order, a row-value
 * comparison seeks straight to the cursor. The page's rows are read afterwards by id (`details`), so a part
 * that has to sort (a tag, a team) sorts small (key, id) pairs, never joined rows.
 */
function part(db: Db, viewer: Viewer, f: LeadFilters, statusId: number, sort: LeadSort, after: Cursor | null, limit: number): Key[] {
  const spec = SPECS[sort];
  const tag = f.tagId !== undefined;
  const ownerShape = f.owner === 'unassigned' ? 'unassigned' : f.owner !== undefined ? 'one' : 'any';
  const given = [f.teamId, f.sourceId, f.minScore, f.createdFrom, f.createdTo, after].map((v) => (v === undefined || v === null ? 0 : 1)).join('');
  // One query per shape (the order, the filters given, the viewer's visibility), built once (lib/db/prepared.ts).
  const key = `leads.part:${sort}:${tag ? 1 : 0}:${ownerShape}:${given}:${viewerShape(viewer)}`;
  const q = prepared(db, key, () => {
    // A tag reads lead_tags first: `+status_id` keeps SQLite off the status indexes, which would walk the status.
    // Every other filter rides an index of the order, or leads_owner_idx / leads_team_idx (…, status_id,
    // sort_name, id) in the name order: a part sorts at most one owner's leads of one status.
    const conds: (SQL | undefined)[] = [
      tag ? sql`+${leads.statusId} = ${ph('statusId')}` : eq(leads.statusId, ph('statusId')),
      visibleWherePrepared(viewer, leads),
      ownerShape === 'unassigned' ? isNull(leads.ownerId) : ownerShape === 'one' ? eq(leads.ownerId, ph('ownerId')) : undefined,
      f.teamId !== undefined ? eq(leads.teamId, ph('teamId')) : undefined,
      f.sourceId !== undefined ? eq(leads.sourceId, ph('sourceId')) : undefined,
      tag ? sql`${leads.id} in (select lead_id from lead_tags where tag_id = ${ph('tagId')})` : undefined,
      f.minScore !== undefined ? gte(leads.computedScore, ph('minScore')) : undefined,
      f.createdFrom !== undefined ? gte(leads.createdAt, ph('createdFrom')) : undefined,
      f.createdTo !== undefined ? lt(leads.createdAt, ph('createdTo')) : undefined,
      after
        ? spec.dir === 'asc'
          ? sql`(${spec.col}, ${leads.id}) > (${ph('afterK')}, ${ph('afterId')})`
          : sql`(${spec.col}, ${leads.id}) < (${ph('afterK')}, ${ph('afterId')})`
        : undefined,
    ];
    const dir = sql.raw(spec.dir);
    return db
      .select({ id: leads.id, k: spec.col })
      .from(leads)
      .where(and(...conds))
      .orderBy(sql`${spec.col} ${dir}`, sql`${leads.id} ${dir}`)
      .limit(ph('limit'))
      .prepare();
  });
  return q.all({
    ...viewerParams(viewer),
    statusId,
    ownerId: f.owner,
    teamId: f.teamId,
    sourceId: f.sourceId,
    tagId: f.tagId,
    minScore: f.minScore,
    createdFrom: f.createdFrom,
    createdTo: f.createdTo,
    afterK: after?.k,
    afterId: after?.id,
    limit,
  });
}

const SLOTS = Array.from({ length: PAGE_SIZE }, (_, i) => `id${i}`);
const slotName = (i: number) => SLOTS[i] ?? `id${i}`;

/** The rows of a page, by id (at most a page: a correlated subquery each for the tags is cheap). */
function details(db: Db, ids: number[]): Map<number, RawRow> {
  if (!ids.length) return new Map();
  // Always a page's worth of slots (those unused null, which matches nothing): one query for every page.
  const slots = Math.max(PAGE_SIZE, ids.length);
  const q = prepared(db, `leads.details:${slots}`, () =>
    db
      .select(columns)
      .from(leads)
      .leftJoin(owner, eq(owner.id, leads.ownerId))
      .leftJoin(teams, eq(teams.id, leads.teamId))
      .leftJoin(source, eq(source.id, leads.sourceId))
      .where(
        inArray(
          leads.id,
          Array.from({ length: slots }, (_, i) => ph(slotName(i))),
        ),
      )
      .prepare(),
  );
  const params: Record<string, number | null> = {};
  for (let i = 0; i < slots; i++) params[slotName(i)] = ids[i] ?? null;
  const rows = q.all(params) as RawRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** The list's total order: the key, then the id, both in the key's direction. */
function compare(sort: LeadSort) {
  const sign = SPECS[sort].dir === 'asc' ? 1 : -1;
  return (a: Key, b: Key) => (a.k !== b.k ? (a.k < b.k ? -1 : 1) * sign : (a.id - b.id) * sign);
}

/**
 * A page of the leads the viewer may see, after `cursor` (keyset: never OFFSET). Several statuses (open, closed,
 * all) are read as one part per status, each through its (status_id, key, id) index, and merged.
 */
export function listLeads(db: Db, viewer: Viewer, f: LeadFilters, cursor?: string | null): { rows: LeadListRow[]; nextCursor: string | null } {
  const sort = f.sort ?? DEFAULT_LEAD_SORT;
  const after = decode(sort, cursor);
  const all = listLeadStatuses(db);
  const statuses = statusesFor(all, f);
  const byId = new Map(all.map((s) => [s.id, s]));
  const merged = statuses
    .flatMap((s) => part(db, viewer, f, s.id, sort, after, PAGE_SIZE + 1))
    .sort(compare(sort))
    .slice(0, PAGE_SIZE + 1);
  const page = merged.slice(0, PAGE_SIZE);
  const rows = details(db, page.map((k) => k.id));
  const last = page[page.length - 1];
  return {
    // A row deleted between the two reads is left out (moved: shown with its new status).
    rows: page.flatMap((k) => {
      const r = rows.get(k.id);
      const status = r && byId.get(r.statusId);
      return r && status ? [toRow(viewer, r, status)] : [];
    }),
    nextCursor: merged.length > PAGE_SIZE && last ? encode(sort, { k: last.k, id: last.id }) : null,
  };
}

function toRow(viewer: Viewer, r: RawRow, s: LeadStatusRow): LeadListRow {
  return {
    id: r.id,
    name: [r.firstName, r.lastName].filter(Boolean).join(' '),
    companyName: r.companyName,
    phone: r.phone ?? r.mobile,
    email: r.email,
    city: r.city,
    statusId: r.statusId,
    statusName: s.name,
    statusKind: s.kind,
    statusClosed: s.closed,
    statusColor: s.color,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    teamId: r.teamId,
    teamName: r.teamName,
    computedScore: r.computedScore,
    manualScore: r.manualScore,
    sourceName: r.sourceName,
    createdAt: r.createdAt,
    tags: r.tags,
    canTake: mayTake(viewer, r),
  };
}
