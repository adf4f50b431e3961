import { and, asc, count, eq, inArray, max, ne } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { opportunities, pipelines, pipelineStages, type Locale } from '@/db/schema';
import { audit } from '@/lib/audit';
import { sortKey } from '@/lib/customers/normalize';
import { canAdminister, type Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import { isOpenKind, listStages, type StageRow } from './queries';
import type { DeleteStageInput, MoveDirection, NewPipelineInput, PipelineInput, StageInput, StageOrderInput } from './schema';
import { createStarterPipeline } from './starter';

export type Ctx = { user: Viewer; now: number; ip?: string | null };
type PipelineRecord = typeof pipelines.$inferSelect;

/*
 * Invariants kept by every function here: exactly one default pipeline, never archived; in each pipeline
 * exactly one proposal, one won and one lost stage; won and lost are the last two stages (pinned: moves
 * only reorder the open stages); a stage or pipeline in use by an opportunity is never deleted.
 */

function entry(tx: Tx, ctx: Ctx, action: string, pipelineId: number, data: Record<string, unknown>) {
  audit(tx, ctx.now, { actorId: ctx.user.id, action, entityType: 'pipeline', entityId: pipelineId, data, ip: ctx.ip });
}

function loadPipeline(tx: Tx, id: number): PipelineRecord | null {
  return tx.select().from(pipelines).where(eq(pipelines.id, id)).get() ?? null;
}

/** Names are unique whatever their case and accents; archived pipelines count too (restore rather than twin). */
function pipelineNameProblem(tx: Tx, name: string, exceptId?: number): string | null {
  const key = sortKey(name);
  const twin = tx
    .select({ id: pipelines.id, name: pipelines.name, archived: pipelines.archived })
    .from(pipelines)
    .all()
    .find((p) => p.id !== exceptId && sortKey(p.name) === key);
  if (!twin) return null;
  return twin.archived ? 'pipelines.errors.nameTakenArchived' : 'pipelines.errors.nameTaken';
}

function stageNameProblem(stages: StageRow[], name: string, exceptId?: number): string | null {
  const key = sortKey(name);
  return stages.some((s) => s.id !== exceptId && sortKey(s.name) === key) ? 'pipelines.errors.stageNameTaken' : null;
}

/** Open stages in the given order, then won and lost in their current order: positions 0…n-1. */
function writeStageOrder(tx: Tx, stages: StageRow[], openOrder: number[]): void {
  const closed = stages.filter((s) => !isOpenKind(s.kind)).map((s) => s.id);
  const position = new Map(stages.map((s) => [s.id, s.position]));
  [...openOrder, ...closed].forEach((id, i) => {
    if (position.get(id) !== i) tx.update(pipelineStages).set({ position: i }).where(eq(pipelineStages.id, id)).run();
  });
}

function countInPipeline(tx: Tx, pipelineId: number): number {
  return tx.select({ n: count() }).from(opportunities).where(eq(opportunities.pipelineId, pipelineId)).get()?.n ?? 0;
}

function countInStage(tx: Tx, stageId: number): number {
  return tx.select({ n: count() }).from(opportunities).where(eq(opportunities.stageId, stageId)).get()?.n ?? 0;
}

// ——— Pipelines ———

/**
 * A new pipeline, last of the active ones, with the starter stages (in `locale`) or a copy of another
 * pipeline's stages. It becomes the default only when there is no default yet.
 */
export function createPipeline(db: Db, input: NewPipelineInput, locale: Locale, ctx: Ctx): Result<{ id: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const taken = pipelineNameProblem(tx, input.name);
    if (taken) return fail('errors.invalidForm', { name: taken });
    const source = input.stagesFrom ? loadPipeline(tx, input.stagesFrom) : null;
    if (input.stagesFrom && !source) return fail('errors.invalidForm', { stagesFrom: 'errors.invalidChoice' });
    const position = (tx.select({ p: max(pipelines.position) }).from(pipelines).get()?.p ?? -1) + 1;
    const isDefault = !tx.select({ id: pipelines.id }).from(pipelines).where(and(eq(pipelines.isDefault, true), eq(pipelines.archived, false))).get();
    let id: number;
    if (source) {
      id = tx
        .insert(pipelines)
        .values({ name: input.name, position, isDefault, createdAt: ctx.now, updatedAt: ctx.now })
        .returning({ id: pipelines.id })
        .get().id;
      const stages = listStages(tx, source.id);
      tx.insert(pipelineStages)
        .values(stages.map((s, i) => ({ pipelineId: id, name: s.name, kind: s.kind, color: s.color, probability: s.probability, position: i, createdAt: ctx.now })))
        .run();
    } else {
      id = createStarterPipeline(tx, locale, ctx.now, { name: input.name, isDefault, position });
    }
    if (isDefault) tx.update(pipelines).set({ isDefault: false }).where(and(eq(pipelines.isDefault, true), ne(pipelines.id, id))).run();
    entry(tx, ctx, 'pipeline.created', id, { name: input.name, stagesFrom: source?.name, default: isDefault || undefined });
    return ok({ id });
  });
}

