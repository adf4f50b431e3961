'use client';

import { useTranslations } from 'next-intl';
import { STAGE_COLORS, type StageColor } from '@/db/schema/opportunities';
import type { LeadStatusKind } from '@/db/schema/leads';
import { ActionForm } from '@/components/form/action-form';
import { CheckboxField, SelectField, TextField } from '@/components/form/field';
import { FormDetails } from '@/components/form/form-details';
import { SubmitButton } from '@/components/form/submit-button';
import type { MoveDirection } from '@/lib/pipelines/schema';
import { LEAD_STATUS_NAME_MAX, leadStatusSchema } from '@/lib/leads/status-schema';
import { Chevron, FocusOnRefusal, ResetOnSuccess, SrLabel } from '../../pipelines/_components/form-bits';
import { createLeadStatusAction, deleteLeadStatusAction, makeNewLeadStatusAction, reorderLeadStatusesAction, updateLeadStatusAction } from '../actions';

function useColorOptions() {
  const t = useTranslations();
  // The palette's names are the pipelines' (the same colours, on the same kind of board).
  return STAGE_COLORS.map((c) => ({ value: c, label: t(`pipelines.colors.${c}`) }));
}

/** Name, colour and (for an open status) closed: the fields of both status forms. */
function StatusFields({ name, color, closed, kind }: { name?: string; color: StageColor; closed: boolean; kind: LeadStatusKind }) {
  const t = useTranslations();
  const colors = useColorOptions();
  return (
    <>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-52 flex-1">
          <TextField name="name" label={name === undefined ? t('leadSettings.statuses.newName') : t('leadSettings.statuses.name')} defaultValue={name} required maxLength={LEAD_STATUS_NAME_MAX} autoComplete="off" />
        </div>
        <div className="w-40">
          <SelectField name="color" label={t('leadSettings.statuses.color')} options={colors} defaultValue={color} required />
        </div>
      </div>
      {kind === 'open' ? <CheckboxField name="closed" label={t('leadSettings.statuses.closedField')} hint={t('leadSettings.statuses.closedHint')} defaultChecked={closed} /> : null}
    </>
  );
}

export function NewStatusForm() {
  const t = useTranslations();
  return (
    <ActionForm action={createLeadStatusAction} schema={leadStatusSchema} className="space-y-3">
      <ResetOnSuccess />
      <FocusOnRefusal className="space-y-3">
        <StatusFields color="slate" closed={false} kind="open" />
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton variant="secondary">{t('leadSettings.statuses.add')}</SubmitButton>
          <p className="text-xs text-slate-500">{t('leadSettings.statuses.addHelp')}</p>
        </div>
      </FocusOnRefusal>
    </ActionForm>
  );
}

export function EditStatusForm({ id, name, color, closed, kind }: { id: number; name: string; color: StageColor; closed: boolean; kind: LeadStatusKind }) {
  const t = useTranslations();
  return (
    <ActionForm action={updateLeadStatusAction} schema={leadStatusSchema} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={<SrLabel label={t('leadSettings.statuses.edit')} srLabel={t('leadSettings.statuses.editNamed', { name })} />}>
        <FocusOnRefusal className="space-y-3">
          <StatusFields name={name} color={color} closed={closed} kind={kind} />
          <SubmitButton variant="secondary">{t('common.save')}</SubmitButton>
        </FocusOnRefusal>
      </FormDetails>
    </ActionForm>
  );
}

/** One step up or down among the new and open statuses: the fallback of the drag, posting to the same action. */
export function StepForm({ statusId, name, direction }: { statusId: number; name: string; direction: MoveDirection }) {
  const t = useTranslations();
  return (
    <ActionForm action={reorderLeadStatusesAction} className="space-y-0">
      <input type="hidden" name="statusId" value={statusId} />
      <input type="hidden" name="direction" value={direction} />
      <SubmitButton variant="ghost" className="px-2">
        <Chevron direction={direction} />
        <span className="sr-only">{t(direction === 'up' ? 'leadSettings.statuses.moveUp' : 'leadSettings.statuses.moveDown', { name })}</span>
      </SubmitButton>
    </ActionForm>
  );
}

export function MakeNewForm({ id, name }: { id: number; name: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={makeNewLeadStatusAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="ghost" className="px-0 py-0 font-medium text-brand-700 hover:bg-transparent hover:underline">
        <SrLabel label={t('leadSettings.statuses.makeNew')} srLabel={t('leadSettings.statuses.makeNewNamed', { name })} />
      </SubmitButton>
    </ActionForm>
  );
}

/**
 * Deleting an open status, behind a disclosure. A status in use asks for the status that takes its leads;
 * sent without one, the server refuses with the count.
 */
export function DeleteStatusForm({ id, name, count, targets }: { id: number; name: string; count: number; targets: { id: number; name: string }[] }) {
  const t = useTranslations();
  return (
    <ActionForm action={deleteLeadStatusAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={<SrLabel label={t('leadSettings.statuses.deleteToggle')} srLabel={t('leadSettings.statuses.deleteToggleNamed', { name })} />}>
        <FocusOnRefusal className="max-w-md space-y-3">
          {count === 0 ? (
            <>
              <p className="text-sm text-slate-600">{t('leadSettings.statuses.deleteUnused')}</p>
              <input type="hidden" name="moveTo" value="" />
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t('leadSettings.statuses.deleteUsed', { count })}</p>
              <SelectField
                name="moveTo"
                label={t('leadSettings.statuses.moveTo')}
                options={[{ value: '', label: t('leadSettings.statuses.chooseStatus') }, ...targets.map((s) => ({ value: String(s.id), label: s.name }))]}
                defaultValue=""
              />
            </>
          )}
          <SubmitButton variant="danger">{count === 0 ? t('leadSettings.statuses.delete') : t('leadSettings.statuses.deleteAndMove')}</SubmitButton>
        </FocusOnRefusal>
      </FormDetails>
    </ActionForm>
  );
}
