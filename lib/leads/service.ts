import { and, asc, eq, sql } from 'drizzle-orm';
import { writeTx, type Db, type DbOrTx, type Tx } from '@/db/client';
import { leadChannels, leads, leadScoreRules, leadTags, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { endOfColumn as endAt, positionBefore as before, type ColumnLayout } from '@/lib/board/positions';
import { ownedRecord, ownerProblem, refProblem, tagsProblem, teamProblem } from '@/lib/customers/access';
import { companyNameKey, emailDomainOf, normalizePhone, personNameKey, sortKey } from '@/lib/customers/normalize';
import { can, canCreate, type RecordVerb, type Viewer } from '@/lib/permissions';
import { fail, ok, Refusal, type Result } from '@/lib/result';
import { indexLead, unindex } from '@/lib/search/index-records';
import { findLeadDuplicates } from './duplicates';
import type { LeadInput, LeadMoveInput, LeadUpdateInput, LoseInput } from './schema';
import { computeScore, type ScoreRule } from './scoring';
import { getLeadStatus, isTerminalKind, leadStatusOfKind } from './statuses';

export type Ctx = { user: Viewer; now: number; ip?: string | null };
export type LeadRow = typeof leads.$inferSelect;

/** Loads a lead the viewer may act on: not found when they may not even see it. */
export function loadLead(tx: DbOrTx, viewer: Viewer, id: number, verb: RecordVerb): Result<LeadRow> {
  const row = tx.select().from(leads).where(eq(leads.id, id)).get();
  if (!row) return fail('errors.notFound');
  const rec = ownedRecord(tx, row);
  if (!can(viewer, 'view', rec)) return fail('errors.notFound');
  if (!can(viewer, verb, rec)) return fail('errors.forbidden');
  return ok(row);
}

/** An open lead to change: converted leads are read-only for good, lost ones until reopened. */
function loadOpen(tx: Tx, viewer: Viewer, id: number, verb: RecordVerb = 'edit'): Result<LeadRow> {
  const loaded = loadLead(tx, viewer, id, verb);
  if (!loaded.ok) return loaded;
  if (loaded.value.convertedCompanyId !== null || loaded.value.closedAt !== null) {
    const status = getLeadStatus(tx, loaded.value.statusId);
    return fail(status?.kind === 'converted' ? 'leads.errors.converted' : 'leads.errors.closed');
  }
  return loaded;
}

// --- scoring ---------------------------------------------------------------------------------------------

/** The active rules in their order: a handful of rows, read once per operation. */
export function activeRules(tx: DbOrTx): ScoreRule[] {
  return tx
    .select({ id: leadScoreRules.id, field: leadScoreRules.field, operator: leadScoreRules.operator, value: leadScoreRules.value, points: leadScoreRules.points, active: leadScoreRules.active })
    .from(leadScoreRules)
    .where(eq(leadScoreRules.active, true))
    .orderBy(asc(leadScoreRules.position), asc(leadScoreRules.id))
    .all();
}

/** Recomputes one lead's score from its row and tags: constant time (one row, its tags, the rules). */
export function rescoreLead(tx: DbOrTx, id: number, now: number, rules: ScoreRule[] = activeRules(tx)): void {
  const l = tx.select().from(leads).where(eq(leads.id, id)).get();
  if (!l) return;
  const tagIds = tx.select({ t: leadTags.tagId }).from(leadTags).where(eq(leadTags.leadId, id)).all().map((r) => r.t);
  const score = computeScore(rules, { ...l, tagIds }, now);
  tx.update(leads).set({ computedScore: score.total, scoreBreakdown: score.breakdown, scoredAt: now }).where(eq(leads.id, id)).run();
}

/**
 * Recomputes the open leads whose score changed with time alone ("no activity for N days"): those that crossed a
 * rule's threshold since they were last scored. Run at start and every hour; each lead is constant time.
 */
export function rescoreIdleLeads(db: Db, now: number): number {
  const rules = activeRules(db);
  const thresholds = [...new Set(rules.filter((r) => r.field === 'noActivityDays').map((r) => Number(r.value) * 86_400_000))];
  let n = 0;
  for (const span of thresholds) {
    for (;;) {
      // scored_at < last_activity_at + span, written as leads_rescore_idx's expression so the index serves it.
      const batch = db.all<{ id: number }>(
        sql`select ${leads.id} as id from ${leads} indexed by leads_rescore_idx
            where (${leads.scoredAt} - ${leads.lastActivityAt}) < ${span} and ${leads.lastActivityAt} < ${now - span}
              and ${leads.closedAt} is null and +${leads.convertedCompanyId} is null
            limit 500`,
      );
      if (!batch.length) break;
      writeTx(db, (tx) => batch.forEach((b) => rescoreLead(tx, b.id, now, rules)));
      n += batch.length;
    }
  }
  return n;
}

// --- writing ---------------------------------------------------------------------------------------------

function columnsOf(input: LeadInput) {
  return {
    civility: input.civility,
    firstName: input.firstName,
    lastName: input.lastName,
    sortName: sortKey(`${input.lastName} ${input.firstName ?? ''}`),
    nameKey: personNameKey(input.lastName, input.firstName),
    companyName: input.companyName,
    companyKey: input.companyName ? companyNameKey(input.companyName) : null,
    jobTitle: input.jobTitle,
    email: input.email,
    email2: input.email2,
    phone: input.phone,
    mobile: input.mobile,
    website: input.website,
    addressLine1: input.addressLine1,
    postalCode: input.postalCode,
    city: input.city,
    country: input.country,
    industryId: input.industryId,
    size: input.size,
    sourceId: input.sourceId,
    categoryId: input.categoryId,
    doNotCall: input.doNotCall,
    doNotEmail: input.doNotEmail,
    keyAccount: input.keyAccount,
    description: input.description,
    manualScore: input.manualScore,
  };
}

function checkReferences(tx: Tx, viewer: Viewer, input: LeadInput, current?: LeadRow, currentTags: number[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (field: string, problem: string | null) => {
    if (problem) errors[field] = problem;
  };
  put('industryId', refProblem(tx, 'industry', input.industryId, current?.industryId));
  put('sourceId', refProblem(tx, 'origin', input.sourceId, current?.sourceId));
  put('categoryId', refProblem(tx, 'customer_family', input.categoryId, current?.categoryId));
  put('tagIds', tagsProblem(tx, input.tagIds, currentTags));
  if (input.ownerId !== null && (!current || current.ownerId !== input.ownerId)) put('ownerId', ownerProblem(tx, viewer, input.ownerId));
  if (!current || current.teamId !== input.teamId) put('teamId', teamProblem(tx, viewer, input.teamId));
  return errors;
}

/** A lead's emails, email domains and normalized phones, for duplicate detection (also used by lib/merge). */
export function writeLeadChannels(tx: Tx, id: number, input: Pick<LeadInput, 'email' | 'email2' | 'phone' | 'mobile'>) {
  tx.delete(leadChannels).where(eq(leadChannels.leadId, id)).run();
  const rows = new Map<string, { leadId: number; kind: 'email' | 'phone' | 'domain'; value: string }>();
  for (const e of [input.email, input.email2]) {
    if (!e) continue;
    rows.set(`email:${e}`, { leadId: id, kind: 'email', value: e });
    const d = emailDomainOf(e);
    if (d) rows.set(`domain:${d}`, { leadId: id, kind: 'domain', value: d });
  }
  for (const p of [input.phone, input.mobile].map(normalizePhone)) if (p) rows.set(`phone:${p}`, { leadId: id, kind: 'phone', value: p });
  if (rows.size) tx.insert(leadChannels).values([...rows.values()]).run();
}

function writeChildren(tx: Tx, id: number, input: LeadInput) {
  tx.delete(leadTags).where(eq(leadTags.leadId, id)).run();
  const tagIds = [...new Set(input.tagIds)];
  if (tagIds.length) tx.insert(leadTags).values(tagIds.map((tagId) => ({ leadId: id, tagId }))).run();
  writeLeadChannels(tx, id, input);
}

/** Cards' order inside a board column (lib/board/positions.ts). */
const COLUMNS: ColumnLayout = { table: leads, id: leads.id, column: leads.statusId, position: leads.position };
const endOfColumn = (tx: Tx, columnId: number, exceptId?: number) => endAt(tx, COLUMNS, columnId, exceptId);
const positionBefore = (tx: Tx, columnId: number, beforeId: number, movingId: number) => before(tx, COLUMNS, columnId, beforeId, movingId);

/**
 * Creates a lead in the "new" status. Likely duplicates among the leads the user can see come back first
 * (nothing written) unless the user confirmed. Unassigned leads sit in their team's queue.
 */
export function createLead(db: Db, input: LeadInput, ctx: Ctx, from: { companyId?: number | null; opportunityId?: number | null } = {}): Result<{ id: number }> {
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const errors = checkReferences(tx, ctx.user, input);
    if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
    if (!input.confirmDuplicate) {
      const duplicates = findLeadDuplicates(tx, ctx.user, input);
      if (duplicates.length) return { ok: false, error: { code: 'errors.possibleDuplicate', duplicates } };
    }
    const status = leadStatusOfKind(tx, 'new');
    if (!status) return fail('leads.errors.noNewStatus');
    const teamId = input.teamId ?? (input.ownerId ? (tx.all<{ t: number }>(sql`select team_id as t from team_members where user_id = ${input.ownerId} order by team_id limit 1`)[0]?.t ?? null) : null);
    const row = tx
      .insert(leads)
      .values({
        ...columnsOf(input),
        ownerId: input.ownerId,
        teamId,
        statusId: status.id,
        position: endOfColumn(tx, status.id),
        lastActivityAt: ctx.now,
        fromCompanyId: from.companyId ?? null,
        fromOpportunityId: from.opportunityId ?? null,
        createdAt: ctx.now,
        createdBy: ctx.user.id,
        updatedAt: ctx.now,
        updatedBy: ctx.user.id,
      })
      .returning({ id: leads.id })
      .get();
    writeChildren(tx, row.id, input);
    rescoreLead(tx, row.id, ctx.now);
    indexLead(tx, row.id);
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'lead.created',
      entityType: 'lead',
      entityId: row.id,
      data: { name: [input.firstName, input.lastName].filter(Boolean).join(' '), companyName: input.companyName, fromCompanyId: from.companyId ?? undefined, fromOpportunityId: from.opportunityId ?? undefined },
      ip: ctx.ip,
    });
    return ok(row);
  });
}

