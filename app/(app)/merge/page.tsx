import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { MERGE_KINDS, type MergeKind } from '@/db/schema';
import { requireUser } from '@/lib/auth/current-user';
import { areaOf } from '@/lib/merge/fields';
import { listMerges } from '@/lib/merge/queries';
import { ActionForm } from '@/components/form/action-form';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { undoMergeAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('merge.list.title') };
}

/** Recent merges of records the user can see, each with an Undo button while it can be undone. */
export default async function MergesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { user } = await requireUser();
  const sp = await searchParams;
  const t = await getTranslations();
  const format = await getFormatter();
  const kind = MERGE_KINDS.includes(sp.kind as MergeKind) ? (sp.kind as MergeKind) : undefined;
  const rows = listMerges(getDb(), user, { kind }, Date.now());
  return (
    <>
      <PageHeader title={t('merge.list.title')} description={t('merge.list.intro')} />
      {sp.undone ? <Alert tone="success" className="mb-4">{t('merge.undone')}</Alert> : null}
      {rows.length === 0 ? (
        <EmptyState title={t('merge.list.empty')} />
      ) : (
        <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t('merge.list.title')}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">{t('merge.list.when')}</th>
                <th scope="col" className="px-4 py-3">{t('merge.list.who')}</th>
                <th scope="col" className="px-4 py-3">{t('merge.list.kind')}</th>
                <th scope="col" className="px-4 py-3">{t('merge.list.kept')}</th>
                <th scope="col" className="px-4 py-3">{t('merge.list.mergedRecords')}</th>
                <th scope="col" className="px-4 py-3">{t('merge.list.status')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((m) => (
                <tr key={m.id}>
                  <td className="px-4 py-3 whitespace-nowrap">{format.dateTime(new Date(m.createdAt), { dateStyle: 'short', timeStyle: 'short' })}</td>
                  <td className="px-4 py-3">{m.createdByName ?? '—'}</td>
                  <td className="px-4 py-3"><Badge tone="gray">{t(`merge.list.kinds.${m.kind}`)}</Badge></td>
                  <td className="px-4 py-3">
                    <Link href={`${areaOf(m.kind)}/${m.survivorId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{m.survivorName}</Link>
                  </td>
                  <td className="px-4 py-3">{m.mergedNames.join(', ')}</td>
                  <td className="px-4 py-3">
                    {m.undoneAt ? (
                      <span className="text-slate-600">{t('merge.list.undoneBy', { name: m.undoneByName ?? '?', at: new Date(m.undoneAt) })}</span>
                    ) : m.undoable ? (
                      <ActionForm action={undoMergeAction} className="space-y-2">
                        <input type="hidden" name="id" value={m.id} />
                        <SubmitButton variant="secondary">
                          {t('merge.list.undo')}
                          <span className="sr-only"> — {t('merge.list.undoLabel', { name: m.survivorName })}</span>
                        </SubmitButton>
                      </ActionForm>
                    ) : (
                      <span className="text-slate-500">{t('merge.list.notUndoable')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
