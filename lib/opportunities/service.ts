import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { companies, contacts, opportunities, opportunityContacts, opportunityTags, users, type OpportunityStatus, type StageKind } from '@/db/schema';
import { audit } from '@/lib/audit';
import { endOfColumn as endAt, positionBefore as before, type ColumnLayout } from '@/lib/board/positions';
import { defaultTeamOf, ownedRecord, ownerProblem, planTransfer, refProblem, tagsProblem, teamProblem } from '@/lib/customers/access';
import { sortKey } from '@/lib/customers/normalize';
import { can, canCreate, type RecordVerb, type Viewer } from '@/lib/permissions';
import { getStage, isOpenKind, listStages, stageOfKind, type StageRow } from '@/lib/pipelines/queries';
import { fail, ok, Refusal, type Result } from '@/lib/result';
import { indexOpportunity, unindex } from '@/lib/search/index-records';
import { getOrgSettings } from '@/lib/settings/queries';
import { dayIn, isFarCloseDate } from './dates';
import type { CloseInput, MoveInput, OpportunityInput, OpportunityUpdateInput, OthersDecision, ReopenInput } from './schema';

export type Ctx = { user: Viewer; now: number; ip?: string | null };
type OppRow = typeof opportunities.$inferSelect;

export const statusOfKind = (kind: StageKind): OpportunityStatus => (kind === 'won' ? 'won' : kind === 'lost' ? 'lost' : 'open');

/** Loads an opportunity the viewer may act on: not found when they may not even see it. */
function load(tx: Tx, viewer: Viewer, id: number, verb: RecordVerb): Result<OppRow> {
  const row = tx.select().from(opportunities).where(eq(opportunities.id, id)).get();
  if (!row) return fail('errors.notFound');
  const rec = ownedRecord(tx, row);
  if (!can(viewer, 'view', rec)) return fail('errors.notFound');
  if (!can(viewer, verb, rec)) return fail('errors.forbidden');
  return ok(row);
}

/** Loads an open opportunity to change: closed ones are read-only until reopened. */
function loadOpen(tx: Tx, viewer: Viewer, id: number, verb: RecordVerb = 'edit'): Result<OppRow> {
  const loaded = load(tx, viewer, id, verb);
  if (!loaded.ok) return loaded;
  if (loaded.value.status !== 'open') return fail('opportunities.errors.closed');
  return loaded;
}

function today(tx: Tx, now: number): string {
  return dayIn(getOrgSettings(tx).timeZone, now);
}

/** The company an opportunity is filed under: one the viewer can see and that isn't archived. */
function companyProblem(tx: Tx, viewer: Viewer, companyId: number): string | null {
  const c = tx.select({ ownerId: companies.ownerId, teamId: companies.teamId, archived: companies.archived }).from(companies).where(eq(companies.id, companyId)).get();
  if (!c || !can(viewer, 'view', ownedRecord(tx, c))) return 'errors.invalidChoice';
  return c.archived ? 'opportunities.errors.companyArchived' : null;
}

/** The opportunity's contacts: people of its company the viewer may see. */
function contactsProblem(tx: Tx, viewer: Viewer, ids: number[], companyId: number): string | null {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return null;
  const rows = tx.select({ ownerId: contacts.ownerId, teamId: contacts.teamId, companyId: contacts.companyId }).from(contacts).where(inArray(contacts.id, wanted)).all();
  if (rows.length !== wanted.length || rows.some((r) => !can(viewer, 'view', ownedRecord(tx, r)))) return 'errors.invalidChoice';
  return rows.some((r) => r.companyId !== companyId) ? 'opportunities.errors.contactOfOtherCompany' : null;
}

type StagePlan = { stage: StageRow; status: OpportunityStatus };

/** The stage an opportunity is put in by a form: one of the pipeline's open stages (closing has its own step). */
function planStage(tx: Tx, pipelineId: number, stageId: number | null): Result<StagePlan> {
  const stages = listStages(tx, pipelineId);
  if (!stages.length) return fail('errors.invalidForm', { pipelineId: 'errors.invalidChoice' });
  const stage = stageId === null ? stages.find((s) => isOpenKind(s.kind)) : stages.find((s) => s.id === stageId);
  if (!stage) return fail('errors.invalidForm', { stageId: 'errors.invalidChoice' });
  if (!isOpenKind(stage.kind)) return fail('errors.invalidForm', { stageId: 'opportunities.errors.useClose' });
  return ok({ stage, status: 'open' });
}

