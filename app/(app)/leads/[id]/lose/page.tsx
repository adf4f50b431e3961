import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getLead, leadFormOptions } from '@/lib/leads/queries';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { leadPath, safeBack } from '../../_components/paths';
import { LoseForm } from '../../_components/record-actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('leads.lose.title') };
}

/** "Perdre" (seed 002): a lost reason from the configurable list and an optional comment. */
export default async function LoseLeadPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ back?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const lead = Number.isInteger(id) ? getLead(db, user, id) : null;
  if (!lead) return <RecordNotFound />;
  const t = await getTranslations();
  // From the board: back there after losing or cancelling.
  const back = safeBack((await searchParams).back);
  const open = lead.converted === null && lead.closedAt === null;
  if (open && !lead.can.edit) return <Forbidden />;
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/leads" className="hover:underline">{t('nav.leads')}</Link> /{' '}
        <Link href={leadPath(id)} className="hover:underline">{lead.name}</Link> /
      </nav>
      <PageHeader title={t('leads.lose.titleOf', { name: lead.name })} description={t('leads.lose.intro')} />
      <div className="max-w-xl space-y-4">
        {open ? (
          <Card>
            <LoseForm id={id} lostReasons={leadFormOptions(db, user).lostReasons} cancelHref={back ?? leadPath(id)} back={back} />
          </Card>
        ) : (
          <>
            <Alert tone="warning">{t(lead.converted ? 'leads.errors.converted' : 'leads.lose.alreadyLost')}</Alert>
            <Link href={leadPath(id)} className="text-sm font-medium text-brand-700 hover:underline">
              {t('leads.backToRecord')}
            </Link>
          </>
        )}
      </div>
    </>
  );
}
