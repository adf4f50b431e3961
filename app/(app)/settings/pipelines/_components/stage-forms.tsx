'use client';

import { useTranslations } from 'next-intl';
import { STAGE_COLORS, type StageColor } from '@/db/schema/opportunities';
import { ActionForm } from '@/components/form/action-form';
import { SelectField, TextField } from '@/components/form/field';
import { FormDetails } from '@/components/form/form-details';
import { SubmitButton } from '@/components/form/submit-button';
import { STAGE_NAME_MAX, stageSchema, type MoveDirection } from '@/lib/pipelines/schema';
import { createStageAction, deleteStageAction, makeProposalStageAction, reorderStagesAction, updateStageAction } from '../actions';
import { Chevron, FocusOnRefusal, ResetOnSuccess, SrLabel } from './form-bits';

function useColorOptions() {
  const t = useTranslations();
  return STAGE_COLORS.map((c) => ({ value: c, label: t(`pipelines.colors.${c}`) }));
}

/** Name, colour and default probability: the fields of both stage forms. */
function StageFields({ name, color, probability }: { name?: string; color: StageColor; probability: number }) {
  const t = useTranslations();
  const colors = useColorOptions();
  return (
    <>
      <div className="min-w-52 flex-1">
        <TextField name="name" label={name === undefined ? t('pipelines.stages.newName') : t('pipelines.stages.name')} defaultValue={name} required maxLength={STAGE_NAME_MAX} autoComplete="off" />
      </div>
      <div className="w-40">
        <SelectField name="color" label={t('pipelines.stages.color')} options={colors} defaultValue={color} required />
      </div>
      <div className="w-48">
        <TextField name="probability" label={t('pipelines.stages.probabilityField')} defaultValue={String(probability)} required maxLength={5} autoComplete="off" />
      </div>
    </>
  );
}

export function NewStageForm({ pipelineId, probability }: { pipelineId: number; probability: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={createStageAction} schema={stageSchema} className="space-y-3">
      <ResetOnSuccess />
      <input type="hidden" name="pipelineId" value={pipelineId} />
      <FocusOnRefusal className="space-y-2">
        <div className="flex flex-wrap items-end gap-3">
          <StageFields color="slate" probability={probability} />
          <SubmitButton variant="secondary">{t('pipelines.stages.add')}</SubmitButton>
        </div>
        <p className="text-xs text-slate-500">
          {t('pipelines.stages.addHelp')} {t('pipelines.stages.probabilityHint')}
        </p>
      </FocusOnRefusal>
    </ActionForm>
  );
}

export function EditStageForm({ id, name, color, probability }: { id: number; name: string; color: StageColor; probability: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={updateStageAction} schema={stageSchema} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={<SrLabel label={t('pipelines.stages.edit')} srLabel={t('pipelines.stages.editNamed', { name })} />}>
        <FocusOnRefusal className="space-y-2">
          <div className="flex flex-wrap items-end gap-3">
            <StageFields name={name} color={color} probability={probability} />
            <SubmitButton variant="secondary">{t('common.save')}</SubmitButton>
          </div>
          <p className="text-xs text-slate-500">{t('pipelines.stages.probabilityHint')}</p>
        </FocusOnRefusal>
      </FormDetails>
    </ActionForm>
  );
}

/** One step up or down among the open stages: the fallback of the drag, posting to the same action. */
export function StepForm({ pipelineId, stageId, name, direction }: { pipelineId: number; stageId: number; name: string; direction: MoveDirection }) {
  const t = useTranslations();
  return (
    <ActionForm action={reorderStagesAction} className="space-y-0">
      <input type="hidden" name="pipelineId" value={pipelineId} />
      <input type="hidden" name="stageId" value={stageId} />
      <input type="hidden" name="direction" value={direction} />
      <SubmitButton variant="ghost" className="px-2">
        <Chevron direction={direction} />
        <span className="sr-only">{t(direction === 'up' ? 'pipelines.moveUp' : 'pipelines.moveDown', { name })}</span>
      </SubmitButton>
    </ActionForm>
  );
}

export function ProposalStageForm({ id, name }: { id: number; name: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={makeProposalStageAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="ghost" className="px-0 py-0 font-medium text-brand-700 hover:bg-transparent hover:underline">
        <SrLabel label={t('pipelines.stages.makeProposal')} srLabel={t('pipelines.stages.makeProposalNamed', { name })} />
      </SubmitButton>
    </ActionForm>
  );
}

/**
 * Deleting an open stage, behind a disclosure. A stage in use asks for the stage that takes its
 * opportunities; sent without one, the server refuses with the count.
 */
export function DeleteStageForm({ id, name, count, targets }: { id: number; name: string; count: number; targets: { id: number; name: string }[] }) {
  const t = useTranslations();
  return (
    <ActionForm action={deleteStageAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={<SrLabel label={t('pipelines.stages.deleteToggle')} srLabel={t('pipelines.stages.deleteToggleNamed', { name })} />}>
        <FocusOnRefusal className="max-w-md space-y-3">
          {count === 0 ? (
            <>
              <p className="text-sm text-slate-600">{t('pipelines.stages.deleteUnused')}</p>
              <input type="hidden" name="moveTo" value="" />
            </>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t('pipelines.stages.deleteUsed', { count })}</p>
              <SelectField
                name="moveTo"
                label={t('pipelines.stages.moveTo')}
                options={[{ value: '', label: t('pipelines.stages.chooseStage') }, ...targets.map((s) => ({ value: String(s.id), label: s.name }))]}
                defaultValue=""
              />
            </>
          )}
          <SubmitButton variant="danger">{count === 0 ? t('pipelines.stages.delete') : t('pipelines.stages.deleteAndMove')}</SubmitButton>
        </FocusOnRefusal>
      </FormDetails>
    </ActionForm>
  );
}
