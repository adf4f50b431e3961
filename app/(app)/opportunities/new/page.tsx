import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getContact } from '@/lib/contacts/queries';
import { canCreate } from '@/lib/permissions';
import { Alert } from '@/components/ui/alert';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { CompanyPickerSearch } from '../../contacts/_components/company-picker-search';
import { opportunityFormData } from '../_components/form-data';
import { OpportunityForm } from '../_components/opportunity-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('opportunities.new') };
}

/** A new opportunity: from the menu, or from a company (`?company=ID`) or a contact (`?contact=ID`). */
export default async function NewOpportunityPage({ searchParams }: { searchParams: Promise<{ company?: string; contact?: string; companyQuery?: string }> }) {
  const { user } = await requireUser();
  if (!canCreate(user)) return <Forbidden />;
  const t = await getTranslations();
  const sp = await searchParams;
  const db = getDb();
  const contact = Number(sp.contact) > 0 ? getContact(db, user, Number(sp.contact)) : null;
  const companyId = Number(sp.company) || contact?.companyId || null;
  const data = opportunityFormData(db, user, { companyQuery: sp.companyQuery, companyId, contactIds: contact ? [contact.id] : [] });
  // After a search, preselect the best match so the user only has to check it.
  const preselect = companyId ?? (sp.companyQuery && data.companies[0] ? Number(data.companies[0].value) : null);
  const hidden: Record<string, string> = {};
  if (companyId) hidden.company = String(companyId);
  if (contact) hidden.contact = String(contact.id);
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/opportunities" className="hover:underline">{t('nav.opportunities')}</Link> /
      </nav>
      <PageHeader title={t('opportunities.new')} description={t('opportunities.newIntro')} />
      <div className="max-w-3xl">
        {data.options.pipelines.length === 0 ? (
          <Alert tone="warning">{t('opportunities.noPipeline')}</Alert>
        ) : (
          <>
            <CompanyPickerSearch query={sp.companyQuery} hidden={hidden} />
            <OpportunityForm
              key={`${preselect}-${sp.companyQuery ?? ''}`}
              options={data.options}
              companies={data.companies}
              contacts={data.contacts}
              currencies={data.currencies}
              defaults={{
                companyId: preselect,
                contactIds: contact ? [contact.id] : [],
                primaryContactId: contact ? contact.id : null,
                pipelineId: null,
                currency: data.orgCurrency,
                ownerId: user.id,
              }}
            />
          </>
        )}
      </div>
    </>
  );
}
