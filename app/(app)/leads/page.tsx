import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { BULK_MAX } from '@/lib/customers/bulk';
import { DEFAULT_LEAD_SORT, LEAD_SORTS, LEAD_STATES, listLeads, type LeadFilters, type LeadListRow, type LeadSort, type LeadState } from '@/lib/leads/list';
import { leadListOptions } from '@/lib/leads/queries';
import { isTerminalKind } from '@/lib/leads/statuses';
import { canCreate } from '@/lib/permissions';
import { getOrgSettings } from '@/lib/settings/queries';
import { COLUMNS, configFromParams, paramsFromConfig } from '@/lib/views/columns';
import { listViews } from '@/lib/views/queries';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { inputClass } from '@/components/ui/input-class';
import { PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/shell/icons';
import { bulkAction } from '../_views/actions';
import { BulkControls, ColumnsChooser, dayStart, FilterSelect, NoticeBanner, Pager, ViewForms, ViewsBar } from '../_views/list-parts';
import { STAGE_DOT } from '../settings/pipelines/_components/stage-colors';
import { LeadTabs } from './_components/lead-tabs';
import { ComputedScore, Stars } from './_components/list-score';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('nav.leads') };
}

type Search = Record<string, string | string[] | undefined>;
const num = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
const NOTICE_KEYS = ['notice', 'error', 'count', 'total', 'max', 'deleted'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default async function LeadsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const format = await getFormatter();
  const raw = await searchParams;
  const db = getDb();
  // The columns chooser posts col=…&pos_…=…: turn it into the canonical cols=… once.
  if (raw.col !== undefined) redirect(`/leads?${paramsFromConfig('leads', configFromParams('leads', raw)).toString()}`);
  let sp: Record<string, string | undefined> = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const views = listViews(db, user, 'leads');
  // Nothing asked for: the user's default view, else the built-in one ("My leads" for sales users).
  const bare = Object.keys(sp).every((k) => NOTICE_KEYS.includes(k));
  const activeView = (bare ? views.find((v) => v.isDefault) : views.find((v) => String(v.id) === sp.view)) ?? null;
  if (bare && activeView) sp = { ...sp, ...Object.fromEntries(paramsFromConfig('leads', activeView.config)), view: String(activeView.id) };
  // "mine" stays a word in URLs and views: a shared "My leads" view means each viewer's own.
  const owner = sp.owner ?? (user.role === 'sales' ? 'mine' : 'all');
  const state: LeadState = (LEAD_STATES as readonly string[]).includes(sp.state ?? '') ? (sp.state as LeadState) : 'open';
  const config = configFromParams('leads', { ...sp, owner, state });
  const sort: LeadSort = config.sort ?? DEFAULT_LEAD_SORT;
  const { timeZone } = getOrgSettings(db);
  const minScore = sp.minScore && /^-?\d{1,4}$/.test(sp.minScore.trim()) ? Number(sp.minScore.trim()) : undefined;
  const badMinScore = !!sp.minScore?.trim() && minScore === undefined;
  const filters: LeadFilters = {
    state,
    statusId: num(sp.status),
    owner: owner === 'mine' ? user.id : owner === 'unassigned' ? 'unassigned' : owner === 'all' ? undefined : num(owner),
    teamId: num(sp.team),
    sourceId: num(sp.source),
    tagId: num(sp.tag),
    minScore,
    createdFrom: dayStart(sp.from, timeZone),
    createdTo: dayStart(sp.to, timeZone, 1),
    sort,
  };
  const { rows, nextCursor } = listLeads(db, user, filters, sp.cursor);
  // The filters' choices and the bulk form's, each list read once.
  const { filter: options, form: formOptions } = leadListOptions(db, user);
  const keep = paramsFromConfig('leads', config);
  if (activeView && sp.view) keep.set('view', String(activeView.id));
  const query = paramsFromConfig('leads', config).toString();
  const filtered = Object.entries(sp).some(([k, v]) => !['cursor', 'view', 'owner', 'state', 'sort', 'cols', ...NOTICE_KEYS].includes(k) && v);
  const canBulk = canCreate(user);
  const any = { value: '', label: t('common.any') };
  const select = (name: string, label: string, value: string | undefined, opts: { value: string; label: string }[]) => <FilterSelect name={name} label={label} value={value} options={opts} />;
  const labels: Record<string, string> = Object.fromEntries(COLUMNS.leads.map((c) => [c, t(`leadList.col.${c}`)]));
  const anyTake = rows.some((r) => r.canTake);
  const cell: Record<string, (l: LeadListRow) => ReactNode> = {
    name: (l) => (
      <Link href={`/leads/${l.id}`} className="font-medium whitespace-nowrap text-slate-900 hover:text-brand-700 hover:underline">
        {l.name}
      </Link>
    ),
    company: (l) => l.companyName ?? '—',
    phone: (l) => <span className="whitespace-nowrap">{l.phone ?? '—'}</span>,
    email: (l) => l.email ?? '—',
    city: (l) => l.city ?? '—',
    status: (l) => (
      <span
        className={cn(
          'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
          l.statusKind === 'converted' ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : l.statusKind === 'lost' ? 'bg-red-50 text-red-800 ring-red-200' : 'bg-white text-slate-800 ring-slate-300',
        )}
      >
        <span className={cn('size-2 shrink-0 rounded-full', STAGE_DOT[l.statusColor])} aria-hidden="true" />
        {l.statusName}
      </span>
    ),
    owner: (l) => l.ownerName ?? <span className="text-slate-600 italic">{t('leadList.unassigned')}</span>,
    team: (l) => l.teamName ?? '—',
    score: (l) => <ComputedScore score={l.computedScore} label={t('leadList.computedScore', { score: l.computedScore })} />,
    stars: (l) => <Stars score={l.manualScore} label={t('leadList.stars', { score: l.manualScore })} />,
    source: (l) => l.sourceName ?? '—',
    created: (l) => <span className="whitespace-nowrap">{format.dateTime(new Date(l.createdAt), { dateStyle: 'medium', timeZone })}</span>,
    tags: (l) => l.tags ?? '—',
  };
  const builtIn = (o: string, s: LeadState) => owner === o && state === s && keep.size === 2;
  const ownerOptions = [
    { value: 'all', label: t('common.everyone') },
    { value: 'mine', label: t('common.mine') },
    { value: 'unassigned', label: t('leadList.unassignedQueue') },
    ...options.owners.filter((o) => o.value !== String(user.id)),
  ];
  // Bulk "change status": the working statuses only (converted and lost have their own steps).
  const movable = formOptions.statuses.filter((s) => !isTerminalKind(s.kind)).map((s) => ({ value: s.value, label: s.label }));
  const RIGHT = new Set(['score']);
  return (
    <>
      <PageHeader title={t('nav.leads')} description={t('areas.leads.description')} actions={canCreate(user) ? <ButtonLink href="/leads/new">{t('leadList.new')}</ButtonLink> : null} />
      <LeadTabs current="list" />
      {sp.deleted ? (
        <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">
          {t('leadList.deleted')}
        </p>
      ) : null}
      <NoticeBanner sp={sp} />
      <ViewsBar
        area="leads"
        views={views}
        active={activeView}
        builtIn={[
          { label: t('leadList.builtIn.mine'), href: '/leads?owner=mine', current: builtIn('mine', 'open') },
          { label: t('leadList.builtIn.open'), href: '/leads?owner=all', current: builtIn('all', 'open') },
          { label: t('leadList.builtIn.closed'), href: '/leads?owner=all&state=closed', current: builtIn('all', 'closed') },
        ]}
      />
      <form key={keep.toString()} method="get" className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-6" aria-label={t('common.filters')}>
        {select(
          'state',
          t('leadList.state.label'),
          state,
          LEAD_STATES.map((s) => ({ value: s, label: t(`leadList.state.${s}`) })),
        )}
        {select('status', t('leadList.col.status'), sp.status, [any, ...options.statuses.map((s) => ({ value: s.value, label: s.label }))])}
        {select('owner', t('leadList.col.owner'), owner, ownerOptions)}
        {select('team', t('leadList.col.team'), sp.team, [any, ...options.teams])}
        {select('source', t('leadList.col.source'), sp.source, [any, ...options.sources])}
        {select('tag', t('leadList.col.tags'), sp.tag, [any, ...options.tags])}
        <label className="block text-xs font-medium text-slate-600">
          {t('leadList.filter.minScore')}
          <input
            name="minScore"
            inputMode="numeric"
            defaultValue={sp.minScore ?? ''}
            aria-invalid={badMinScore || undefined}
            aria-describedby={badMinScore ? 'minScore-error' : undefined}
            className={cn(inputClass, 'mt-1', badMinScore && 'ring-red-500')}
          />
          {badMinScore ? (
            <span id="minScore-error" className="mt-1 block font-normal text-red-700">
              {t('leadList.filter.badScore')}
            </span>
          ) : null}
        </label>
        <label className="block text-xs font-medium text-slate-600">
          {t('views.created.from')}
          <input type="date" name="from" defaultValue={sp.from && DAY.test(sp.from) ? sp.from : ''} className={`${inputClass} mt-1`} />
        </label>
        <label className="block text-xs font-medium text-slate-600">
          {t('views.created.to')}
          <input type="date" name="to" defaultValue={sp.to && DAY.test(sp.to) ? sp.to : ''} className={`${inputClass} mt-1`} />
        </label>
        {select(
          'sort',
          t('views.sort.label'),
          sort,
          LEAD_SORTS.map((s) => ({ value: s, label: t(`leadList.sort.${s}`) })),
        )}
        {keep.get('cols') ? <input type="hidden" name="cols" value={keep.get('cols')!} /> : null}
        <div className="flex items-end justify-end gap-2 sm:col-span-3 lg:col-span-6">
          {filtered || state !== 'open' ? (
            <Link href="/leads?owner=all" className={buttonClass('ghost')}>
              {t('common.reset')}
            </Link>
          ) : null}
          <button type="submit" className={buttonClass('secondary')}>
            {t('common.filter')}
          </button>
        </div>
      </form>
      <div className="mb-4 flex flex-wrap items-start gap-4">
        <ColumnsChooser area="leads" config={config} labels={labels} />
        <ViewForms area="leads" query={query} active={activeView} teams={formOptions.teams} />
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={<Icon name="leads" className="size-10" />} title={filtered || sp.cursor || state !== 'open' || owner !== 'all' ? t('leadList.noMatch') : t('areas.leads.emptyTitle')}>
          <p>{filtered || state !== 'open' || owner !== 'all' ? t('leadList.noMatchBody') : t('areas.leads.emptyBody')}</p>
        </EmptyState>
      ) : (
        // One form around the table: the row checkboxes, the bulk buttons and each row's "take charge" post
        // together, JavaScript or not (a row's button says which lead: op=take:<id>). Keyed by the address
        // (notice included): after an action the boxes start unticked, as after a reload.
        <form key={JSON.stringify(sp)} action={bulkAction} aria-label={t('views.bulk.title')}>
          <input type="hidden" name="kind" value="lead" />
          <input type="hidden" name="query" value={keep.toString()} />
          {canBulk ? (
            <BulkControls
              owners={formOptions.owners}
              teams={formOptions.teams}
              tags={formOptions.tags}
              max={BULK_MAX}
              lead={{
                statuses: movable,
                labels: { take: t('leadList.bulk.take'), status: t('leadList.bulk.status'), changeStatus: t('leadList.bulk.changeStatus'), keepTeam: t('leadList.bulk.keepTeam') },
              }}
            />
          ) : null}
          <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t('nav.leads')}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  {canBulk ? (
                    <th scope="col" className="w-10 px-4 py-3">
                      <span className="sr-only">{t('views.bulk.title')}</span>
                    </th>
                  ) : null}
                  {config.columns.map((col) => (
                    <th key={col} scope="col" className={cn('px-3 py-3', RIGHT.has(col) && 'text-right')}>
                      {labels[col]}
                    </th>
                  ))}
                  {anyTake ? (
                    <th scope="col" className="px-3 py-3">
                      <span className="sr-only">{t('leadList.tools')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((l) => (
                  <tr key={l.id} data-lead-id={l.id} className={l.statusKind === 'converted' ? 'bg-emerald-50/60' : l.statusKind === 'lost' ? 'bg-red-50/60' : undefined}>
                    {canBulk ? (
                      <td className="px-4 py-3">
                        <input type="checkbox" name="ids" value={l.id} aria-label={t('views.bulk.select', { name: l.name })} className="size-4 rounded border-slate-300" />
                      </td>
                    ) : null}
                    {config.columns.map((col) => (
                      <td key={col} className={cn('px-3 py-3', RIGHT.has(col) && 'text-right')}>
                        {cell[col]?.(l)}
                      </td>
                    ))}
                    {anyTake ? (
                      <td className="px-3 py-2 text-right">
                        {l.canTake ? (
                          <button
                            type="submit"
                            name="op"
                            value={`take:${l.id}`}
                            aria-label={t('leadList.takeOne', { name: l.name })}
                            title={t('leadList.take')}
                            className="inline-flex items-center rounded-md bg-white p-1.5 text-brand-700 ring-1 ring-slate-300 ring-inset hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-brand-600"
                          >
                            {/* The seed's briefcase icon (one short path: it is on every row); its name says which lead. */}
                            <Icon name="briefcase" className="size-4" />
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </form>
      )}
      <Pager path="/leads" keep={keep} atStart={!sp.cursor} nextCursor={nextCursor} />
    </>
  );
}
