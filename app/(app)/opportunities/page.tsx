import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { getCompany } from '@/lib/companies/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { BULK_MAX } from '@/lib/customers/bulk';
import { dayIn } from '@/lib/opportunities/dates';
import { defaultSort, LIST_STATUSES, listOpportunities, monthRange, OPPORTUNITY_SORTS, type ListStatus, type OpportunityFilters, type OpportunityListRow, type OpportunitySort } from '@/lib/opportunities/list';
import { parseMoney } from '@/lib/opportunities/money';
import { opportunityFormOptions } from '@/lib/opportunities/queries';
import { listPipelines } from '@/lib/pipelines/queries';
import { canCreate } from '@/lib/permissions';
import { getOrgSettings } from '@/lib/settings/queries';
import { COLUMNS, configFromParams, paramsFromConfig } from '@/lib/views/columns';
import { listViews } from '@/lib/views/queries';
import { Badge } from '@/components/ui/badge';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/input-class';
import { Icon } from '@/components/shell/icons';
import { bulkAction } from '../_views/actions';
import { BulkControls, ColumnsChooser, FilterSelect, NoticeBanner, Pager, ViewForms, ViewsBar } from '../_views/list-parts';
import { STAGE_DOT } from '../settings/pipelines/_components/stage-colors';
import { formatDay, formatMoney } from './_components/format';
import { OppTabs } from './_components/opp-tabs';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('nav.opportunities') };
}

type Search = Record<string, string | string[] | undefined>;
const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
const NOTICE_KEYS = ['notice', 'error', 'count', 'total', 'max', 'deleted'];
const RIGHT = new Set(['amount', 'weighted', 'probability']);

/** An amount typed in a filter (major units, French or English) in cents; `bad` when it isn't one. */
function amountFilter(v: string | undefined): { cents?: number; bad: boolean } {
  if (!v?.trim()) return { bad: false };
  const c = parseMoney(v);
  return c === null || c < 0 ? { bad: true } : { cents: c, bad: false };
}

