import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getOpportunity } from '@/lib/opportunities/queries';
import { Alert } from '@/components/ui/alert';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { CompanyPickerSearch } from '../../../contacts/_components/company-picker-search';
import { opportunityFormData } from '../../_components/form-data';
import { OpportunityForm } from '../../_components/opportunity-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('opportunities.edit') };
}

export default async function EditOpportunityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ companyQuery?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const o = Number.isInteger(id) ? getOpportunity(db, user, id) : null;
  if (!o) return <RecordNotFound />;
  if (!o.can.edit) return <Forbidden />;
  const t = await getTranslations();
  const sp = await searchParams;
  const header = (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/opportunities" className="hover:underline">{t('nav.opportunities')}</Link> /{' '}
        <Link href={`/opportunities/${id}`} className="hover:underline">{o.name}</Link> /
      </nav>
      <PageHeader title={t('opportunities.editTitle', { name: o.name })} />
    </>
  );
  // Closed opportunities are read-only until reopened (the service refuses too).
  if (o.status !== 'open') {
    return (
      <>
        {header}
        <div className="max-w-3xl space-y-4">
          <Alert tone="warning">{t('opportunities.errors.closed')}</Alert>
          <Link href={`/opportunities/${id}`} className="text-sm font-medium text-brand-700 hover:underline">
            {t('opportunities.backToRecord')}
          </Link>
        </div>
      </>
    );
  }
  const data = opportunityFormData(db, user, { opportunity: o, companyQuery: sp.companyQuery, companyId: o.company.id });
  return (
    <>
      {header}
      <div className="max-w-3xl">
        <CompanyPickerSearch query={sp.companyQuery} hidden={{}} />
        <OpportunityForm
          key={sp.companyQuery ?? ''}
          opportunity={o}
          options={data.options}
          companies={data.companies}
          contacts={data.contacts}
          currencies={data.currencies}
          defaults={{ companyId: o.company.id, contactIds: [], primaryContactId: null, pipelineId: o.pipeline.id, currency: o.currency, ownerId: o.owner?.id ?? user.id }}
        />
      </div>
    </>
  );
}