const AUDITED = ['civility', 'firstName', 'lastName', 'companyName', 'jobTitle', 'email', 'email2', 'phone', 'mobile', 'website', 'addressLine1', 'postalCode', 'city', 'country', 'industryId', 'size', 'sourceId', 'categoryId', 'doNotCall', 'doNotEmail', 'keyAccount', 'description', 'manualScore', 'ownerId', 'teamId'] as const;

/** Saves an edit made from `input.version` and recomputes the score in the same transaction. */
export function updateLead(db: Db, id: number, input: LeadUpdateInput, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = loadOpen(tx, ctx.user, id);
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    if (before.version !== input.version) {
      const by = before.updatedBy ? tx.select({ name: users.name }).from(users).where(eq(users.id, before.updatedBy)).get()?.name : null;
      return fail('errors.staleRecord', { _by: by ?? '?', _at: String(before.updatedAt) });
    }
    if (before.ownerId !== input.ownerId && !mayReassign(tx, ctx.user, before, input.ownerId)) return fail('errors.invalidForm', { ownerId: 'errors.ownerNotAllowed' });
    const currentTags = tx.select({ t: leadTags.tagId }).from(leadTags).where(eq(leadTags.leadId, id)).all().map((r) => r.t);
    const errors = checkReferences(tx, ctx.user, input, before, currentTags);
    if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
    if (!input.confirmDuplicate) {
      const duplicates = findLeadDuplicates(tx, ctx.user, input, id);
      const changedIdentity = before.nameKey !== personNameKey(input.lastName, input.firstName) || before.email !== input.email || before.phone !== input.phone || before.mobile !== input.mobile;
      if (changedIdentity && duplicates.length) return { ok: false, error: { code: 'errors.possibleDuplicate', duplicates } };
    }
    const cols = { ...columnsOf(input), ownerId: input.ownerId, teamId: input.teamId ?? before.teamId };
    tx.update(leads)
      .set({ ...cols, version: before.version + 1, lastActivityAt: ctx.now, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(and(eq(leads.id, id), eq(leads.version, before.version)))
      .run();
    writeChildren(tx, id, input);
    rescoreLead(tx, id, ctx.now);
    indexLead(tx, id);
    const changes: Record<string, unknown> = {};
    for (const k of AUDITED) if (before[k] !== cols[k]) changes[k] = [before[k], cols[k]];
    const newTags = [...new Set(input.tagIds)].sort();
    if (currentTags.sort().join() !== newTags.join()) changes.tagIds = [currentTags, newTags];
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead.updated', entityType: 'lead', entityId: id, data: changes, ip: ctx.ip });
    return ok(undefined);
  });
}

