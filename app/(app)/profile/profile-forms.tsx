'use client';

import { useLocale, useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { SelectField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { changePasswordSchema } from '@/lib/auth/schema';
import { profileSchema } from '@/lib/users/schema';
import { changePasswordAction, updateProfileAction } from '../settings/actions';

export function ProfileForm({ name, locale }: { name: string; locale: 'fr' | 'en' | null }) {
  const t = useTranslations();
  const current = useLocale();
  return (
    <ActionForm action={updateProfileAction} schema={profileSchema}>
      <TextField name="name" label={t('fields.fullName')} defaultValue={name} required autoComplete="name" />
      <SelectField
        name="locale"
        label={t('language.label')}
        hint={t('profile.languageHint')}
        defaultValue={locale ?? current}
        options={[
          { value: 'fr', label: t('language.fr') },
          { value: 'en', label: t('language.en') },
        ]}
      />
      <SubmitButton>{t('common.save')}</SubmitButton>
    </ActionForm>
  );
}

export function ChangePasswordForm() {
  const t = useTranslations();
  return (
    <ActionForm action={changePasswordAction} schema={changePasswordSchema}>
      <TextField name="currentPassword" type="password" label={t('fields.currentPassword')} required autoComplete="current-password" />
      <TextField name="newPassword" type="password" label={t('fields.newPassword')} hint={t('fields.passwordHint')} required autoComplete="new-password" />
      <SubmitButton>{t('profile.changePassword')}</SubmitButton>
    </ActionForm>
  );
}
