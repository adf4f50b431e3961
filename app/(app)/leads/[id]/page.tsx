import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { LeadStatusKind } from '@/db/schema';
import { requireUser } from '@/lib/auth/current-user';
import { customerFormOptions } from '@/lib/customers/options';
import { getLead, leadCustomerMatches, leadTimeline } from '@/lib/leads/queries';
import { timelineRefs } from '@/lib/leads/record-queries';
import { listLeadStatuses } from '@/lib/leads/statuses';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { DetailRow } from '@/components/ui/detail-row';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { TagBadge } from '@/components/ui/tag-badge';
import { LeadActivity } from '../_components/activity';
import { leadPath } from '../_components/paths';
import { DeleteLeadForm, ReopenForm, TakeChargeForm, TransferLeadForm } from '../_components/record-actions';
import { Stars } from '../_components/stars';
import { LeadStatusBar } from '../_components/status-bar';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await requireUser();
  const id = Number((await params).id);
  return { title: (Number.isInteger(id) ? getLead(getDb(), user, id)?.name : null) ?? (await getTranslations())('nav.leads') };
}

const NOTICES = ['taken', 'lost', 'reopened', 'transferred'] as const;
const TONE: Record<LeadStatusKind, 'blue' | 'gray' | 'green' | 'red'> = { new: 'blue', open: 'gray', converted: 'green', lost: 'red' };