export function renamePipeline(db: Db, id: number, input: PipelineInput, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const p = loadPipeline(tx, id);
    if (!p) return fail('errors.notFound');
    if (p.name === input.name) return ok(undefined);
    const taken = pipelineNameProblem(tx, input.name, id);
    if (taken) return fail('errors.invalidForm', { name: taken });
    tx.update(pipelines).set({ name: input.name, updatedAt: ctx.now }).where(eq(pipelines.id, id)).run();
    entry(tx, ctx, 'pipeline.updated', id, { name: [p.name, input.name] });
    return ok(undefined);
  });
}

/** The default pipeline is the one new opportunities start in; the previous default stops being it. */
export function setDefaultPipeline(db: Db, id: number, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const p = loadPipeline(tx, id);
    if (!p) return fail('errors.notFound');
    if (p.archived) return fail('pipelines.errors.archivedDefault');
    if (p.isDefault) return ok(undefined);
    const previous = tx.select({ name: pipelines.name }).from(pipelines).where(eq(pipelines.isDefault, true)).all();
    tx.update(pipelines).set({ isDefault: false, updatedAt: ctx.now }).where(eq(pipelines.isDefault, true)).run();
    tx.update(pipelines).set({ isDefault: true, updatedAt: ctx.now }).where(eq(pipelines.id, id)).run();
    entry(tx, ctx, 'pipeline.default_set', id, { name: p.name, previous: previous[0]?.name });
    return ok(undefined);
  });
}

/**
 * An archived pipeline keeps its opportunities (still listed, still on its board) but is no longer
 * offered for new ones. The default pipeline can't be archived: make another one the default first.
 */
export function setPipelineArchived(db: Db, id: number, archived: boolean, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const p = loadPipeline(tx, id);
    if (!p) return fail('errors.notFound');
    if (p.archived === archived) return ok(undefined);
    if (archived && p.isDefault) return fail('pipelines.errors.archiveDefault');
    // Restored pipelines come back last of the active ones.
    const position = archived ? p.position : (tx.select({ p: max(pipelines.position) }).from(pipelines).where(eq(pipelines.archived, false)).get()?.p ?? -1) + 1;
    tx.update(pipelines).set({ archived, position, updatedAt: ctx.now }).where(eq(pipelines.id, id)).run();
    entry(tx, ctx, archived ? 'pipeline.archived' : 'pipeline.restored', id, { name: p.name });
    return ok(undefined);
  });
}

/** One step up or down among the active pipelines (archived ones are listed after, unordered by this). */
export function movePipeline(db: Db, id: number, direction: MoveDirection, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const p = loadPipeline(tx, id);
    if (!p) return fail('errors.notFound');
    if (p.archived) return fail('pipelines.errors.archived');
    const rows = tx
      .select({ id: pipelines.id, position: pipelines.position })
      .from(pipelines)
      .where(eq(pipelines.archived, false))
      .orderBy(asc(pipelines.position), asc(pipelines.name), asc(pipelines.id))
      .all();
    const i = rows.findIndex((r) => r.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= rows.length) return ok(undefined);
    const order = rows.map((r) => r.id);
    [order[i], order[j]] = [order[j], order[i]];
    const before = new Map(rows.map((r) => [r.id, r.position]));
    order.forEach((rid, k) => {
      if (before.get(rid) !== k) tx.update(pipelines).set({ position: k }).where(eq(pipelines.id, rid)).run();
    });
    entry(tx, ctx, 'pipeline.updated', id, { name: p.name, position: [i + 1, j + 1] });
    return ok(undefined);
  });
}

