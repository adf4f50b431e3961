import type { Db } from '@/db/client';
import type { Option } from '@/lib/customers/options';
import { contactChoices, opportunityFormOptions, type OpportunityDetail } from '@/lib/opportunities/queries';
import type { Viewer } from '@/lib/permissions';
import { getOrgSettings } from '@/lib/settings/queries';
import { companyChoices } from '../../contacts/_components/company-choices';

/** The currencies offered besides the organisation's (and the opportunity's own). */
const CURRENCIES = ['EUR', 'CHF', 'GBP', 'USD', 'CAD', 'XOF', 'MAD', 'TND', 'DZD'];

/** What the opportunity form needs: its choices, the company picker's companies and their contacts. */
export function opportunityFormData(db: Db, viewer: Viewer, o: { opportunity?: OpportunityDetail; companyQuery?: string; companyId: number | null; contactIds?: number[] }) {
  const opp = o.opportunity;
  const options = opportunityFormOptions(db, viewer, {
    refIds: opp ? [opp.type?.id ?? null, opp.source?.id ?? null] : [],
    tagIds: opp?.tags.map((x) => x.id) ?? [],
  });
  if (opp) {
    // The current owner, team and stage stay choosable even when the viewer could not pick them anew.
    if (opp.owner && !options.owners.some((x) => x.value === String(opp.owner!.id))) options.owners.unshift({ value: String(opp.owner.id), label: opp.owner.name });
    if (opp.team && !options.teams.some((x) => x.value === String(opp.team!.id))) options.teams.unshift({ value: String(opp.team.id), label: opp.team.name });
    if (!options.pipelines.some((p) => p.value === String(opp.pipeline.id))) options.pipelines.push({ value: String(opp.pipeline.id), label: opp.pipeline.name, isDefault: false });
  }
  const companies: Option[] = companyChoices(db, viewer, o.companyQuery, o.companyId);
  const contacts = contactChoices(
    db,
    viewer,
    companies.map((c) => Number(c.value)),
    [...(opp?.contacts.map((c) => c.id) ?? []), ...(o.contactIds ?? [])],
  );
  return { options, companies, contacts, currencies: CURRENCIES, orgCurrency: getOrgSettings(db).currency };
}