function pipelineProblem(tx: Tx, pipelineId: number, current?: number): string | null {
  if (pipelineId === current) return null;
  const p = tx.all<{ archived: number }>(sql`select archived from pipelines where id = ${pipelineId}`)[0];
  if (!p) return 'errors.invalidChoice';
  return p.archived ? 'errors.retiredValue' : null;
}

/** Cards' order inside a board column (lib/board/positions.ts). */
const COLUMNS: ColumnLayout = { table: opportunities, id: opportunities.id, column: opportunities.stageId, position: opportunities.position };
const endOfColumn = (tx: Tx, columnId: number, exceptId?: number) => endAt(tx, COLUMNS, columnId, exceptId);
const positionBefore = (tx: Tx, columnId: number, beforeId: number, movingId: number) => before(tx, COLUMNS, columnId, beforeId, movingId);

function checkReferences(tx: Tx, viewer: Viewer, now: number, input: OpportunityInput, current?: OppRow, currentTags: number[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (field: string, problem: string | null) => {
    if (problem) errors[field] = problem;
  };
  if (!current || current.companyId !== input.companyId) put('companyId', companyProblem(tx, viewer, input.companyId));
  put('contactIds', contactsProblem(tx, viewer, input.contactIds, input.companyId));
  put('typeId', refProblem(tx, 'opportunity_type', input.typeId, current?.typeId));
  put('sourceId', refProblem(tx, 'origin', input.sourceId, current?.sourceId));
  put('tagIds', tagsProblem(tx, input.tagIds, currentTags));
  put('pipelineId', pipelineProblem(tx, input.pipelineId, current?.pipelineId));
  if (!current || current.ownerId !== input.ownerId) put('ownerId', ownerProblem(tx, viewer, input.ownerId));
  if (!current || current.teamId !== input.teamId) put('teamId', teamProblem(tx, viewer, input.teamId));
  if (input.expectedCloseDate && !input.confirmCloseDate && input.expectedCloseDate !== current?.expectedCloseDate && isFarCloseDate(input.expectedCloseDate, today(tx, now))) {
    put('expectedCloseDate', 'opportunities.errors.closeDateFar');
  }
  return errors;
}

function writeChildren(tx: Tx, id: number, input: OpportunityInput) {
  tx.delete(opportunityContacts).where(eq(opportunityContacts.opportunityId, id)).run();
  const contactIds = [...new Set(input.contactIds)];
  const primary = input.primaryContactId ?? contactIds[0] ?? null;
  if (contactIds.length) tx.insert(opportunityContacts).values(contactIds.map((contactId) => ({ opportunityId: id, contactId, isPrimary: contactId === primary }))).run();
  tx.delete(opportunityTags).where(eq(opportunityTags.opportunityId, id)).run();
  const tagIds = [...new Set(input.tagIds)];
  if (tagIds.length) tx.insert(opportunityTags).values(tagIds.map((tagId) => ({ opportunityId: id, tagId }))).run();
}

function columnsOf(input: OpportunityInput, currency: string) {
  return {
    name: input.name,
    sortName: sortKey(input.name),
    companyId: input.companyId,
    typeId: input.typeId,
    amount: input.amount,
    bestCase: input.bestCase,
    worstCase: input.worstCase,
    currency: input.currency ?? currency,
    probability: input.probability,
    score: input.score,
    expectedCloseDate: input.expectedCloseDate,
    sourceId: input.sourceId,
    description: input.description,
  };
}

/** Creates an opportunity in an open stage of its pipeline (the first one unless chosen), at the end of the column. */
export function createOpportunity(db: Db, input: OpportunityInput, ctx: Ctx, from: { leadId?: number | null } = {}): Result<{ id: number }> {
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => createIn(tx, input, ctx, from));
}

/** The same, inside a caller's transaction (lead conversion creates company, contact and opportunity at once). */
export function createIn(tx: Tx, input: OpportunityInput, ctx: Ctx, from: { leadId?: number | null } = {}): Result<{ id: number }> {
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  const errors = checkReferences(tx, ctx.user, ctx.now, input);
  const plan = errors.pipelineId ? null : planStage(tx, input.pipelineId, input.stageId);
  if (plan && !plan.ok) Object.assign(errors, plan.error.fieldErrors);
  if (Object.keys(errors).length || !plan?.ok) return fail('errors.invalidForm', errors);
  const { stage } = plan.value;
  const teamId = input.teamId ?? defaultTeamOf(tx, input.ownerId);
  const row = tx
    .insert(opportunities)
    .values({
      ...columnsOf(input, getOrgSettings(tx).currency),
      pipelineId: input.pipelineId,
      stageId: stage.id,
      status: 'open',
      position: endOfColumn(tx, stage.id),
      leadId: from.leadId ?? null,
      ownerId: input.ownerId,
      teamId,
      createdAt: ctx.now,
      createdBy: ctx.user.id,
      updatedAt: ctx.now,
      updatedBy: ctx.user.id,
    })
    .returning({ id: opportunities.id })
    .get();
  writeChildren(tx, row.id, input);
  indexOpportunity(tx, row.id);
  audit(tx, ctx.now, {
    actorId: ctx.user.id,
    action: 'opportunity.created',
    entityType: 'opportunity',
    entityId: row.id,
    data: { name: input.name, companyId: input.companyId, stage: stage.name, amount: input.amount, leadId: from.leadId ?? undefined },
    ip: ctx.ip,
  });
  return ok(row);
}

