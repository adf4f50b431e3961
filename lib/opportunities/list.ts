import { and, asc, desc, eq, gte, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { companies, opportunities, pipelines, pipelineStages, refValues, teams, users, type OpportunityStatus, type StageColor } from '@/db/schema';
import { visibleWhere, type Viewer } from '@/lib/permissions';
import { weighted } from './money';

export const PAGE_SIZE = 50;

/** What the status filter offers: one status, both closed ones, or everything. */
export const LIST_STATUSES = ['open', 'won', 'lost', 'closed', 'all'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/**
 * The orders of the list: expected close date (soonest first), close date (latest first), name (A→Z),
 * amount (largest first), creation (newest first). Dates without a value come last in both directions.
 */
export const OPPORTUNITY_SORTS = ['close', 'closed', 'name', 'amount', 'created'] as const;
export type OpportunitySort = (typeof OPPORTUNITY_SORTS)[number];

/** Open lists go by expected close date, closed ones by close date (latest first), mixed ones newest first. */
export function defaultSort(status: ListStatus): OpportunitySort {
  return status === 'open' ? 'close' : status === 'all' ? 'created' : 'closed';
}

export type OpportunityFilters = {
  /** Default: open. */
  status?: ListStatus;
  ownerId?: number;
  teamId?: number;
  pipelineId?: number;
  stageId?: number;
  /**
   * YYYY-MM. The month an opportunity closes in: its expected close date while open, its close date once
   * won or lost (so "March" lists what is due in March and what was actually closed in March).
   */
  month?: string;
  /** In cents, inclusive; compared with the amount whatever its currency. */
  minAmount?: number;
  maxAmount?: number;
  typeId?: number;
  tagId?: number;
  companyId?: number;
  /** Default: defaultSort(status). */
  sort?: OpportunitySort;
};

export type OpportunityListRow = {
  id: number;
  name: string;
  companyId: number;
  companyName: string;
  pipelineId: number;
  pipelineName: string;
  stageId: number;
  stageName: string;
  stageColor: StageColor;
  status: OpportunityStatus;
  amount: number;
  currency: string;
  /** The opportunity's own probability, else its stage's. */
  probability: number;
  /** amount × probability, in cents. */
  weighted: number;
  expectedCloseDate: string | null;
  closeDate: string | null;
  ownerId: number | null;
  ownerName: string | null;
  teamId: number | null;
  teamName: string | null;
  score: number;
  typeName: string | null;
  createdAt: number;
  tags: string | null;
};

type Key = string | number | null;
type Spec = { col: typeof opportunities.expectedCloseDate | typeof opportunities.closeDate | typeof opportunities.sortName | typeof opportunities.amount | typeof opportunities.createdAt; dir: 'asc' | 'desc'; nullable: boolean; read: (r: RawRow) => Key };

const SPECS: Record<OpportunitySort, Spec> = {
  close: { col: opportunities.expectedCloseDate, dir: 'asc', nullable: true, read: (r) => r.expectedCloseDate },
  closed: { col: opportunities.closeDate, dir: 'desc', nullable: true, read: (r) => r.closeDate },
  name: { col: opportunities.sortName, dir: 'asc', nullable: false, read: (r) => r.sortName },
  amount: { col: opportunities.amount, dir: 'desc', nullable: false, read: (r) => r.amount },
  created: { col: opportunities.createdAt, dir: 'desc', nullable: false, read: (r) => r.createdAt },
};

type Cursor = { k: Key; id: number };

function encode(sort: OpportunitySort, c: Cursor): string {
  return Buffer.from(JSON.stringify({ o: sort, k: c.k, id: c.id })).toString('base64url');
}

/** A cursor of this order, or null (a cursor of another order, or junk, starts from the first page). */
function decode(sort: OpportunitySort, cursor: string | null | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!v || v.o !== sort || !Number.isInteger(v.id)) return null;
    const spec = SPECS[sort];
    const numeric = sort === 'amount' || sort === 'created';
    if (v.k === null ? !spec.nullable : numeric ? !Number.isInteger(v.k) : typeof v.k !== 'string') return null;
    return { k: v.k, id: v.id };
  } catch {
    return null;
  }
}

