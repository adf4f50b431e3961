import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getOpportunity, opportunityFormOptions, otherOpenOpportunities } from '@/lib/opportunities/queries';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { recordPath } from '../../_components/back';
import { formatDay, formatMoney } from '../../_components/format';
import { OthersForm } from '../../_components/others-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('opportunities.others.title') };
}

/** After a prospect's win: its other open opportunities, each to close as lost or to keep (seed 002). */
export default async function OtherOpportunitiesPage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const o = Number.isInteger(id) ? getOpportunity(db, user, id) : null;
  if (!o) return <RecordNotFound />;
  const t = await getTranslations();
  const format = await getFormatter();
  const others = o.status === 'won' ? otherOpenOpportunities(db, user, id) : [];
  const header = (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/opportunities" className="hover:underline">{t('nav.opportunities')}</Link> /{' '}
        <Link href={recordPath(id)} className="hover:underline">{o.name}</Link> /
      </nav>
      <PageHeader
        title={t('opportunities.others.title')}
        description={
          others.length
            ? t('opportunities.others.intro', { company: o.company.name, count: others.length })
            : undefined
        }
      />
    </>
  );
  if (o.status !== 'won' || others.length === 0) {
    return (
      <>
        {header}
        <div className="max-w-xl space-y-4">
          <Alert tone="info">{o.status !== 'won' ? t('opportunities.errors.notWon') : t('opportunities.others.none')}</Alert>
          <Link href={recordPath(id)} className={buttonClass('secondary')}>
            {t('opportunities.backToRecord')}
          </Link>
        </div>
      </>
    );
  }
  const rows = others.map((x) => ({
    id: x.id,
    name: x.name,
    stage: x.stageName,
    amount: formatMoney(format, x.amount, x.currency),
    expectedClose: x.expectedCloseDate ? formatDay(format, x.expectedCloseDate) : null,
    owner: x.ownerName,
  }));
  return (
    <>
      {header}
      <div className="max-w-4xl space-y-4">
        <Alert tone="success">{t('opportunities.notices.won')}</Alert>
        <OthersForm wonId={id} rows={rows} lostReasons={opportunityFormOptions(db, user).lostReasons} />
        <p className="text-sm text-slate-600">
          {t('opportunities.others.later')}{' '}
          <Link href={recordPath(id)} className="font-medium text-brand-700 hover:underline">
            {t('opportunities.others.skip')}
          </Link>
        </p>
      </div>
    </>
  );
}