const AUDITED = ['name', 'companyId', 'typeId', 'pipelineId', 'stageId', 'amount', 'bestCase', 'worstCase', 'currency', 'probability', 'score', 'expectedCloseDate', 'sourceId', 'ownerId', 'teamId', 'description'] as const;

/** Saves an edit made from `input.version`. Closed opportunities are read-only; won/lost only through closing. */
export function updateOpportunity(db: Db, id: number, input: OpportunityUpdateInput, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = loadOpen(tx, ctx.user, id);
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    if (before.version !== input.version) {
      const by = before.updatedBy ? tx.select({ name: users.name }).from(users).where(eq(users.id, before.updatedBy)).get()?.name : null;
      return fail('errors.staleRecord', { _by: by ?? '?', _at: String(before.updatedAt) });
    }
    if (before.ownerId !== input.ownerId && !can(ctx.user, 'assign', ownedRecord(tx, before))) return fail('errors.invalidForm', { ownerId: 'errors.ownerNotAllowed' });
    const currentTags = tx.select({ t: opportunityTags.tagId }).from(opportunityTags).where(eq(opportunityTags.opportunityId, id)).all().map((r) => r.t);
    const currentContacts = tx.select({ c: opportunityContacts.contactId }).from(opportunityContacts).where(eq(opportunityContacts.opportunityId, id)).all().map((r) => r.c);
    const errors = checkReferences(tx, ctx.user, ctx.now, input, before, currentTags);
    const keepStage = input.pipelineId === before.pipelineId && (input.stageId === null || input.stageId === before.stageId);
    const plan = errors.pipelineId || keepStage ? null : planStage(tx, input.pipelineId, input.stageId);
    if (plan && !plan.ok) Object.assign(errors, plan.error.fieldErrors);
    if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
    const stageId = plan?.ok ? plan.value.stage.id : before.stageId;
    const cols = {
      ...columnsOf(input, before.currency),
      pipelineId: input.pipelineId,
      stageId,
      ownerId: input.ownerId,
      teamId: input.teamId ?? defaultTeamOf(tx, input.ownerId),
      position: stageId === before.stageId ? before.position : endOfColumn(tx, stageId),
    };
    tx.update(opportunities)
      .set({ ...cols, version: before.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(and(eq(opportunities.id, id), eq(opportunities.version, before.version)))
      .run();
    writeChildren(tx, id, input);
    indexOpportunity(tx, id);
    const changes: Record<string, unknown> = {};
    for (const k of AUDITED) if (before[k] !== cols[k]) changes[k] = [before[k], cols[k]];
    const newTags = [...new Set(input.tagIds)].sort();
    if (currentTags.sort().join() !== newTags.join()) changes.tagIds = [currentTags, newTags];
    const newContacts = [...new Set(input.contactIds)].sort();
    if (currentContacts.sort().join() !== newContacts.join()) changes.contactIds = [currentContacts, newContacts];
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'opportunity.updated', entityType: 'opportunity', entityId: id, data: changes, ip: ctx.ip });
    return ok(undefined);
  });
}

/**
 * A board move: to another open stage of the same pipeline, or elsewhere in the same column, before card
 * `beforeId` (none: the end). Dropping on won or lost is refused: closing has its own confirm step.
 */
