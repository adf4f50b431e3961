import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { opportunities, pipelines, pipelineStages, type StageColor, type StageKind } from '@/db/schema';

export type StageRow = { id: number; pipelineId: number; name: string; kind: StageKind; color: StageColor; probability: number; position: number };
export type PipelineRow = { id: number; name: string; position: number; isDefault: boolean; archived: boolean };
export type PipelineWithStages = PipelineRow & { stages: StageRow[] };

const stageCols = {
  id: pipelineStages.id,
  pipelineId: pipelineStages.pipelineId,
  name: pipelineStages.name,
  kind: pipelineStages.kind,
  color: pipelineStages.color,
  probability: pipelineStages.probability,
  position: pipelineStages.position,
};
const pipelineCols = { id: pipelines.id, name: pipelines.name, position: pipelines.position, isDefault: pipelines.isDefault, archived: pipelines.archived };

/** Open stages are the working ones; won and lost close an opportunity. */
export const isOpenKind = (kind: StageKind) => kind === 'open' || kind === 'proposal';

/** The pipelines in their order (archived ones only when asked for). */
export function listPipelines(db: DbOrTx, { includeArchived = false } = {}): PipelineRow[] {
  return db
    .select(pipelineCols)
    .from(pipelines)
    .where(includeArchived ? undefined : eq(pipelines.archived, false))
    .orderBy(asc(pipelines.archived), asc(pipelines.position), asc(pipelines.name), asc(pipelines.id))
    .all();
}

export function listStages(db: DbOrTx, pipelineId: number): StageRow[] {
  return db.select(stageCols).from(pipelineStages).where(eq(pipelineStages.pipelineId, pipelineId)).orderBy(asc(pipelineStages.position), asc(pipelineStages.id)).all();
}

/** Every stage of every pipeline, for pickers (one query). */
export function allStages(db: DbOrTx): StageRow[] {
  return db.select(stageCols).from(pipelineStages).orderBy(asc(pipelineStages.pipelineId), asc(pipelineStages.position), asc(pipelineStages.id)).all();
}

export function getPipeline(db: DbOrTx, id: number): PipelineWithStages | null {
  const p = db.select(pipelineCols).from(pipelines).where(eq(pipelines.id, id)).get();
  return p ? { ...p, stages: listStages(db, id) } : null;
}

export function getStage(db: DbOrTx, id: number): StageRow | null {
  return db.select(stageCols).from(pipelineStages).where(eq(pipelineStages.id, id)).get() ?? null;
}

/** The default pipeline (else the first active one), or null before any exists. */
export function defaultPipeline(db: DbOrTx): PipelineRow | null {
  return (
    db.select(pipelineCols).from(pipelines).where(and(eq(pipelines.isDefault, true), eq(pipelines.archived, false))).get() ??
    listPipelines(db)[0] ??
    null
  );
}

/** The stage of a pipeline with a given role (proposal, won, lost): exactly one each. */
export function stageOfKind(db: DbOrTx, pipelineId: number, kind: Exclude<StageKind, 'open'>): StageRow | null {
  return db.select(stageCols).from(pipelineStages).where(and(eq(pipelineStages.pipelineId, pipelineId), eq(pipelineStages.kind, kind))).get() ?? null;
}

/** The first open stage of a pipeline: where new opportunities start. */
export function firstOpenStage(db: DbOrTx, pipelineId: number): StageRow | null {
  return listStages(db, pipelineId).find((s) => isOpenKind(s.kind)) ?? null;
}

/** How many opportunities each stage of a pipeline holds: stage id → count (one grouped query on the board index). */
export function stageUsage(db: DbOrTx, pipelineId: number): Map<number, number> {
  const rows = db
    .select({ id: opportunities.stageId, n: count() })
    .from(opportunities)
    .where(inArray(opportunities.stageId, db.select({ id: pipelineStages.id }).from(pipelineStages).where(eq(pipelineStages.pipelineId, pipelineId))))
    .groupBy(opportunities.stageId)
    .all();
  return new Map(rows.map((r) => [r.id, r.n]));
}

export type PipelineUsage = { open: number; closed: number };

/** How many open and closed opportunities each pipeline has: pipeline id → counts (one grouped query on its index). */
export function pipelineUsage(db: DbOrTx): Map<number, PipelineUsage> {
  const rows = db
    .select({ id: opportunities.pipelineId, status: opportunities.status, n: count() })
    .from(opportunities)
    .groupBy(opportunities.pipelineId, opportunities.status)
    .all();
  const out = new Map<number, PipelineUsage>();
  for (const r of rows) {
    const u = out.get(r.id) ?? { open: 0, closed: 0 };
    if (r.status === 'open') u.open += r.n;
    else u.closed += r.n;
    out.set(r.id, u);
  }
  return out;
}
