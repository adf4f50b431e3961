import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Fragment, type ReactNode } from 'react';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { dayIn } from '@/lib/opportunities/dates';
import { addMonths, forecast, FORECAST_BY, FORECAST_MONTHS, isMonth, type ForecastBucket, type ForecastBy, type ForecastLine } from '@/lib/opportunities/forecast';
import { opportunityFormOptions } from '@/lib/opportunities/queries';
import { getOrgSettings } from '@/lib/settings/queries';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/input-class';
import { Icon } from '@/components/shell/icons';
import { FilterSelect } from '../../_views/list-parts';
import { formatMoney } from '../_components/format';
import { OppTabs } from '../_components/opp-tabs';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('forecast.title') };
}

type Search = Record<string, string | string[] | undefined>;
const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export default async function ForecastPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const format = await getFormatter();
  const sp: Record<string, string | undefined> = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const db = getDb();
  const thisMonth = dayIn(getOrgSettings(db).timeZone, Date.now()).slice(0, 7);
  const from = isMonth(sp.from) ? sp.from : thisMonth;
  const months = (FORECAST_MONTHS as readonly number[]).includes(Number(sp.months)) ? Number(sp.months) : 6;
  const by: ForecastBy = (FORECAST_BY as readonly string[]).includes(sp.by ?? '') ? (sp.by as ForecastBy) : 'none';
  const filters = { pipelineId: num(sp.pipeline), ownerId: num(sp.owner), teamId: num(sp.team) };
  const fc = forecast(db, user, { from, months, by, ...filters });
  const options = opportunityFormOptions(db, user, {}, 'filter');

  // The query string of this page with some values changed (the by-switch keeps the filters).
  const here = (change: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    const all = { pipeline: sp.pipeline, owner: sp.owner, team: sp.team, from: sp.from, months: sp.months, by: sp.by, ...change };
    for (const [k, v] of Object.entries(all)) if (v) p.set(k, v);
    const s = p.toString();
    return `/opportunities/forecast${s ? `?${s}` : ''}`;
  };
  // The list behind a month's figures: the same filters, that month (expected close while open, close date once won).
  const listHref = (month: string, status: 'open' | 'won', group?: number | null) => {
    const p = new URLSearchParams({ owner: by === 'owner' && group ? String(group) : (sp.owner ?? 'all'), status, month });
    if (sp.pipeline) p.set('pipeline', sp.pipeline);
    const team = by === 'team' && group ? String(group) : sp.team;
    if (team) p.set('team', team);
    return `/opportunities?${p.toString()}`;
  };
  const monthName = (m: string) => format.dateTime(new Date(`${m}-01T00:00:00Z`), { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const bucketLabel = (b: ForecastBucket) =>
    b.kind === 'month'
      ? monthName(b.key)
      : b.kind === 'overdue'
        ? t('forecast.bucket.overdue', { month: monthName(fc.months[0]) })
        : b.kind === 'later'
          ? t('forecast.bucket.later', { month: monthName(addMonths(fc.months[fc.months.length - 1], 1)) })
          : t('forecast.bucket.none');
  const money = (cents: number, currency: string) => formatMoney(format, cents, currency);
  /** `month`: the figures link to the list of that month; `won`: the won column applies (months and the total). */
  type Where = { month?: string; won: boolean; group?: number | null };
  const cells = (l: ForecastLine | null, w: Where): ReactNode => {
    const countText = format.number(l?.count ?? 0);
    return (
      <>
        <td className="px-4 py-2 text-right tabular-nums">
          {l && l.count > 0 && w.month && w.group !== null ? (
            <Link href={listHref(w.month, 'open', w.group)} className="text-brand-700 hover:underline">
              {countText}
            </Link>
          ) : (
            countText
          )}
        </td>
        <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{l && l.count ? money(l.amount, l.currency) : '—'}</td>
        <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{l && l.count ? money(l.weighted, l.currency) : '—'}</td>
        <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{l && l.count ? money(l.bestCase, l.currency) : '—'}</td>
        <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums">{l && l.count ? money(l.worstCase, l.currency) : '—'}</td>
        <td className="border-l border-slate-200 bg-emerald-50/50 px-4 py-2 text-right whitespace-nowrap tabular-nums">
          {!w.won ? (
            <span aria-hidden="true" className="text-slate-400">·</span>
          ) : l && l.wonCount > 0 ? (
            w.month && w.group !== null ? (
              <Link href={listHref(w.month, 'won', w.group)} className="font-medium text-emerald-800 hover:underline">
                {money(l.wonAmount, l.currency)}
                <span className="ml-1 text-xs font-normal text-emerald-700">({t('forecast.wonCount', { count: l.wonCount })})</span>
              </Link>
            ) : (
              <span className="text-emerald-800">
                {money(l.wonAmount, l.currency)}
                <span className="ml-1 text-xs font-normal text-emerald-700">({t('forecast.wonCount', { count: l.wonCount })})</span>
              </span>
            )
          ) : (
            '—'
          )}
        </td>
      </>
    );
  };
  /** One row per currency (at least one), the label cell spanning them. */
  const rowsOf = (key: string, label: ReactNode, lines: ForecastLine[], w: Where, o: { sub?: boolean; strong?: boolean; overdue?: boolean } = {}) => {
    const list: (ForecastLine | null)[] = lines.length ? lines : [null];
    return list.map((l, i) => (
      <tr key={`${key}-${l?.currency ?? 'none'}`} className={cn(o.strong && 'font-semibold text-slate-900', o.sub && 'text-slate-600')}>
        {i === 0 ? (
          <th scope="row" rowSpan={list.length} className={cn('px-4 py-2 text-left align-top font-medium whitespace-nowrap', o.sub ? 'pl-10 font-normal' : 'text-slate-900', o.strong && 'font-semibold', o.overdue && !o.sub && 'text-red-700')}>
            {label}
          </th>
        ) : null}
        {cells(l, w)}
      </tr>
    ));
  };
  const whereOf = (b: ForecastBucket): Where => (b.kind === 'month' ? { month: b.key, won: true } : { won: false });
  const groupName = (g: { id: number | null; name: string | null }) => g.name ?? (by === 'owner' ? t('forecast.noOwner') : t('forecast.noTeam'));
  const empty = fc.totals.length === 0;
  const heads = [t('forecast.col.count'), t('forecast.col.amount'), t('forecast.col.weighted'), t('forecast.col.best'), t('forecast.col.worst')];

  return (
    <>
      <PageHeader title={t('forecast.title')} description={t('forecast.description')} />
      <OppTabs current="forecast" />
      <form method="get" className="mb-4 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-6" aria-label={t('common.filters')}>
        {by !== 'none' ? <input type="hidden" name="by" value={by} /> : null}
        <FilterSelect name="pipeline" label={t('opportunityList.col.pipeline')} value={sp.pipeline} options={[{ value: '', label: t('common.any') }, ...options.pipelines.map((p) => ({ value: p.value, label: p.label }))]} />
        <FilterSelect name="owner" label={t('opportunityList.col.owner')} value={sp.owner} options={[{ value: '', label: t('common.everyone') }, ...options.owners]} />
        <FilterSelect name="team" label={t('opportunityList.col.team')} value={sp.team} options={[{ value: '', label: t('common.any') }, ...options.teams]} />
        <label className="block text-xs font-medium text-slate-600">
          {t('forecast.filter.from')}
          <input type="month" name="from" defaultValue={from} pattern="\d{4}-\d{2}" className={`${inputClass} mt-1`} />
        </label>
        <FilterSelect name="months" label={t('forecast.filter.months')} value={String(months)} options={FORECAST_MONTHS.map((n) => ({ value: String(n), label: t('forecast.filter.monthsOption', { count: n }) }))} />
        <div className="flex items-end justify-end gap-2">
          {Object.values(filters).some(Boolean) || sp.from || sp.months ? (
            <Link href={here({ pipeline: undefined, owner: undefined, team: undefined, from: undefined, months: undefined })} className={buttonClass('ghost')}>
              {t('common.reset')}
            </Link>
          ) : null}
          <button type="submit" className={buttonClass('secondary')}>
            {t('common.filter')}
          </button>
        </div>
      </form>
      <nav aria-label={t('forecast.by.label')} className="mb-4 flex flex-wrap items-center gap-2">
        <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t('forecast.by.label')}</span>
        {FORECAST_BY.map((b) => (
          <Link
            key={b}
            href={here({ by: b === 'none' ? undefined : b })}
            aria-current={by === b ? 'page' : undefined}
            className={cn(
              'inline-flex items-center rounded-full px-3 py-1 text-sm ring-1 ring-inset',
              by === b ? 'bg-brand-50 font-semibold text-brand-800 ring-brand-300' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
            )}
          >
            {t(`forecast.by.${b}`)}
          </Link>
        ))}
      </nav>
      {empty ? (
        <EmptyState icon={<Icon name="opportunities" className="size-10" />} title={t('forecast.emptyTitle')}>
          <p>{t('forecast.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full text-sm">
              <caption className="sr-only">{t('forecast.caption', { from: monthName(fc.months[0]), to: monthName(fc.months[fc.months.length - 1]) })}</caption>
              <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3 text-left">
                    {t('forecast.col.period')}
                  </th>
                  {heads.map((h) => (
                    <th key={h} scope="col" className="px-4 py-3 text-right">
                      {h}
                    </th>
                  ))}
                  <th scope="col" className="border-l border-slate-200 bg-emerald-50 px-4 py-3 text-right text-emerald-800">
                    {t('forecast.col.won')}
                  </th>
                </tr>
              </thead>
              {fc.buckets.map((b) => (
                <tbody key={b.key} className="border-t border-slate-200" data-bucket={b.key}>
                  {rowsOf(b.key, bucketLabel(b), b.lines, whereOf(b), { strong: by !== 'none' && b.groups.length > 0, overdue: b.kind === 'overdue' })}
                  {b.groups.map((g) => (
                    <Fragment key={`${b.key}-${g.id ?? 'none'}`}>{rowsOf(`${b.key}-${g.id ?? 'none'}`, groupName(g), g.lines, { ...whereOf(b), group: g.id }, { sub: true })}</Fragment>
                  ))}
                </tbody>
              ))}
              <tfoot className="border-t-2 border-slate-300 bg-slate-50">
                {rowsOf('total', t('forecast.total'), fc.totals, { won: true }, { strong: true })}
              </tfoot>
            </table>
          </div>
          <p className="mt-3 text-xs text-slate-500">{t('forecast.note')}</p>
        </>
      )}
    </>
  );
}
