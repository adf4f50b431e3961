import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { repeatLeadDefaults } from '@/lib/leads/queries';
import { repeatOrigin } from '@/lib/leads/record-queries';
import { canCreate } from '@/lib/permissions';
import { Alert } from '@/components/ui/alert';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { leadFormData } from '../_components/form-data';
import { LeadForm } from '../_components/lead-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('leads.new') };
}

const idParam = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : null);

/**
 * A new lead: from the menu, or "new lead for this customer" (seed 004, repeat lead) from a company
 * (`?fromCompany=ID`) or a won opportunity (`?fromOpportunity=ID`), pre-filled from it.
 */
export default async function NewLeadPage({ searchParams }: { searchParams: Promise<{ fromCompany?: string; fromOpportunity?: string }> }) {
  const { user } = await requireUser();
  if (!canCreate(user)) return <Forbidden />;
  const t = await getTranslations();
  const db = getDb();
  const sp = await searchParams;
  const from = { companyId: idParam(sp.fromCompany), opportunityId: idParam(sp.fromOpportunity) };
  const repeat = from.companyId !== null || from.opportunityId !== null;
  const origin = repeat ? repeatOrigin(db, user, from) : null;
  const prefill = origin ? (repeatLeadDefaults(db, user, { companyId: origin.companyId ?? undefined, opportunityId: origin.opportunityId ?? undefined }) ?? {}) : {};
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/leads" className="hover:underline">{t('nav.leads')}</Link> /
      </nav>
      <PageHeader
        title={origin ? t('leads.repeat.title', { company: prefill.companyName ?? '' }) : t('leads.new')}
        description={origin ? t('leads.repeat.intro') : t('leads.newIntro')}
      />
      <div className="max-w-3xl space-y-4">
        {repeat && !origin ? <Alert tone="warning">{t('leads.errors.originNotFound')}</Alert> : null}
        <LeadForm options={leadFormData(db, user)} prefill={prefill} origin={origin ?? undefined} defaultOwnerId={user.id} />
      </div>
    </>
  );
}
