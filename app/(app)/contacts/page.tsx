import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { CONSENT_STATUSES, type ConsentStatus } from '@/db/schema/customers';
import { requireUser } from '@/lib/auth/current-user';
import { listContacts, type ContactFilters, type ContactListRow } from '@/lib/contacts/queries';
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
  return { title: (await getTranslations())('nav.contacts') };
}

type Search = Record<string, string | string[] | undefined>;
const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
const NOTICE_KEYS = ['notice', 'error', 'count', 'total', 'max'];

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const format = await getFormatter();
  const raw = await searchParams;
  const db = getDb();
  // The columns chooser posts col=…&pos_…=…: turn it into the canonical cols=… once.
  if (raw.col !== undefined) redirect(`/contacts?${paramsFromConfig('contacts', configFromParams('contacts', raw)).toString()}`);
  let sp: Record<string, string | undefined> = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const views = listViews(db, user, 'contacts');
  // Nothing asked for: the user's default view, else the built-in one ("Mine" for sales users).
  const bare = Object.keys(sp).every((k) => NOTICE_KEYS.includes(k));
  const activeView = (bare ? views.find((v) => v.isDefault) : views.find((v) => String(v.id) === sp.view)) ?? null;
  if (bare && activeView) sp = { ...sp, ...Object.fromEntries(paramsFromConfig('contacts', activeView.config)), view: String(activeView.id) };
  const owner = sp.owner ?? (user.role === 'sales' ? String(user.id) : 'all');
  const active = sp.active ?? 'yes';
  const config = configFromParams('contacts', { ...sp, owner, active });
  const timeZone = getOrgSettings(db).timeZone;
  const filters: ContactFilters = {
    ownerId: owner === 'all' ? undefined : num(owner),
    teamId: num(sp.team),
    tagId: num(sp.tag),
    companyId: num(sp.company),
    active: active === 'all' ? undefined : active === 'yes',
    consent: CONSENT_STATUSES.includes(sp.consent as ConsentStatus) ? (sp.consent as ConsentStatus) : undefined,
    createdFrom: dayStart(sp.from, timeZone),
    createdTo: dayStart(sp.to, timeZone, 1),
    sort: config.sort ?? 'name',
  };
  const { rows, nextCursor } = listContacts(db, user, filters, sp.cursor);
  const options = customerFormOptions(db, user, {}, 'filter');
  const formOptions = customerFormOptions(db, user);
  const keep = paramsFromConfig('contacts', config);
  if (activeView && sp.view) keep.set('view', String(activeView.id));
  const query = paramsFromConfig('contacts', config).toString();
  const filtered = Object.entries(sp).some(([k, v]) => k !== 'cursor' && k !== 'view' && !NOTICE_KEYS.includes(k) && v);
  const canBulk = canCreate(user);
  const any = { value: '', label: t('common.any') };
  const select = (name: string, label: string, value: string | undefined, options: { value: string; label: string }[]) => (
    <FilterSelect name={name} label={label} value={value} options={options} />
  );
  const labels: Record<string, string> = {
    name: t('contacts.fields.name'),
    company: t('contacts.fields.company'),
    jobTitle: t('contacts.fields.jobTitle'),
    email: t('contacts.fields.email'),
    phone: t('contacts.fields.phone'),
    owner: t('companies.fields.owner'),
    team: t('companies.fields.team'),
    consent: t('contacts.fields.consentStatus'),
    created: t('views.col.created'),
    tags: t('companies.fields.tags'),
    active: t('views.col.active'),
  };
  const cell: Record<string, (c: ContactListRow) => ReactNode> = {
    name: (c) => (
      <>
        <span className="flex items-center gap-2">
          <span className={`size-2 shrink-0 rounded-full ${c.active ? 'bg-emerald-500' : 'bg-red-500'}`} aria-hidden="true" />
          <Link href={`/contacts/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {c.name}
          </Link>
          <span className="sr-only">({c.active ? t('contacts.active') : t('contacts.inactive')})</span>
        </span>
        {c.jobTitle && !config.columns.includes('jobTitle') ? <span className="ml-4 block text-xs text-slate-500">{c.jobTitle}</span> : null}
      </>
    ),
    company: (c) => (c.companyId ? <Link href={`/companies/${c.companyId}`} className="hover:underline">{c.companyName}</Link> : '—'),
    jobTitle: (c) => c.jobTitle ?? '—',
    email: (c) => c.email ?? '—',
    phone: (c) => <span className="whitespace-nowrap">{c.phone ?? '—'}</span>,
    owner: (c) => c.ownerName ?? '—',
    team: (c) => c.teamName ?? '—',
    consent: (c) => t(`contacts.consent.${c.consentStatus}`),
    created: (c) => <span className="whitespace-nowrap">{format.dateTime(new Date(c.createdAt), { dateStyle: 'medium', timeZone })}</span>,
    tags: (c) => c.tags ?? '—',
    active: (c) => <Badge tone={c.active ? 'green' : 'red'}>{c.active ? t('contacts.active') : t('contacts.inactive')}</Badge>,
  };
  return (
    <>
      <PageHeader
        title={t('nav.contacts')}
        description={t('areas.contacts.description')}
        actions={<>{canCreate(user) ? <ButtonLink href="/contacts/new">{t('contacts.new')}</ButtonLink> : null}<ButtonLink variant="secondary" href="/contacts/duplicates">{t('merge.checkDuplicates')}</ButtonLink></>}
      />
      {sp.deleted ? <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">{t('contacts.deleted')}</p> : null}
      <NoticeBanner sp={sp} />
      <ViewsBar
        area="contacts"
        views={views}
        active={activeView}
        builtIn={[
          { label: t('common.mine'), href: `/contacts?owner=${user.id}`, current: owner === String(user.id) && active === 'yes' && keep.size === 2 },
          { label: t('common.everyone'), href: '/contacts?owner=all', current: owner === 'all' && active === 'yes' && keep.size === 2 },
        ]}
      />
      <form key={keep.toString()} method="get" className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-5" aria-label={t('common.filters')}>
        {sp.company ? <input type="hidden" name="company" value={sp.company} /> : null}
        {select('owner', t('companies.fields.owner'), owner, [{ value: 'all', label: t('common.everyone') }, { value: String(user.id), label: t('common.mine') }, ...options.owners.filter((o) => o.value !== String(user.id))])}
        {select('team', t('companies.fields.team'), sp.team, [any, ...options.teams])}
        {select('tag', t('companies.fields.tags'), sp.tag, [any, ...options.tags])}
        {select('consent', t('contacts.fields.consentStatus'), sp.consent, [any, ...CONSENT_STATUSES.map((c) => ({ value: c, label: t(`contacts.consent.${c}`) }))])}
        {select('active', t('fields.status'), active, [
          { value: 'yes', label: t('contacts.activeOnly') },
          { value: 'no', label: t('contacts.inactiveOnly') },
          { value: 'all', label: t('common.any') },
        ])}
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
        <div className="flex justify-end gap-2 sm:col-span-3 lg:col-span-5">
          {filtered ? (
            <Link href="/contacts?owner=all" className={buttonClass('ghost')}>
              {t('common.reset')}
            </Link>
          ) : null}
          <button type="submit" className={buttonClass('secondary')}>
            {t('common.filter')}
          </button>
        </div>
      </form>
      <div className="mb-4 flex flex-wrap items-start gap-4">
        <ColumnsChooser area="contacts" config={config} labels={labels} />
        <ViewForms area="contacts" query={query} active={activeView} teams={formOptions.teams} />
      </div>
      {rows.length === 0 ? (
        <EmptyState icon={<Icon name="contacts" className="size-10" />} title={filtered ? t('contacts.noMatch') : t('areas.contacts.emptyTitle')}>
          <p>{filtered ? t('companies.noMatchBody') : t('areas.contacts.emptyBody')}</p>
        </EmptyState>
      ) : (
        // One form around the table: the row checkboxes and the action buttons post together, JavaScript or not.
        <form action={bulkAction} aria-label={t('views.bulk.title')}>
          <input type="hidden" name="kind" value="contact" />
          <input type="hidden" name="query" value={keep.toString()} />
          {canBulk ? <BulkControls owners={formOptions.owners} teams={formOptions.teams} tags={formOptions.tags} max={BULK_MAX} lastLabel={t('views.bulk.deactivate')} /> : null}
          <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t('nav.contacts')}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  {canBulk ? <th scope="col" className="w-10 px-4 py-3"><span className="sr-only">{t('views.bulk.title')}</span></th> : null}
                  {config.columns.map((col) => (
                    <th key={col} scope="col" className="px-4 py-3">
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
                      <td key={col} className="px-4 py-3">
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
      <Pager path="/contacts" keep={keep} atStart={!sp.cursor} nextCursor={nextCursor} />
    </>
  );
}
