import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { companies, companyAddresses, contacts, leads, opportunities } from '@/db/schema';
import { normalizePhone } from '@/lib/customers/normalize';

/** FTS rowid = id * 8 + kind code. */
export const SEARCH_KINDS = { company: 1, contact: 2, opportunity: 3, lead: 4 } as const;
export type SearchKind = keyof typeof SEARCH_KINDS;
export const rowidOf = (kind: SearchKind, id: number) => id * 8 + SEARCH_KINDS[kind];

function put(tx: DbOrTx, kind: SearchKind, id: number, title: string, body: string) {
  const rowid = rowidOf(kind, id);
  tx.run(sql`delete from search_fts where rowid = ${rowid}`);
  tx.run(sql`insert into search_fts(rowid, title, body) values (${rowid}, ${title}, ${body})`);
}

export function unindex(tx: DbOrTx, kind: SearchKind, id: number) {
  tx.run(sql`delete from search_fts where rowid = ${rowidOf(kind, id)}`);
}

const words = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ');

/** Name, legal id, web and email domains, emails, phones (as typed and as digits), cities. */
export function indexCompany(tx: DbOrTx, id: number) {
  const c = tx.select().from(companies).where(eq(companies.id, id)).get();
  if (!c) return unindex(tx, 'company', id);
  const cities = tx.select({ city: companyAddresses.city, postalCode: companyAddresses.postalCode }).from(companyAddresses).where(eq(companyAddresses.companyId, id)).all();
  put(
    tx,
    'company',
    id,
    c.name,
    words(c.legalId, c.website, c.emailDomain, c.email, c.phone, c.phoneNormalized, ...cities.flatMap((a) => [a.city, a.postalCode])),
  );
}

export function indexContact(tx: DbOrTx, id: number) {
  const c = tx.select().from(contacts).where(eq(contacts.id, id)).get();
  if (!c) return unindex(tx, 'contact', id);
  const company = c.companyId ? tx.select({ name: companies.name }).from(companies).where(eq(companies.id, c.companyId)).get() : undefined;
  put(
    tx,
    'contact',
    id,
    words(c.firstName, c.lastName),
    words(company?.name, c.jobTitle, c.email, c.email2, c.phone, normalizePhone(c.phone), c.mobile, normalizePhone(c.mobile)),
  );
}

/** Contacts and opportunities carry their company's name in the index: rename a company, reindex them. */
export function reindexCompanyContacts(tx: DbOrTx, companyId: number) {
  for (const { id } of tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.companyId, companyId)).all()) indexContact(tx, id);
  for (const { id } of tx.select({ id: opportunities.id }).from(opportunities).where(eq(opportunities.companyId, companyId)).all()) indexOpportunity(tx, id);
}

/** An opportunity: its name, then its company's name and the competitor it was lost to. */
export function indexOpportunity(tx: DbOrTx, id: number) {
  const o = tx.select({ name: opportunities.name, companyId: opportunities.companyId, competitor: opportunities.competitor }).from(opportunities).where(eq(opportunities.id, id)).get();
  if (!o) return unindex(tx, 'opportunity', id);
  const company = tx.select({ name: companies.name }).from(companies).where(eq(companies.id, o.companyId)).get();
  put(tx, 'opportunity', id, o.name, words(company?.name, o.competitor));
}

/** A lead: the person's name, then the company name as typed, emails, phones (as typed and as digits), city. */
export function indexLead(tx: DbOrTx, id: number) {
  const l = tx.select().from(leads).where(eq(leads.id, id)).get();
  if (!l) return unindex(tx, 'lead', id);
  put(tx, 'lead', id, words(l.firstName, l.lastName), words(l.companyName, l.email, l.email2, l.phone, normalizePhone(l.phone), l.mobile, normalizePhone(l.mobile), l.city));
}