export default async function OpportunitiesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const format = await getFormatter();
  const raw = await searchParams;
  const db = getDb();
  // The columns chooser posts col=…&pos_…=…: turn it into the canonical cols=… once.
  if (raw.col !== undefined) redirect(`/opportunities?${paramsFromConfig('opportunities', configFromParams('opportunities', raw)).toString()}`);
  let sp: Record<string, string | undefined> = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const views = listViews(db, user, 'opportunities');
  // Nothing asked for: the user's default view, else the built-in one ("My opportunities" for sales users).
  const bare = Object.keys(sp).every((k) => NOTICE_KEYS.includes(k));
  const activeView = (bare ? views.find((v) => v.isDefault) : views.find((v) => String(v.id) === sp.view)) ?? null;
  if (bare && activeView) sp = { ...sp, ...Object.fromEntries(paramsFromConfig('opportunities', activeView.config)), view: String(activeView.id) };
  const owner = sp.owner ?? (user.role === 'sales' ? String(user.id) : 'all');
  const status: ListStatus = (LIST_STATUSES as readonly string[]).includes(sp.status ?? '') ? (sp.status as ListStatus) : 'open';
  // The status's own order isn't written in the URL (or a view): it follows the status.
  const config = configFromParams('opportunities', { ...sp, owner, status, sort: sp.sort === defaultSort(status) ? undefined : sp.sort });
  const sort: OpportunitySort = config.sort ?? defaultSort(status);
  const settings = getOrgSettings(db);
  const today = dayIn(settings.timeZone, Date.now());
  const min = amountFilter(sp.min);
  const max = amountFilter(sp.max);
  const filters: OpportunityFilters = {
    status,
    ownerId: owner === 'all' ? undefined : num(owner),
    teamId: num(sp.team),
    pipelineId: num(sp.pipeline),
    stageId: num(sp.stage),
    month: monthRange(sp.month) ? sp.month : undefined,
    minAmount: min.cents,
    maxAmount: max.cents,
    typeId: num(sp.type),
    tagId: num(sp.tag),
    companyId: num(sp.company),
    sort,
  };
  const { rows, nextCursor } = listOpportunities(db, user, filters, sp.cursor);
  const options = opportunityFormOptions(db, user, {}, 'filter');
  const formOptions = customerFormOptions(db, user);
  const company = filters.companyId ? getCompany(db, user, filters.companyId) : null;
  const pipelineNames = new Map(listPipelines(db, { includeArchived: true }).map((p) => [String(p.id), p.name]));
  const keep = paramsFromConfig('opportunities', config);
  if (activeView && sp.view) keep.set('view', String(activeView.id));
  const query = paramsFromConfig('opportunities', config).toString();
  const filtered = Object.entries(sp).some(([k, v]) => !['cursor', 'view', 'owner', 'status', 'sort', 'cols', ...NOTICE_KEYS].includes(k) && v);
  const canBulk = canCreate(user);
  const any = { value: '', label: t('common.any') };
  const select = (name: string, label: string, value: string | undefined, opts: { value: string; label: string }[]) => <FilterSelect name={name} label={label} value={value} options={opts} />;
  const labels: Record<string, string> = Object.fromEntries(COLUMNS.opportunities.map((c) => [c, t(`opportunityList.col.${c}`)]));
  const money = (cents: number, currency: string) => <span className="whitespace-nowrap tabular-nums">{formatMoney(format, cents, currency)}</span>;
  const statusBadge = (o: OpportunityListRow) =>
    o.status === 'open' ? (
      <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
        <span className={cn('size-2 shrink-0 rounded-full', STAGE_DOT[o.stageColor])} aria-hidden="true" />
        {o.stageName}
      </span>
    ) : (
      <Badge tone={o.status === 'won' ? 'green' : 'red'}>{o.stageName}</Badge>
    );
  const cell: Record<string, (o: OpportunityListRow) => ReactNode> = {
    name: (o) => (
      <span className="flex items-center gap-2">
        {o.status !== 'open' ? <span className={cn('size-2 shrink-0 rounded-full', o.status === 'won' ? 'bg-emerald-500' : 'bg-red-500')} aria-hidden="true" /> : null}
        <Link href={`/opportunities/${o.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {o.name}
        </Link>
        {o.status !== 'open' ? <span className="sr-only">({t(`opportunityList.status.${o.status}`)})</span> : null}
      </span>
    ),
    company: (o) => (
      <Link href={`/companies/${o.companyId}`} className="hover:underline">
        {o.companyName}
      </Link>
    ),
    pipeline: (o) => o.pipelineName,
    stage: statusBadge,
    amount: (o) => money(o.amount, o.currency),
    weighted: (o) => money(o.weighted, o.currency),
    probability: (o) => <span className="tabular-nums">{format.number(o.probability / 100, { style: 'percent' })}</span>,
    closeDate: (o) => {
      if (o.status !== 'open') return o.closeDate ? <span className="whitespace-nowrap">{formatDay(format, o.closeDate)}</span> : '—';
      if (!o.expectedCloseDate) return '—';
      const overdue = o.expectedCloseDate < today;
      return (
        <span className={cn('whitespace-nowrap', overdue && 'font-medium text-red-700')}>
          {formatDay(format, o.expectedCloseDate)}
          {overdue ? <span className="sr-only"> ({t('opportunityList.overdue')})</span> : null}
        </span>
      );
    },
    owner: (o) => o.ownerName ?? '—',
    team: (o) => o.teamName ?? '—',
    score: (o) => (
      <span className="whitespace-nowrap text-amber-500">
        <span aria-hidden="true">{'★'.repeat(o.score)}<span className="text-slate-300">{'★'.repeat(5 - o.score)}</span></span>
        <span className="sr-only">{t('opportunityList.score', { score: o.score })}</span>
      </span>
    ),
    type: (o) => o.typeName ?? '—',
    created: (o) => <span className="whitespace-nowrap">{format.dateTime(new Date(o.createdAt), { dateStyle: 'medium', timeZone: settings.timeZone })}</span>,
    tags: (o) => o.tags ?? '—',
  };
  const mine = String(user.id);
  const builtIn = (o: string, s: ListStatus) => owner === o && status === s && keep.size === 2;
  const stageLabel = (s: { label: string; pipelineId: number }) => (pipelineNames.size > 1 ? `${pipelineNames.get(String(s.pipelineId)) ?? ''} · ${s.label}` : s.label);
  return (
    <>
      <PageHeader
        title={t('nav.opportunities')}
        description={t('areas.opportunities.description')}
        actions={canCreate(user) ? <ButtonLink href="/opportunities/new">{t('opportunityList.new')}</ButtonLink> : null}
      />
      <OppTabs current="list" />
      {sp.deleted ? (
        <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">
          {t('opportunities.deleted')}
        </p>
      ) : null}
      <NoticeBanner sp={sp} />
      <ViewsBar
        area="opportunities"
        views={views}
        active={activeView}
        builtIn={[
          { label: t('opportunityList.builtIn.mine'), href: `/opportunities?owner=${mine}`, current: builtIn(mine, 'open') },
          { label: t('opportunityList.builtIn.open'), href: '/opportunities?owner=all', current: builtIn('all', 'open') },
          { label: t('opportunityList.builtIn.closed'), href: '/opportunities?owner=all&status=closed', current: builtIn('all', 'closed') },
        ]}
      />
      {company ? (
        <p className="mb-4 flex flex-wrap items-center gap-3 text-sm text-slate-700">
          <span>{t('opportunityList.ofCompany', { name: company.name })}</span>
          <Link href={`/opportunities?${new URLSearchParams([...keep].filter(([k]) => k !== 'company')).toString()}`} className="font-semibold text-brand-700 hover:underline">
            {t('opportunityList.allCompanies')}
          </Link>
        </p>
      ) : null}
      <form key={keep.toString()} method="get" className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-6" aria-label={t('common.filters')}>
        {sp.company ? <input type="hidden" name="company" value={sp.company} /> : null}
        {select(
          'status',
          t('opportunityList.status.label'),
          status,
          LIST_STATUSES.map((s) => ({ value: s, label: t(`opportunityList.status.${s}`) })),
        )}
        {select('owner', t('opportunityList.col.owner'), owner, [{ value: 'all', label: t('common.everyone') }, { value: mine, label: t('common.mine') }, ...options.owners.filter((o) => o.value !== mine)])}
        {select('team', t('opportunityList.col.team'), sp.team, [any, ...options.teams])}
        {select('pipeline', t('opportunityList.col.pipeline'), sp.pipeline, [any, ...options.pipelines.map((p) => ({ value: p.value, label: p.label }))])}
        {select('stage', t('opportunityList.col.stage'), sp.stage, [any, ...options.stages.map((s) => ({ value: s.value, label: stageLabel(s) }))])}
        {select('type', t('opportunityList.col.type'), sp.type, [any, ...options.types])}
        <label className="block text-xs font-medium text-slate-600">
          {t('opportunityList.filter.month')}
          <input type="month" name="month" defaultValue={monthRange(sp.month) ? sp.month : ''} placeholder="2026-03" pattern="\d{4}-\d{2}" aria-describedby="month-help" className={`${inputClass} mt-1`} />
          <span id="month-help" className="mt-1 block font-normal text-slate-500">
            {t('opportunityList.filter.monthHelp')}
          </span>
        </label>
        {(['min', 'max'] as const).map((k) => {
          const bad = (k === 'min' ? min : max).bad;
          return (
            <label key={k} className="block text-xs font-medium text-slate-600">
              {t(`opportunityList.filter.${k}`)}
              <input
                name={k}
                inputMode="decimal"
                defaultValue={sp[k] ?? ''}
                aria-invalid={bad || undefined}
                aria-describedby={bad ? `${k}-error` : undefined}
                className={cn(inputClass, 'mt-1', bad && 'ring-red-500')}
              />
              {bad ? (
                <span id={`${k}-error`} className="mt-1 block font-normal text-red-700">
                  {t('opportunities.errors.invalidAmount')}
                </span>
              ) : null}
            </label>
          );
        })}
        {select('tag', t('opportunityList.col.tags'), sp.tag, [any, ...options.tags])}
        {select(
          'sort',
          t('views.sort.label'),
          sort,
          OPPORTUNITY_SORTS.map((s) => ({ value: s, label: t(`opportunityList.sort.${s}`) })),
        )}
        {keep.get('cols') ? <input type="hidden" name="cols" value={keep.get('cols')!} /> : null}
        <div className="flex items-end justify-end gap-2 sm:col-span-3 lg:col-span-6">
          {filtered || status !== 'open' ? (
            <Link href="/opportunities?owner=all" className={buttonClass('ghost')}>
              {t('common.reset')}
            </Link>
          ) : null}
          <button type="submit" className={buttonClass('secondary')}>
            {t('common.filter')}
          </button>
        </div>
      </form>
      <div className="mb-4 flex flex-wrap items-start gap-4">
        <ColumnsChooser area="opportunities" config={config} labels={labels} />
        <ViewForms area="opportunities" query={query} active={activeView} teams={formOptions.teams} />
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={<Icon name="opportunities" className="size-10" />} title={filtered || sp.cursor || status !== 'open' ? t('opportunityList.noMatch') : t('areas.opportunities.emptyTitle')}>
          <p>{filtered || status !== 'open' ? t('opportunityList.noMatchBody') : t('areas.opportunities.emptyBody')}</p>
        </EmptyState>
      ) : (
        // One form around the table: the row checkboxes and the reassignment post together, JavaScript or not.
        <form action={bulkAction} aria-label={t('views.bulk.title')}>
          <input type="hidden" name="kind" value="opportunity" />
          <input type="hidden" name="query" value={keep.toString()} />
          {canBulk ? <BulkControls owners={formOptions.owners} teams={formOptions.teams} max={BULK_MAX} assignOnly /> : null}
          <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t('nav.opportunities')}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  {canBulk ? (
                    <th scope="col" className="w-10 px-4 py-3">
                      <span className="sr-only">{t('views.bulk.title')}</span>
                    </th>
                  ) : null}
                  {config.columns.map((col) => (
                    <th key={col} scope="col" className={cn('px-4 py-3', RIGHT.has(col) && 'text-right')}>
                      {labels[col]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((o) => (
                  <tr key={o.id} data-status={o.status} className={o.status === 'won' ? 'bg-emerald-50/60' : o.status === 'lost' ? 'bg-red-50/60' : undefined}>
                    {canBulk ? (
                      <td className="px-4 py-3">
                        <input type="checkbox" name="ids" value={o.id} aria-label={t('views.bulk.select', { name: o.name })} className="size-4 rounded border-slate-300" />
                      </td>
                    ) : null}
                    {config.columns.map((col) => (
                      <td key={col} className={cn('px-4 py-3', RIGHT.has(col) && 'text-right')}>
                        {cell[col]?.(o)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </form>
      )}
      <Pager path="/opportunities" keep={keep} atStart={!sp.cursor} nextCursor={nextCursor} />
    </>
  );
}
