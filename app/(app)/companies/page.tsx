import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { COMPANY_TYPES, type CompanyType } from '@/db/schema/customers';
import { requireUser } from '@/lib/auth/current-user';
import { listCompanies, type CompanyFilters } from '@/lib/companies/queries';
import { customerFormOptions } from '@/lib/customers/options';
import { canCreate } from '@/lib/permissions';
import { Badge } from '@/components/ui/badge';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/input-class';
import { Icon } from '@/components/shell/icons';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('nav.companies') };
}

type Search = Record<string, string | undefined>;
const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const sp = await searchParams;
  const db = getDb();
  // Sales users start on their own companies ("Mine"); any explicit choice, even "everyone", wins.
  const owner = sp.owner ?? (user.role === 'sales' ? String(user.id) : 'all');
  const filters: CompanyFilters = {
    type: COMPANY_TYPES.includes(sp.type as CompanyType) ? (sp.type as CompanyType) : undefined,
    ownerId: owner === 'all' ? undefined : num(owner),
    teamId: num(sp.team),
    tagId: num(sp.tag),
    familyId: num(sp.family),
    keyAccount: sp.key === 'on',
    archived: sp.archived === 'on',
    city: sp.city?.trim() || undefined,
  };
  const { rows, nextCursor } = listCompanies(db, user, filters, sp.cursor);
  const options = customerFormOptions(db, user, {}, 'filter');
  const keep = new URLSearchParams(Object.entries({ ...sp, owner, cursor: undefined }).filter((e): e is [string, string] => !!e[1]));
  const filtered = Object.entries(sp).some(([k, v]) => k !== 'cursor' && v);
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
  const any = { value: '', label: t('common.any') };
  return (
    <>
      <PageHeader
        title={t('nav.companies')}
        description={t('areas.companies.description')}
        actions={<>{canCreate(user) ? <ButtonLink href="/companies/new">{t('companies.new')}</ButtonLink> : null}<ButtonLink variant="secondary" href="/companies/duplicates">{t('merge.checkDuplicates')}</ButtonLink></>}
      />
      {sp.deleted ? <p className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800" role="status">{t('companies.deleted')}</p> : null}
      <form method="get" className="mb-6 grid gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-3 lg:grid-cols-6" aria-label={t('common.filters')}>
        {select('owner', t('companies.fields.owner'), owner, [{ value: 'all', label: t('common.everyone') }, { value: String(user.id), label: t('common.mine') }, ...options.owners.filter((o) => o.value !== String(user.id))])}
        {select('type', t('companies.fields.type'), sp.type, [any, ...COMPANY_TYPES.map((v) => ({ value: v, label: t(`companies.types.${v}`) }))])}
        {select('team', t('companies.fields.team'), sp.team, [any, ...options.teams])}
        {select('family', t('companies.fields.customerFamily'), sp.family, [any, ...options.refs.customer_family])}
        {select('tag', t('companies.fields.tags'), sp.tag, [any, ...options.tags])}
        <label className="block text-xs font-medium text-slate-600">
          {t('companies.address.city')}
          <input name="city" defaultValue={sp.city ?? ''} className={`${inputClass} mt-1`} />
        </label>
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
      {rows.length === 0 ? (
        <EmptyState icon={<Icon name="companies" className="size-10" />} title={filtered || sp.cursor ? t('companies.noMatch') : t('areas.companies.emptyTitle')}>
          <p>{filtered ? t('companies.noMatchBody') : t('areas.companies.emptyBody')}</p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t('nav.companies')}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">{t('companies.fields.name')}</th>
                <th scope="col" className="px-4 py-3">{t('companies.fields.type')}</th>
                <th scope="col" className="hidden px-4 py-3 md:table-cell">{t('companies.address.city')}</th>
                <th scope="col" className="hidden px-4 py-3 md:table-cell">{t('companies.fields.phone')}</th>
                <th scope="col" className="px-4 py-3">{t('companies.fields.owner')}</th>
                <th scope="col" className="hidden px-4 py-3 text-right sm:table-cell">{t('nav.contacts')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-3">
                    <Link href={`/companies/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    {c.keyAccount ? <span className="ml-2"><Badge tone="amber">{t('companies.keyAccountShort')}</Badge></span> : null}
                    {c.archived ? <span className="ml-2"><Badge tone="red">{t('companies.archived')}</Badge></span> : null}
                  </td>
                  <td className="px-4 py-3">
                    <Badge tone={c.type === 'client' ? 'green' : c.type === 'prospect' ? 'blue' : 'gray'}>{t(`companies.types.${c.type}`)}</Badge>
                  </td>
                  <td className="hidden px-4 py-3 md:table-cell">{c.city ?? '—'}</td>
                  <td className="hidden px-4 py-3 whitespace-nowrap md:table-cell">{c.phone ?? '—'}</td>
                  <td className="px-4 py-3">{c.ownerName ?? '—'}</td>
                  <td className="hidden px-4 py-3 text-right sm:table-cell">{c.contacts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4 flex justify-between">
        {sp.cursor ? (
          <Link href={`/companies?${keep.toString()}`} className="text-sm font-semibold text-brand-700 hover:underline">
            ← {t('common.firstPage')}
          </Link>
        ) : <span />}
        {nextCursor ? (
          <Link href={`/companies?${new URLSearchParams([...keep, ['cursor', nextCursor]]).toString()}`} className="text-sm font-semibold text-brand-700 hover:underline">
            {t('common.nextPage')} →
          </Link>
        ) : null}
      </div>
    </>
  );
}
