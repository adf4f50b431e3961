'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { SelectField, TextAreaField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { transferSchema } from '@/lib/companies/schema';
import type { Option } from '@/lib/customers/options';
import { deleteCompanyAction, duplicateCompanyAction, setCompanyArchivedAction, transferCompanyAction } from '../actions';

export function ArchiveCompanyForm({ id, archived }: { id: number; archived: boolean }) {
  const t = useTranslations();
  return (
    <ActionForm action={setCompanyArchivedAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="archived" value={archived ? 'false' : 'true'} />
      <SubmitButton variant="secondary">{archived ? t('companies.restore') : t('companies.archive')}</SubmitButton>
    </ActionForm>
  );
}

export function DuplicateCompanyForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={duplicateCompanyAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary">{t('companies.duplicate')}</SubmitButton>
    </ActionForm>
  );
}

export function DeleteCompanyForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={deleteCompanyAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-600">{t('companies.deleteHelp')}</p>
      <SubmitButton variant="danger">{t('companies.delete')}</SubmitButton>
    </ActionForm>
  );
}

export function TransferForm({ id, owners, teams, ownerId, action = transferCompanyAction }: { id: number; owners: Option[]; teams: Option[]; ownerId: number | null; action?: typeof transferCompanyAction }) {
  const t = useTranslations();
  return (
    <ActionForm action={action} schema={transferSchema} className="space-y-4">
      <input type="hidden" name="id" value={id} />
      <SelectField name="ownerId" label={t('companies.transferTo')} defaultValue={ownerId ? String(ownerId) : undefined} options={owners} />
      <SelectField name="teamId" label={t('companies.fields.team')} options={[{ value: '', label: t('companies.ownerTeam') }, ...teams]} />
      <TextAreaField name="comment" label={t('companies.transferComment')} rows={2} maxLength={1000} />
      <SubmitButton variant="secondary">{t('companies.transfer')}</SubmitButton>
    </ActionForm>
  );
}
