import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { listAudit } from '@/lib/audit/queries';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { EmptyState } from '@/components/ui/empty-state';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('settings.audit') };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const t = await getTranslations();
  const format = await getFormatter();
  const before = Number((await searchParams).before) || undefined;
  const { rows, nextCursor } = listAudit(getDb(), user, before);
  return (
    <>
      <PageHeader title={t('settings.audit')} description={t('audit.intro')} />
      {rows.length === 0 ? (
        <EmptyState title={t('audit.empty')} />
      ) : (
        <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t('settings.audit')}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">{t('audit.when')}</th>
                <th scope="col" className="px-4 py-3">{t('audit.who')}</th>
                <th scope="col" className="px-4 py-3">{t('audit.what')}</th>
                <th scope="col" className="px-4 py-3">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">{format.dateTime(new Date(r.at), 'long')}</td>
                  <td className="px-4 py-2">{r.actorName ?? '—'}</td>
                  <td className="px-4 py-2">
                    {t.has(`audit.actions.${r.action}`) ? t(`audit.actions.${r.action}`) : r.action}
                    {r.action.endsWith('.merged') ? (
                      <Link href="/merge" className="ml-2 text-brand-700 hover:underline">
                        {t('audit.undoMerge')}
                      </Link>
                    ) : null}
                  </td>
                  <td className="max-w-md truncate px-4 py-2 font-mono text-xs text-slate-500" title={r.data ? JSON.stringify(r.data) : undefined}>
                    {r.data ? JSON.stringify(r.data) : ''}
                    {r.ip ? ` · ${r.ip}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <div className="mt-4">
          <Link href={`/settings/audit?before=${nextCursor}`} className="text-sm font-semibold text-brand-700 hover:underline">
            {t('common.older')} →
          </Link>
        </div>
      ) : null}
    </>
  );
}
