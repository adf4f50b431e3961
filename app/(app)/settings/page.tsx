import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('nav.settings') };
}

export default async function SettingsPage() {
  const { user } = await requireUser();
  const t = await getTranslations();
  const cards = [
    { href: '/profile', title: t('nav.profile'), body: t('settings.profileBody') },
    ...(canAdminister(user)
      ? [
          { href: '/settings/users', title: t('settings.users'), body: t('settings.usersBody') },
          { href: '/settings/teams', title: t('settings.teams'), body: t('settings.teamsBody') },
          { href: '/settings/lists', title: t('reference.tab'), body: t('reference.cardBody') },
          { href: '/settings/pipelines', title: t('pipelines.tab'), body: t('pipelines.cardBody') },
          { href: '/settings/leads', title: t('leadSettings.tab'), body: t('leadSettings.cardBody') },
          { href: '/settings/organisation', title: t('settings.organisation'), body: t('settings.organisationBody') },
          { href: '/settings/audit', title: t('settings.audit'), body: t('settings.auditBody') },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader title={t('nav.settings')} description={canAdminister(user) ? t('settings.introAdmin') : t('settings.intro')} />
      <div className="grid gap-4 sm:grid-cols-2">
        {cards.map((c) => (
          <Link key={c.href} href={c.href} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500">
            <h2 className="font-semibold text-slate-900">{c.title}</h2>
            <p className="mt-1 text-sm text-slate-600">{c.body}</p>
          </Link>
        ))}
      </div>
    </>
  );
}
