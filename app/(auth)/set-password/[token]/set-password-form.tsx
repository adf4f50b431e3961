'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { setPasswordSchema } from '@/lib/auth/schema';
import { setPasswordAction } from '../../actions';

export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={setPasswordAction} schema={setPasswordSchema}>
      <input type="hidden" name="token" value={token} />
      <TextField name="password" type="password" label={t('fields.newPassword')} hint={t('fields.passwordHint')} required autoComplete="new-password" />
      <SubmitButton className="w-full">{t('setPassword.submit')}</SubmitButton>
    </ActionForm>
  );
}