/** Only a pipeline no opportunity uses, and not the default one. Its stages go with it. */
export function deletePipeline(db: Db, id: number, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const p = loadPipeline(tx, id);
    if (!p) return fail('errors.notFound');
    if (p.isDefault) return fail('pipelines.errors.deleteDefault');
    const used = countInPipeline(tx, id);
    if (used > 0) return fail('pipelines.errors.pipelineInUse', { _count: String(used) });
    const stageIds = listStages(tx, id).map((s) => s.id);
    // Closed opportunities elsewhere may still remember one of these stages as where to reopen.
    if (stageIds.length) tx.update(opportunities).set({ reopenStageId: null }).where(inArray(opportunities.reopenStageId, stageIds)).run();
    tx.delete(pipelines).where(eq(pipelines.id, id)).run();
    entry(tx, ctx, 'pipeline.deleted', id, { name: p.name, stages: stageIds.length });
    return ok(undefined);
  });
}

// ——— Stages ———

/** A new open stage, after the other open stages (won and lost stay last). */
export function createStage(db: Db, pipelineId: number, input: StageInput, ctx: Ctx): Result<{ id: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const p = loadPipeline(tx, pipelineId);
    if (!p) return fail('errors.notFound');
    const stages = listStages(tx, pipelineId);
    const taken = stageNameProblem(stages, input.name);
    if (taken) return fail('errors.invalidForm', { name: taken });
    const row = tx
      .insert(pipelineStages)
      .values({ pipelineId, name: input.name, kind: 'open', color: input.color, probability: input.probability, position: stages.length, createdAt: ctx.now })
      .returning({ id: pipelineStages.id })
      .get();
    const open = stages.filter((s) => isOpenKind(s.kind)).map((s) => s.id);
    writeStageOrder(tx, listStages(tx, pipelineId), [...open, row.id]);
    entry(tx, ctx, 'pipeline.stage_created', pipelineId, { pipeline: p.name, stage: input.name, color: input.color, probability: input.probability });
    return ok({ id: row.id });
  });
}

/** Name, colour and default probability; one audit row with what changed. */
export function updateStage(db: Db, id: number, input: StageInput, ctx: Ctx): Result<{ pipelineId: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const stage = tx.select().from(pipelineStages).where(eq(pipelineStages.id, id)).get();
    if (!stage) return fail('errors.notFound');
    const changes: Record<string, [unknown, unknown]> = {};
    if (stage.name !== input.name) changes.name = [stage.name, input.name];
    if (stage.color !== input.color) changes.color = [stage.color, input.color];
    if (stage.probability !== input.probability) changes.probability = [stage.probability, input.probability];
    if (!Object.keys(changes).length) return ok({ pipelineId: stage.pipelineId });
    if (changes.name) {
      const taken = stageNameProblem(listStages(tx, stage.pipelineId), input.name, id);
      if (taken) return fail('errors.invalidForm', { name: taken });
    }
    tx.update(pipelineStages).set({ name: input.name, color: input.color, probability: input.probability }).where(eq(pipelineStages.id, id)).run();
    const p = loadPipeline(tx, stage.pipelineId)!;
    entry(tx, ctx, 'pipeline.stage_updated', stage.pipelineId, { pipeline: p.name, stage: input.name, stageId: id, ...changes });
    return ok({ pipelineId: stage.pipelineId });
  });
}

/** Makes an open stage THE proposal stage of its pipeline; the previous proposal stage becomes an open one. */
export function makeProposalStage(db: Db, id: number, ctx: Ctx): Result<{ pipelineId: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const stage = tx.select().from(pipelineStages).where(eq(pipelineStages.id, id)).get();
    if (!stage) return fail('errors.notFound');
    if (stage.kind === 'proposal') return ok({ pipelineId: stage.pipelineId });
    if (stage.kind !== 'open') return fail('pipelines.errors.closedStageKind');
    const previous = tx
      .select({ id: pipelineStages.id, name: pipelineStages.name })
      .from(pipelineStages)
      .where(and(eq(pipelineStages.pipelineId, stage.pipelineId), eq(pipelineStages.kind, 'proposal')))
      .get();
    if (previous) tx.update(pipelineStages).set({ kind: 'open' }).where(eq(pipelineStages.id, previous.id)).run();
    tx.update(pipelineStages).set({ kind: 'proposal' }).where(eq(pipelineStages.id, id)).run();
    const p = loadPipeline(tx, stage.pipelineId)!;
    entry(tx, ctx, 'pipeline.stage_updated', stage.pipelineId, { pipeline: p.name, stage: stage.name, stageId: id, kind: ['open', 'proposal'], previous: previous?.name });
    return ok({ pipelineId: stage.pipelineId });
  });
}

/**
 * Reorders the open stages of a pipeline: a whole new order (a drag: it must list every open stage once)
 * or one stage one step up or down. Won and lost are pinned last: they are not in the order and do not move.
 */
