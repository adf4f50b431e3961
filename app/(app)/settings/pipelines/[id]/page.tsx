import { createHash } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { requireUser } from '@/lib/auth/current-user';
import { canAdminister } from '@/lib/permissions';
import { getPipeline, isOpenKind, pipelineUsage, stageUsage } from '@/lib/pipelines/queries';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { Forbidden } from '@/components/ui/forbidden';
import { PageHeader } from '@/components/ui/page-header';
import { RecordNotFound } from '@/components/ui/record-not-found';
import { ArchivePipelineForm, DefaultPipelineForm, DeletePipelineForm, RenamePipelineForm } from '../_components/pipeline-forms';
import { NewStageForm } from '../_components/stage-forms';
import { StageList } from '../_components/stage-list';

const idOf = async (params: Promise<{ id: string }>) => {
  const id = Number((await params).id);
  return Number.isInteger(id) && id > 0 ? id : null;
};

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { user } = await requireUser();
  const id = await idOf(params);
  const p = canAdminister(user) && id ? getPipeline(getDb(), id) : null;
  return { title: p?.name ?? (await getTranslations())('pipelines.title') };
}

export default async function PipelinePage({ params }: { params: Promise<{ id: string }> }) {
  const { user } = await requireUser();
  if (!canAdminister(user)) return <Forbidden />;
  const id = await idOf(params);
  const db = getDb();
  const pipeline = id ? getPipeline(db, id) : null;
  if (!pipeline) return <RecordNotFound />;
  const t = await getTranslations();
  const counts = stageUsage(db, pipeline.id);
  const use = pipelineUsage(db).get(pipeline.id) ?? { open: 0, closed: 0 };
  const stages = pipeline.stages.map((s) => ({ id: s.id, name: s.name, kind: s.kind, color: s.color, probability: s.probability, count: counts.get(s.id) ?? 0 }));
  const lastOpen = pipeline.stages.filter((s) => isOpenKind(s.kind)).at(-1);
  const version = createHash('sha1').update(JSON.stringify(stages)).digest('base64url');

  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="mb-2 text-sm">
        <Link href="/settings/pipelines" className="font-medium text-brand-700 hover:underline">
          ← {t('pipelines.back')}
        </Link>
      </nav>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {pipeline.name}
            {pipeline.isDefault ? <Badge tone="blue">{t('pipelines.default')}</Badge> : null}
            {pipeline.archived ? <Badge tone="amber">{t('pipelines.archived')}</Badge> : null}
          </span>
        }
        description={t('pipelines.usage', use)}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card id="stages" aria-labelledby="stages-title" className="scroll-mt-24 lg:col-span-2">
          <CardTitle id="stages-title" description={t('pipelines.stages.help')}>
            {t('pipelines.stages.title')}
          </CardTitle>
          <StageList pipelineId={pipeline.id} stages={stages} version={version} />
          <div className="mt-4 border-t border-slate-200 pt-4">
            <NewStageForm pipelineId={pipeline.id} probability={lastOpen?.probability ?? 0} />
          </div>
        </Card>
        <Card aria-labelledby="pipeline-settings-title">
          <CardTitle id="pipeline-settings-title">{t('pipelines.settingsTitle')}</CardTitle>
          <div className="space-y-6">
            <RenamePipelineForm id={pipeline.id} name={pipeline.name} />
            <div className="space-y-2 border-t border-slate-200 pt-4">
              <p className="text-sm text-slate-600">{pipeline.archived ? t('pipelines.restoreHelp') : pipeline.isDefault ? t('pipelines.defaultHelp') : t('pipelines.archiveHelp')}</p>
              {pipeline.archived ? <ArchivePipelineForm id={pipeline.id} archived /> : null}
              {!pipeline.archived && !pipeline.isDefault ? (
                <div className="flex flex-wrap gap-2">
                  <DefaultPipelineForm id={pipeline.id} name={pipeline.name} from="page" />
                  <ArchivePipelineForm id={pipeline.id} archived={false} />
                </div>
              ) : null}
            </div>
            {pipeline.isDefault ? null : (
              <div className="border-t border-slate-200 pt-4">
                <DeletePipelineForm id={pipeline.id} used={use.open + use.closed} />
              </div>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