/**
 * Who may change a lead's owner: those who may assign it (admins, managers of its team, its owner) — and for an
 * unassigned lead in their team's queue, anyone who may edit it taking it themselves ("prendre en charge").
 */
function mayReassign(tx: Tx, viewer: Viewer, row: LeadRow, to: number | null): boolean {
  const rec = ownedRecord(tx, row);
  if (can(viewer, 'assign', rec)) return true;
  return row.ownerId === null && to === viewer.id && can(viewer, 'edit', rec);
}

/**
 * A board move or a click on the status bar: another status, or elsewhere in the same column (before card
 * `beforeId`, none: the end). Converted and lost are refused: they have their own steps.
 */
export function moveLead(db: Db, input: LeadMoveInput, ctx: Ctx): Result<{ statusId: number; position: number }> {
  return writeTx(db, (tx) => {
    const loaded = loadOpen(tx, ctx.user, input.id);
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    const status = getLeadStatus(tx, input.statusId);
    if (!status) return fail('errors.invalidForm', { statusId: 'errors.invalidChoice' });
    if (isTerminalKind(status.kind)) return fail(status.kind === 'converted' ? 'leads.errors.useConvert' : 'leads.errors.useLose');
    const position = (input.beforeId ? positionBefore(tx, status.id, input.beforeId, before.id) : null) ?? endOfColumn(tx, status.id, before.id);
    tx.update(leads)
      .set({ statusId: status.id, position, version: before.version + 1, lastActivityAt: status.id === before.statusId ? before.lastActivityAt : ctx.now, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(leads.id, before.id))
      .run();
    if (status.id !== before.statusId) {
      rescoreLead(tx, before.id, ctx.now);
      const from = getLeadStatus(tx, before.statusId);
      audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead.moved', entityType: 'lead', entityId: before.id, data: { statusId: [before.statusId, status.id], status: [from?.name ?? null, status.name] }, ip: ctx.ip });
    }
    return ok({ statusId: status.id, position });
  });
}

/** Takes leads in charge (assigns them to the user): all or nothing. */
export function takeCharge(db: Db, ids: readonly number[], ctx: Ctx): Result<{ count: number }> {
  const unique = [...new Set(ids)];
  if (!unique.length) return fail('views.errors.nothingSelected');
  if (unique.length > 500) return fail('views.errors.tooMany', { _max: '500', _count: String(unique.length) });
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  try {
    return writeTx(db, (tx) => {
      let n = 0;
      for (const id of unique) {
        const loaded = loadOpen(tx, ctx.user, id, 'view');
        if (!loaded.ok) throw new Refusal(loaded.error);
        const row = loaded.value;
        if (row.ownerId === ctx.user.id) continue;
        if (!mayReassign(tx, ctx.user, row, ctx.user.id)) throw new Refusal({ code: unique.length > 1 ? 'leads.errors.cannotTakeSome' : 'leads.errors.cannotTake' });
        const teamId = row.teamId !== null && (ctx.user.role === 'admin' || ctx.user.teamIds.includes(row.teamId)) ? row.teamId : (ctx.user.teamIds[0] ?? row.teamId);
        tx.update(leads).set({ ownerId: ctx.user.id, teamId, version: row.version + 1, lastActivityAt: ctx.now, updatedAt: ctx.now, updatedBy: ctx.user.id }).where(eq(leads.id, id)).run();
        rescoreLead(tx, id, ctx.now);
        audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead.taken', entityType: 'lead', entityId: id, data: { ownerId: [row.ownerId, ctx.user.id] }, ip: ctx.ip });
        n++;
      }
      return ok({ count: n });
    });
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    throw e;
  }
}

/** Loses a lead with a reason (the configurable lost reasons) and an optional comment. */
export function loseLead(db: Db, id: number, input: LoseInput, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = loadOpen(tx, ctx.user, id);
    if (!loaded.ok) return loaded;
    const row = loaded.value;
    const problem = refProblem(tx, 'lost_reason', input.lostReasonId);
    if (problem) return fail('errors.invalidForm', { lostReasonId: problem });
    const lost = leadStatusOfKind(tx, 'lost');
    if (!lost) return fail('leads.errors.noLostStatus');
    tx.update(leads)
      .set({
        statusId: lost.id,
        position: endOfColumn(tx, lost.id),
        lostReasonId: input.lostReasonId,
        lostComment: input.comment,
        closedAt: ctx.now,
        reopenStatusId: row.statusId,
        version: row.version + 1,
        lastActivityAt: ctx.now,
        updatedAt: ctx.now,
        updatedBy: ctx.user.id,
      })
      .where(eq(leads.id, id))
      .run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead.lost', entityType: 'lead', entityId: id, data: { lostReasonId: input.lostReasonId, comment: input.comment ?? undefined }, ip: ctx.ip });
    return ok(undefined);
  });
}

