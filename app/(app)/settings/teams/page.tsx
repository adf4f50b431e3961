import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { getTeam, listTeams } from '@/lib/users/queries';
import { Card, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { DeleteTeamForm, NewTeamForm, RenameTeamForm } from './team-forms';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('settings.teams') };
}

export default async function TeamsPage() {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const t = await getTranslations();
  const db = getDb();
  const teams = listTeams(db, user).map((x) => getTeam(db, user, x.id)!);
  return (
    <>
      <PageHeader title={t('settings.teams')} description={t('teams.intro')} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {teams.length === 0 ? (
            <EmptyState title={t('teams.emptyTitle')}>
              <p>{t('teams.emptyBody')}</p>
            </EmptyState>
          ) : (
            teams.map((team) => (
              <Card key={team.id} aria-labelledby={`team-${team.id}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 id={`team-${team.id}`} className="font-semibold text-slate-900">
                      {team.name}
                    </h2>
                    <p className="text-sm text-slate-600">{t('teams.members', { count: team.members })}</p>
                    {team.memberNames.length ? <p className="mt-1 text-sm text-slate-800">{team.memberNames.join(', ')}</p> : null}
                  </div>
                  {team.members === 0 ? <DeleteTeamForm id={team.id} name={team.name} /> : null}
                </div>
                <RenameTeamForm id={team.id} name={team.name} />
              </Card>
            ))
          )}
        </div>
        <Card>
          <CardTitle description={t('teams.newHelp')}>{t('teams.new')}</CardTitle>
          <NewTeamForm />
        </Card>
      </div>
    </>
  );
}
