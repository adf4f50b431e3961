'use client';

import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { FileField, SelectField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import type { OrgSettings } from '@/lib/settings/queries';
import { orgSettingsSchema } from '@/lib/settings/schema';
import { updateOrgSettingsAction } from '../actions';

export function OrgSettingsForm({ settings, timeZones, currencies }: { settings: OrgSettings; timeZones: string[]; currencies: string[] }) {
  const t = useTranslations();
  return (
    <ActionForm action={updateOrgSettingsAction} schema={orgSettingsSchema} encType="multipart/form-data">
      <TextField name="name" label={t('organisation.name')} defaultValue={settings.name} required />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField
          name="defaultLocale"
          label={t('organisation.defaultLocale')}
          hint={t('organisation.defaultLocaleHint')}
          defaultValue={settings.defaultLocale}
          options={[
            { value: 'fr', label: t('language.fr') },
            { value: 'en', label: t('language.en') },
          ]}
        />
        <SelectField
          name="currency"
          label={t('organisation.currency')}
          defaultValue={settings.currency}
          options={currencies.map((c) => ({ value: c, label: c }))}
        />
      </div>
      <SelectField name="timeZone" label={t('organisation.timeZone')} defaultValue={settings.timeZone} options={timeZones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))} />
      <FileField name="logo" label={t('organisation.logo')} hint={t('organisation.logoHint')} accept="image/png,image/jpeg,image/webp" />
      {settings.hasLogo ? (
        <div className="flex items-center gap-4">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={`/api/logo?v=${settings.updatedAt}`} alt={t('organisation.currentLogo')} className="h-12 w-auto rounded ring-1 ring-slate-200" />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="removeLogo" className="size-4 rounded border-slate-300" />
            {t('organisation.removeLogo')}
          </label>
        </div>
      ) : null}
      <SubmitButton>{t('common.save')}</SubmitButton>
    </ActionForm>
  );
}
