'use client';

import { useTranslations } from 'next-intl';
import { ActionForm, useServerFormState } from '@/components/form/action-form';
import { SubmitButton } from '@/components/form/submit-button';
import { inputClass } from '@/components/ui/input-class';
import type { Option } from '@/lib/customers/options';
import { issueKey } from '@/lib/forms';
import { resolveOthersAction } from '../actions';

export type OtherRow = { id: number; name: string; stage: string; amount: string; expectedClose: string | null; owner: string | null };

/** The answer to "close the prospect's other open opportunities?": for each, close as lost (with a reason) or keep. */
export function OthersForm({ wonId, rows, lostReasons }: { wonId: number; rows: OtherRow[]; lostReasons: Option[] }) {
  const t = useTranslations();
  return (
    <ActionForm action={resolveOthersAction} className="space-y-5">
      <input type="hidden" name="id" value={wonId} />
      <Rows rows={rows} lostReasons={lostReasons} />
      <SubmitButton>{t('opportunities.others.submit')}</SubmitButton>
    </ActionForm>
  );
}

function Rows({ rows, lostReasons }: { rows: OtherRow[]; lostReasons: Option[] }) {
  const t = useTranslations();
  const state = useServerFormState();
  const kept = (name: string) => {
    const v = state.values?.[name];
    return typeof v === 'string' ? v : undefined;
  };
  const error = (name: string) => {
    const key = state.fieldErrors?.[name];
    return key ? t(issueKey(key)) : undefined;
  };
  return (
    <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t('opportunities.others.caption')}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">{t('opportunities.fields.name')}</th>
            <th scope="col" className="px-4 py-3">{t('opportunities.fields.amount')}</th>
            <th scope="col" className="px-4 py-3">{t('opportunities.others.decision')}</th>
            <th scope="col" className="px-4 py-3">{t('opportunities.fields.lostReason')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const decision = kept(`decision_${r.id}`) ?? 'keep';
            const reasonError = error(`reason_${r.id}`);
            const decisionError = error(`decision_${r.id}`);
            return (
              <tr key={r.id} className="align-top">
                <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
                  <a href={`/opportunities/${r.id}`} className="text-brand-700 hover:underline">
                    {r.name}
                  </a>
                  <p className="mt-0.5 text-xs font-normal text-slate-500">{[r.stage, r.expectedClose, r.owner].filter(Boolean).join(' · ')}</p>
                </th>
                <td className="px-4 py-3 whitespace-nowrap tabular-nums">{r.amount}</td>
                <td className="px-4 py-3">
                  <fieldset aria-describedby={decisionError ? `decision_${r.id}-error` : undefined}>
                    <legend className="sr-only">{t('opportunities.others.decisionFor', { name: r.name })}</legend>
                    <div className="flex flex-col gap-1.5">
                      {(['keep', 'lose'] as const).map((d) => (
                        <label key={d} className="flex items-center gap-2 whitespace-nowrap text-slate-800">
                          <input type="radio" name={`decision_${r.id}`} value={d} defaultChecked={decision === d} className="size-4 border-slate-300 text-brand-600 focus:ring-brand-600" />
                          {t(`opportunities.others.${d}`)}
                        </label>
                      ))}
                    </div>
                    {decisionError ? (
                      <p id={`decision_${r.id}-error`} className="mt-1 text-sm text-red-700">
                        {decisionError}
                      </p>
                    ) : null}
                  </fieldset>
                </td>
                <td className="px-4 py-3">
                  <label htmlFor={`reason_${r.id}`} className="sr-only">
                    {t('opportunities.others.reasonFor', { name: r.name })}
                  </label>
                  <select
                    id={`reason_${r.id}`}
                    name={`reason_${r.id}`}
                    defaultValue={kept(`reason_${r.id}`) ?? ''}
                    aria-invalid={reasonError ? true : undefined}
                    aria-describedby={reasonError ? `reason_${r.id}-error` : `reason-hint`}
                    className={inputClass}
                  >
                    <option value="">{t('common.none')}</option>
                    {lostReasons.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                  {reasonError ? (
                    <p id={`reason_${r.id}-error`} className="mt-1 text-sm text-red-700">
                      {reasonError}
                    </p>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id="reason-hint" className="px-4 py-3 text-xs text-slate-500">
        {t('opportunities.others.reasonHint')}
      </p>
    </div>
  );
}
