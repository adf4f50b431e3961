'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { setupSchema } from '@/lib/auth/schema';
import { setupAction } from '../actions';

export function SetupForm() {
  const t = useTranslations();
  return (
    <ActionForm action={setupAction} schema={setupSchema}>
      <TextField name="organisation" label={t('setup.organisation')} required autoComplete="organization" />
      <TextField name="name" label={t('fields.fullName')} required autoComplete="name" />
      <TextField name="email" type="email" label={t('fields.email')} required autoComplete="email" />
      <TextField name="password" type="password" label={t('fields.password')} hint={t('fields.passwordHint')} required autoComplete="new-password" />
      <SubmitButton className="w-full">{t('setup.submit')}</SubmitButton>
    </ActionForm>
  );
}
