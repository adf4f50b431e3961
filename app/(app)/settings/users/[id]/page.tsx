import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { getUser, listTeams } from '@/lib/users/queries';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { EditUserForm } from '../user-form';
import { ActiveForm, ResetLinkForm } from './user-status-forms';
import { RecordNotFound } from '@/components/ui/record-not-found';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await requireUser();
  const u = getUser(getDb(), user, Number((await params).id));
  return { title: u?.name ?? (await getTranslations())('settings.users') };
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const id = Number((await params).id);
  const db = getDb();
  const target = Number.isInteger(id) ? getUser(db, user, id) : null;
  if (!target) return <RecordNotFound />;
  const t = await getTranslations();
  const teams = listTeams(db, user);
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {target.name}
            {target.active ? null : <Badge tone="red">{t('users.inactive')}</Badge>}
          </span>
        }
        description={target.email}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardTitle>{t('users.details')}</CardTitle>
          <EditUserForm teams={teams} user={target} />
        </Card>
        <div className="space-y-6">
          <Card>
            <CardTitle description={target.active ? t('users.deactivateHelp') : t('users.reactivateHelp')}>{t('fields.status')}</CardTitle>
            <ActiveForm id={target.id} active={target.active} self={target.id === user.id} />
          </Card>
          {target.active ? (
            <Card>
              <CardTitle description={target.hasPassword ? t('users.resetHelp') : t('users.inviteHelp')}>{t('users.passwordLink')}</CardTitle>
              <ResetLinkForm id={target.id} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
