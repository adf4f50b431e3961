import { and, eq, inArray } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { companies, companyTags, contacts, contactTags, leads, leadTags, opportunities, tags, teamMembers } from '@/db/schema';
import { audit } from '@/lib/audit';
import { planTransfer } from '@/lib/customers/access';
import { loadLead, moveLead, rescoreLead, takeCharge, transferLead } from '@/lib/leads/service';
import { getLeadStatus, isTerminalKind } from '@/lib/leads/statuses';
import { can, type RecordVerb, type Viewer } from '@/lib/permissions';
import { fail, ok, Refusal, type Result, type ServiceError } from '@/lib/result';

/**
 * Companies and contacts take every bulk operation; opportunities are only reassigned in bulk; leads are
 * taken in charge, reassigned, moved to another status and tagged.
 */
export type BulkKind = 'company' | 'contact' | 'opportunity' | 'lead';
type CustomerKind = Exclude<BulkKind, 'opportunity' | 'lead'>;
type TaggableKind = Exclude<BulkKind, 'opportunity'>;
export type Ctx = { user: Viewer; now: number; ip?: string | null };

/** One operation never touches more records than this. */
export const BULK_MAX = 500;

type Row = { id: number; ownerId: number | null; teamId: number | null; version: number; archived?: boolean; active?: boolean; closed?: boolean };

function table(kind: CustomerKind) {
  return kind === 'company' ? companies : contacts;
}

/** Distinct positive ids, or a refusal when there are none or too many. */
function checkIds(ids: readonly number[]): Result<number[]> {
  const unique = [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0))];
  if (!unique.length) return fail('views.errors.nothingSelected');
  if (unique.length > BULK_MAX) return fail('views.errors.tooMany', { _max: String(BULK_MAX), _count: String(unique.length) });
  return ok(unique);
}

/**
 * Loads every selected record and checks the verb on each one: if a single record is missing or refused,
 * the whole selection is refused with how many, and nothing is written.
 */
function loadAll(tx: Tx, kind: BulkKind, ids: number[], viewer: Viewer, verb: RecordVerb): Result<Row[]> {
  const rows: Row[] =
    kind === 'lead'
      ? tx
          .select({ id: leads.id, ownerId: leads.ownerId, teamId: leads.teamId, version: leads.version, closedAt: leads.closedAt, convertedCompanyId: leads.convertedCompanyId })
          .from(leads)
          .where(inArray(leads.id, ids))
          .all()
          .map(({ closedAt, convertedCompanyId, ...r }) => ({ ...r, closed: closedAt !== null || convertedCompanyId !== null }))
      : kind === 'company'
      ? tx.select({ id: companies.id, ownerId: companies.ownerId, teamId: companies.teamId, version: companies.version, archived: companies.archived }).from(companies).where(inArray(companies.id, ids)).all()
      : kind === 'contact'
        ? tx.select({ id: contacts.id, ownerId: contacts.ownerId, teamId: contacts.teamId, version: contacts.version, active: contacts.active }).from(contacts).where(inArray(contacts.id, ids)).all()
        : tx.select({ id: opportunities.id, ownerId: opportunities.ownerId, teamId: opportunities.teamId, version: opportunities.version }).from(opportunities).where(inArray(opportunities.id, ids)).all();
  // Owners' teams in one query rather than one per record.
  const owners = [...new Set(rows.map((r) => r.ownerId).filter((o): o is number => o !== null))];
  const teamsOf = new Map<number, number[]>();
  if (owners.length) {
    for (const m of tx.select().from(teamMembers).where(inArray(teamMembers.userId, owners)).all()) teamsOf.set(m.userId, [...(teamsOf.get(m.userId) ?? []), m.teamId]);
  }
  // Converted and lost leads are read-only: refused like a record the user may not change.
  const refused = ids.length - rows.length + rows.filter((r) => r.closed || !can(viewer, verb, { ownerId: r.ownerId, teamId: r.teamId, ownerTeamIds: r.ownerId ? (teamsOf.get(r.ownerId) ?? []) : [] })).length;
  if (refused) return fail('views.errors.bulkRefused', { _count: String(refused), _total: String(ids.length) });
  return ok(rows);
}

