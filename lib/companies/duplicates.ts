import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { companies } from '@/db/schema';
import { companyNameKey, emailDomainOf, normalizePhone, websiteDomain } from '@/lib/customers/normalize';
import { visibleWhere, type Viewer } from '@/lib/permissions';

import type { DuplicateMatch, DuplicateReason } from '@/lib/customers/duplicate-types';

/** Likely duplicates of a company being created or edited, among those the viewer may see (at most 10). */
export function findCompanyDuplicates(
  db: DbOrTx,
  viewer: Viewer,
  input: { name: string; legalId: string | null; website: string | null; emailDomain: string | null; email: string | null; phone: string | null },
  exceptId?: number,
): DuplicateMatch[] {
  const key = companyNameKey(input.name);
  const domain = input.emailDomain ?? websiteDomain(input.website) ?? emailDomainOf(input.email);
  const phone = normalizePhone(input.phone);
  const legal = input.legalId?.replace(/[\s.-]/g, '').toUpperCase() ?? null;
  const conds: SQL[] = [eq(companies.nameKey, key)];
  if (domain) conds.push(eq(companies.emailDomain, domain));
  if (phone) conds.push(eq(companies.phoneNormalized, phone));
  if (legal) conds.push(sql`substr(${companies.legalId}, 1, 9) = ${legal.slice(0, 9)}`);
  const rows = db
    .select({ id: companies.id, name: companies.name, nameKey: companies.nameKey, emailDomain: companies.emailDomain, phone: companies.phoneNormalized, legalId: companies.legalId })
    .from(companies)
    .where(and(or(...conds), visibleWhere(viewer, companies), exceptId ? ne(companies.id, exceptId) : undefined))
    .limit(10)
    .all();
  return rows.map((r) => {
    const reasons: DuplicateReason[] = [];
    if (r.nameKey === key) reasons.push('name');
    if (domain && r.emailDomain === domain) reasons.push('domain');
    if (phone && r.phone === phone) reasons.push('phone');
    if (legal && r.legalId?.slice(0, 9) === legal.slice(0, 9)) reasons.push('legalId');
    return { kind: 'company', id: r.id, name: r.name, reasons };
  });
}
