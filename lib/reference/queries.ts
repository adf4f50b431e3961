import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { REF_KINDS, companies, contacts, opportunities, refValues, tags, type RefKind } from '@/db/schema';
import { prepared } from '@/lib/db/prepared';
import type { TagColor } from './schema';

export type RefValueRow = { id: number; kind: RefKind; name: string; position: number; retired: boolean };
export type TagRow = { id: number; name: string; color: TagColor; position: number; retired: boolean };
export type RefOption = { id: number; name: string };
export type TagOption = RefOption & { color: TagColor };

// One order everywhere, also used by the moves: active values first, then by position, name and id.
export const refValueOrder = [asc(refValues.retired), asc(refValues.position), asc(refValues.name), asc(refValues.id)];
export const tagOrder = [asc(tags.retired), asc(tags.position), asc(tags.name), asc(tags.id)];

/** The values of one list in their order; retired ones (last) only when asked for. */
export function listRefValues(db: DbOrTx, kind: RefKind, { includeRetired = false } = {}): RefValueRow[] {
  return db
    .select({ id: refValues.id, kind: refValues.kind, name: refValues.name, position: refValues.position, retired: refValues.retired })
    .from(refValues)
    .where(includeRetired ? eq(refValues.kind, kind) : and(eq(refValues.kind, kind), eq(refValues.retired, false)))
    .orderBy(...refValueOrder)
    .all();
}

/** Every active value of every list, in order, for the pickers of company and contact forms (one query, built once). */
export function activeRefOptions(db: DbOrTx): Record<RefKind, RefOption[]> {
  const out = Object.fromEntries(REF_KINDS.map((k) => [k, [] as RefOption[]])) as Record<RefKind, RefOption[]>;
  const rows = prepared(db, 'reference.activeRefs', () =>
    db
      .select({ id: refValues.id, kind: refValues.kind, name: refValues.name })
      .from(refValues)
      .where(eq(refValues.retired, false))
      .orderBy(asc(refValues.kind), ...refValueOrder)
      .prepare(),
  ).all();
  for (const r of rows) out[r.kind].push({ id: r.id, name: r.name });
  return out;
}

export function listTags(db: DbOrTx, { includeRetired = false } = {}): TagRow[] {
  return db
    .select({ id: tags.id, name: tags.name, color: tags.color, position: tags.position, retired: tags.retired })
    .from(tags)
    .where(includeRetired ? undefined : eq(tags.retired, false))
    .orderBy(...tagOrder)
    .all()
    .map((t) => ({ ...t, color: t.color as TagColor }));
}

/** The active tags, in order, for pickers (built once: every list and form page asks). */
export function activeTagOptions(db: DbOrTx): TagOption[] {
  return prepared(db, 'reference.activeTags', () =>
    db.select({ id: tags.id, name: tags.name, color: tags.color }).from(tags).where(eq(tags.retired, false)).orderBy(...tagOrder).prepare(),
  )
    .all()
    .map((t) => ({ ...t, color: t.color as TagColor }));
}

/** Which column of which table holds each list's values. */
const USED_BY = {
  industry: { table: companies, column: companies.industryId },
  customer_family: { table: companies, column: companies.customerFamilyId },
  origin: { table: companies, column: companies.originId },
  contact_role: { table: contacts, column: contacts.roleId },
  opportunity_type: { table: opportunities, column: opportunities.typeId },
  lost_reason: { table: opportunities, column: opportunities.lostReasonId },
} as const;

/** The record type a list is used by: companies, or contacts for roles. */
export function usedBy(kind: RefKind): 'companies' | 'contacts' | 'opportunities' {
  return kind === 'contact_role' ? 'contacts' : kind === 'opportunity_type' || kind === 'lost_reason' ? 'opportunities' : 'companies';
}

/** How many records (archived and inactive ones included) use each value of a list: value id → count. One grouped query. */
export function refUsage(db: DbOrTx, kind: RefKind): Map<number, number> {
  const { table, column } = USED_BY[kind];
  const rows = db
    .select({ id: column, n: sql<number>`count(*)` })
    .from(table)
    .where(sql`${column} is not null`)
    .groupBy(column)
    .all();
  return new Map(rows.map((r) => [r.id as number, Number(r.n)]));
}

export type TagUsage = { companies: number; contacts: number };

/** How many companies and contacts carry each tag: tag id → counts. One grouped query over both link tables. */
export function tagUsage(db: DbOrTx): Map<number, TagUsage> {
  const rows = db.all<{ tagId: number; companies: number; contacts: number }>(sql`
    select tag_id as tagId, sum(is_company) as companies, sum(1 - is_company) as contacts
    from (select tag_id, 1 as is_company from company_tags union all select tag_id, 0 from contact_tags)
    group by tag_id`);
  return new Map(rows.map((r) => [r.tagId, { companies: Number(r.companies), contacts: Number(r.contacts) }]));
}
