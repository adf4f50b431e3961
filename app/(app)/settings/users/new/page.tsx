import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { listTeams } from '@/lib/users/queries';
import { Card } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { NewUserForm } from '../user-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('users.new') };
}

export default async function NewUserPage() {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const t = await getTranslations();
  const teams = listTeams(getDb(), user);
  return (
    <>
      <PageHeader title={t('users.new')} description={t('users.newIntro')} />
      <Card className="max-w-2xl">
        <NewUserForm teams={teams} />
      </Card>
    </>
  );
}