/** The lead page (seed 002 "la fiche de la piste"): its status bar, details, score, matches, activity and what may be done with it. */
export default async function LeadPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string; merged?: string }> }) {
  const { user } = await requireUser();
  const db = getDb();
  const id = Number((await params).id);
  const lead = Number.isInteger(id) ? getLead(db, user, id) : null;
  if (!lead) return <RecordNotFound />;
  const t = await getTranslations();
  const format = await getFormatter();
  const sp = await searchParams;
  const notice = NOTICES.find((n) => n === sp.notice);
  const open = lead.converted === null && lead.closedAt === null;
  const lost = lead.converted === null && lead.closedAt !== null;
  const timeline = leadTimeline(db, user, id, 100);
  const refs = timelineRefs(db, user, timeline);
  const matches = open ? leadCustomerMatches(db, user, lead) : { companies: [], contacts: [] };
  const reopenable = lead.can.reopen;
  const transferOptions = lead.can.assign ? customerFormOptions(db, user) : null;
  const statuses = listLeadStatuses(db).map((s) => ({ id: s.id, name: s.name, kind: s.kind, color: s.color }));
  const day = (ms: number) => format.dateTime(new Date(ms), { day: 'numeric', month: 'long', year: 'numeric' });
  const points = (n: number) => format.number(n, { signDisplay: 'exceptZero' });
  // The country is said only when it is not France, as on company pages.
  const address = [lead.addressLine1, [lead.postalCode, lead.city].filter(Boolean).join(' '), lead.country === 'FR' ? null : lead.country].filter(Boolean);

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500 print:hidden">
        <Link href="/leads" className="hover:underline">{t('nav.leads')}</Link> /
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {lead.name}
            <Badge tone={TONE[lead.status.kind]}>{lead.status.name}</Badge>
            {lead.keyAccount ? <Badge tone="amber">{t('leads.keyAccountShort')}</Badge> : null}
          </span>
        }
        description={[lead.jobTitle, lead.companyName].filter(Boolean).join(' · ') || undefined}
        actions={
          <>
            {lead.can.take ? <TakeChargeForm id={id} /> : null}
            {lead.can.edit ? (
              <>
                <ButtonLink href={`${leadPath(id)}/convert`} variant={lead.can.take ? 'secondary' : 'primary'}>
                  {t('leads.actions.convert')}
                </ButtonLink>
                <ButtonLink variant="secondary" href={`${leadPath(id)}/lose`} className="text-red-800">
                  {t('leads.actions.lose')}
                </ButtonLink>
                <ButtonLink variant="secondary" href={`${leadPath(id)}/edit`}>
                  {t('common.edit')}
                </ButtonLink>
              </>
            ) : null}
            {reopenable ? (
              <ButtonLink variant="secondary" href="#reopen">
                {t('leads.reopen.title')}
              </ButtonLink>
            ) : null}
          </>
        }
      />
      {notice ? (
        <Alert tone="success" className="mb-4">
          {t(`leads.notices.${notice}`)}
        </Alert>
      ) : sp.merged ? (
        <Alert tone="success" className="mb-4">
          {t('merge.merged')}
        </Alert>
      ) : null}
      {lead.converted ? (
        <Alert tone="success" className="mb-4">
          {t('leads.convertedOn', { date: day(lead.closedAt ?? lead.updatedAt) })} {t('leads.readOnly')}
        </Alert>
      ) : null}
      {lost ? (
        <Alert tone="error" className="mb-4">
          <p>{t('leads.lostOn', { date: day(lead.closedAt!), reason: lead.lostReason?.name ?? '—' })}</p>
          {lead.lostComment ? <p className="mt-1 italic">{t('leads.activity.quote', { text: lead.lostComment })}</p> : null}
        </Alert>
      ) : null}

      <Card className="mb-6">
        <LeadStatusBar id={id} statuses={statuses} currentId={lead.status.id} editable={lead.can.edit} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {lead.converted ? (
            <Card aria-labelledby="became">
              <CardTitle id="became" description={t('leads.became.intro')}>
                {t('leads.became.title')}
              </CardTitle>
              <dl className="divide-y divide-slate-100">
                {(['company', 'contact', 'opportunity'] as const).map((k) => {
                  const r = lead.converted![k];
                  const href = k === 'company' ? `/companies/${r?.id}` : k === 'contact' ? `/contacts/${r?.id}` : `/opportunities/${r?.id}`;
                  return (
                    <DetailRow key={k} label={t(`leads.became.${k}`)}>
                      {r ? (
                        <Link href={href} className="font-medium text-brand-700 hover:underline">
                          {r.name}
                        </Link>
                      ) : (
                        <span className="text-slate-500">{t('leads.became.none')}</span>
                      )}
                    </DetailRow>
                  );
                })}
              </dl>
            </Card>
          ) : null}
          <Card aria-labelledby="details">
            <CardTitle id="details">{t('leads.details')}</CardTitle>
            <dl className="divide-y divide-slate-100">
              <DetailRow label={t('leads.fields.person')}>{[lead.civility ? t(`contacts.civilities.${lead.civility}`) : null, lead.name].filter(Boolean).join(' ')}</DetailRow>
              <DetailRow label={t('leads.fields.jobTitle')}>{lead.jobTitle}</DetailRow>
              <DetailRow label={t('leads.fields.companyName')}>{lead.companyName}</DetailRow>
              <DetailRow label={t('leads.fields.emails')}>
                {lead.email || lead.email2 ? (
                  <span className="flex flex-col">
                    {[lead.email, lead.email2].filter(Boolean).map((e) => (
                      <a key={e} href={`mailto:${e}`} className="text-brand-700 hover:underline">
                        {e}
                      </a>
                    ))}
                  </span>
                ) : null}
              </DetailRow>
              <DetailRow label={t('leads.fields.phones')}>
                {lead.phone || lead.mobile ? (
                  <span className="flex flex-col">
                    {[lead.phone, lead.mobile].filter(Boolean).map((p) => (
                      <a key={p} href={`tel:${p}`} className="hover:underline">
                        {p}
                      </a>
                    ))}
                  </span>
                ) : null}
              </DetailRow>
              <DetailRow label={t('leads.fields.website')}>
                {lead.website ? (
                  <a href={lead.website} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 hover:underline">
                    {lead.website}
                  </a>
                ) : null}
              </DetailRow>
              <DetailRow label={t('leads.fields.address')}>
                {address.length ? (
                  <address className="not-italic">
                    {address.map((line, i) => (
                      <span key={i} className="block">
                        {line}
                      </span>
                    ))}
                  </address>
                ) : null}
              </DetailRow>
              <DetailRow label={t('leads.fields.industry')}>{lead.industry?.name}</DetailRow>
              <DetailRow label={t('leads.fields.size')}>{lead.size ? t('companies.sizeLabel', { size: lead.size }) : null}</DetailRow>
              <DetailRow label={t('leads.fields.source')}>{lead.source?.name}</DetailRow>
              <DetailRow label={t('leads.fields.category')}>{lead.category?.name}</DetailRow>
              <DetailRow label={t('leads.fields.tags')}>
                {lead.tags.length ? (
                  <span className="flex flex-wrap gap-1">
                    {lead.tags.map((tag) => (
                      <TagBadge key={tag.id} color={tag.color}>
                        {tag.name}
                      </TagBadge>
                    ))}
                  </span>
                ) : null}
              </DetailRow>
              <DetailRow label={t('leads.fields.flags')}>
                {lead.doNotCall || lead.doNotEmail ? (
                  <span className="flex flex-wrap gap-1">
                    {lead.doNotCall ? <Badge tone="red">{t('leads.fields.doNotCall')}</Badge> : null}
                    {lead.doNotEmail ? <Badge tone="red">{t('leads.fields.doNotEmail')}</Badge> : null}
                  </span>
                ) : null}
              </DetailRow>
              <DetailRow label={t('leads.fields.owner')}>
                {lead.owner ? lead.owner.name : <span className="text-slate-700">{t('leads.queueOf', { team: lead.team?.name ?? '—' })}</span>}
              </DetailRow>
              <DetailRow label={t('leads.fields.team')}>{lead.team?.name}</DetailRow>
              {lead.fromCompany || lead.fromOpportunity ? (
                <DetailRow label={t('leads.fields.repeatOf')}>
                  {lead.fromOpportunity ? (
                    <Link href={`/opportunities/${lead.fromOpportunity.id}`} className="text-brand-700 hover:underline">
                      {lead.fromOpportunity.name}
                    </Link>
                  ) : null}
                  {lead.fromOpportunity && lead.fromCompany ? ' · ' : null}
                  {lead.fromCompany ? (
                    <Link href={`/companies/${lead.fromCompany.id}`} className="text-brand-700 hover:underline">
                      {lead.fromCompany.name}
                    </Link>
                  ) : null}
                </DetailRow>
              ) : null}
              <DetailRow label={t('leads.createdUpdated')}>{t('leads.createdUpdatedValue', { created: new Date(lead.createdAt), updated: new Date(lead.updatedAt) })}</DetailRow>
              <DetailRow label={t('leads.fields.lastActivity')}>{day(lead.lastActivityAt)}</DetailRow>
            </dl>
            {lead.description ? (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h3 className="text-sm font-medium text-slate-500">{t('leads.fields.description')}</h3>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-900">{lead.description}</p>
              </div>
            ) : null}
          </Card>
          <Card aria-labelledby="activity">
            <CardTitle id="activity">{t('leads.activity.title')}</CardTitle>
            <LeadActivity entries={timeline} refs={refs} />
          </Card>
        </div>

        <div className="space-y-6">
          <Card aria-labelledby="score">
            <CardTitle id="score">{t('leads.score.title')}</CardTitle>
            <dl className="grid grid-cols-2 gap-4">
              <div>
                <dt className="text-sm text-slate-500">{t('leads.fields.manualScore')}</dt>
                <dd className="mt-1 text-lg">
                  <Stars score={lead.manualScore} label={t('opportunities.score.stars', { n: lead.manualScore })} />
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-500">{t('leads.score.computed')}</dt>
                <dd className="mt-1 text-lg font-semibold text-slate-900 tabular-nums">{format.number(lead.computedScore)}</dd>
              </div>
            </dl>
            <h3 className="mt-4 border-t border-slate-100 pt-3 text-sm font-medium text-slate-500">{t('leads.score.breakdown')}</h3>
            {lead.scoreBreakdown.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">{t('leads.score.noRule')}</p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm">
                {lead.scoreBreakdown.map((b, i) => (
                  <li key={`${b.ruleId}-${i}`} className="flex justify-between gap-3">
                    <span className={b.name ? 'text-slate-800' : 'text-slate-500 italic'}>{b.name ?? t('leads.score.deletedRule')}</span>
                    <span className={b.points < 0 ? 'font-medium text-red-700 tabular-nums' : 'font-medium text-emerald-700 tabular-nums'}>{points(b.points)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          {matches.companies.length || matches.contacts.length ? (
            <Card aria-labelledby="matches">
              <CardTitle id="matches" description={t('leads.matches.intro')}>
                {t('leads.matches.title')}
              </CardTitle>
              <ul className="space-y-2 text-sm">
                {matches.companies.map((m) => (
                  <li key={`company-${m.id}`}>
                    {t('leads.matches.company')}{' '}
                    <Link href={`/companies/${m.id}`} className="font-medium text-brand-700 hover:underline">
                      {m.name}
                    </Link>{' '}
                    <span className="text-xs text-slate-500">({m.reasons.map((r) => t(`duplicates.reasons.${r}`)).join(', ')})</span>
                    {lead.can.edit ? (
                      <Link href={`${leadPath(id)}/convert?companyId=${m.id}`} className="mt-0.5 block text-xs font-medium text-brand-700 hover:underline print:hidden">
                        {t('leads.matches.convertOnto', { company: m.name })}
                      </Link>
                    ) : null}
                  </li>
                ))}
                {matches.contacts.map((m) => (
                  <li key={`contact-${m.id}`}>
                    {t('leads.matches.contact')}{' '}
                    <Link href={`/contacts/${m.id}`} className="font-medium text-brand-700 hover:underline">
                      {m.name}
                    </Link>{' '}
                    <span className="text-xs text-slate-500">({m.reasons.map((r) => t(`duplicates.reasons.${r}`)).join(', ')})</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          {reopenable ? (
            <Card aria-labelledby="reopen" className="print:hidden">
              <CardTitle id="reopen" description={t('leads.reopen.intro')}>
                {t('leads.reopen.title')}
              </CardTitle>
              <ReopenForm id={id} />
            </Card>
          ) : null}

          {transferOptions || lead.can.delete ? (
            <Card aria-labelledby="manage" className="print:hidden">
              <CardTitle id="manage">{t('leads.manage')}</CardTitle>
              <div className="space-y-5">
                {transferOptions ? (
                  <details>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('leads.transfer.open')}</summary>
                    <div className="mt-3">
                      <TransferLeadForm id={id} owners={transferOptions.owners} teams={transferOptions.teams} ownerId={lead.owner?.id ?? null} />
                    </div>
                  </details>
                ) : null}
                {lead.can.delete ? <DeleteLeadForm id={id} /> : null}
              </div>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