const owner = alias(users, 'owner');
const oppType = alias(refValues, 'opp_type');

const columns = {
  id: opportunities.id,
  name: opportunities.name,
  sortName: opportunities.sortName,
  companyId: opportunities.companyId,
  companyName: companies.name,
  pipelineId: opportunities.pipelineId,
  pipelineName: pipelines.name,
  stageId: opportunities.stageId,
  stageName: pipelineStages.name,
  stageColor: pipelineStages.color,
  stageProbability: pipelineStages.probability,
  status: opportunities.status,
  amount: opportunities.amount,
  currency: opportunities.currency,
  ownProbability: opportunities.probability,
  expectedCloseDate: opportunities.expectedCloseDate,
  closeDate: opportunities.closeDate,
  ownerId: opportunities.ownerId,
  ownerName: owner.name,
  teamId: opportunities.teamId,
  teamName: teams.name,
  score: opportunities.score,
  typeName: oppType.name,
  createdAt: opportunities.createdAt,
  // At most a page of rows: a correlated subquery each is cheap.
  tags: sql<string | null>`(select group_concat(t.name, ', ') from opportunity_tags ot join tags t on t.id = ot.tag_id where ot.opportunity_id = ${opportunities.id})`,
};
type RawRow = {
  id: number;
  name: string;
  sortName: string;
  companyId: number;
  companyName: string | null;
  pipelineId: number;
  pipelineName: string | null;
  stageId: number;
  stageName: string | null;
  stageColor: StageColor | null;
  stageProbability: number | null;
  status: OpportunityStatus;
  amount: number;
  currency: string;
  ownProbability: number | null;
  expectedCloseDate: string | null;
  closeDate: string | null;
  ownerId: number | null;
  ownerName: string | null;
  teamId: number | null;
  teamName: string | null;
  score: number;
  typeName: string | null;
  createdAt: number;
  tags: string | null;
};

/** YYYY-MM → [first day, first day of the next month), as YYYY-MM-DD strings; null when not a month. */
export function monthRange(month: string | undefined): [string, string] | null {
  const m = month?.match(/^(\d{4})-(0[1-9]|1[0-2])$/);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return [`${month}-01`, `${next}-01`];
}

function statusesOf(status: ListStatus): OpportunityStatus[] {
  if (status === 'closed') return ['won', 'lost'];
  if (status === 'all') return ['open', 'won', 'lost'];
  return [status];
}

/**
 * One status's part of the page: its own index gives the order ((status, key, id) indexes), a row-value
 * comparison seeks straight to the cursor. A nullable key is read in two index ranges: values, then nulls.
 */
