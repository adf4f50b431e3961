import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { CONSENT_STATUSES, type ConsentStatus } from '@/db/schema/customers';
import { requireUser } from '@/lib/auth/current-user';
import { listContacts, type ContactFilters } from '@/lib/contacts/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { canCreate } from '@/lib/permissions';
import { Badge } from '@/components/ui/badge';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/input-class';
import { Icon } from '@/components/shell/icons';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('nav.contacts') };
}

type Search = Record<string, string | undefined>;
const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const sp = await searchParams;
  const db = getDb();
  const owner = sp.owner ?? (user.role === 'sales' ? String(user.id) : 'all');
  const active = sp.active ?? 'yes';
  const filters: ContactFilters = {
    ownerId: owner === 'all' ? undefined : num(owner),
    teamId: num(sp.team),
    tagId: num(sp.tag),
    companyId: num(sp.company),
    active: active === 'all' ? undefined : active === 'yes',
    consent: CONSENT_STATUSES.includes(sp.consent as ConsentStatus) ? (sp.consent as ConsentStatus) : undefined,
  };
  const { rows, nextCursor } = listContacts(db, user, filters, sp.cursor);
  const options = customerFormOptions(db, user, {}, 'filter');
  const keep = new URLSearchParams(Object.entries({ ...sp, owner, active, cursor: undefined }).filter((e): e is [string, string] => !!e[1]));
  const filtered = Object.entries(sp).some(([k, v]) => k !== 'cursor' && v);
  const any = { value: '', label: t('common.any') };
  const select = (name: string, label: string, value: string | undefined, opts: { value: string; label: string }[]) => (
    <label className="block text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ''} className={`${inputClass} mt-1`}>
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <PageHeader
        title={t('nav.contacts')}
        description={t('areas.contacts.description')}
        actions={<>{canCreate(user) ? <ButtonLink href="/contacts/new">{t('contacts.new')}</ButtonLink> : null}<ButtonLink variant="secondary" href="/contacts/duplicates">{t('merge.checkDuplicates')}</ButtonLink></>}
      />
      {sp.deleted ? <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">{t('contacts.deleted')}</p> : null}
      <form method="get" className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-5" aria-label={t('common.filters')}>
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
      {rows.length === 0 ? (
        <EmptyState icon={<Icon name="contacts" className="size-10" />} title={filtered ? t('contacts.noMatch') : t('areas.contacts.emptyTitle')}>
          <p>{filtered ? t('companies.noMatchBody') : t('areas.contacts.emptyBody')}</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t('nav.contacts')}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">{t('contacts.fields.name')}</th>
                <th scope="col" className="px-4 py-3">{t('contacts.fields.company')}</th>
                <th scope="col" className="hidden px-4 py-3 md:table-cell">{t('contacts.fields.email')}</th>
                <th scope="col" className="hidden px-4 py-3 md:table-cell">{t('contacts.fields.phone')}</th>
                <th scope="col" className="hidden px-4 py-3 sm:table-cell">{t('companies.fields.owner')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-3">
                    <span className="flex items-center gap-2">
                      <span className={`size-2 shrink-0 rounded-full ${c.active ? 'bg-emerald-500' : 'bg-red-500'}`} aria-hidden="true" />
                      <Link href={`/contacts/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {c.name}
                      </Link>
                      <span className="sr-only">({c.active ? t('contacts.active') : t('contacts.inactive')})</span>
                    </span>
                    {c.jobTitle ? <span className="ml-4 block text-xs text-slate-500">{c.jobTitle}</span> : null}
                  </td>
                  <td className="px-4 py-3">{c.companyId ? <Link href={`/companies/${c.companyId}`} className="hover:underline">{c.companyName}</Link> : '—'}</td>
                  <td className="hidden px-4 py-3 md:table-cell">{c.email ?? '—'}</td>
                  <td className="hidden px-4 py-3 whitespace-nowrap md:table-cell">{c.phone ?? '—'}</td>
                  <td className="hidden px-4 py-3 sm:table-cell">{c.ownerName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4 flex justify-between">
        {sp.cursor ? <Link href={`/contacts?${keep.toString()}`} className="text-sm font-semibold text-brand-700 hover:underline">← {t('common.firstPage')}</Link> : <span />}
        {nextCursor ? (
          <Link href={`/contacts?${new URLSearchParams([...keep, ['cursor', nextCursor]]).toString()}`} className="text-sm font-semibold text-brand-700 hover:underline">
            {t('common.nextPage')} →
          </Link>
        ) : null}
      </div>
    </>
  );
}
