import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import type { MergeKind } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { areaOf, DUPLICATE_FIELDS } from '@/lib/merge/fields';
import { duplicateGroups } from '@/lib/merge/queries';
import { MAX_MERGE } from '@/lib/merge/service';
import { buttonClass, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

type Search = Record<string, string | string[] | undefined>;

/** "Check duplicates" for companies, contacts or leads: a GET form of fields, then the groups found. */
export async function DuplicatesView({ kind, user, sp }: { kind: MergeKind; user: SessionUser; sp: Search }) {
  const t = await getTranslations();
  const area = areaOf(kind);
  const all = DUPLICATE_FIELDS[kind] as readonly string[];
  const asked = ([] as string[]).concat(sp.by ?? []).filter((f) => all.includes(f));
  const by = asked.length ? asked : ['name'];
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : null;
  const { groups, nextCursor } = duplicateGroups(getDb(), user, kind, by, cursor);
  const next = new URLSearchParams([...by.map((f) => ['by', f]), ['cursor', nextCursor ?? '']]);
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500">
        <Link href={area} className="hover:underline">{t(`nav.${area.slice(1) as 'companies' | 'contacts' | 'leads'}`)}</Link> /
      </nav>
      <PageHeader
        title={t(`merge.duplicatesTitle.${kind}`)}
        description={t('merge.duplicatesIntro')}
        actions={<ButtonLink variant="secondary" href={`/merge?kind=${kind}`}>{t('merge.recentMerges')}</ButtonLink>}
      />
      <form method="get" className="mb-6 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">{t('merge.groupBy')}</legend>
          <div className="mt-2 flex flex-wrap items-center gap-x-6 gap-y-2">
            {all.map((f) => (
              <label key={f} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="by" value={f} defaultChecked={by.includes(f)} className="size-4 rounded border-slate-300" />
                {t(`merge.by.${kind}.${f}`)}
              </label>
            ))}
            <button type="submit" className={buttonClass('secondary', 'ml-auto')}>{t('merge.find')}</button>
          </div>
        </fieldset>
      </form>
      {groups.length === 0 ? (
        <EmptyState title={t('merge.noGroups')} />
      ) : (
        <>
          <h2 className="mb-3 text-sm font-semibold text-slate-700">{t('merge.groupCount', { count: groups.length })}</h2>
          <ul className="space-y-3">
            {groups.map((g) => {
              const ids = g.records.slice(0, MAX_MERGE).map((r) => r.id);
              const names = g.records.map((r) => r.name).join(', ');
              return (
                <li key={`${g.field}:${g.key}`}>
                  <Card className="p-4 sm:p-4">
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div>
                        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
                          {t(`merge.by.${kind}.${g.field}`)} · <span className="normal-case">{g.field === 'name' || g.field === 'companyName' ? g.records[0]?.name : g.key}</span>
                        </p>
                        <ul className="mt-1 text-sm">
                          {g.records.map((r) => (
                            <li key={r.id}>
                              <Link href={`${area}/${r.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{r.name}</Link>
                              <span className="text-slate-500"> #{r.id}</span>
                            </li>
                          ))}
                        </ul>
                        {g.records.length > MAX_MERGE ? <p className="mt-1 text-xs text-slate-500">{t('merge.tooMany', { count: MAX_MERGE })}</p> : null}
                      </div>
                      <Link href={`/merge/${kind}?ids=${ids.join(',')}`} className={buttonClass('secondary')}>
                        {t('merge.compare')}
                        <span className="sr-only">: {names}</span>
                      </Link>
                    </div>
                  </Card>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {nextCursor ? (
        <div className="mt-4 flex justify-end">
          <Link href={`${area}/duplicates?${next.toString()}`} className="text-sm font-semibold text-brand-700 hover:underline">{t('common.nextPage')} →</Link>
        </div>
      ) : null}
    </>
  );
}
