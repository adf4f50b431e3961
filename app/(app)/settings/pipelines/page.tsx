import { createHash } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { allStages, listPipelines, pipelineUsage } from '@/lib/pipelines/queries';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { KeepFocus } from './_components/form-bits';
import { DefaultPipelineForm, MovePipelineForm, NewPipelineForm } from './_components/pipeline-forms';
import { StageDot } from './_components/stage-dot';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())('pipelines.title') };
}

export default async function PipelinesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const t = await getTranslations();
  const db = getDb();
  const pipelines = listPipelines(db, { includeArchived: true });
  const stages = allStages(db);
  const usage = pipelineUsage(db);
  const active = pipelines.filter((p) => !p.archived);
  const version = createHash('sha1').update(JSON.stringify(pipelines)).digest('base64url');
  const slot = <span className="inline-block w-9" aria-hidden="true" />;
  const deleted = (await searchParams).deleted === '1';

  return (
    <>
      <PageHeader title={t('pipelines.title')} description={t('pipelines.intro')} />
      {deleted ? (
        <Alert tone="success" className="mb-6">
          {t('pipelines.deletedMessage')}
        </Alert>
      ) : null}
      <div className="space-y-6">
        <Card aria-labelledby="pipelines-list-title">
          <CardTitle id="pipelines-list-title" description={t('pipelines.listHelp')}>
            {t('pipelines.listTitle')}
          </CardTitle>
          <KeepFocus version={version}>
            <ul className="divide-y divide-slate-100">
              {pipelines.map((p) => {
                const own = stages.filter((s) => s.pipelineId === p.id);
                const use = usage.get(p.id) ?? { open: 0, closed: 0 };
                const i = active.findIndex((a) => a.id === p.id);
                return (
                  <li key={p.id} id={`pipeline-${p.id}`} className="scroll-mt-24 py-4">
                    <div className="flex flex-wrap items-start gap-x-3 gap-y-2">
                      <div className="min-w-0 flex-1">
                        <p className="flex flex-wrap items-center gap-2">
                          <Link href={`/settings/pipelines/${p.id}`} className={p.archived ? 'font-semibold text-slate-500 hover:underline' : 'font-semibold text-brand-700 hover:underline'}>
                            {p.name}
                          </Link>
                          {p.isDefault ? <Badge tone="blue">{t('pipelines.default')}</Badge> : null}
                          {p.archived ? <Badge tone="amber">{t('pipelines.archived')}</Badge> : null}
                        </p>
                        <p className="mt-1 text-sm text-slate-600">
                          {t('pipelines.stageCount', { count: own.length })} · {t('pipelines.usage', use)}
                        </p>
                        <ol className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600" aria-label={t('pipelines.stages.title')}>
                          {own.map((s) => (
                            <li key={s.id} className="flex items-center gap-1.5">
                              <StageDot color={s.color} className="size-2.5" />
                              {s.name}
                            </li>
                          ))}
                        </ol>
                      </div>
                      <div className="flex items-center gap-1">
                        {p.archived ? null : (
                          <>
                            {!p.isDefault ? <DefaultPipelineForm id={p.id} name={p.name} from="list" /> : null}
                            {i === 0 ? slot : <MovePipelineForm id={p.id} name={p.name} direction="up" />}
                            {i === active.length - 1 ? slot : <MovePipelineForm id={p.id} name={p.name} direction="down" />}
                          </>
                        )}
                      </div>
                    </div>
                  </li>
                );
              })}
            </ul>
          </KeepFocus>
        </Card>
        <Card aria-labelledby="pipelines-new-title">
          <CardTitle id="pipelines-new-title" description={t('pipelines.new.help')}>
            {t('pipelines.new.title')}
          </CardTitle>
          <NewPipelineForm pipelines={pipelines.map((p) => ({ id: p.id, name: p.name }))} />
        </Card>
      </div>
    </>
  );
}
