'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { SelectField, TextField } from '@/components/form/field';
import { FormDetails } from '@/components/form/form-details';
import { SubmitButton } from '@/components/form/submit-button';
import { PIPELINE_NAME_MAX, newPipelineSchema, pipelineSchema, type MoveDirection } from '@/lib/pipelines/schema';
import {
  createPipelineAction,
  deletePipelineAction,
  movePipelineAction,
  renamePipelineAction,
  setDefaultPipelineAction,
  setPipelineArchivedAction,
} from '../actions';
import { Chevron, FocusOnRefusal, SrLabel } from './form-bits';

export function NewPipelineForm({ pipelines }: { pipelines: { id: number; name: string }[] }) {
  const t = useTranslations();
  const options = [{ value: '', label: t('pipelines.new.starter') }, ...pipelines.map((p) => ({ value: String(p.id), label: t('pipelines.new.copy', { name: p.name }) }))];
  return (
    <ActionForm action={createPipelineAction} schema={newPipelineSchema} className="space-y-3">
      <FocusOnRefusal className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <TextField name="name" label={t('pipelines.new.name')} required maxLength={PIPELINE_NAME_MAX} autoComplete="off" />
        </div>
        <div className="min-w-56 flex-1">
          <SelectField name="stagesFrom" label={t('pipelines.new.stages')} options={options} defaultValue="" />
        </div>
        <SubmitButton>{t('pipelines.new.submit')}</SubmitButton>
      </FocusOnRefusal>
    </ActionForm>
  );
}

export function RenamePipelineForm({ id, name }: { id: number; name: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={renamePipelineAction} schema={pipelineSchema} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <FocusOnRefusal className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <TextField name="name" label={t('pipelines.name')} defaultValue={name} required maxLength={PIPELINE_NAME_MAX} autoComplete="off" />
        </div>
        <SubmitButton variant="secondary">{t('pipelines.rename')}</SubmitButton>
      </FocusOnRefusal>
    </ActionForm>
  );
}

/** "Make default": from the list (a short button naming the pipeline for screen readers) or from its page. */
export function DefaultPipelineForm({ id, name, from }: { id: number; name: string; from: 'list' | 'page' }) {
  const t = useTranslations();
  return (
    <ActionForm action={setDefaultPipelineAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="from" value={from} />
      <SubmitButton variant="secondary">
        {from === 'list' ? <SrLabel label={t('pipelines.makeDefault')} srLabel={t('pipelines.makeDefaultNamed', { name })} /> : t('pipelines.setDefault')}
      </SubmitButton>
    </ActionForm>
  );
}

export function ArchivePipelineForm({ id, archived }: { id: number; archived: boolean }) {
  const t = useTranslations();
  return (
    <ActionForm action={setPipelineArchivedAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="archived" value={archived ? 'false' : 'true'} />
      <SubmitButton variant="secondary">{archived ? t('pipelines.restore') : t('pipelines.archive')}</SubmitButton>
    </ActionForm>
  );
}

/** Behind a disclosure, so a pipeline is never deleted by a stray click. */
export function DeletePipelineForm({ id, used }: { id: number; used: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={deletePipelineAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={t('pipelines.delete')}>
        <FocusOnRefusal className="space-y-3">
          <p className="text-sm text-slate-600">{t('pipelines.deleteHelp', { count: used })}</p>
          <SubmitButton variant="danger">{t('pipelines.delete')}</SubmitButton>
        </FocusOnRefusal>
      </FormDetails>
    </ActionForm>
  );
}

export function MovePipelineForm({ id, name, direction }: { id: number; name: string; direction: MoveDirection }) {
  const t = useTranslations();
  return (
    <ActionForm action={movePipelineAction} className="space-y-0">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="direction" value={direction} />
      <SubmitButton variant="ghost" className="px-2">
        <Chevron direction={direction} />
        <span className="sr-only">{t(direction === 'up' ? 'pipelines.moveUp' : 'pipelines.moveDown', { name })}</span>
      </SubmitButton>
    </ActionForm>
  );
}