function part(db: Db, viewer: Viewer, f: OpportunityFilters, status: OpportunityStatus, sort: OpportunitySort, after: Cursor | null, limit: number): RawRow[] {
  const spec = SPECS[sort];
  const month = monthRange(f.month);
  const monthCol = status === 'open' ? opportunities.expectedCloseDate : opportunities.closeDate;
  // A selective filter (company, tag, owner) reads its own index and sorts what it finds; `+status` keeps
  // SQLite off the (status, key) order indexes, which would walk every row of the status otherwise. The owner
  // index ends with the expected close date: "My opportunities" reads it in order. Teams are large: a team
  // filter rides the order index like the other broad filters (pipeline, stage, type).
  const narrow = !!(f.companyId || f.tagId || (f.ownerId && sort !== 'close'));
  const base: (SQL | undefined)[] = [
    narrow ? sql`+${opportunities.status} = ${status}` : eq(opportunities.status, status),
    visibleWhere(viewer, opportunities),
    f.ownerId ? eq(opportunities.ownerId, f.ownerId) : undefined,
    f.teamId ? eq(opportunities.teamId, f.teamId) : undefined,
    f.pipelineId ? eq(opportunities.pipelineId, f.pipelineId) : undefined,
    f.stageId ? eq(opportunities.stageId, f.stageId) : undefined,
    f.companyId ? eq(opportunities.companyId, f.companyId) : undefined,
    f.typeId ? eq(opportunities.typeId, f.typeId) : undefined,
    f.tagId ? sql`${opportunities.id} in (select opportunity_id from opportunity_tags where tag_id = ${f.tagId})` : undefined,
    month ? and(gte(monthCol, month[0]), lt(monthCol, month[1])) : undefined,
    f.minAmount !== undefined ? gte(opportunities.amount, f.minAmount) : undefined,
    f.maxAmount !== undefined ? lte(opportunities.amount, f.maxAmount) : undefined,
  ];
  const op = spec.dir === 'asc' ? sql`>` : sql`<`;
  const order = spec.dir === 'asc' ? [asc(spec.col), asc(opportunities.id)] : [desc(spec.col), desc(opportunities.id)];
  const run = (conds: (SQL | undefined)[], n: number) =>
    db
      .select(columns)
      .from(opportunities)
      // Left joins keep opportunities the outer loop, so its index gives the order.
      .leftJoin(companies, eq(companies.id, opportunities.companyId))
      .leftJoin(pipelines, eq(pipelines.id, opportunities.pipelineId))
      .leftJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
      .leftJoin(owner, eq(owner.id, opportunities.ownerId))
      .leftJoin(teams, eq(teams.id, opportunities.teamId))
      .leftJoin(oppType, eq(oppType.id, opportunities.typeId))
      .where(and(...base, ...conds))
      .orderBy(...order)
      .limit(n)
      .all() as RawRow[];
  if (!spec.nullable) return run([after ? sql`(${spec.col}, ${opportunities.id}) ${op} (${after.k}, ${after.id})` : undefined], limit);
  const rows: RawRow[] = [];
  if (!after || after.k !== null) {
    rows.push(...run([after ? sql`(${spec.col}, ${opportunities.id}) ${op} (${after.k}, ${after.id})` : isNotNull(spec.col)], limit));
  }
  if (rows.length < limit) {
    const idAfter = after && after.k === null ? (spec.dir === 'asc' ? sql`${opportunities.id} > ${after.id}` : sql`${opportunities.id} < ${after.id}`) : undefined;
    rows.push(...run([isNull(spec.col), idAfter], limit - rows.length));
  }
  return rows;
}

/** The list's total order: the key (nulls last), then the id, both in the key's direction. */
function compare(sort: OpportunitySort) {
  const spec = SPECS[sort];
  const sign = spec.dir === 'asc' ? 1 : -1;
  return (a: RawRow, b: RawRow) => {
    const ka = spec.read(a);
    const kb = spec.read(b);
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return (a.id - b.id) * sign;
  };
}

/**
 * A page of the opportunities the viewer may see, after `cursor` (keyset: never OFFSET). Several statuses
 * (closed = won + lost, all) are read as one part per status, each through its index, and merged.
 */
export function listOpportunities(db: Db, viewer: Viewer, f: OpportunityFilters, cursor?: string | null): { rows: OpportunityListRow[]; nextCursor: string | null } {
  const status = f.status ?? 'open';
  const sort = f.sort ?? defaultSort(status);
  const after = decode(sort, cursor);
  const merged = statusesOf(status)
    .flatMap((s) => part(db, viewer, f, s, sort, after, PAGE_SIZE + 1))
    .sort(compare(sort))
    .slice(0, PAGE_SIZE + 1);
  const page = merged.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    rows: page.map(toRow),
    nextCursor: merged.length > PAGE_SIZE && last ? encode(sort, { k: SPECS[sort].read(last), id: last.id }) : null,
  };
}

function toRow(r: RawRow): OpportunityListRow {
  const probability = r.ownProbability ?? r.stageProbability ?? 0;
  return {
    id: r.id,
    name: r.name,
    companyId: r.companyId,
    companyName: r.companyName ?? '',
    pipelineId: r.pipelineId,
    pipelineName: r.pipelineName ?? '',
    stageId: r.stageId,
    stageName: r.stageName ?? '',
    stageColor: r.stageColor ?? 'slate',
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    probability,
    weighted: weighted(r.amount, probability),
    expectedCloseDate: r.expectedCloseDate,
    closeDate: r.closeDate,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    teamId: r.teamId,
    teamName: r.teamName,
    score: r.score,
    typeName: r.typeName,
    createdAt: r.createdAt,
    tags: r.tags,
  };
}
