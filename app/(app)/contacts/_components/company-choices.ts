import type { Db } from '@/db/client';
import { getCompany, recentCompanies } from '@/lib/companies/queries';
import type { Option } from '@/lib/customers/options';
import type { Viewer } from '@/lib/permissions';
import { searchCompaniesForPicker } from '@/lib/search/queries';

/** The company picker's choices: the current one, then search matches or the user's recent companies. */
export function companyChoices(db: Db, viewer: Viewer, query: string | undefined, current: number | null): Option[] {
  const found = query?.trim() ? searchCompaniesForPicker(db, viewer, query, 30) : recentCompanies(db, viewer, 20);
  const out = found.map((c) => ({ value: String(c.id), label: c.name }));
  if (current && !out.some((o) => o.value === String(current))) {
    const c = getCompany(db, viewer, current);
    if (c) out.unshift({ value: String(c.id), label: c.name });
  }
  return out;
}
