import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/current-user';
import { Alert } from '@/components/ui/alert';
import { Card, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ChangePasswordForm, ProfileForm } from './profile-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('nav.profile') };
}

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const { user } = await requireUser();
  const t = await getTranslations();
  const saved = (await searchParams).saved === '1';
  return (
    <>
      <PageHeader title={t('nav.profile')} description={t('profile.intro', { email: user.email, role: t(`roles.${user.role}`) })} />
      {saved ? (
        <Alert tone="success" className="mb-6 max-w-2xl">
          {t('common.saved')}
        </Alert>
      ) : null}
      <div className="grid max-w-4xl gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle description={t('profile.detailsHelp')}>{t('profile.details')}</CardTitle>
          <ProfileForm name={user.name} locale={user.locale} />
        </Card>
        <Card>
          <CardTitle description={t('profile.passwordHelp')}>{t('profile.password')}</CardTitle>
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
