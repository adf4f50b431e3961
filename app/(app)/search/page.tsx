import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { highlight } from '@/lib/search/highlight';
import { buildMatchQuery, searchAll, type CompanyHit, type ContactHit, type LeadHit, type OpportunityHit } from '@/lib/search/queries';
import { toMajor } from '@/lib/opportunities/money';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { inputClass } from '@/components/ui/input-class';
import { PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/shell/icons';

const PER_KIND = 20;

export async function generateMetadata({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }): Promise<Metadata> {
  const t = await getTranslations();
  const q = queryOf((await searchParams).q);
  return { title: q ? `${q} · ${t('search.title')}` : t('search.title') };
}

function queryOf(raw: string | string[] | undefined): string {
  return (Array.isArray(raw) ? raw[0] : raw ?? '').trim().slice(0, 200);
}

/** The text with the words that matched wrapped in <mark>: React nodes, never HTML. */
function Highlighted({ text, q }: { text: string; q: string }) {
  return (
    <>
      {highlight(text, q).map((s, i) =>
        s.hit ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-px text-slate-900">
            {s.text}
          </mark>
        ) : (
          s.text
        ),
      )}
    </>
  );
}

function Group({ id, title, count, empty, more, children }: { id: string; title: string; count: string; empty: string | null; more: string | null; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id={id} className="flex items-baseline justify-between gap-3 border-b border-slate-100 px-4 py-3 text-base font-semibold text-slate-900">
        {title}
        <span className="text-sm font-normal text-slate-500">{count}</span>
      </h2>
      {empty ? <p className="px-4 py-4 text-sm text-slate-500">{empty}</p> : <ul className="divide-y divide-slate-100">{children}</ul>}
      {more ? <p className="border-t border-slate-100 px-4 py-3 text-xs text-slate-500">{more}</p> : null}
    </section>
  );
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const q = queryOf((await searchParams).q);
  const searchable = buildMatchQuery(q) !== null;
  const results = searchable ? searchAll(getDb(), user, q, { perKind: PER_KIND }) : { companies: [], contacts: [], opportunities: [], leads: [] };
  const total = results.companies.length + results.contacts.length + results.opportunities.length + results.leads.length;
  const format = await getFormatter();
  const more = t('search.more', { count: PER_KIND });

  const company = (c: CompanyHit) => (
    <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
      <Link href={`/companies/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        <Highlighted text={c.name} q={q} />
      </Link>
      <span className="text-sm text-slate-500">
        {t(`search.types.${c.type}`)}
        {c.city ? (
          <>
            {' · '}
            <Highlighted text={c.city} q={q} />
          </>
        ) : null}
      </span>
      {c.archived ? <Badge>{t('search.archived')}</Badge> : null}
    </li>
  );
  const contact = (c: ContactHit) => (
    <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
      <Link href={`/contacts/${c.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        <Highlighted text={c.name} q={q} />
      </Link>
      {c.companyName || c.email ? (
        <span className="min-w-0 text-sm break-words text-slate-500">
          {c.companyName ? <Highlighted text={c.companyName} q={q} /> : null}
          {c.companyName && c.email ? ' · ' : null}
          {c.email ? <Highlighted text={c.email} q={q} /> : null}
        </span>
      ) : null}
      {!c.active ? <Badge>{t('search.inactive')}</Badge> : null}
    </li>
  );

  const opportunity = (o: OpportunityHit) => (
    <li key={o.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
      <Link href={`/opportunities/${o.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        <Highlighted text={o.name} q={q} />
      </Link>
      <span className="text-sm text-slate-500">
        <Highlighted text={o.companyName} q={q} />
        {' · '}
        {format.number(toMajor(o.amount), { style: 'currency', currency: o.currency })}
      </span>
      {o.status !== 'open' ? <Badge tone={o.status === 'won' ? 'green' : 'red'}>{t(`search.status.${o.status}`)}</Badge> : null}
    </li>
  );

  const lead = (l: LeadHit) => (
    <li key={l.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3">
      <Link href={`/leads/${l.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        <Highlighted text={l.name} q={q} />
      </Link>
      {l.companyName || l.email ? (
        <span className="min-w-0 text-sm break-words text-slate-500">
          {l.companyName ? <Highlighted text={l.companyName} q={q} /> : null}
          {l.companyName && l.email ? ' · ' : null}
          {l.email ? <Highlighted text={l.email} q={q} /> : null}
        </span>
      ) : null}
      <Badge tone={l.closed ? 'gray' : 'blue'}>{l.statusName}</Badge>
    </li>
  );

  return (
    <>
      <PageHeader title={t('search.title')} description={total ? t('search.summary', { count: total, query: q }) : t('search.intro')} />
      <form action="/search" role="search" aria-label={t('search.pageLabel')} className="mb-6 flex max-w-2xl gap-2">
        <label htmlFor="search-page-q" className="sr-only">
          {t('search.label')}
        </label>
        <input id="search-page-q" name="q" type="search" defaultValue={q} placeholder={t('search.placeholder')} autoComplete="off" enterKeyHint="search" className={inputClass} />
        <button type="submit" className={buttonClass('primary')}>
          {t('search.submit')}
        </button>
      </form>

      {!q ? null : !searchable ? (
        <p role="status" className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
          {t('search.tooShort')}
        </p>
      ) : total === 0 ? (
        <EmptyState icon={<Icon name="search" className="size-10" />} title={t('search.noResultTitle', { query: q })}>
          <p>{t('search.noResultBody')}</p>
        </EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Group
            id="search-companies"
            title={t('search.companies')}
            count={t('search.count', { count: results.companies.length })}
            empty={results.companies.length ? null : t('search.noCompany')}
            more={results.companies.length >= PER_KIND ? more : null}
          >
            {results.companies.map(company)}
          </Group>
          <Group
            id="search-contacts"
            title={t('search.contacts')}
            count={t('search.count', { count: results.contacts.length })}
            empty={results.contacts.length ? null : t('search.noContact')}
            more={results.contacts.length >= PER_KIND ? more : null}
          >
            {results.contacts.map(contact)}
          </Group>
          {results.opportunities.length ? (
            <Group
              id="search-opportunities"
              title={t('search.opportunities')}
              count={t('search.count', { count: results.opportunities.length })}
              empty={null}
              more={results.opportunities.length >= PER_KIND ? more : null}
            >
              {results.opportunities.map(opportunity)}
            </Group>
          ) : null}
          {results.leads.length ? (
            <Group
              id="search-leads"
              title={t('search.leads')}
              count={t('search.count', { count: results.leads.length })}
              empty={null}
              more={results.leads.length >= PER_KIND ? more : null}
            >
              {results.leads.map(lead)}
            </Group>
          ) : null}
        </div>
      )}
    </>
  );
}
