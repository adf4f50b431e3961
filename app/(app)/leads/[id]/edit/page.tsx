import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getLead } from '@/lib/leads/queries';
import { Alert } from '@/components/ui/alert';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { leadFormData } from '../../_components/form-data';
import { LeadForm } from '../../_components/lead-form';
import { leadPath } from '../../_components/paths';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('leads.edit') };
}

export default async function EditLeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const lead = Number.isInteger(id) ? getLead(db, user, id) : null;
  if (!lead) return <RecordNotFound />;
  const t = await getTranslations();
  const header = (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/leads" className="hover:underline">{t('nav.leads')}</Link> /{' '}
        <Link href={leadPath(id)} className="hover:underline">{lead.name}</Link> /
      </nav>
      <PageHeader title={t('leads.editTitle', { name: lead.name })} />
    </>
  );
  // Converted leads are read-only for good, lost ones until reopened (the service refuses too).
  if (lead.converted || lead.closedAt !== null) {
    return (
      <>
        {header}
        <div className="max-w-3xl space-y-4">
          <Alert tone="warning">{t(lead.converted ? 'leads.errors.converted' : 'leads.errors.closed')}</Alert>
          <Link href={leadPath(id)} className="text-sm font-medium text-brand-700 hover:underline">
            {t('leads.backToRecord')}
          </Link>
        </div>
      </>
    );
  }
  if (!lead.can.edit) return <Forbidden />;
  return (
    <>
      {header}
      <div className="max-w-3xl">
        <LeadForm lead={lead} options={leadFormData(db, user, lead)} defaultOwnerId={user.id} />
      </div>
    </>
  );
}
