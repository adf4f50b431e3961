'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { TextAreaField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { reopenSchema } from '@/lib/opportunities/schema';
import { deleteOpportunityAction, reopenOpportunityAction } from '../actions';

/** Reopening asks why; the reason goes to the activity panel. */
export function ReopenForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={reopenOpportunityAction} schema={reopenSchema} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <TextAreaField name="reason" label={t('opportunities.reopen.reason')} hint={t('opportunities.reopen.hint')} rows={3} maxLength={1000} />
      <SubmitButton variant="secondary">{t('opportunities.reopen.submit')}</SubmitButton>
    </ActionForm>
  );
}

/** Deleting takes two steps: open the disclosure, then confirm. */
export function DeleteOpportunityForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-red-700">{t('opportunities.delete.open')}</summary>
      <ActionForm action={deleteOpportunityAction} className="mt-3 space-y-2">
        <input type="hidden" name="id" value={id} />
        <p className="text-sm text-slate-600">{t('opportunities.delete.help')}</p>
        <SubmitButton variant="danger">{t('opportunities.delete.confirm')}</SubmitButton>
      </ActionForm>
    </details>
  );
}
