import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { listScoreRules } from '@/lib/leads/rules';
import { canAdminister } from '@/lib/permissions';
import { Card } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { describeRule, ruleFormDefaults } from '../../_components/rule-form';
import { ruleNames, ruleOptions } from '../../_components/rule-data';
import { RuleForm } from '../../_components/rule-forms';

async function ruleOf(params: Promise<{ id: string }>) {
  const id = Number((await params).id);
  // A handful of rows: the list is read whole.
  return Number.isInteger(id) && id > 0 ? (listScoreRules(getDb()).find((r) => r.id === id) ?? null) : null;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await requireUser();
  const rule = canAdminister(user) ? await ruleOf(params) : null;
  return { title: rule?.name ?? (await getTranslations())('leadSettings.rules.title') };
}

export default async function ScoreRulePage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const rule = await ruleOf(params);
  if (!rule) return <RecordNotFound />;
  const t = await getTranslations();
  const db = getDb();
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm">
        <Link href="/settings/leads#scoring" className="font-medium text-brand-700 hover:underline">
          ← {t('leadSettings.rules.back')}
        </Link>
      </nav>
      <PageHeader title={t('leadSettings.rules.editTitle', { name: rule.name })} description={describeRule(t, rule, ruleNames(db))} />
      <Card className="max-w-3xl">
        <RuleForm rule={{ id: rule.id, defaults: ruleFormDefaults(rule), active: rule.active }} options={ruleOptions(db, rule)} />
      </Card>
    </>
  );
}
