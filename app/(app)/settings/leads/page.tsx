import { createHash } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { listScoreRules } from '@/lib/leads/rules';
import { leadStatusUsage } from '@/lib/leads/status-admin';
import { listLeadStatuses } from '@/lib/leads/statuses';
import { canAdminister } from '@/lib/permissions';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { describeRule } from './_components/rule-form';
import { ruleNames, ruleOptions } from './_components/rule-data';
import { DeleteRuleForm, RuleActiveForm, RuleForm } from './_components/rule-forms';
import { NewStatusForm } from './_components/status-forms';
import { StatusList } from './_components/status-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('leadSettings.title') };
}

const DONE = ['saved', 'activated', 'deactivated', 'deleted'] as const;

export default async function LeadSettingsPage({ searchParams }: { searchParams: Promise<{ done?: string; rescored?: string }> }) {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const t = await getTranslations();
  const format = await getFormatter();
  const db = getDb();
  const usage = leadStatusUsage(db);
  const statuses = listLeadStatuses(db).map((s) => ({ id: s.id, name: s.name, kind: s.kind, closed: s.closed, color: s.color, count: usage.get(s.id) ?? 0 }));
  const version = createHash('sha1').update(JSON.stringify(statuses)).digest('base64url');
  const rules = listScoreRules(db);
  const names = ruleNames(db);
  const query = await searchParams;
  const done = DONE.find((d) => d === query.done);
  const rescored = Number(query.rescored);

  return (
    <>
      <PageHeader title={t('leadSettings.title')} description={t('leadSettings.intro')} />
      <div className="space-y-6">
        <Card id="statuses" aria-labelledby="statuses-title" className="scroll-mt-24">
          <CardTitle id="statuses-title" description={t('leadSettings.statuses.help')}>
            {t('leadSettings.statuses.title')}
          </CardTitle>
          <StatusList statuses={statuses} version={version} />
          <div className="mt-4 border-t border-slate-200 pt-4">
            <NewStatusForm />
          </div>
        </Card>

        <Card id="scoring" aria-labelledby="scoring-title" className="scroll-mt-24">
          <CardTitle id="scoring-title" description={t('leadSettings.rules.help')}>
            {t('leadSettings.rules.title')}
          </CardTitle>
          {done && Number.isInteger(rescored) && rescored >= 0 ? (
            <Alert tone="success" className="mb-4">
              {t(`leadSettings.rules.done.${done}`)} {t('leadSettings.rules.rescored', { count: rescored })}
            </Alert>
          ) : null}
          {rules.length === 0 ? (
            <p className="text-sm text-slate-600">{t('leadSettings.rules.empty')}</p>
          ) : (
            <div className="-mx-5 overflow-x-auto sm:-mx-6">
              <table className="w-full min-w-[40rem] text-left text-sm">
                <caption className="sr-only">{t('leadSettings.rules.title')}</caption>
                <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="px-5 py-2 sm:px-6">
                      {t('leadSettings.rules.name')}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t('leadSettings.rules.condition')}
                    </th>
                    <th scope="col" className="px-3 py-2 text-right">
                      {t('leadSettings.rules.points')}
                    </th>
                    <th scope="col" className="px-3 py-2">
                      {t('leadSettings.rules.state')}
                    </th>
                    <th scope="col" className="px-5 py-2 sm:px-6">
                      <span className="sr-only">{t('leadSettings.rules.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rules.map((r) => (
                    <tr key={r.id} id={`rule-${r.id}`} className={r.active ? 'align-top' : 'align-top text-slate-500'}>
                      <th scope="row" className="px-5 py-3 font-medium text-slate-900 sm:px-6">
                        {r.name}
                      </th>
                      <td className="px-3 py-3">{describeRule(t, r, names)}</td>
                      <td className={r.points < 0 ? 'px-3 py-3 text-right font-medium text-red-700 tabular-nums' : 'px-3 py-3 text-right font-medium text-emerald-700 tabular-nums'}>
                        {format.number(r.points, { signDisplay: 'exceptZero' })}
                      </td>
                      <td className="px-3 py-3">{r.active ? <Badge tone="green">{t('leadSettings.rules.active')}</Badge> : <Badge>{t('leadSettings.rules.inactive')}</Badge>}</td>
                      <td className="px-5 py-3 sm:px-6">
                        <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
                          <Link href={`/settings/leads/rules/${r.id}`} className="text-sm font-medium text-brand-700 hover:underline">
                            <span aria-hidden="true">{t('leadSettings.rules.edit')}</span>
                            <span className="sr-only">{t('leadSettings.rules.editNamed', { name: r.name })}</span>
                          </Link>
                          <RuleActiveForm id={r.id} name={r.name} active={r.active} />
                          <DeleteRuleForm id={r.id} name={r.name} />
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="mt-6 border-t border-slate-200 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-900">{t('leadSettings.rules.newTitle')}</h3>
            <RuleForm options={ruleOptions(db)} />
          </div>
        </Card>
      </div>
    </>
  );
}
