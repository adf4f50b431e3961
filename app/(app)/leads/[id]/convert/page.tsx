import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getLead, leadCustomerMatches } from '@/lib/leads/queries';
import { contactChoices, opportunityFormOptions } from '@/lib/opportunities/queries';
import { Alert } from '@/components/ui/alert';
import { DetailRow } from '@/components/ui/detail-row';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { companyChoices } from '../../../contacts/_components/company-choices';
import { ConvertForm, type Suggestion } from '../../_components/convert-form';
import { COMPANY_SEARCH_FORM, leadPath } from '../../_components/paths';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('leads.convert.title') };
}

const idParam = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : null);

/**
 * Convert a lead (seed 002 "Convertir une piste en tiers / contact"): a new or existing company (suggested by
 * the duplicate matching, or searched), a new, existing or no contact, optionally an opportunity, and the new
 * company's type. `?companyId=` preselects a company, `?companyQuery=` searches companies (a GET, no JavaScript).
 */
export default async function ConvertLeadPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ companyId?: string; companyQuery?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const lead = Number.isInteger(id) ? getLead(db, user, id) : null;
  if (!lead) return <RecordNotFound />;
  const t = await getTranslations();
  const sp = await searchParams;
  const header = (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/leads" className="hover:underline">{t('nav.leads')}</Link> /{' '}
        <Link href={leadPath(id)} className="hover:underline">{lead.name}</Link> /
      </nav>
      <PageHeader title={t('leads.convert.titleOf', { name: lead.name })} description={t('leads.convert.intro')} />
    </>
  );
  if (lead.converted || lead.closedAt !== null) {
    return (
      <>
        {header}
        <div className="max-w-3xl space-y-4">
          <Alert tone="warning">{t(lead.converted ? 'leads.convert.alreadyConverted' : 'leads.errors.closed')}</Alert>
          {lead.converted ? (
            <dl className="divide-y divide-slate-100">
              {lead.converted.company ? (
                <DetailRow label={t('leads.became.company')}>
                  <Link href={`/companies/${lead.converted.company.id}`} className="font-medium text-brand-700 hover:underline">
                    {lead.converted.company.name}
                  </Link>
                </DetailRow>
              ) : null}
              {lead.converted.opportunity ? (
                <DetailRow label={t('leads.became.opportunity')}>
                  <Link href={`/opportunities/${lead.converted.opportunity.id}`} className="font-medium text-brand-700 hover:underline">
                    {lead.converted.opportunity.name}
                  </Link>
                </DetailRow>
              ) : null}
            </dl>
          ) : null}
          <Link href={leadPath(id)} className="text-sm font-medium text-brand-700 hover:underline">
            {t('leads.backToRecord')}
          </Link>
        </div>
      </>
    );
  }
  if (!lead.can.edit) return <Forbidden />;

  const why = (reasons: string[]) => reasons.map((r) => t(`duplicates.reasons.${r}`)).join(', ');
  const matches = leadCustomerMatches(db, user, lead);
  const suggestedCompanies: Suggestion[] = matches.companies.map((m) => ({ id: m.id, name: m.name, why: why(m.reasons) }));
  const suggestedContacts: Suggestion[] = matches.contacts.map((m) => ({ id: m.id, name: m.name, why: why(m.reasons) }));
  const query = sp.companyQuery?.trim() ?? '';
  const wanted = idParam(sp.companyId);
  const companies = companyChoices(db, user, query || undefined, wanted);
  // The company proposed first: the one asked for, else the best search match, else the best duplicate match.
  const preselect = wanted ?? (query && companies[0] ? Number(companies[0].value) : (matches.companies[0]?.id ?? null));
  const contacts = contactChoices(db, user, [...matches.companies.map((c) => c.id), ...companies.map((c) => Number(c.value))], [], 300);
  const options = opportunityFormOptions(db, user);
  const stageGroups = options.pipelines.map((p) => ({
    pipelineId: p.value,
    label: p.label,
    stages: options.stages.filter((s) => String(s.pipelineId) === p.value).map((s) => ({ value: s.value, label: s.label })),
  }));
  const person = [[lead.name, lead.jobTitle].filter(Boolean).join(', '), lead.email, lead.phone ?? lead.mobile].filter(Boolean).join(' · ');

  return (
    <>
      {header}
      <div className="max-w-3xl">
        <ConvertForm
          key={`${preselect ?? ''}-${query}`}
          leadId={id}
          version={lead.version}
          person={person}
          suggestedCompanies={suggestedCompanies}
          companies={companies}
          companyQuery={query}
          suggestedContacts={suggestedContacts}
          contacts={contacts}
          pipelines={options.pipelines}
          stageGroups={stageGroups}
          cancelHref={leadPath(id)}
          defaults={{
            companyMode: preselect !== null ? 'existing' : 'new',
            companyId: preselect,
            companyName: lead.companyName ?? lead.name,
            contactMode: suggestedContacts.length ? 'existing' : 'new',
            contactId: suggestedContacts[0]?.id ?? null,
            opportunityName: t('leads.convert.opportunityDefault', { company: lead.companyName ?? lead.name }),
            pipelineId: options.pipelines.find((p) => p.isDefault)?.value ?? options.pipelines[0]?.value ?? '',
          }}
        />
        {/* The company search: its field and button sit in the form above (form attribute), so it works without JavaScript. */}
        <form id={COMPANY_SEARCH_FORM} method="get" />
      </div>
    </>
  );
}
