import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { listTeams, listUsers } from '@/lib/users/queries';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('settings.users') };
}

export default async function UsersPage() {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const t = await getTranslations();
  const format = await getFormatter();
  const db = getDb();
  const users = listUsers(db, user);
  const teamNames = new Map(listTeams(db, user).map((x) => [x.id, x.name]));
  return (
    <>
      <PageHeader
        title={t('settings.users')}
        description={t('users.intro')}
        actions={<ButtonLink href="/settings/users/new">{t('users.new')}</ButtonLink>}
      />
      <div className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t('settings.users')}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">{t('fields.fullName')}</th>
              <th scope="col" className="px-4 py-3">{t('fields.role')}</th>
              <th scope="col" className="px-4 py-3">{t('fields.teams')}</th>
              <th scope="col" className="px-4 py-3">{t('fields.status')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} className={u.active ? '' : 'text-slate-500'}>
                <td className="px-4 py-3">
                  <Link href={`/settings/users/${u.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {u.name}
                  </Link>
                  <div className="text-xs text-slate-500">{u.email}</div>
                </td>
                <td className="px-4 py-3">{t(`roles.${u.role}`)}</td>
                <td className="px-4 py-3">{u.teamIds.map((id) => teamNames.get(id)).filter(Boolean).join(', ') || '—'}</td>
                <td className="px-4 py-3">
                  {!u.active ? (
                    <Badge tone="red">{t('users.inactive')}</Badge>
                  ) : !u.hasPassword ? (
                    <Badge tone="amber">{t('users.invited')}</Badge>
                  ) : (
                    <Badge tone="green">{t('users.active')}</Badge>
                  )}
                  {u.departureDate ? (
                    <div className="mt-1 text-xs text-slate-500">
                      {t('users.leaves', { date: format.dateTime(new Date(`${u.departureDate}T12:00:00Z`), 'short') })}
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
