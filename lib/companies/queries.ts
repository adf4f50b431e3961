import { and, asc, desc, eq, gt, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { auditLog, companies, companyAddresses, companyTags, contacts, refValues, tags, teamMembers, teams, users, type CompanyType } from '@/db/schema';
import { decodeCreatedCursor, decodeCursor, encodeCreatedCursor, encodeCursor } from '@/lib/customers/cursor';
import { ph, prepared, viewerParams, viewerShape, visibleWherePrepared } from '@/lib/db/prepared';
import { can, visibleWhere, type Viewer } from '@/lib/permissions';

export const PAGE_SIZE = 50;

export type CompanyFilters = {
  type?: CompanyType;
  ownerId?: number;
  teamId?: number;
  tagId?: number;
  familyId?: number;
  keyAccount?: boolean;
  archived?: boolean;
  city?: string;
  createdFrom?: number;
  createdTo?: number;
  /** 'name' (default): A→Z; 'created': newest first. */
  sort?: 'name' | 'created';
};

export type CompanyListRow = {
  id: number;
  name: string;
  type: CompanyType;
  city: string | null;
  phone: string | null;
  ownerName: string | null;
  teamName: string | null;
  keyAccount: boolean;
  archived: boolean;
  contacts: number;
  createdAt: number;
  tags: string | null;
  familyName: string | null;
  industryName: string | null;
};

const owner = alias(users, 'owner');

/** A page of companies the viewer may see, in name order (or newest first), after `cursor` (keyset: never OFFSET). */
export function listCompanies(db: Db, viewer: Viewer, f: CompanyFilters, cursor?: string | null): { rows: CompanyListRow[]; nextCursor: string | null } {
  const byCreated = f.sort === 'created';
  const after = byCreated ? null : decodeCursor(cursor);
  const before = byCreated ? decodeCreatedCursor(cursor) : null;
  const conds: (SQL | undefined)[] = [
    visibleWhere(viewer, companies),
    // Newest first: `+archived` keeps SQLite off the (archived, sort_name) index so it walks created_at instead
    // of sorting every matching row.
    byCreated ? sql`+${companies.archived} = ${f.archived ? 1 : 0}` : eq(companies.archived, f.archived ?? false),
    f.type ? eq(companies.type, f.type) : undefined,
    f.ownerId ? eq(companies.ownerId, f.ownerId) : undefined,
    f.teamId ? eq(companies.teamId, f.teamId) : undefined,
    f.familyId ? eq(companies.customerFamilyId, f.familyId) : undefined,
    f.keyAccount ? eq(companies.keyAccount, true) : undefined,
    f.tagId ? sql`${companies.id} in (select company_id from company_tags where tag_id = ${f.tagId})` : undefined,
    f.city ? sql`${companies.id} in (select company_id from company_addresses where city = ${f.city} collate nocase)` : undefined,
    f.createdFrom ? gte(companies.createdAt, f.createdFrom) : undefined,
    f.createdTo ? lt(companies.createdAt, f.createdTo) : undefined,
    // A row-value comparison lets SQLite seek straight to the cursor in the (…, sort_name, id) index.
    after ? sql`(${companies.sortName}, ${companies.id}) > (${after.sortName}, ${after.id})` : undefined,
    before ? sql`(${companies.createdAt}, ${companies.id}) < (${before.createdAt}, ${before.id})` : undefined,
  ];
  const rows = db
    .select({
      id: companies.id,
      name: companies.name,
      sortName: companies.sortName,
      type: companies.type,
      phone: companies.phone,
      keyAccount: companies.keyAccount,
      archived: companies.archived,
      ownerName: owner.name,
      teamName: teams.name,
      city: sql<string | null>`(select city from company_addresses a where a.company_id = ${companies.id} order by a.is_default desc, a.id limit 1)`,
      contacts: sql<number>`(select count(*) from contacts c where c.company_id = ${companies.id})`,
      createdAt: companies.createdAt,
      // At most a page of rows: a correlated subquery each is cheap.
      tags: sql<string | null>`(select group_concat(t.name, ', ') from company_tags ct join tags t on t.id = ct.tag_id where ct.company_id = ${companies.id})`,
      familyName: sql<string | null>`(select name from ref_values r where r.id = ${companies.customerFamilyId})`,
      industryName: sql<string | null>`(select name from ref_values r where r.id = ${companies.industryId})`,
    })
    .from(companies)
    .leftJoin(owner, eq(owner.id, companies.ownerId))
    .leftJoin(teams, eq(teams.id, companies.teamId))
    .where(and(...conds))
    .orderBy(...(byCreated ? [desc(companies.createdAt), desc(companies.id)] : [asc(companies.sortName), asc(companies.id)]))
    .limit(PAGE_SIZE + 1)
    .all();
  const more = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ sortName: _s, ...r }) => r),
    nextCursor: more && last ? (byCreated ? encodeCreatedCursor(last.createdAt, last.id) : encodeCursor(last.sortName, last.id)) : null,
  };
}