/** Gives every selected record to another owner (and team: the given one, else the owner's first). */
export function bulkAssignOwner(db: Db, kind: BulkKind, ids: readonly number[], input: { ownerId: number; teamId: number | null }, ctx: Ctx): Result<{ count: number }> {
  if (kind === 'lead') return bulkAssignLeads(db, ids, input, ctx);
  const checked = checkIds(ids);
  if (!checked.ok) return checked;
  return writeTx(db, (tx) => {
    const loaded = loadAll(tx, kind, checked.value, ctx.user, 'assign');
    if (!loaded.ok) return loaded;
    const plan = planTransfer(tx, ctx.user, input);
    if (!plan.ok) return plan;
    const { teamId } = plan.value;
    for (const r of loaded.value) {
      if (r.ownerId === input.ownerId && r.teamId === teamId) continue;
      const set = { ownerId: input.ownerId, teamId, version: r.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id };
      // Closed opportunities are reassigned too, as by the single transfer: who follows a record isn't its content.
      if (kind === 'opportunity') tx.update(opportunities).set(set).where(eq(opportunities.id, r.id)).run();
      else tx.update(table(kind)).set(set).where(eq(table(kind).id, r.id)).run();
      audit(tx, ctx.now, {
        actorId: ctx.user.id,
        action: kind === 'company' ? 'company.transferred' : kind === 'contact' ? 'contact.transferred' : 'opportunity.transferred',
        entityType: kind,
        entityId: r.id,
        data: { ownerId: [r.ownerId, input.ownerId], teamId: [r.teamId, teamId], bulk: true },
        ip: ctx.ip,
      });
    }
    return ok({ count: loaded.value.length });
  });
}

/** Adds a tag to, or removes it from, every selected record (edit permission on each). */
export function bulkTag(db: Db, kind: TaggableKind, ids: readonly number[], tagId: number, op: 'add' | 'remove', ctx: Ctx): Result<{ count: number }> {
  if (kind === 'lead') return bulkTagLeads(db, ids, tagId, op, ctx);
  const checked = checkIds(ids);
  if (!checked.ok) return checked;
  return writeTx(db, (tx) => {
    const tag = tx.select().from(tags).where(eq(tags.id, tagId)).get();
    if (!tag) return fail('errors.invalidForm', { tagId: 'errors.invalidChoice' });
    if (op === 'add' && tag.retired) return fail('errors.invalidForm', { tagId: 'errors.retiredValue' });
    const loaded = loadAll(tx, kind, checked.value, ctx.user, 'edit');
    if (!loaded.ok) return loaded;
    const link = kind === 'company' ? companyTags : contactTags;
    const owner = kind === 'company' ? companyTags.companyId : contactTags.contactId;
    const has = new Set(
      tx.select({ id: owner }).from(link).where(and(eq(link.tagId, tagId), inArray(owner, checked.value))).all().map((r) => r.id),
    );
    const t = table(kind);
    let changed = 0;
    for (const r of loaded.value) {
      if (has.has(r.id) === (op === 'add')) continue;
      if (op === 'add') {
        if (kind === 'company') tx.insert(companyTags).values({ companyId: r.id, tagId }).run();
        else tx.insert(contactTags).values({ contactId: r.id, tagId }).run();
      } else tx.delete(link).where(and(eq(owner, r.id), eq(link.tagId, tagId))).run();
      tx.update(t).set({ version: r.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id }).where(eq(t.id, r.id)).run();
      audit(tx, ctx.now, {
        actorId: ctx.user.id,
        action: kind === 'company' ? 'company.updated' : 'contact.updated',
        entityType: kind,
        entityId: r.id,
        data: { [op === 'add' ? 'tagAdded' : 'tagRemoved']: tag.name, bulk: true },
        ip: ctx.ip,
      });
      changed += 1;
    }
    return ok({ count: changed });
  });
}

