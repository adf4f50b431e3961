'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { SelectField, TextAreaField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { buttonClass } from '@/components/ui/button';
import type { Option } from '@/lib/customers/options';
import { leadReopenSchema, loseSchema } from '@/lib/leads/schema';
import { deleteLeadAction, loseLeadAction, reopenLeadAction, takeLeadAction, transferLeadAction } from '../actions';
import { leadTransferSchema } from '@/lib/leads/schema';

/** "Take charge" (seed 002 "Prise en charge"): assigns the lead to the user in one click. */
export function TakeChargeForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={takeLeadAction} className="contents">
      <input type="hidden" name="id" value={id} />
      <SubmitButton>{t('leads.actions.take')}</SubmitButton>
    </ActionForm>
  );
}

/** Losing asks for a reason (the configurable list) and an optional comment. */
export function LoseForm({ id, lostReasons, cancelHref, back }: { id: number; lostReasons: Option[]; cancelHref: string; back?: string | null }) {
  const t = useTranslations();
  return (
    <ActionForm action={loseLeadAction} schema={loseSchema} className="space-y-5">
      <input type="hidden" name="id" value={id} />
      {back ? <input type="hidden" name="back" value={back} /> : null}
      <SelectField name="lostReasonId" label={t('leads.lose.reason')} required defaultValue="" options={[{ value: '', label: t('leads.lose.chooseReason') }, ...lostReasons]} />
      <TextAreaField name="comment" label={t('leads.lose.comment')} hint={t('leads.lose.commentHint')} rows={3} maxLength={2000} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="danger">{t('leads.lose.confirm')}</SubmitButton>
        <a href={cancelHref} className={buttonClass('secondary')}>
          {t('leads.lose.cancel')}
        </a>
      </div>
    </ActionForm>
  );
}

/** Reopening a lost lead asks why; the reason goes to the activity panel. */
export function ReopenForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={reopenLeadAction} schema={leadReopenSchema} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <TextAreaField name="reason" label={t('leads.reopen.reason')} hint={t('leads.reopen.hint')} rows={3} maxLength={1000} />
      <SubmitButton variant="secondary">{t('leads.reopen.submit')}</SubmitButton>
    </ActionForm>
  );
}

/** Assign the lead to someone, or put it back in a team's queue, with a comment. */
export function TransferLeadForm({ id, owners, teams, ownerId }: { id: number; owners: Option[]; teams: Option[]; ownerId: number | null }) {
  const t = useTranslations();
  return (
    <ActionForm action={transferLeadAction} schema={leadTransferSchema} className="space-y-4">
      <input type="hidden" name="id" value={id} />
      <SelectField name="ownerId" label={t('leads.transfer.to')} defaultValue={ownerId ? String(ownerId) : ''} options={[{ value: '', label: t('leads.unassignedQueue') }, ...owners]} />
      <SelectField name="teamId" label={t('leads.fields.team')} hint={t('leads.transfer.teamHint')} defaultValue="" options={[{ value: '', label: t('leads.transfer.keepTeam') }, ...teams]} />
      <TextAreaField name="comment" label={t('leads.transfer.comment')} rows={2} maxLength={1000} />
      <SubmitButton variant="secondary">{t('leads.transfer.submit')}</SubmitButton>
    </ActionForm>
  );
}

/** Deleting takes two steps: open the disclosure, then confirm. */
export function DeleteLeadForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-red-700">{t('leads.delete.open')}</summary>
      <ActionForm action={deleteLeadAction} className="mt-3 space-y-2">
        <input type="hidden" name="id" value={id} />
        <p className="text-sm text-slate-600">{t('leads.delete.help')}</p>
        <SubmitButton variant="danger">{t('leads.delete.confirm')}</SubmitButton>
      </ActionForm>
    </details>
  );
}