export function moveOpportunity(db: Db, input: MoveInput, ctx: Ctx): Result<{ stageId: number; position: number }> {
  return writeTx(db, (tx) => {
    const loaded = loadOpen(tx, ctx.user, input.id);
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    const stage = getStage(tx, input.stageId);
    if (!stage || stage.pipelineId !== before.pipelineId) return fail('errors.invalidForm', { stageId: 'errors.invalidChoice' });
    if (!isOpenKind(stage.kind)) return fail('opportunities.errors.confirmClose');
    const position = (input.beforeId ? positionBefore(tx, stage.id, input.beforeId, before.id) : null) ?? (before.stageId === stage.id && !input.beforeId ? endOfColumn(tx, stage.id, before.id) : endOfColumn(tx, stage.id));
    tx.update(opportunities)
      .set({ stageId: stage.id, position, version: before.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(opportunities.id, before.id))
      .run();
    if (stage.id !== before.stageId) {
      const from = getStage(tx, before.stageId);
      audit(tx, ctx.now, {
        actorId: ctx.user.id,
        action: 'opportunity.moved',
        entityType: 'opportunity',
        entityId: before.id,
        data: { stageId: [before.stageId, stage.id], stage: [from?.name ?? null, stage.name] },
        ip: ctx.ip,
      });
    }
    return ok({ stageId: stage.id, position });
  });
}

export type CloseOutcome = {
  /** The company was a prospect and became a client with this win. */
  becameClient: boolean;
  /** Its other open opportunities the user may close: what the "close the others?" step offers. */
  others: number;
};

function closeIn(tx: Tx, row: OppRow, input: CloseInput, ctx: Ctx, todayStr: string, via?: number): Result<CloseOutcome> {
  const company = tx.select().from(companies).where(eq(companies.id, row.companyId)).get();
  if (!company) return fail('errors.notFound');
  if (company.archived) return fail('opportunities.errors.companyArchived');
  if (input.closeDate > todayStr) return fail('errors.invalidForm', { closeDate: 'opportunities.errors.closeDateFuture' });
  let lostReasonId: number | null = null;
  if (input.outcome === 'lost') {
    if (input.lostReasonId === null) return fail('errors.invalidForm', { lostReasonId: 'opportunities.errors.lostReasonRequired' });
    const problem = refProblem(tx, 'lost_reason', input.lostReasonId);
    if (problem) return fail('errors.invalidForm', { lostReasonId: problem });
    lostReasonId = input.lostReasonId;
  }
  const target = stageOfKind(tx, row.pipelineId, input.outcome);
  if (!target) return fail('opportunities.errors.noOutcomeStage');
  tx.update(opportunities)
    .set({
      stageId: target.id,
      status: input.outcome,
      position: endOfColumn(tx, target.id),
      closeDate: input.closeDate,
      closedAt: ctx.now,
      closedBy: ctx.user.id,
      lostReasonId,
      competitor: input.outcome === 'lost' ? input.competitor : null,
      // A closed opportunity counts at its outcome's probability (won 100 %, lost 0 % by default), not a forecast.
      probability: null,
      reopenStageId: row.stageId,
      version: row.version + 1,
      updatedAt: ctx.now,
      updatedBy: ctx.user.id,
    })
    .where(eq(opportunities.id, row.id))
    .run();
  if (input.outcome === 'lost' && input.competitor) indexOpportunity(tx, row.id);
  audit(tx, ctx.now, {
    actorId: ctx.user.id,
    action: input.outcome === 'won' ? 'opportunity.won' : 'opportunity.lost',
    entityType: 'opportunity',
    entityId: row.id,
    data: { closeDate: input.closeDate, amount: row.amount, probability: row.probability ?? undefined, lostReasonId: lostReasonId ?? undefined, competitor: input.outcome === 'lost' ? (input.competitor ?? undefined) : undefined, via },
    ip: ctx.ip,
  });
  let becameClient = false;
  if (input.outcome === 'won' && company.type === 'prospect') {
    tx.update(companies).set({ type: 'client', version: company.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id }).where(eq(companies.id, company.id)).run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'company.became_client', entityType: 'company', entityId: company.id, data: { opportunityId: row.id }, ip: ctx.ip });
    becameClient = true;
  }
  const others = becameClient ? otherOpenIds(tx, ctx.user, row.companyId, row.id).length : 0;
  return ok({ becameClient, others });
}

/** The company's other open opportunities this user may edit. */
function otherOpenIds(tx: Tx, viewer: Viewer, companyId: number, exceptId: number): number[] {
  return tx
    .select({ id: opportunities.id, ownerId: opportunities.ownerId, teamId: opportunities.teamId })
    .from(opportunities)
    .where(and(eq(opportunities.companyId, companyId), eq(opportunities.status, 'open'), ne(opportunities.id, exceptId)))
    .all()
    .filter((r) => can(viewer, 'edit', ownedRecord(tx, r)))
    .map((r) => r.id);
}

/**
 * Closes an opportunity as won or lost, from the confirm step (never by a plain move). Winning turns a
 * prospect into a client in the same transaction; the result says whether to offer to close its other
 * open opportunities (prospects only, as in seed 002).
 */