export type CompanyDetail = {
  id: number;
  name: string;
  type: CompanyType;
  legalId: string | null;
  website: string | null;
  emailDomain: string | null;
  email: string | null;
  phone: string | null;
  industry: { id: number; name: string } | null;
  size: string | null;
  customerFamily: { id: number; name: string } | null;
  origin: { id: number; name: string } | null;
  keyAccount: boolean;
  owner: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  notes: string | null;
  archived: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
  addresses: (typeof companyAddresses.$inferSelect)[];
  tags: { id: number; name: string; color: string }[];
  can: { edit: boolean; assign: boolean; delete: boolean };
};

const industry = alias(refValues, 'industry');
const family = alias(refValues, 'family');
const origin = alias(refValues, 'origin');

/** One company with everything shown on its page, or null when the viewer may not see it. */
export function getCompany(db: Db, viewer: Viewer, id: number): CompanyDetail | null {
  // The customer page's reads, built once per connection (lib/db/prepared.ts).
  const r = prepared(db, 'companies.get', () =>
    db
      .select({
        c: companies,
        industryName: industry.name,
        familyName: family.name,
        originName: origin.name,
        ownerName: owner.name,
        teamName: teams.name,
      })
      .from(companies)
      .leftJoin(industry, eq(industry.id, companies.industryId))
      .leftJoin(family, eq(family.id, companies.customerFamilyId))
      .leftJoin(origin, eq(origin.id, companies.originId))
      .leftJoin(owner, eq(owner.id, companies.ownerId))
      .leftJoin(teams, eq(teams.id, companies.teamId))
      .where(eq(companies.id, ph('id')))
      .prepare(),
  ).get({ id });
  if (!r) return null;
  const c = r.c;
  // As ownedRecord (lib/customers/access): the record's owner and team, with the owner's teams.
  const rec = { ownerId: c.ownerId, teamId: c.teamId, ownerTeamIds: c.ownerId ? teamsOf(db, c.ownerId) : [] };
  if (!can(viewer, 'view', rec)) return null;
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    legalId: c.legalId,
    website: c.website,
    emailDomain: c.emailDomain,
    email: c.email,
    phone: c.phone,
    industry: c.industryId ? { id: c.industryId, name: r.industryName ?? '' } : null,
    size: c.size,
    customerFamily: c.customerFamilyId ? { id: c.customerFamilyId, name: r.familyName ?? '' } : null,
    origin: c.originId ? { id: c.originId, name: r.originName ?? '' } : null,
    keyAccount: c.keyAccount,
    owner: c.ownerId ? { id: c.ownerId, name: r.ownerName ?? '' } : null,
    team: c.teamId ? { id: c.teamId, name: r.teamName ?? '' } : null,
    notes: c.notes,
    archived: c.archived,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    addresses: prepared(db, 'companies.addresses', () =>
      db.select().from(companyAddresses).where(eq(companyAddresses.companyId, ph('id'))).orderBy(desc(companyAddresses.isDefault), asc(companyAddresses.id)).prepare(),
    ).all({ id }),
    tags: prepared(db, 'companies.tags', () =>
      db
        .select({ id: tags.id, name: tags.name, color: tags.color })
        .from(companyTags)
        .innerJoin(tags, eq(tags.id, companyTags.tagId))
        .where(eq(companyTags.companyId, ph('id')))
        .orderBy(asc(tags.position), asc(tags.name))
        .prepare(),
    ).all({ id }),
    can: { edit: can(viewer, 'edit', rec), assign: can(viewer, 'assign', rec), delete: viewer.active && viewer.role === 'admin' },
  };
}

