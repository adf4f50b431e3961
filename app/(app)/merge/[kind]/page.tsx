import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { MERGE_KINDS, type MergeKind } from '@/db/schema';
import { requireUser } from '@/lib/auth/current-user';
import { areaOf } from '@/lib/merge/fields';
import { mergePreview, type PreviewValue } from '@/lib/merge/queries';
import { ActionForm } from '@/components/form/action-form';
import { SubmitButton } from '@/components/form/submit-button';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/ui/page-header';
import { mergeAction } from '../actions';
import { RecordNotFound } from '@/components/ui/record-not-found';

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }): Promise<Metadata> {
  const kind = (await params).kind as MergeKind;
  return { title: (await getTranslations())(`merge.previewTitle.${MERGE_KINDS.includes(kind) ? kind : 'company'}`) };
}

/** Compare records side by side and pick, field by field, what the record kept will hold. */
export default async function MergePage({ params, searchParams }: { params: Promise<{ kind: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { user } = await requireUser();
  const kind = (await params).kind as MergeKind;
  if (!MERGE_KINDS.includes(kind)) return <RecordNotFound />;
  const ids = ((await searchParams).ids ?? '').split(',').filter((x) => /^\d+$/.test(x)).map(Number);
  const preview = mergePreview(getDb(), user, kind, ids);
  if (!preview) return <RecordNotFound />;
  const t = await getTranslations();
  const area = areaOf(kind);
  const { records, fields } = preview;
  const closedLeads = records.filter((r) => r.lead && r.lead.state !== 'open');
  const survivor = records.find((r) => r.can.edit && records.every((o) => o === r || o.can.delete)) ?? records.find((r) => r.can.edit) ?? records[0];

  const show = (field: string, v: PreviewValue): string => {
    if (v === null) return t('merge.empty');
    if (typeof v === 'boolean') return v ? t('merge.yes') : t('merge.no');
    const s = String(v);
    if (field === 'type') return t(`companies.types.${s}` as never);
    if (field === 'civility') return t(`contacts.civilities.${s}` as never);
    if (field === 'size') return t('companies.sizeLabel', { size: s });
    if (field === 'manualScore') return t('merge.stars', { count: Number(v) });
    if (field === 'consentStatus') {
      const [status, ...rest] = s.split(' · ');
      return [t(`contacts.consent.${status}` as never), ...rest].join(' · ');
    }
    return s;
  };
  const fieldLabel = (f: string) => t(`merge.fields.${kind}.${f}` as never);

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm text-slate-500">
        <Link href={area} className="hover:underline">{t(`nav.${area.slice(1) as 'companies' | 'contacts' | 'leads'}`)}</Link> /{' '}
        <Link href={`${area}/duplicates`} className="hover:underline">{t(`merge.duplicatesTitle.${kind}`)}</Link> /
      </nav>
      <PageHeader title={t(`merge.previewTitle.${kind}`)} description={t('merge.previewIntro')} />
      {closedLeads.length ? (
        <Alert tone="warning" className="mb-4">
          {closedLeads.map((r) => t(r.lead!.state === 'converted' ? 'merge.errors.leadConverted' : 'merge.errors.leadLost', { name: r.name })).join(' ')}
        </Alert>
      ) : null}
      <ActionForm action={mergeAction} className="space-y-6">
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="ids" value={records.map((r) => r.id).join(',')} />
        {records.map((r) => (
          <input key={r.id} type="hidden" name={`version_${r.id}`} value={r.version} />
        ))}
        <fieldset className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <legend className="px-1 text-sm font-semibold text-slate-900">{t('merge.survivorLegend')}</legend>
          <div className="mt-2 space-y-2">
            {records.map((r) => (
              <label key={r.id} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="radio" name="survivorId" value={r.id} defaultChecked={r === survivor} className="size-4 border-slate-300" />
                <span>
                  <Link href={`${area}/${r.id}`} className="font-medium hover:underline">{t('merge.survivorOption', { name: r.name, id: r.id, at: new Date(r.createdAt) })}</Link>
                  {r.lead ? <span className="text-slate-600"> — {t('merge.leadStatus', { status: r.lead.status })}</span> : null}
                  {!r.can.edit ? <span className="text-slate-500"> — {t('merge.cannotEdit')}</span> : !r.can.delete ? <span className="text-slate-500"> — {t('merge.cannotDelete')}</span> : null}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-slate-900">{t('merge.valuesLegend')}</legend>
          <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t('merge.tableCaption')}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3">{t('merge.field')}</th>
                  {records.map((r) => (
                    <th key={r.id} scope="col" className="px-4 py-3">{t('merge.recordHeading', { name: r.name, id: r.id })}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {fields.map((f) => {
                  const values = records.map((r) => r.values[f]);
                  const same = values.every((v) => v === values[0]);
                  const preset = survivor.values[f] !== null ? survivor : (records.find((r) => r.values[f] !== null) ?? survivor);
                  return (
                    <tr key={f}>
                      <th scope="row" className="px-4 py-2 text-left font-medium whitespace-nowrap text-slate-700">{fieldLabel(f)}</th>
                      {same ? (
                        <td colSpan={records.length} className="px-4 py-2 text-slate-600">
                          {show(f, values[0])} <span className="text-xs text-slate-500">({t('merge.same')})</span>
                        </td>
                      ) : (
                        records.map((r) => (
                          <td key={r.id} className="px-4 py-2 align-top">
                            <label className="flex items-start gap-2">
                              <input type="radio" name={`choice_${f}`} value={r.id} defaultChecked={r === preset} className="mt-0.5 size-4 border-slate-300" />
                              <span className={r.values[f] === null ? 'text-slate-500 italic' : 'text-slate-900'}>
                                <span className="sr-only">{t('merge.useValue', { field: fieldLabel(f), name: r.name, id: r.id })}: </span>
                                {show(f, r.values[f])}
                              </span>
                            </label>
                          </td>
                        ))
                      )}
                    </tr>
                  );
                })}
              </tbody>
              <tbody className="divide-y divide-slate-100 border-t-2 border-slate-200 bg-slate-50/60">
                <tr>
                  <th scope="colgroup" colSpan={records.length + 1} className="px-4 pt-3 pb-1 text-left text-xs font-semibold text-slate-600">{t('merge.extrasHeading')}</th>
                </tr>
                {(['contacts', 'addresses', 'tags', 'channels', 'opportunities'] as const)
                  .filter((x) => records[0].extras[x] !== undefined)
                  .map((x) => (
                    <tr key={x}>
                      <th scope="row" className="px-4 py-2 text-left font-medium text-slate-700">{t(`merge.extras.${x}`)}</th>
                      {records.map((r) => {
                        const v = r.extras[x];
                        return <td key={r.id} className="px-4 py-2 text-slate-700">{Array.isArray(v) ? v.join(', ') || '—' : v}</td>;
                      })}
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <Alert tone="warning">{t(kind === 'lead' ? 'merge.warningLead' : 'merge.warning')}</Alert>
        <SubmitButton variant="danger">{t('merge.submit')}</SubmitButton>
      </ActionForm>
    </>
  );
}
