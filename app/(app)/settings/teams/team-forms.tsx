'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { TextField } from '@/components/form/field';
import { FormDetails } from '@/components/form/form-details';
import { SubmitButton } from '@/components/form/submit-button';
import { teamSchema } from '@/lib/users/schema';
import { createTeamAction, deleteTeamAction, renameTeamAction } from '../actions';

export function NewTeamForm() {
  const t = useTranslations();
  return (
    <ActionForm action={createTeamAction} schema={teamSchema}>
      <TextField name="name" label={t('teams.name')} required autoComplete="off" />
      <SubmitButton>{t('teams.create')}</SubmitButton>
    </ActionForm>
  );
}

export function RenameTeamForm({ id, name }: { id: number; name: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={renameTeamAction} schema={teamSchema} className="mt-3 space-y-3">
      <input type="hidden" name="id" value={id} />
      <FormDetails summary={t('teams.rename')}>
        <TextField name="name" label={t('teams.newName')} defaultValue={name} required autoComplete="off" />
        <SubmitButton variant="secondary">{t('common.save')}</SubmitButton>
      </FormDetails>
    </ActionForm>
  );
}

export function DeleteTeamForm({ id, name }: { id: number; name: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={deleteTeamAction} className="space-y-0">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="ghost" className="text-red-700">
        <span>{t('common.delete')}</span>
        <span className="sr-only">{name}</span>
      </SubmitButton>
    </ActionForm>
  );
}
