'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { SubmitButton } from '@/components/form/submit-button';
import { resetPasswordLinkAction, setUserActiveAction } from '../../actions';
import { PasswordLink } from '../password-link';

export function ActiveForm({ id, active, self }: { id: number; active: boolean; self: boolean }) {
  const t = useTranslations();
  if (self) return <p className="text-sm text-slate-600">{t('users.cannotDeactivateSelf')}</p>;
  return (
    <ActionForm action={setUserActiveAction}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <SubmitButton variant={active ? 'danger' : 'secondary'}>{active ? t('users.deactivate') : t('users.reactivate')}</SubmitButton>
    </ActionForm>
  );
}

export function ResetLinkForm({ id }: { id: number }) {
  const t = useTranslations();
  return (
    <ActionForm action={resetPasswordLinkAction} renderSuccess={(state) => <PasswordLink link={state.data?.link ?? ''} />}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary">{t('users.makeLink')}</SubmitButton>
    </ActionForm>
  );
}
