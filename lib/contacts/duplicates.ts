import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { contactChannels, contacts } from '@/db/schema';
import type { DuplicateMatch, DuplicateReason } from '@/lib/customers/duplicate-types';
import { normalizePhone, personNameKey } from '@/lib/customers/normalize';
import { visibleWhere, type Viewer } from '@/lib/permissions';

/** Likely duplicates of a contact: same email, same phone, or same name in the same company (at most 10, visible ones). */
export function findContactDuplicates(
  db: DbOrTx,
  viewer: Viewer,
  input: { firstName: string | null; lastName: string; companyId: number | null; email: string | null; email2: string | null; phone: string | null; mobile: string | null },
  exceptId?: number,
): DuplicateMatch[] {
  const emails = [input.email, input.email2].filter((e): e is string => !!e);
  const phones = [input.phone, input.mobile].map(normalizePhone).filter((p): p is string => !!p);
  const key = personNameKey(input.lastName, input.firstName);
  const conds: SQL[] = [input.companyId ? and(eq(contacts.nameKey, key), eq(contacts.companyId, input.companyId))! : eq(contacts.nameKey, key)];
  if (emails.length) conds.push(sql`${contacts.id} in (select contact_id from contact_channels where kind = 'email' and ${inArray(contactChannels.value, emails)})`);
  if (phones.length) conds.push(sql`${contacts.id} in (select contact_id from contact_channels where kind = 'phone' and ${inArray(contactChannels.value, phones)})`);
  const rows = db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, nameKey: contacts.nameKey, companyId: contacts.companyId })
    .from(contacts)
    .where(and(or(...conds), visibleWhere(viewer, contacts), exceptId ? ne(contacts.id, exceptId) : undefined))
    .limit(10)
    .all();
  if (!rows.length) return [];
  const channels = db
    .select()
    .from(contactChannels)
    .where(inArray(contactChannels.contactId, rows.map((r) => r.id)))
    .all();
  return rows.map((r) => {
    const reasons: DuplicateReason[] = [];
    const mine = channels.filter((c) => c.contactId === r.id);
    if (r.nameKey === key && (!input.companyId || r.companyId === input.companyId)) reasons.push('name');
    if (mine.some((c) => c.kind === 'email' && emails.includes(c.value))) reasons.push('email');
    if (mine.some((c) => c.kind === 'phone' && phones.includes(c.value))) reasons.push('phone');
    return { kind: 'contact', id: r.id, name: [r.firstName, r.lastName].filter(Boolean).join(' '), reasons };
  });
}