export function reorderStages(db: Db, input: StageOrderInput, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const p = loadPipeline(tx, input.pipelineId);
    if (!p) return fail('errors.notFound');
    const stages = listStages(tx, p.id);
    const open = stages.filter((s) => isOpenKind(s.kind)).map((s) => s.id);
    let order: number[];
    if (input.order?.length) {
      order = input.order;
      const same = order.length === open.length && new Set(order).size === order.length && order.every((id) => open.includes(id));
      if (!same) {
        const closed = order.some((id) => stages.some((s) => s.id === id && !isOpenKind(s.kind)));
        return fail(closed ? 'pipelines.errors.closedStagesLast' : 'pipelines.errors.stagesChanged');
      }
    } else {
      const stage = stages.find((s) => s.id === input.stageId);
      if (!stage) return fail('errors.notFound');
      if (!isOpenKind(stage.kind)) return fail('pipelines.errors.closedStagesLast');
      const i = open.indexOf(stage.id);
      const j = input.direction === 'up' ? i - 1 : i + 1;
      // At either end of the open stages nothing moves: above the first, or past won and lost.
      if (j < 0 || j >= open.length) return ok(undefined);
      order = [...open];
      [order[i], order[j]] = [order[j], order[i]];
    }
    if (order.every((id, i) => id === open[i])) return ok(undefined);
    writeStageOrder(tx, stages, order);
    const name = new Map(stages.map((s) => [s.id, s.name]));
    entry(tx, ctx, 'pipeline.stage_moved', p.id, { pipeline: p.name, order: [open.map((id) => name.get(id)), order.map((id) => name.get(id))] });
    return ok(undefined);
  });
}

/**
 * Deletes an open stage (never the proposal, won or lost one). A stage in use is refused with its count,
 * unless `moveTo` names another open stage of the pipeline: its opportunities go there, at the end of that
 * column, in the same transaction.
 */
export function deleteStage(db: Db, id: number, input: DeleteStageInput, ctx: Ctx): Result<{ moved: number; pipelineId: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const stage = tx.select().from(pipelineStages).where(eq(pipelineStages.id, id)).get();
    if (!stage) return fail('errors.notFound');
    if (stage.kind !== 'open') return fail(stage.kind === 'proposal' ? 'pipelines.errors.deleteProposal' : 'pipelines.errors.deleteClosed');
    const p = loadPipeline(tx, stage.pipelineId)!;
    const used = countInStage(tx, id);
    const target = input.moveTo ? tx.select().from(pipelineStages).where(eq(pipelineStages.id, input.moveTo)).get() : null;
    if (input.moveTo && (!target || target.id === id || target.pipelineId !== stage.pipelineId || !isOpenKind(target.kind))) {
      return fail('errors.invalidForm', { moveTo: 'errors.invalidChoice' });
    }
    if (used > 0 && !target) return fail('pipelines.errors.stageInUse', { _count: String(used), _name: stage.name });
    if (used > 0 && target) {
      const rows = tx
        .select({ id: opportunities.id, version: opportunities.version })
        .from(opportunities)
        .where(eq(opportunities.stageId, id))
        .orderBy(asc(opportunities.position), asc(opportunities.id))
        .all();
      const end = tx.select({ p: max(opportunities.position) }).from(opportunities).where(eq(opportunities.stageId, target.id)).get()?.p ?? 0;
      rows.forEach((r, i) => {
        tx.update(opportunities)
          .set({ stageId: target.id, position: end + i + 1, version: r.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
          .where(eq(opportunities.id, r.id))
          .run();
        audit(tx, ctx.now, {
          actorId: ctx.user.id,
          action: 'opportunity.moved',
          entityType: 'opportunity',
          entityId: r.id,
          data: { stageId: [id, target.id], stage: [stage.name, target.name], stageDeleted: true },
          ip: ctx.ip,
        });
      });
    }
    // Closed opportunities that would reopen here reopen in the stage taking over (or the first open one).
    tx.update(opportunities).set({ reopenStageId: target?.id ?? null }).where(eq(opportunities.reopenStageId, id)).run();
    tx.delete(pipelineStages).where(eq(pipelineStages.id, id)).run();
    const rest = listStages(tx, stage.pipelineId);
    writeStageOrder(tx, rest, rest.filter((s) => isOpenKind(s.kind)).map((s) => s.id));
    entry(tx, ctx, 'pipeline.stage_deleted', stage.pipelineId, { pipeline: p.name, stage: stage.name, moved: used || undefined, movedTo: used ? target?.name : undefined });
    return ok({ moved: used, pipelineId: stage.pipelineId });
  });
}