/** Reopens a lost lead in the status it was lost from, with a reason kept in its history. Converted leads stay converted. */
export function reopenLead(db: Db, id: number, input: { reason: string }, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = loadLead(tx, ctx.user, id, 'edit');
    if (!loaded.ok) return loaded;
    const row = loaded.value;
    if (row.convertedCompanyId !== null) return fail('leads.errors.converted');
    if (row.closedAt === null) return fail('leads.errors.notLost');
    const back = row.reopenStatusId ? getLeadStatus(tx, row.reopenStatusId) : null;
    const status = back && !isTerminalKind(back.kind) ? back : leadStatusOfKind(tx, 'new');
    if (!status) return fail('leads.errors.noNewStatus');
    tx.update(leads)
      .set({ statusId: status.id, position: endOfColumn(tx, status.id), lostReasonId: null, lostComment: null, closedAt: null, reopenStatusId: null, version: row.version + 1, lastActivityAt: ctx.now, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(leads.id, id))
      .run();
    rescoreLead(tx, id, ctx.now);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead.reopened', entityType: 'lead', entityId: id, data: { reason: input.reason, status: status.name }, ip: ctx.ip });
    return ok(undefined);
  });
}

/** Assigns the lead to someone (or back to its team's queue with ownerId null), with a comment. */
export function transferLead(db: Db, id: number, input: { ownerId: number | null; teamId: number | null; comment: string | null }, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = loadOpen(tx, ctx.user, id, 'view');
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    if (!mayReassign(tx, ctx.user, before, input.ownerId)) return fail('errors.forbidden');
    const errors: Record<string, string> = {};
    if (input.ownerId !== null) {
      const p = ownerProblem(tx, ctx.user, input.ownerId);
      if (p) errors.ownerId = p;
    }
    const teamId = input.teamId ?? before.teamId;
    if (input.teamId !== null && input.teamId !== before.teamId) {
      const p = teamProblem(tx, ctx.user, input.teamId);
      if (p) errors.teamId = p;
    }
    if (input.ownerId === null && teamId === null) errors.teamId = 'leads.errors.queueNeedsTeam';
    if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
    tx.update(leads).set({ ownerId: input.ownerId, teamId, version: before.version + 1, lastActivityAt: ctx.now, updatedAt: ctx.now, updatedBy: ctx.user.id }).where(eq(leads.id, id)).run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead.transferred', entityType: 'lead', entityId: id, data: { ownerId: [before.ownerId, input.ownerId], teamId: [before.teamId, teamId], comment: input.comment }, ip: ctx.ip });
    return ok(undefined);
  });
}

/** Deletes a lead (admins, managers of its team, its owner). Converted leads are kept: they are the history of a customer. */
export function deleteLead(db: Db, id: number, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = loadLead(tx, ctx.user, id, 'delete');
    if (!loaded.ok) return loaded;
    if (loaded.value.convertedCompanyId !== null) return fail('leads.errors.converted');
    tx.delete(leads).where(eq(leads.id, id)).run();
    unindex(tx, 'lead', id);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'lead.deleted', entityType: 'lead', entityId: id, data: { name: [loaded.value.firstName, loaded.value.lastName].filter(Boolean).join(' ') }, ip: ctx.ip });
    return ok(undefined);
  });
}

/** Recomputes every open lead after the rules changed (an administrator's action; batched by the caller's transaction). */
export function rescoreOpenLeads(tx: Tx, now: number): number {
  const rules = activeRules(tx);
  const ids = tx.select({ id: leads.id }).from(leads).where(sql`${leads.closedAt} is null and ${leads.convertedCompanyId} is null`).all();
  for (const { id } of ids) rescoreLead(tx, id, now, rules);
  return ids.length;
}

