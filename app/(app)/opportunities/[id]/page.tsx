import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { customerFormOptions } from '@/lib/customers/options';
import { weighted } from '@/lib/opportunities/money';
import { getOpportunity, opportunityTimeline } from '@/lib/opportunities/queries';
import { canCreate } from '@/lib/permissions';
import { listStages } from '@/lib/pipelines/queries';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { DetailRow } from '@/components/ui/detail-row';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { TagBadge } from '@/components/ui/tag-badge';
import { TransferForm } from '../../companies/_components/company-actions';
import { transferOpportunityAction } from '../actions';
import { Activity } from '../_components/activity';
import { formatDay, formatMoney } from '../_components/format';
import { DeleteOpportunityForm, ReopenForm } from '../_components/record-actions';
import { StagePath } from '../_components/stage-path';
import { LeadConvertedNotice } from '../../leads/_components/converted-notice';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await requireUser();
  const id = Number((await params).id);
  return { title: (Number.isInteger(id) ? getOpportunity(getDb(), user, id)?.name : null) ?? (await getTranslations())('nav.opportunities') };
}

const NOTICES = ['won', 'lost', 'reopened', 'transferred'] as const;

/** Stars for the score, with the number for screen readers. */
function Stars({ score, label }: { score: number; label: string }) {
  return (
    <span>
      <span aria-hidden="true" className="tracking-wider">
        <span className="text-amber-500">{'★'.repeat(score)}</span>
        <span className="text-slate-300">{'★'.repeat(5 - score)}</span>
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** The opportunity page: its stage bar, details, activity panel and what may be done with it. */
export default async function OpportunityPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string; lost?: string; kept?: string; converted?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const o = Number.isInteger(id) ? getOpportunity(db, user, id) : null;
  if (!o) return <RecordNotFound />;
  const t = await getTranslations();
  const format = await getFormatter();
  const sp = await searchParams;
  const open = o.status === 'open';
  const stages = listStages(db, o.pipeline.id).map((s) => ({ id: s.id, name: s.name, kind: s.kind }));
  const timeline = opportunityTimeline(db, user, id, 100);
  const transferOptions = o.can.assign ? customerFormOptions(db, user) : null;
  const money = (cents: number | null) => (cents === null ? null : formatMoney(format, cents, o.currency));
  const notice = NOTICES.find((n) => n === sp.notice);
  const othersNotice = sp.lost !== undefined && /^\d+$/.test(sp.lost) && /^\d+$/.test(sp.kept ?? '') ? { lost: Number(sp.lost), kept: Number(sp.kept) } : null;

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/opportunities" className="hover:underline">{t('nav.opportunities')}</Link> /{' '}
        <Link href={`/companies/${o.company.id}`} className="hover:underline">{o.company.name}</Link> /
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {o.name}
            {o.status === 'open' ? <Badge tone="blue">{t('opportunities.status.open')}</Badge> : <Badge tone={o.status === 'won' ? 'green' : 'red'}>{t(`opportunities.status.${o.status}`)}</Badge>}
          </span>
        }
        description={
          <>
            <Link href={`/companies/${o.company.id}`} className="font-medium text-brand-700 hover:underline">
              {o.company.name}
            </Link>
            {' · '}
            {t(`companies.types.${o.company.type}`)}
            {o.company.archived ? ` · ${t('companies.archived')}` : null}
          </>
        }
        actions={
          <>
            {o.status === 'won' && canCreate(user) ? (
              <ButtonLink variant="secondary" href={`/leads/new?fromOpportunity=${id}`}>
                {t('leads.repeat.link')}
              </ButtonLink>
            ) : null}
            {o.can.edit ? (
              open ? (
                <>
                  <ButtonLink href={`/opportunities/${id}/edit`}>{t('common.edit')}</ButtonLink>
                  <ButtonLink variant="secondary" href={`/opportunities/${id}/close?outcome=won`} className="text-emerald-800">
                    {t('opportunities.actions.won')}
                  </ButtonLink>
                  <ButtonLink variant="secondary" href={`/opportunities/${id}/close?outcome=lost`} className="text-red-800">
                    {t('opportunities.actions.lost')}
                  </ButtonLink>
                </>
              ) : (
                <ButtonLink variant="secondary" href="#reopen">
                  {t('opportunities.reopen.title')}
                </ButtonLink>
              )
            ) : null}
          </>
        }
      />
      <LeadConvertedNotice leadId={sp.converted} />
      {notice ? (
        <Alert tone="success" className="mb-4">
          {t(`opportunities.notices.${notice}`)}
        </Alert>
      ) : null}
      {othersNotice ? (
        <Alert tone="success" className="mb-4">
          {t('opportunities.notices.others', othersNotice)}
        </Alert>
      ) : null}
      {!open ? (
        <Alert tone={o.status === 'won' ? 'success' : 'error'} className="mb-4">
          {t(o.status === 'won' ? 'opportunities.closedWon' : 'opportunities.closedLost', { date: o.closeDate ? formatDay(format, o.closeDate) : '—' })}{' '}
          {o.can.edit ? t('opportunities.readOnly') : null}
        </Alert>
      ) : null}

      <Card className="mb-6">
        <StagePath id={id} stages={stages} currentId={o.stage.id} status={o.status} editable={o.can.edit} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="details">
            <CardTitle id="details">{t('opportunities.details')}</CardTitle>
            <dl className="divide-y divide-slate-100">
              <DetailRow label={t('opportunities.fields.amount')}>
                <span className="font-semibold tabular-nums">{money(o.amount)}</span>
              </DetailRow>
              <DetailRow label={t('opportunities.fields.worstBest')}>
                {o.worstCase !== null || o.bestCase !== null ? (
                  <span className="tabular-nums">
                    {money(o.worstCase) ?? '—'} – {money(o.bestCase) ?? '—'}
                  </span>
                ) : null}
              </DetailRow>
              <DetailRow label={t('opportunities.fields.probability')}>
                {o.effectiveProbability} %{o.probability === null ? <span className="text-slate-500"> {t('opportunities.stageDefault')}</span> : null}
              </DetailRow>
              <DetailRow label={t('opportunities.fields.weighted')}>
                <span className="tabular-nums">{money(weighted(o.amount, o.effectiveProbability))}</span>
              </DetailRow>
              <DetailRow label={t('opportunities.fields.score')}>
                <Stars score={o.score} label={t('opportunities.score.stars', { n: o.score })} />
              </DetailRow>
              <DetailRow label={t('opportunities.fields.pipelineStage')}>
                {o.pipeline.name} · {o.stage.name}
              </DetailRow>
              <DetailRow label={t('opportunities.fields.expectedCloseDate')}>{o.expectedCloseDate ? formatDay(format, o.expectedCloseDate) : null}</DetailRow>
              {!open ? (
                <>
                  <DetailRow label={t('opportunities.fields.closeDate')}>
                    {o.closeDate ? formatDay(format, o.closeDate) : null}
                    {o.closedBy ? <span className="text-slate-500"> · {o.closedBy}</span> : null}
                  </DetailRow>
                  {o.status === 'lost' ? (
                    <>
                      <DetailRow label={t('opportunities.fields.lostReason')}>{o.lostReason?.name}</DetailRow>
                      <DetailRow label={t('opportunities.fields.competitor')}>{o.competitor}</DetailRow>
                    </>
                  ) : null}
                </>
              ) : null}
              <DetailRow label={t('opportunities.fields.type')}>{o.type?.name}</DetailRow>
              <DetailRow label={t('opportunities.fields.source')}>{o.source?.name}</DetailRow>
              {o.leadId ? (
                <DetailRow label={t('opportunities.fields.lead')}>
                  <Link href={`/leads/${o.leadId}`} className="text-brand-700 hover:underline">
                    {t('opportunities.leadRef', { id: o.leadId })}
                  </Link>
                </DetailRow>
              ) : null}
              <DetailRow label={t('opportunities.fields.contacts')}>
                {o.contacts.length ? (
                  <ul className="space-y-1">
                    {o.contacts.map((c) => (
                      <li key={c.id}>
                        <Link href={`/contacts/${c.id}`} className="text-brand-700 hover:underline">
                          {c.name}
                        </Link>
                        {c.isPrimary ? (
                          <>
                            {' '}
                            <Badge tone="blue">{t('opportunities.fields.primary')}</Badge>
                          </>
                        ) : null}
                        {c.email ? <span className="text-slate-500"> · {c.email}</span> : null}
                        {c.phone ? <span className="text-slate-500"> · {c.phone}</span> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </DetailRow>
              <DetailRow label={t('opportunities.fields.owner')}>{[o.owner?.name, o.team?.name].filter(Boolean).join(' · ') || null}</DetailRow>
              <DetailRow label={t('opportunities.fields.tags')}>
                {o.tags.length ? (
                  <span className="flex flex-wrap gap-1">
                    {o.tags.map((tag) => (
                      <TagBadge key={tag.id} color={tag.color}>
                        {tag.name}
                      </TagBadge>
                    ))}
                  </span>
                ) : null}
              </DetailRow>
              <DetailRow label={t('opportunities.createdUpdated')}>{t('opportunities.createdUpdatedValue', { created: new Date(o.createdAt), updated: new Date(o.updatedAt) })}</DetailRow>
            </dl>
            {o.description ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h3 className="text-sm font-medium text-slate-500">{t('opportunities.fields.description')}</h3>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-900">{o.description}</p>
              </div>
            ) : null}
          </Card>
          <Card aria-labelledby="activity">
            <CardTitle id="activity">{t('opportunities.activity.title')}</CardTitle>
            <Activity entries={timeline} currency={o.currency} />
          </Card>
        </div>
        <div className="space-y-6">
          {!open && o.can.edit ? (
            <Card aria-labelledby="reopen" className="print:hidden">
              <CardTitle id="reopen" description={t('opportunities.reopen.intro')}>
                {t('opportunities.reopen.title')}
              </CardTitle>
              <ReopenForm id={id} />
            </Card>
          ) : null}
          {transferOptions || o.can.delete ? (
            <Card aria-labelledby="manage" className="print:hidden">
              <CardTitle id="manage">{t('opportunities.manage')}</CardTitle>
              <div className="space-y-5">
                {transferOptions ? (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('opportunities.transfer')}</summary>
                    <div className="mt-3">
                      <TransferForm id={id} owners={transferOptions.owners} teams={transferOptions.teams} ownerId={o.owner?.id ?? null} action={transferOpportunityAction} />
                    </div>
                  </details>
                ) : null}
                {o.can.delete ? <DeleteOpportunityForm id={id} /> : null}
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
