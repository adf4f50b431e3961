import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { listUsers } from '@/lib/users/queries';
import { Card, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Icon } from '@/components/shell/icons';

export default async function HomePage() {
  const { user } = await requireUser();
  const t = await getTranslations();
  const admin = canAdminister(user);
  const alone = admin && listUsers(getDb(), user).length <= 1;
  const areas = ['leads', 'companies', 'opportunities', 'actions'] as const;
  return (
    <>
      <PageHeader title={t('home.greeting', { name: user.name.split(' ')[0] })} description={t('home.intro')} />
      {alone ? (
        <Card className="mb-6 bg-brand-50 ring-brand-100">
          <CardTitle description={t('home.inviteBody')}>{t('home.inviteTitle')}</CardTitle>
          <Link href="/settings/users/new" className="text-sm font-semibold text-brand-700 hover:underline">
            {t('home.inviteLink')} →
          </Link>
        </Card>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {areas.map((a) => (
          <Link key={a} href={`/${a}`} className="group rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500">
            <div className="flex items-center gap-3">
              <span className="grid size-10 place-items-center rounded-lg bg-brand-50 text-brand-600">
                <Icon name={a} />
              </span>
              <div>
                <h2 className="font-semibold text-slate-900 group-hover:text-brand-700">{t(`nav.${a}`)}</h2>
                <p className="text-sm text-slate-600">{t(`areas.${a}.emptyTitle`)}</p>
              </div>
            </div>
          </Link>
        ))}
      </div>
    </>
  );
}
