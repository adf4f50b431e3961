import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { getOrgSettings } from '@/lib/settings/queries';
import { AppShell } from '@/components/shell/app-shell';
import { signOutAction } from '@/app/(auth)/actions';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const org = getOrgSettings(getDb());
  const nav = [
    { href: '/', label: t('nav.home'), icon: 'home' },
    { href: '/leads', label: t('nav.leads'), icon: 'leads' },
    { href: '/companies', label: t('nav.companies'), icon: 'companies' },
    { href: '/contacts', label: t('nav.contacts'), icon: 'contacts' },
    { href: '/opportunities', label: t('nav.opportunities'), icon: 'opportunities' },
    { href: '/actions', label: t('nav.actions'), icon: 'actions' },
    { href: '/reports', label: t('nav.reports'), icon: 'reports' },
    { href: '/settings', label: t('nav.settings'), icon: 'settings' },
  ] as const;
  return (
    <AppShell
      nav={[...nav]}
      org={{ name: org.name, hasLogo: org.hasLogo, logoVersion: org.updatedAt }}
      user={{ name: user.name, email: user.email, role: t(`roles.${user.role}`), isAdmin: canAdminister(user) }}
      labels={{
        skip: t('shell.skip'),
        menu: t('shell.menu'),
        mainNav: t('shell.mainNav'),
        userMenu: t('shell.userMenu'),
        profile: t('nav.profile'),
        signOut: t('shell.signOut'),
        search: t('search.label'),
        searchPlaceholder: t('search.placeholder'),
      }}
      signOutAction={signOutAction}
    >
      {children}
    </AppShell>
  );
}