/** A user's teams. */
function teamsOf(db: Db, userId: number): number[] {
  return prepared(db, 'companies.ownerTeams', () => db.select({ t: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, ph('id'))).prepare())
    .all({ id: userId })
    .map((r) => r.t);
}

export type CompanyContactRow = { id: number; name: string; jobTitle: string | null; email: string | null; phone: string | null; active: boolean };

/** The company's contacts the viewer may see. */
export function listCompanyContacts(db: Db, viewer: Viewer, companyId: number): CompanyContactRow[] {
  return prepared(db, `companies.contacts:${viewerShape(viewer)}`, () =>
    db
      .select({
        id: contacts.id,
        name: sql<string>`trim(coalesce(${contacts.firstName}, '') || ' ' || ${contacts.lastName})`,
        jobTitle: contacts.jobTitle,
        email: contacts.email,
        phone: sql<string | null>`coalesce(${contacts.phone}, ${contacts.mobile})`,
        active: contacts.active,
      })
      .from(contacts)
      .where(and(eq(contacts.companyId, ph('companyId')), visibleWherePrepared(viewer, contacts)))
      .orderBy(desc(contacts.active), asc(contacts.sortName))
      .limit(500)
      .prepare(),
  ).all({ ...viewerParams(viewer), companyId });
}

export type TimelineEntry = { id: number; at: number; actorName: string | null; action: string; entityType: string; entityId: number | null; data: Record<string, unknown> | null };

/** The audit trail of a company and of its contacts, newest first. */
export function companyTimeline(db: Db, viewer: Viewer, companyId: number, limit = 50): TimelineEntry[] {
  const shape = viewerShape(viewer);
  const params = { ...viewerParams(viewer), companyId, limit };
  // Only a company the viewer may see (as getCompany), checked in SQL.
  const visible = prepared(db, `companies.visible:${shape}`, () =>
    db
      .select({ id: companies.id })
      .from(companies)
      .where(and(eq(companies.id, ph('companyId')), visibleWherePrepared(viewer, companies)))
      .prepare(),
  ).get(params);
  if (!visible) return [];
  // Only the contacts the viewer may see: the entries carry their names. The entries' ids are gathered through
  // audit_entity_idx (the company's, then each contact's), then read newest first.
  return prepared(db, `companies.timeline:${shape}`, () => {
    const visibleContacts = db
      .select({ id: contacts.id })
      .from(contacts)
      .where(and(eq(contacts.companyId, ph('companyId')), visibleWherePrepared(viewer, contacts)));
    const ids = db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'company'), eq(auditLog.entityId, ph('companyId'))))
      .unionAll(
        db
          .select({ id: auditLog.id })
          .from(auditLog)
          .where(and(eq(auditLog.entityType, 'contact'), inArray(auditLog.entityId, visibleContacts))),
      );
    return db
      .select({ id: auditLog.id, at: auditLog.at, actorName: users.name, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, data: auditLog.data })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(inArray(auditLog.id, ids))
      .orderBy(desc(auditLog.id))
      .limit(ph('limit'))
      .prepare();
  }).all(params);
}

/** Choices for a company picker when nothing was searched: the companies the viewer touched last. */
export function recentCompanies(db: Db, viewer: Viewer, limit = 20): { id: number; name: string }[] {
  return db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(eq(companies.archived, false), visibleWhere(viewer, companies), eq(companies.updatedBy, viewer.id)))
    .orderBy(desc(companies.updatedAt))
    .limit(limit)
    .all();
}
