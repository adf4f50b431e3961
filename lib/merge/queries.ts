import { and, desc, eq, gt, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { companies, companyAddresses, companyTags, contactChannels, contacts, contactTags, leadChannels, leads, leadStatuses, leadTags, MERGE_KINDS, merges, refValues, teams, users, type MergeKind } from '@/db/schema';
import { ownedRecord } from '@/lib/customers/access';
import { can, visibleWhere, type Viewer } from '@/lib/permissions';
import { DUPLICATE_FIELDS, mergeFieldsOf, columnsOfField } from './fields';
import { MAX_MERGE, undoProblem, type MergeSnapshot } from './service';

export const GROUPS_PAGE = 50;

export type DuplicateGroup = { field: string; key: string; records: { id: number; name: string }[] };

const contactName = sql<string>`trim(coalesce(${contacts.firstName}, '') || ' ' || ${contacts.lastName})`;
const leadName = sql<string>`trim(coalesce(${leads.firstName}, '') || ' ' || ${leads.lastName})`;
/**
 * Only open leads can be merged: converted and lost ones are left out of the groups. The unary `+` keeps SQLite
 * from reading through the converted-company index instead of the one that gives the grouping order.
 */
const openLead = sql`+${leads.closedAt} is null and +${leads.convertedCompanyId} is null`;

function encode(field: string, key: string): string {
  return Buffer.from(JSON.stringify([field, key])).toString('base64url');
}

function decode(cursor: string | null | undefined): { field: string; key: string } | null {
  if (!cursor) return null;
  try {
    const [field, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof field === 'string' && typeof key === 'string' ? { field, key } : null;
  } catch {
    return null;
  }
}

type GroupRow = { k: string; ids: string };

/** One GROUP BY query: the keys shared by more than one visible record, in key order, after `after`. */
function groupsBy(db: Db, viewer: Viewer, kind: MergeKind, field: string, after: string | null, limit: number): GroupRow[] {
  if (kind === 'company') {
    const key: SQL<string> | null =
      field === 'name' ? sql`${companies.nameKey}`
      : field === 'domain' ? sql`${companies.emailDomain}`
      : field === 'phone' ? sql`${companies.phoneNormalized}`
      : field === 'legalId' ? sql`substr(${companies.legalId}, 1, 9)`
      : null;
    if (!key) return [];
    return db
      .select({ k: key, ids: sql<string>`group_concat(${companies.id})` })
      .from(companies)
      .where(and(visibleWhere(viewer, companies), sql`${key} is not null and ${key} <> ''`, after !== null ? sql`${key} > ${after}` : undefined))
      .groupBy(key)
      .having(sql`count(*) > 1`)
      .orderBy(key)
      .limit(limit)
      .all();
  }
  if (kind === 'lead') return leadGroupsBy(db, viewer, field, after, limit);
  if (field === 'email' || field === 'phone') {
    return db
      .select({ k: contactChannels.value, ids: sql<string>`group_concat(distinct ${contactChannels.contactId})` })
      .from(contactChannels)
      .innerJoin(contacts, eq(contacts.id, contactChannels.contactId))
      .where(and(eq(contactChannels.kind, field), visibleWhere(viewer, contacts), after !== null ? gt(contactChannels.value, after) : undefined))
      .groupBy(contactChannels.value)
      .having(sql`count(distinct ${contactChannels.contactId}) > 1`)
      .orderBy(contactChannels.value)
      .limit(limit)
      .all();
  }
  const key: SQL<string> | null =
    field === 'name' ? sql`${contacts.nameKey}` : field === 'companyName' ? sql`${contacts.companyId} || ':' || ${contacts.nameKey}` : null;
  if (!key) return [];
  return db
    .select({ k: key, ids: sql<string>`group_concat(${contacts.id})` })
    .from(contacts)
    .where(and(visibleWhere(viewer, contacts), field === 'companyName' ? isNotNull(contacts.companyId) : undefined, sql`${key} <> ''`, after !== null ? sql`${key} > ${after}` : undefined))
    .groupBy(key)
    .having(sql`count(*) > 1`)
    .orderBy(key)
    .limit(limit)
    .all();
}

/** Open leads by email or phone (lead_channels' value index), by name (name_key) or by company + name. */
function leadGroupsBy(db: Db, viewer: Viewer, field: string, after: string | null, limit: number): GroupRow[] {
  if (field === 'email' || field === 'phone') {
    return db
      .select({ k: leadChannels.value, ids: sql<string>`group_concat(distinct ${leadChannels.leadId})` })
      .from(leadChannels)
      .innerJoin(leads, eq(leads.id, leadChannels.leadId))
      .where(and(eq(leadChannels.kind, field), openLead, visibleWhere(viewer, leads), after !== null ? gt(leadChannels.value, after) : undefined))
      .groupBy(leadChannels.value)
      .having(sql`count(distinct ${leadChannels.leadId}) > 1`)
      .orderBy(leadChannels.value)
      .limit(limit)
      .all();
  }
  // Company keys are letters and digits only: with a space between, the text order of "company name" is the
  // order of (company, name), so a page starts by seeking in the company key index.
  const key: SQL<string> | null =
    field === 'name' ? sql`${leads.nameKey}` : field === 'companyName' ? sql`${leads.companyKey} || ' ' || ${leads.nameKey}` : null;
  if (!key) return [];
  return db
    .select({ k: key, ids: sql<string>`group_concat(${leads.id})` })
    .from(leads)
    .where(
      and(
        openLead,
        visibleWhere(viewer, leads),
        field === 'companyName' ? sql`${leads.companyKey} >= ${after?.split(' ')[0] ?? ''} and ${leads.companyKey} <> ''` : undefined,
        sql`${key} <> ''`,
        after !== null ? sql`${key} > ${after}` : undefined,
      ),
    )
    .groupBy(key)
    .having(sql`count(*) > 1`)
    .orderBy(key)
    .limit(limit)
    .all();
}

/** Display names of records: a person with their company in brackets. */
function namesOf(db: Db, kind: MergeKind, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  const withCompany = (r: { id: number; name: string; company: string | null }) => [r.id, r.company ? `${r.name} (${r.company})` : r.name] as const;
  if (kind === 'company') return new Map(db.select({ id: companies.id, name: companies.name }).from(companies).where(inArray(companies.id, ids)).all().map((r) => [r.id, r.name]));
  if (kind === 'contact') {
    return new Map(
      db.select({ id: contacts.id, name: contactName, company: companies.name }).from(contacts).leftJoin(companies, eq(companies.id, contacts.companyId)).where(inArray(contacts.id, ids)).all().map(withCompany),
    );
  }
  return new Map(db.select({ id: leads.id, name: leadName, company: leads.companyName }).from(leads).where(inArray(leads.id, ids)).all().map(withCompany));
}

/**
 * Groups of likely duplicates among the records the viewer may see, by each chosen field in turn
 * (a record may appear in several groups), 50 groups a page.
 */
export function duplicateGroups(db: Db, viewer: Viewer, kind: MergeKind, by: readonly string[], cursor?: string | null): { groups: DuplicateGroup[]; nextCursor: string | null } {
  const allowed = DUPLICATE_FIELDS[kind] as readonly string[];
  const fields = allowed.filter((f) => by.includes(f));
  const after = decode(cursor);
  let start = after ? fields.indexOf(after.field) : 0;
  if (start < 0) start = 0;
  const found: { field: string; row: GroupRow }[] = [];
  for (let i = start; i < fields.length && found.length <= GROUPS_PAGE; i++) {
    const rows = groupsBy(db, viewer, kind, fields[i], after && i === start && after.field === fields[i] ? after.key : null, GROUPS_PAGE + 1 - found.length);
    found.push(...rows.map((row) => ({ field: fields[i], row })));
  }
  const page = found.slice(0, GROUPS_PAGE);
  const names = namesOf(db, kind, [...new Set(page.flatMap((g) => g.row.ids.split(',').map(Number)))]);
  const last = page[page.length - 1];
  return {
    groups: page.map((g) => ({
      field: g.field,
      key: g.row.k,
      records: g.row.ids
        .split(',')
        .map(Number)
        .sort((a, b) => a - b)
        .map((id) => ({ id, name: names.get(id) ?? '' })),
    })),
    nextCursor: found.length > GROUPS_PAGE && last ? encode(last.field, last.row.k) : null,
  };
}

export type PreviewValue = string | number | boolean | null;
export type PreviewRecord = {
  id: number;
  name: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  /** field → value as shown (names for references); several columns are joined with " · ". */
  values: Record<string, PreviewValue>;
  /** What follows the survivor whatever is chosen. */
  extras: { contacts?: number; addresses?: number; tags: string[]; channels?: string[]; opportunities?: number };
  /** A lead's status, and whether it is still open (converted and lost leads cannot be merged). */
  lead?: { status: string; state: 'open' | 'converted' | 'lost' };
  can: { edit: boolean; delete: boolean };
};
export type MergePreview = { kind: MergeKind; fields: string[]; records: PreviewRecord[] };

const owner = alias(users, 'owner');
const REF_COLUMNS = ['industryId', 'customerFamilyId', 'originId', 'roleId', 'sourceId', 'categoryId'];
type PreviewRow = Record<string, unknown> & { id: number; ownerId: number | null; teamId: number | null };

function previewRows(db: Db, kind: MergeKind, ids: number[]): PreviewRow[] {
  if (kind === 'company') return db.select().from(companies).where(inArray(companies.id, ids)).all();
  if (kind === 'contact') return db.select().from(contacts).where(inArray(contacts.id, ids)).all();
  return db.select().from(leads).where(inArray(leads.id, ids)).all();
}

function tagNamesOf(db: Db, kind: MergeKind, id: number): string[] {
  const rows =
    kind === 'company'
      ? db.select({ name: sql<string>`(select name from tags where id = ${companyTags.tagId})` }).from(companyTags).where(eq(companyTags.companyId, id)).all()
      : kind === 'contact'
        ? db.select({ name: sql<string>`(select name from tags where id = ${contactTags.tagId})` }).from(contactTags).where(eq(contactTags.contactId, id)).all()
        : db.select({ name: sql<string>`(select name from tags where id = ${leadTags.tagId})` }).from(leadTags).where(eq(leadTags.leadId, id)).all();
  return rows.map((t) => t.name);
}

function extrasOf(db: Db, kind: MergeKind, id: number): PreviewRecord['extras'] {
  const tags = tagNamesOf(db, kind, id);
  if (kind === 'company') {
    return {
      contacts: db.select({ n: sql<number>`count(*)` }).from(contacts).where(eq(contacts.companyId, id)).get()?.n ?? 0,
      addresses: db.select({ n: sql<number>`count(*)` }).from(companyAddresses).where(eq(companyAddresses.companyId, id)).get()?.n ?? 0,
      tags,
    };
  }
  if (kind === 'contact') {
    return { tags, channels: db.select({ v: contactChannels.value }).from(contactChannels).where(and(eq(contactChannels.contactId, id), inArray(contactChannels.kind, ['email', 'phone']))).all().map((c) => c.v) };
  }
  return {
    tags,
    channels: db.select({ v: leadChannels.value }).from(leadChannels).where(and(eq(leadChannels.leadId, id), inArray(leadChannels.kind, ['email', 'phone']))).all().map((c) => c.v),
    opportunities: db.all<{ n: number }>(sql`select count(*) as n from opportunities where lead_id = ${id}`)[0]?.n ?? 0,
  };
}

/** The records side by side, or null unless the viewer may see every one of them. */
export function mergePreview(db: Db, viewer: Viewer, kind: MergeKind, ids: number[]): MergePreview | null {
  const unique = [...new Set(ids)];
  if (unique.length < 2 || unique.length > MAX_MERGE) return null;
  const rows = previewRows(db, kind, unique);
  if (rows.length !== unique.length) return null;
  const recs = rows.map((r) => ({ r, rec: ownedRecord(db, r) }));
  if (recs.some(({ rec }) => !can(viewer, 'view', rec))) return null;

  const refIds = rows.flatMap((r) => REF_COLUMNS.map((c) => r[c])).filter((v): v is number => typeof v === 'number');
  const refNames = new Map(refIds.length ? db.select({ id: refValues.id, name: refValues.name }).from(refValues).where(inArray(refValues.id, refIds)).all().map((r) => [r.id, r.name]) : []);
  const userIds = rows.map((r) => r.ownerId).filter((v): v is number => v !== null);
  const userNames = new Map(userIds.length ? db.select({ id: owner.id, name: owner.name }).from(owner).where(inArray(owner.id, userIds)).all().map((r) => [r.id, r.name]) : []);
  const teamIds = rows.map((r) => r.teamId).filter((v): v is number => v !== null);
  const teamNames = new Map(teamIds.length ? db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds)).all().map((r) => [r.id, r.name]) : []);
  const companyIds = rows.map((r) => r.companyId).filter((v): v is number => typeof v === 'number');
  const companyNames = new Map(companyIds.length ? db.select({ id: companies.id, name: companies.name }).from(companies).where(inArray(companies.id, companyIds)).all().map((r) => [r.id, r.name]) : []);
  const statusIds = rows.map((r) => r.statusId).filter((v): v is number => typeof v === 'number');
  const statuses = new Map(
    statusIds.length ? db.select({ id: leadStatuses.id, name: leadStatuses.name, kind: leadStatuses.kind }).from(leadStatuses).where(inArray(leadStatuses.id, statusIds)).all().map((r) => [r.id, r]) : [],
  );

  const show = (col: string, v: unknown): PreviewValue => {
    if (v === null || v === undefined || v === '') return null;
    if (REF_COLUMNS.includes(col)) return refNames.get(v as number) ?? `#${v}`;
    if (col === 'ownerId') return userNames.get(v as number) ?? `#${v}`;
    if (col === 'teamId') return teamNames.get(v as number) ?? `#${v}`;
    if (col === 'companyId') return companyNames.get(v as number) ?? `#${v}`;
    return v as PreviewValue;
  };
  const fields = mergeFieldsOf(kind);

  return {
    kind,
    fields,
    records: recs
      .sort((a, b) => a.r.id - b.r.id)
      .map(({ r, rec }) => {
        const values: Record<string, PreviewValue> = {};
        for (const f of fields) {
          const cols = columnsOfField(kind, f);
          if (cols.length === 1) values[f] = show(cols[0], r[cols[0]]);
          else values[f] = cols.map((c) => show(c, r[c])).filter((v) => v !== null).join(' · ') || null;
        }
        if (kind === 'contact' && values.consentStatus === 'unknown') values.consentStatus = null;
        const status = kind === 'lead' ? statuses.get(r.statusId as number) : undefined;
        return {
          id: r.id,
          name: kind === 'company' ? String(r.name) : [r.firstName, r.lastName].filter(Boolean).join(' '),
          version: r.version as number,
          createdAt: r.createdAt as number,
          updatedAt: r.updatedAt as number,
          values,
          extras: extrasOf(db, kind, r.id),
          ...(kind === 'lead'
            ? {
                lead: {
                  status: status?.name ?? '',
                  state: r.convertedCompanyId !== null || status?.kind === 'converted' ? 'converted' : r.closedAt !== null || status?.kind === 'lost' ? 'lost' : 'open',
                } as const,
              }
            : {}),
          can: { edit: can(viewer, 'edit', rec), delete: can(viewer, 'delete', rec) },
        };
      }),
  };
}