export function closeOpportunity(db: Db, id: number, input: CloseInput, ctx: Ctx): Result<CloseOutcome> {
  return writeTx(db, (tx) => {
    const loaded = loadOpen(tx, ctx.user, id);
    if (!loaded.ok) return loaded;
    return closeIn(tx, loaded.value, input, ctx, today(tx, ctx.now));
  });
}

/**
 * The answer to the offer made after a prospect's win: each of its other open opportunities is closed as lost
 * (with its reason) or kept open. All or nothing.
 */
export function resolveOtherOpportunities(db: Db, wonId: number, decisions: OthersDecision[], ctx: Ctx): Result<{ lost: number; kept: number }> {
  try {
    return writeTx(db, (tx) => {
      const won = load(tx, ctx.user, wonId, 'view');
      if (!won.ok) return won;
      if (won.value.status !== 'won') return fail('opportunities.errors.notWon');
      const todayStr = today(tx, ctx.now);
      let lost = 0;
      for (const d of decisions) {
        if (d.decision === 'keep') continue;
        const other = loadOpen(tx, ctx.user, d.id);
        if (!other.ok) throw new Refusal(other.error);
        if (other.value.companyId !== won.value.companyId) throw new Refusal({ code: 'errors.invalidChoice' });
        const res = closeIn(tx, other.value, { outcome: 'lost', closeDate: won.value.closeDate ?? todayStr, lostReasonId: d.lostReasonId, competitor: null }, ctx, todayStr, wonId);
        if (!res.ok) {
          // Undo what this answer already closed: it stands or falls as a whole.
          const fe = res.error.fieldErrors?.lostReasonId;
          throw new Refusal(fe ? { code: 'errors.invalidForm', fieldErrors: { [`reason_${d.id}`]: fe } } : res.error);
        }
        lost++;
      }
      return ok({ lost, kept: decisions.length - lost });
    });
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    throw e;
  }
}

/** Reopens a closed opportunity, with a reason kept in its history, in the stage it was closed from. */
export function reopenOpportunity(db: Db, id: number, input: ReopenInput, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'edit');
    if (!loaded.ok) return loaded;
    const row = loaded.value;
    if (row.status === 'open') return fail('opportunities.errors.notClosed');
    const back = row.reopenStageId ? getStage(tx, row.reopenStageId) : null;
    const stage = back && back.pipelineId === row.pipelineId && isOpenKind(back.kind) ? back : listStages(tx, row.pipelineId).find((s) => isOpenKind(s.kind));
    if (!stage) return fail('opportunities.errors.noOpenStage');
    tx.update(opportunities)
      .set({
        stageId: stage.id,
        status: 'open',
        position: endOfColumn(tx, stage.id),
        closeDate: null,
        closedAt: null,
        closedBy: null,
        lostReasonId: null,
        competitor: null,
        reopenStageId: null,
        version: row.version + 1,
        updatedAt: ctx.now,
        updatedBy: ctx.user.id,
      })
      .where(eq(opportunities.id, id))
      .run();
    if (row.competitor) indexOpportunity(tx, id);
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'opportunity.reopened',
      entityType: 'opportunity',
      entityId: id,
      data: { reason: input.reason, was: row.status, stage: stage.name, closeDate: row.closeDate },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

/** Gives the opportunity to another owner (and team), with a comment kept in its history. */
export function transferOpportunity(db: Db, id: number, input: { ownerId: number; teamId: number | null; comment: string | null }, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'assign');
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    const plan = planTransfer(tx, ctx.user, input, before.teamId);
    if (!plan.ok) return plan;
    tx.update(opportunities)
      .set({ ownerId: input.ownerId, teamId: plan.value.teamId, version: before.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(opportunities.id, id))
      .run();
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'opportunity.transferred',
      entityType: 'opportunity',
      entityId: id,
      data: { ownerId: [before.ownerId, input.ownerId], teamId: [before.teamId, plan.value.teamId], comment: input.comment },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

/** Deletes an opportunity (those who may delete it: admins, managers of its team, its owner). */
export function deleteOpportunity(db: Db, id: number, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'delete');
    if (!loaded.ok) return loaded;
    tx.delete(opportunities).where(eq(opportunities.id, id)).run();
    unindex(tx, 'opportunity', id);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'opportunity.deleted', entityType: 'opportunity', entityId: id, data: { name: loaded.value.name, companyId: loaded.value.companyId }, ip: ctx.ip });
    return ok(undefined);
  });
}

/** How many opportunities use a stage (a stage in use can't be deleted). */
export function countInStage(tx: Tx | Db, stageId: number): number {
  return tx.select({ n: count() }).from(opportunities).where(eq(opportunities.stageId, stageId)).get()?.n ?? 0;
}

