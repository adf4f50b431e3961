'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { SubmitButton } from '@/components/form/submit-button';
import { deleteContactAction, setContactActiveAction } from '../actions';

export function ContactActiveForm({ id, active }: { id: number; active: boolean }) {
  const t = useTranslations();
  return (
    <ActionForm action={setContactActiveAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <SubmitButton variant="secondary">{active ? t('contacts.deactivate') : t('contacts.activate')}</SubmitButton>
    </ActionForm>
  );
}

export function DeleteContactForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={deleteContactAction} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-600">{t('contacts.deleteHelp')}</p>
      <SubmitButton variant="danger">{t('contacts.delete')}</SubmitButton>
    </ActionForm>
  );
}