/** Archives the selected companies (edit permission on each); already archived ones are left as they are. */
export function bulkArchive(db: Db, ids: readonly number[], ctx: Ctx): Result<{ count: number }> {
  const checked = checkIds(ids);
  if (!checked.ok) return checked;
  return writeTx(db, (tx) => {
    const loaded = loadAll(tx, 'company', checked.value, ctx.user, 'edit');
    if (!loaded.ok) return loaded;
    let changed = 0;
    for (const r of loaded.value) {
      if (r.archived) continue;
      tx.update(companies).set({ archived: true, version: r.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id }).where(eq(companies.id, r.id)).run();
      audit(tx, ctx.now, { actorId: ctx.user.id, action: 'company.archived', entityType: 'company', entityId: r.id, data: { bulk: true }, ip: ctx.ip });
      changed += 1;
    }
    return ok({ count: changed });
  });
}

/** Deactivates the selected contacts (edit permission on each): contacts are never archived, they go inactive. */
export function bulkDeactivate(db: Db, ids: readonly number[], ctx: Ctx): Result<{ count: number }> {
  const checked = checkIds(ids);
  if (!checked.ok) return checked;
  return writeTx(db, (tx) => {
    const loaded = loadAll(tx, 'contact', checked.value, ctx.user, 'edit');
    if (!loaded.ok) return loaded;
    let changed = 0;
    for (const r of loaded.value) {
      if (!r.active) continue;
      tx.update(contacts).set({ active: false, version: r.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id }).where(eq(contacts.id, r.id)).run();
      audit(tx, ctx.now, { actorId: ctx.user.id, action: 'contact.deactivated', entityType: 'contact', entityId: r.id, data: { bulk: true }, ip: ctx.ip });
      changed += 1;
    }
    return ok({ count: changed });
  });
}

// --- leads ---------------------------------------------------------------------------------------------------

/**
 * Runs a lead service on every selected lead inside ONE transaction (each service call nests as a savepoint):
 * a single refusal rolls everything back. A field refusal (the owner or team chosen) is the same for every
 * lead and is returned as it is; otherwise the answer says how many of the selection were refused.
 */
function eachLead(db: Db, ids: readonly number[], one: (tx: Tx, nested: Db, id: number) => Result<boolean>): Result<{ count: number }> {
  const checked = checkIds(ids);
  if (!checked.ok) return checked;
  try {
    return writeTx(db, (tx) => {
      // The lead services take a Db and open their own transaction: on a transaction handle that is a savepoint.
      const nested = tx as unknown as Db;
      const refused: ServiceError[] = [];
      let count = 0;
      for (const id of checked.value) {
        const r = one(tx, nested, id);
        if (!r.ok) refused.push(r.error);
        else if (r.value) count += 1;
      }
      if (refused.length) {
        const field = refused.find((e) => Object.keys(e.fieldErrors ?? {}).some((k) => !k.startsWith('_')));
        throw new Refusal(field ?? { code: 'views.errors.bulkRefused', fieldErrors: { _count: String(refused.length), _total: String(checked.value.length) } });
      }
      return ok({ count });
    });
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    throw e;
  }
}

/** "Assign to me": takes every selected lead in charge (the single "take charge" service, all or nothing). */
export function bulkTakeLeads(db: Db, ids: readonly number[], ctx: Ctx): Result<{ count: number }> {
  const checked = checkIds(ids);
  if (!checked.ok) return checked;
  return takeCharge(db, checked.value, ctx);
}

/**
 * Gives every selected lead to another user through transferLead (audited as lead.transferred each). No team
 * chosen: each lead stays in its team. Leads already theirs (in that team) are left alone, once seen.
 */
