import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { companies, contactChannels, contacts, leadChannels, leads } from '@/db/schema';
import type { DuplicateMatch, DuplicateReason } from '@/lib/customers/duplicate-types';
import { companyNameKey, emailDomainOf, normalizePhone, personNameKey, websiteDomain } from '@/lib/customers/normalize';
import { visibleWhere, type Viewer } from '@/lib/permissions';

export type LeadIdentity = {
  firstName: string | null;
  lastName: string;
  companyName: string | null;
  email: string | null;
  email2: string | null;
  phone: string | null;
  mobile: string | null;
  website: string | null;
};

const FREE_MAIL = new Set(['gmail.com', 'yahoo.fr', 'yahoo.com', 'hotmail.com', 'hotmail.fr', 'outlook.com', 'outlook.fr', 'live.fr', 'orange.fr', 'free.fr', 'wanadoo.fr', 'laposte.net', 'sfr.fr', 'icloud.com', 'protonmail.com', 'gmx.fr', 'gmx.de']);

function keysOf(input: LeadIdentity) {
  const emails = [input.email, input.email2].filter((e): e is string => !!e);
  const phones = [input.phone, input.mobile].map(normalizePhone).filter((p): p is string => !!p);
  const domain = websiteDomain(input.website) ?? emailDomainOf(input.email);
  return {
    nameKey: personNameKey(input.lastName, input.firstName),
    companyKey: input.companyName ? companyNameKey(input.companyName) : null,
    emails,
    phones,
    domain: domain && !FREE_MAIL.has(domain) ? domain : null,
  };
}

/** Other leads that look like this one: same person (name, and company if given), same email or same phone. */
export function findLeadDuplicates(db: DbOrTx, viewer: Viewer, input: LeadIdentity, exceptId?: number): DuplicateMatch[] {
  const k = keysOf(input);
  const conds: SQL[] = [k.companyKey ? and(eq(leads.nameKey, k.nameKey), eq(leads.companyKey, k.companyKey))! : eq(leads.nameKey, k.nameKey)];
  if (k.emails.length) conds.push(sql`${leads.id} in (select lead_id from lead_channels where kind = 'email' and ${inArray(leadChannels.value, k.emails)})`);
  if (k.phones.length) conds.push(sql`${leads.id} in (select lead_id from lead_channels where kind = 'phone' and ${inArray(leadChannels.value, k.phones)})`);
  const rows = db
    .select({ id: leads.id, firstName: leads.firstName, lastName: leads.lastName, nameKey: leads.nameKey, companyKey: leads.companyKey })
    .from(leads)
    .where(and(or(...conds), visibleWhere(viewer, leads), exceptId ? ne(leads.id, exceptId) : undefined))
    .limit(10)
    .all();
  if (!rows.length) return [];
  const channels = db.select().from(leadChannels).where(inArray(leadChannels.leadId, rows.map((r) => r.id))).all();
  return rows.map((r) => {
    const reasons: DuplicateReason[] = [];
    const mine = channels.filter((c) => c.leadId === r.id);
    if (r.nameKey === k.nameKey && (!k.companyKey || r.companyKey === k.companyKey)) reasons.push('name');
    if (mine.some((c) => c.kind === 'email' && k.emails.includes(c.value))) reasons.push('email');
    if (mine.some((c) => c.kind === 'phone' && k.phones.includes(c.value))) reasons.push('phone');
    return { kind: 'lead', id: r.id, name: [r.firstName, r.lastName].filter(Boolean).join(' '), reasons };
  });
}

/**
 * "This lead matches existing company X / contact Y": customers the viewer may see with the lead's company name,
 * web or email domain, or the person's email, phone or name.
 */
export function findCustomerMatches(db: DbOrTx, viewer: Viewer, input: LeadIdentity): { companies: DuplicateMatch[]; contacts: DuplicateMatch[] } {
  const k = keysOf(input);
  const companyConds: SQL[] = [];
  if (k.companyKey) companyConds.push(eq(companies.nameKey, k.companyKey));
  if (k.domain) companyConds.push(eq(companies.emailDomain, k.domain));
  const companyRows = companyConds.length
    ? db
        .select({ id: companies.id, name: companies.name, nameKey: companies.nameKey, emailDomain: companies.emailDomain })
        .from(companies)
        .where(and(or(...companyConds), visibleWhere(viewer, companies)))
        .limit(5)
        .all()
    : [];
  const contactConds: SQL[] = [eq(contacts.nameKey, k.nameKey)];
  if (k.emails.length) contactConds.push(sql`${contacts.id} in (select contact_id from contact_channels where kind = 'email' and ${inArray(contactChannels.value, k.emails)})`);
  if (k.phones.length) contactConds.push(sql`${contacts.id} in (select contact_id from contact_channels where kind = 'phone' and ${inArray(contactChannels.value, k.phones)})`);
  const contactRows = db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, nameKey: contacts.nameKey })
    .from(contacts)
    .where(and(or(...contactConds), visibleWhere(viewer, contacts)))
    .limit(5)
    .all();
  const contactChannelRows = contactRows.length ? db.select().from(contactChannels).where(inArray(contactChannels.contactId, contactRows.map((r) => r.id))).all() : [];
  return {
    companies: companyRows.map((r) => ({
      kind: 'company',
      id: r.id,
      name: r.name,
      reasons: [...(r.nameKey === k.companyKey ? (['name'] as const) : []), ...(k.domain && r.emailDomain === k.domain ? (['domain'] as const) : [])],
    })),
    contacts: contactRows.map((r) => {
      const mine = contactChannelRows.filter((c) => c.contactId === r.id);
      const reasons: DuplicateReason[] = [];
      if (r.nameKey === k.nameKey) reasons.push('name');
      if (mine.some((c) => c.kind === 'email' && k.emails.includes(c.value))) reasons.push('email');
      if (mine.some((c) => c.kind === 'phone' && k.phones.includes(c.value))) reasons.push('phone');
      return { kind: 'contact', id: r.id, name: [r.firstName, r.lastName].filter(Boolean).join(' '), reasons };
    }),
  };
}
