import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { COMPANY_TYPES, type CompanyType } from '@/db/schema/customers';
import { requireUser } from '@/lib/auth/current-user';
import { listCompanies, type CompanyFilters, type CompanyListRow } from '@/lib/companies/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { BULK_MAX } from '@/lib/customers/bulk';
import { canCreate } from '@/lib/permissions';
import { getOrgSettings } from '@/lib/settings/queries';
import { configFromParams, paramsFromConfig } from '@/lib/views/columns';
import { listViews } from '@/lib/views/queries';
import { Badge } from '@/components/ui/badge';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/input-class';
import { Icon } from '@/components/shell/icons';
import { bulkAction } from '../_views/actions';
import { BulkControls, ColumnsChooser, dayStart, FilterSelect, NoticeBanner, Pager, ViewForms, ViewsBar } from '../_views/list-parts';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('nav.companies') };
}

type Search = Record<string, string | string[] | undefined>;
const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
const NOTICE_KEYS = ['notice', 'error', 'count', 'total', 'max'];

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const format = await getFormatter();
  const raw = await searchParams;
  const db = getDb();
  // The columns chooser posts col=…&pos_…=…: turn it into the canonical cols=… once.
  if (raw.col !== undefined) redirect(`/companies?${paramsFromConfig('companies', configFromParams('companies', raw)).toString()}`);
  let sp: Record<string, string | undefined> = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const views = listViews(db, user, 'companies');
  // Nothing asked for: the user's default view, else the built-in one ("Mine" for sales users).
  const bare = Object.keys(sp).every((k) => NOTICE_KEYS.includes(k));
  const active = (bare ? views.find((v) => v.isDefault) : views.find((v) => String(v.id) === sp.view)) ?? null;
  if (bare && active) sp = { ...sp, ...Object.fromEntries(paramsFromConfig('companies', active.config)), view: String(active.id) };
  // Sales users start on their own companies ("Mine"); any explicit choice, even "everyone", wins.
  const owner = sp.owner ?? (user.role === 'sales' ? String(user.id) : 'all');
  const config = configFromParams('companies', { ...sp, owner });
  const timeZone = getOrgSettings(db).timeZone;
  const filters: CompanyFilters = {
    type: COMPANY_TYPES.includes(sp.type as CompanyType) ? (sp.type as CompanyType) : undefined,
    ownerId: owner === 'all' ? undefined : num(owner),
    teamId: num(sp.team),
    tagId: num(sp.tag),
    familyId: num(sp.family),
    keyAccount: sp.key === 'on',
    archived: sp.archived === 'on',
    city: sp.city?.trim() || undefined,
    createdFrom: dayStart(sp.from, timeZone),
    createdTo: dayStart(sp.to, timeZone, 1),
    sort: config.sort ?? 'name',
  };
  const { rows, nextCursor } = listCompanies(db, user, filters, sp.cursor);
  const options = customerFormOptions(db, user, {}, 'filter');
  const formOptions = customerFormOptions(db, user);
  const keep = paramsFromConfig('companies', config);
  if (active && sp.view) keep.set('view', String(active.id));
  const query = paramsFromConfig('companies', config).toString();
  const filtered = Object.entries(sp).some(([k, v]) => k !== 'cursor' && k !== 'view' && !NOTICE_KEYS.includes(k) && v);
  const canBulk = canCreate(user);
  const select = (name: string, label: string, value: string | undefined, options: { value: string; label: string }[]) => (
    <FilterSelect name={name} label={label} value={value} options={options} />
  );
  const any = { value: '', label: t('common.any') };
  const labels: Record<string, string> = {
    name: t('companies.fields.name'),
    type: t('companies.fields.type'),
    city: t('companies.address.city'),
    phone: t('companies.fields.phone'),
    owner: t('companies.fields.owner'),
    team: t('companies.fields.team'),
    contacts: t('nav.contacts'),
    created: t('views.col.created'),
    tags: t('companies.fields.tags'),
    keyAccount: t('companies.fields.keyAccount'),
    family: t('companies.fields.customerFamily'),
    industry: t('companies.fields.industry'),
  };
  const cell: Record<string, (c: CompanyListRow) => ReactNode> = {
    name: (c) => (
      <>
        <Link href={`/companies/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
          {c.name}
        </Link>
        {c.keyAccount ? <span className="ml-2"><Badge tone="amber">{t('companies.keyAccountShort')}</Badge></span> : null}
        {c.archived ? <span className="ml-2"><Badge tone="red">{t('companies.archived')}</Badge></span> : null}
      </>
    ),
    type: (c) => <Badge tone={c.type === 'client' ? 'green' : c.type === 'prospect' ? 'blue' : 'gray'}>{t(`companies.types.${c.type}`)}</Badge>,
    city: (c) => c.city ?? '—',
    phone: (c) => <span className="whitespace-nowrap">{c.phone ?? '—'}</span>,
    owner: (c) => c.ownerName ?? '—',
    team: (c) => c.teamName ?? '—',
    contacts: (c) => c.contacts,
    created: (c) => <span className="whitespace-nowrap">{format.dateTime(new Date(c.createdAt), { dateStyle: 'medium', timeZone })}</span>,
    tags: (c) => c.tags ?? '—',
    keyAccount: (c) => (c.keyAccount ? t('companies.keyAccountShort') : '—'),
    family: (c) => c.familyName ?? '—',
    industry: (c) => c.industryName ?? '—',
  };
  const mineHref = `/companies?owner=${user.id}`;
  return (
    <>
      <PageHeader
        title={t('nav.companies')}
        description={t('areas.companies.description')}
        actions={<>{canCreate(user) ? <ButtonLink href="/companies/new">{t('companies.new')}</ButtonLink> : null}<ButtonLink variant="secondary" href="/companies/duplicates">{t('merge.checkDuplicates')}</ButtonLink></>}
      />
      {sp.deleted ? <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">{t('companies.deleted')}</p> : null}
      <NoticeBanner sp={sp} />
      <ViewsBar
        area="companies"
        views={views}
        active={active}
        builtIn={[
          { label: t('common.mine'), href: mineHref, current: owner === String(user.id) && keep.size === 1 },
          { label: t('common.everyone'), href: '/companies?owner=all', current: owner === 'all' && keep.size === 1 },
        ]}
      />
      <form key={keep.toString()} method="get" className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-6" aria-label={t('common.filters')}>
        {select('owner', t('companies.fields.owner'), owner, [{ value: 'all', label: t('common.everyone') }, { value: String(user.id), label: t('common.mine') }, ...options.owners.filter((o) => o.value !== String(user.id))])}
        {select('type', t('companies.fields.type'), sp.type, [any, ...COMPANY_TYPES.map((v) => ({ value: v, label: t(`companies.types.${v}`) }))])}
        {select('team', t('companies.fields.team'), sp.team, [any, ...options.teams])}
        {select('family', t('companies.fields.customerFamily'), sp.family, [any, ...options.refs.customer_family])}
        {select('tag', t('companies.fields.tags'), sp.tag, [any, ...options.tags])}
        <label className="block text-xs font-medium text-slate-600">
          {t('companies.address.city')}
          <input name="city" defaultValue={sp.city ?? ''} className={`${inputClass} mt-1`} />
        </label>
        <label className="block text-xs font-medium text-slate-600">
          {t('views.created.from')}
          <input type="date" name="from" defaultValue={sp.from ?? ''} className={`${inputClass} mt-1`} />
        </label>
        <label className="block text-xs font-medium text-slate-600">
          {t('views.created.to')}
          <input type="date" name="to" defaultValue={sp.to ?? ''} className={`${inputClass} mt-1`} />
        </label>
        {select('sort', t('views.sort.label'), config.sort ?? 'name', [
          { value: 'name', label: t('views.sort.name') },
          { value: 'created', label: t('views.sort.created') },
        ])}
        {keep.get('cols') ? <input type="hidden" name="cols" value={keep.get('cols')!} /> : null}
        <div className="flex flex-wrap items-center gap-4 sm:col-span-3 lg:col-span-6">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="key" defaultChecked={sp.key === 'on'} className="size-4 rounded border-slate-300" />
            {t('companies.fields.keyAccount')}
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="archived" defaultChecked={sp.archived === 'on'} className="size-4 rounded border-slate-300" />
            {t('companies.showArchived')}
          </label>
          <div className="ml-auto flex gap-2">
            {filtered ? (
              <Link href="/companies?owner=all" className={buttonClass('ghost')}>
                {t('common.reset')}
              </Link>
            ) : null}
            <button type="submit" className={buttonClass('secondary')}>
              {t('common.filter')}
            </button>
          </div>
        </div>
      </form>
      <div className="mb-4 flex flex-wrap items-start gap-4">
        <ColumnsChooser area="companies" config={config} labels={labels} />
        <ViewForms area="companies" query={query} active={active} teams={formOptions.teams} />
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={<Icon name="companies" className="size-10" />} title={filtered || sp.cursor ? t('companies.noMatch') : t('areas.companies.emptyTitle')}>
          <p>{filtered ? t('companies.noMatchBody') : t('areas.companies.emptyBody')}</p>
        </EmptyState>
      ) : (
        // One form around the table: the row checkboxes and the action buttons post together, JavaScript or not.
        <form action={bulkAction} aria-label={t('views.bulk.title')}>
          <input type="hidden" name="kind" value="company" />
          <input type="hidden" name="query" value={keep.toString()} />
          {canBulk ? <BulkControls owners={formOptions.owners} teams={formOptions.teams} tags={formOptions.tags} max={BULK_MAX} lastLabel={t('views.bulk.archive')} /> : null}
          <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t('nav.companies')}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  {canBulk ? <th scope="col" className="w-10 px-4 py-3"><span className="sr-only">{t('views.bulk.title')}</span></th> : null}
                  {config.columns.map((col) => (
                    <th key={col} scope="col" className={`px-4 py-3 ${col === 'contacts' ? 'text-right' : ''}`}>
                      {labels[col]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((c) => (
                  <tr key={c.id}>
                    {canBulk ? (
                      <td className="px-4 py-3">
                        <input type="checkbox" name="ids" value={c.id} aria-label={t('views.bulk.select', { name: c.name })} className="size-4 rounded border-slate-300" />
                      </td>
                    ) : null}
                    {config.columns.map((col) => (
                      <td key={col} className={`px-4 py-3 ${col === 'contacts' ? 'text-right' : ''}`}>
                        {cell[col]?.(c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </form>
      )}
      <Pager path="/companies" keep={keep} atStart={!sp.cursor} nextCursor={nextCursor} />
    </>
  );
}