function bulkAssignLeads(db: Db, ids: readonly number[], input: { ownerId: number; teamId: number | null }, ctx: Ctx): Result<{ count: number }> {
  return eachLead(db, ids, (tx, nested, id) => {
    const loaded = loadLead(tx, ctx.user, id, 'view');
    if (!loaded.ok) return loaded;
    if (loaded.value.ownerId === input.ownerId && (input.teamId === null || input.teamId === loaded.value.teamId)) return ok(false);
    const r = transferLead(nested, id, { ownerId: input.ownerId, teamId: input.teamId, comment: null }, ctx);
    return r.ok ? ok(true) : r;
  });
}

/**
 * Moves every selected lead to another status (at the end of its column) through moveLead. Converted and Lost
 * are refused for the whole selection: they are reached by converting and losing, one lead at a time.
 */
export function bulkLeadStatus(db: Db, ids: readonly number[], statusId: number, ctx: Ctx): Result<{ count: number }> {
  const status = getLeadStatus(db, statusId);
  if (!status) return fail('errors.invalidForm', { statusId: 'errors.invalidChoice' });
  if (isTerminalKind(status.kind)) return fail(status.kind === 'converted' ? 'leads.errors.useConvert' : 'leads.errors.useLose');
  return eachLead(db, ids, (tx, nested, id) => {
    const loaded = loadLead(tx, ctx.user, id, 'edit');
    if (!loaded.ok) return loaded;
    if (loaded.value.statusId === statusId && loaded.value.closedAt === null && loaded.value.convertedCompanyId === null) return ok(false);
    const r = moveLead(nested, { id, statusId, beforeId: null }, ctx);
    return r.ok ? ok(true) : r;
  });
}

/** Tags (or untags) every selected lead: edit permission on each, open leads only, score recomputed. */
function bulkTagLeads(db: Db, ids: readonly number[], tagId: number, op: 'add' | 'remove', ctx: Ctx): Result<{ count: number }> {
  const checked = checkIds(ids);
  if (!checked.ok) return checked;
  return writeTx(db, (tx) => {
    const tag = tx.select().from(tags).where(eq(tags.id, tagId)).get();
    if (!tag) return fail('errors.invalidForm', { tagId: 'errors.invalidChoice' });
    if (op === 'add' && tag.retired) return fail('errors.invalidForm', { tagId: 'errors.retiredValue' });
    const loaded = loadAll(tx, 'lead', checked.value, ctx.user, 'edit');
    if (!loaded.ok) return loaded;
    const has = new Set(
      tx
        .select({ id: leadTags.leadId })
        .from(leadTags)
        .where(and(eq(leadTags.tagId, tagId), inArray(leadTags.leadId, checked.value)))
        .all()
        .map((r) => r.id),
    );
    let changed = 0;
    for (const r of loaded.value) {
      if (has.has(r.id) === (op === 'add')) continue;
      if (op === 'add') tx.insert(leadTags).values({ leadId: r.id, tagId }).run();
      else tx.delete(leadTags).where(and(eq(leadTags.leadId, r.id), eq(leadTags.tagId, tagId))).run();
      tx.update(leads).set({ version: r.version + 1, lastActivityAt: ctx.now, updatedAt: ctx.now, updatedBy: ctx.user.id }).where(eq(leads.id, r.id)).run();
      // A rule may score a tag: recomputed in the same transaction, as after any change of the lead.
      rescoreLead(tx, r.id, ctx.now);
      audit(tx, ctx.now, {
        actorId: ctx.user.id,
        action: 'lead.updated',
        entityType: 'lead',
        entityId: r.id,
        data: { [op === 'add' ? 'tagAdded' : 'tagRemoved']: tag.name, bulk: true },
        ip: ctx.ip,
      });
      changed += 1;
    }
    return ok({ count: changed });
  });
}
