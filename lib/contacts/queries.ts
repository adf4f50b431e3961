import { and, asc, desc, eq, gt, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db/client';
import { companies, contactChannels, contacts, contactTags, refValues, tags, teams, users, type ConsentStatus } from '@/db/schema';
import { ownedRecord } from '@/lib/customers/access';
import { decodeCreatedCursor, decodeCursor, encodeCreatedCursor, encodeCursor } from '@/lib/customers/cursor';
import { can, visibleWhere, type Viewer } from '@/lib/permissions';

export const PAGE_SIZE = 50;

export type ContactFilters = {
  companyId?: number;
  ownerId?: number;
  teamId?: number;
  tagId?: number;
  active?: boolean;
  consent?: ConsentStatus;
  createdFrom?: number;
  createdTo?: number;
  /** 'name' (default): by last name; 'created': newest first. */
  sort?: 'name' | 'created';
};

export type ContactListRow = {
  id: number;
  name: string;
  jobTitle: string | null;
  companyId: number | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  ownerName: string | null;
  active: boolean;
  consentStatus: ConsentStatus;
  teamName: string | null;
  createdAt: number;
  tags: string | null;
};

const owner = alias(users, 'owner');

const fullName = sql<string>`trim(coalesce(${contacts.firstName}, '') || ' ' || ${contacts.lastName})`;

/** A page of contacts the viewer may see, by last name (or newest first), after `cursor` (keyset). */
export function listContacts(db: Db, viewer: Viewer, f: ContactFilters, cursor?: string | null): { rows: ContactListRow[]; nextCursor: string | null } {
  const byCreated = f.sort === 'created';
  const after = byCreated ? null : decodeCursor(cursor);
  const before = byCreated ? decodeCreatedCursor(cursor) : null;
  const conds: (SQL | undefined)[] = [
    visibleWhere(viewer, contacts),
    // Newest first: `+active` keeps SQLite off the (active, sort_name) index so it walks created_at instead.
    f.active === undefined ? undefined : byCreated ? sql`+${contacts.active} = ${f.active ? 1 : 0}` : eq(contacts.active, f.active),
    f.companyId ? eq(contacts.companyId, f.companyId) : undefined,
    f.ownerId ? eq(contacts.ownerId, f.ownerId) : undefined,
    f.teamId ? eq(contacts.teamId, f.teamId) : undefined,
    f.consent ? eq(contacts.consentStatus, f.consent) : undefined,
    f.tagId ? sql`${contacts.id} in (select contact_id from contact_tags where tag_id = ${f.tagId})` : undefined,
    f.createdFrom ? gte(contacts.createdAt, f.createdFrom) : undefined,
    f.createdTo ? lt(contacts.createdAt, f.createdTo) : undefined,
    // A row-value comparison lets SQLite seek straight to the cursor in the (…, sort_name, id) index.
    after ? sql`(${contacts.sortName}, ${contacts.id}) > (${after.sortName}, ${after.id})` : undefined,
    before ? sql`(${contacts.createdAt}, ${contacts.id}) < (${before.createdAt}, ${before.id})` : undefined,
  ];
  const rows = db
    .select({
      id: contacts.id,
      sortName: contacts.sortName,
      name: fullName,
      jobTitle: contacts.jobTitle,
      companyId: contacts.companyId,
      companyName: companies.name,
      email: contacts.email,
      phone: sql<string | null>`coalesce(${contacts.phone}, ${contacts.mobile})`,
      ownerName: owner.name,
      active: contacts.active,
      consentStatus: contacts.consentStatus,
      teamName: sql<string | null>`(select name from teams tm where tm.id = ${contacts.teamId})`,
      createdAt: contacts.createdAt,
      tags: sql<string | null>`(select group_concat(t.name, ', ') from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = ${contacts.id})`,
    })
    .from(contacts)
    .leftJoin(companies, eq(companies.id, contacts.companyId))
    .leftJoin(owner, eq(owner.id, contacts.ownerId))
    .where(and(...conds))
    .orderBy(...(byCreated ? [desc(contacts.createdAt), desc(contacts.id)] : [asc(contacts.sortName), asc(contacts.id)]))
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

type ContactRow = typeof contacts.$inferSelect;
export type ContactDetail = ContactRow & {
  name: string;
  company: { id: number; name: string; archived: boolean } | null;
  role: { id: number; name: string } | null;
  owner: { id: number; name: string } | null;
  team: { id: number; name: string } | null;
  tags: { id: number; name: string; color: string }[];
  can: { edit: boolean; assign: boolean; delete: boolean };
};

const role = alias(refValues, 'role');

export function getContact(db: Db, viewer: Viewer, id: number): ContactDetail | null {
  const r = db
    .select({ c: contacts, companyName: companies.name, companyArchived: companies.archived, roleName: role.name, ownerName: owner.name, teamName: teams.name })
    .from(contacts)
    .leftJoin(companies, eq(companies.id, contacts.companyId))
    .leftJoin(role, eq(role.id, contacts.roleId))
    .leftJoin(owner, eq(owner.id, contacts.ownerId))
    .leftJoin(teams, eq(teams.id, contacts.teamId))
    .where(eq(contacts.id, id))
    .get();
  if (!r) return null;
  const rec = ownedRecord(db, r.c);
  if (!can(viewer, 'view', rec)) return null;
  const c = r.c;
  return {
    ...c,
    name: [c.firstName, c.lastName].filter(Boolean).join(' '),
    company: c.companyId ? { id: c.companyId, name: r.companyName ?? '', archived: !!r.companyArchived } : null,
    role: c.roleId ? { id: c.roleId, name: r.roleName ?? '' } : null,
    owner: c.ownerId ? { id: c.ownerId, name: r.ownerName ?? '' } : null,
    team: c.teamId ? { id: c.teamId, name: r.teamName ?? '' } : null,
    tags: db
      .select({ id: tags.id, name: tags.name, color: tags.color })
      .from(contactTags)
      .innerJoin(tags, eq(tags.id, contactTags.tagId))
      .where(eq(contactTags.contactId, id))
      .orderBy(asc(tags.position), asc(tags.name))
      .all(),
    can: { edit: can(viewer, 'edit', rec), assign: can(viewer, 'assign', rec), delete: viewer.active && viewer.role === 'admin' },
  };
}

/** Free mail providers: sharing one of these says nothing about two people. */
export const PUBLIC_EMAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.fr', 'outlook.com', 'outlook.fr', 'live.com', 'live.fr', 'msn.com',
  'yahoo.com', 'yahoo.fr', 'icloud.com', 'me.com', 'orange.fr', 'wanadoo.fr', 'free.fr', 'sfr.fr', 'laposte.net', 'bbox.fr',
  'neuf.fr', 'aol.com', 'gmx.fr', 'gmx.com', 'proton.me', 'protonmail.com',
]);

export type RelatedContact = { id: number; name: string; companyName: string | null; email: string | null };

/** Other visible contacts sharing an email domain with this one (company domains only). */
export function relatedContacts(db: Db, viewer: Viewer, id: number, limit = 20): RelatedContact[] {
  if (!getContact(db, viewer, id)) return [];
  const domains = db
    .select({ value: contactChannels.value })
    .from(contactChannels)
    .where(and(eq(contactChannels.contactId, id), eq(contactChannels.kind, 'domain')))
    .all()
    .map((r) => r.value)
    .filter((d) => !PUBLIC_EMAIL_DOMAINS.has(d));
  if (!domains.length) return [];
  const related = alias(contactChannels, 'related');
  return db
    .selectDistinct({ id: contacts.id, name: fullName, companyName: companies.name, email: contacts.email })
    .from(related)
    .innerJoin(contacts, eq(contacts.id, related.contactId))
    .leftJoin(companies, eq(companies.id, contacts.companyId))
    .where(and(eq(related.kind, 'domain'), inArray(related.value, domains), ne(contacts.id, id), visibleWhere(viewer, contacts)))
    .orderBy(asc(contacts.sortName))
    .limit(limit)
    .all();
}
