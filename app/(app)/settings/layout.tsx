import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { SettingsTabs } from './settings-tabs';

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const tabs = [
    { href: '/settings', label: t('settings.overview') },
    ...(canAdminister(user)
      ? [
          { href: '/settings/users', label: t('settings.users') },
          { href: '/settings/teams', label: t('settings.teams') },
          { href: '/settings/lists', label: t('reference.tab') },
          { href: '/settings/pipelines', label: t('pipelines.tab') },
          { href: '/settings/leads', label: t('leadSettings.tab') },
          { href: '/settings/organisation', label: t('settings.organisation') },
          { href: '/settings/audit', label: t('settings.audit') },
        ]
      : []),
  ];
  return (
    <>
      <SettingsTabs tabs={tabs} label={t('nav.settings')} />
      {children}
    </>
  );
}
