import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { dayIn } from '@/lib/opportunities/dates';
import { getOpportunity, opportunityFormOptions } from '@/lib/opportunities/queries';
import { OUTCOMES } from '@/lib/opportunities/schema';
import { getOrgSettings } from '@/lib/settings/queries';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { recordPath, safeBack } from '../../_components/back';
import { CloseForm } from '../../_components/close-form';
import { formatMoney } from '../../_components/format';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('opportunities.close.title') };
}

/** The confirm step of Won / Lost, from the record or the board (`back`: where to return). */
export default async function CloseOpportunityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ outcome?: string; back?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const o = Number.isInteger(id) ? getOpportunity(db, user, id) : null;
  if (!o) return <RecordNotFound />;
  if (!o.can.edit) return <Forbidden />;
  const t = await getTranslations();
  const format = await getFormatter();
  const sp = await searchParams;
  const back = safeBack(sp.back);
  const cancelHref = back ?? recordPath(id);
  const outcome = OUTCOMES.find((x) => x === sp.outcome);
  const header = (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/opportunities" className="hover:underline">{t('nav.opportunities')}</Link> /{' '}
        <Link href={recordPath(id)} className="hover:underline">{o.name}</Link> /
      </nav>
      <PageHeader
        title={outcome ? t(outcome === 'won' ? 'opportunities.close.titleWon' : 'opportunities.close.titleLost', { name: o.name }) : t('opportunities.close.title')}
        description={t('opportunities.close.summary', { company: o.company.name, amount: formatMoney(format, o.amount, o.currency), stage: o.stage.name })}
      />
    </>
  );
  if (o.status !== 'open') {
    return (
      <>
        {header}
        <div className="max-w-xl space-y-4">
          <Alert tone="warning">{t('opportunities.close.alreadyClosed')}</Alert>
          <a href={cancelHref} className={buttonClass('secondary')}>
            {t('opportunities.close.back')}
          </a>
        </div>
      </>
    );
  }
  if (!outcome) {
    return (
      <>
        {header}
        <div className="flex max-w-xl flex-wrap gap-3">
          <Link href={`${recordPath(id)}/close?outcome=won`} className={buttonClass('primary')}>
            {t('opportunities.actions.won')}
          </Link>
          <Link href={`${recordPath(id)}/close?outcome=lost`} className={buttonClass('danger')}>
            {t('opportunities.actions.lost')}
          </Link>
          <a href={cancelHref} className={buttonClass('secondary')}>
            {t('opportunities.close.cancel')}
          </a>
        </div>
      </>
    );
  }
  const today = dayIn(getOrgSettings(db).timeZone, Date.now());
  const lostReasons = outcome === 'lost' ? opportunityFormOptions(db, user).lostReasons : [];
  return (
    <>
      {header}
      <div className="max-w-xl space-y-4">
        {o.company.archived ? <Alert tone="warning">{t('opportunities.errors.companyArchived')}</Alert> : null}
        {outcome === 'won' && o.company.type === 'prospect' ? <Alert tone="info">{t('opportunities.close.becomesClient', { company: o.company.name })}</Alert> : null}
        <Card>
          <CloseForm id={id} outcome={outcome} back={back} today={today} lostReasons={lostReasons} cancelHref={cancelHref} />
        </Card>
      </div>
    </>
  );
}
