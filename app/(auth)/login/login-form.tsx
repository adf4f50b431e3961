'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { loginSchema } from '@/lib/auth/schema';
import { loginAction } from '../actions';

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations();
  return (
    <ActionForm action={loginAction} schema={loginSchema}>
      <input type="hidden" name="next" value={next} />
      <TextField name="email" type="email" label={t('fields.email')} required autoComplete="username" />
      <TextField name="password" type="password" label={t('fields.password')} required autoComplete="current-password" />
      <SubmitButton className="w-full">{t('login.submit')}</SubmitButton>
      <p className="text-center text-xs text-slate-500">{t('login.forgot')}</p>
    </ActionForm>
  );
}