export type MergeListRow = {
  id: number;
  kind: MergeKind;
  survivorId: number;
  survivorName: string;
  mergedNames: string[];
  createdAt: number;
  createdByName: string | null;
  undoneAt: number | null;
  undoneByName: string | null;
  undoable: boolean;
};

const creator = alias(users, 'creator');
const undoer = alias(users, 'undoer');

/** Recent merges whose survivor the viewer may see, newest first, with whether this viewer may undo each. */
export function listMerges(db: Db, viewer: Viewer, f: { kind?: MergeKind; survivorId?: number } = {}, now = Date.now(), limit = 50): MergeListRow[] {
  const kinds = f.kind ? [f.kind] : MERGE_KINDS;
  const rows = kinds.flatMap((kind) => {
    const table = kind === 'company' ? companies : kind === 'contact' ? contacts : leads;
    const name = kind === 'company' ? companies.name : kind === 'contact' ? contactName : leadName;
    return db
      .select({ m: merges, survivorName: sql<string>`${name}`, createdByName: creator.name, undoneByName: undoer.name })
      .from(merges)
      .innerJoin(table, eq(table.id, merges.survivorId))
      .leftJoin(creator, eq(creator.id, merges.createdBy))
      .leftJoin(undoer, eq(undoer.id, merges.undoneBy))
      .where(and(eq(merges.kind, kind), visibleWhere(viewer, table), f.survivorId ? eq(merges.survivorId, f.survivorId) : undefined))
      .orderBy(desc(merges.createdAt), desc(merges.id))
      .limit(limit)
      .all();
  });
  return rows
    .sort((a, b) => b.m.createdAt - a.m.createdAt || b.m.id - a.m.id)
    .slice(0, limit)
    .map(({ m, survivorName, createdByName, undoneByName }) => {
      const snap = m.snapshot as unknown as MergeSnapshot;
      return {
        id: m.id,
        kind: m.kind,
        survivorId: m.survivorId,
        survivorName,
        mergedNames: snap.merged.map(({ row }) => (m.kind === 'company' ? String(row.name) : [row.firstName, row.lastName].filter(Boolean).join(' '))),
        createdAt: m.createdAt,
        createdByName,
        undoneAt: m.undoneAt,
        undoneByName,
        undoable: undoProblem(db, viewer, m, now) === null,
      };
    });
}
