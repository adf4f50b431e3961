import { and, count, eq } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { companies, companyAddresses, companyTags, contacts, opportunities, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { defaultTeamOf, ownedRecord, ownerProblem, planTransfer, refProblem, tagsProblem, teamProblem } from '@/lib/customers/access';
import { companyNameKey, compactLegalId, normalizePhone, sortKey, websiteDomain } from '@/lib/customers/normalize';
import { can, canAdminister, canCreate, type RecordVerb, type Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import { indexCompany, reindexCompanyContacts, unindex } from '@/lib/search/index-records';
import { findCompanyDuplicates } from './duplicates';
import type { CompanyInput, CompanyUpdateInput, TransferInput } from './schema';

export type Ctx = { user: Viewer; now: number; ip?: string | null };
type CompanyRow = typeof companies.$inferSelect;

/** Loads a company the viewer may act on: not found when they may not even see it. */
function load(tx: Tx, viewer: Viewer, id: number, verb: RecordVerb): Result<CompanyRow> {
  const row = tx.select().from(companies).where(eq(companies.id, id)).get();
  if (!row) return fail('errors.notFound');
  const rec = ownedRecord(tx, row);
  if (!can(viewer, 'view', rec)) return fail('errors.notFound');
  if (!can(viewer, verb, rec)) return fail('errors.forbidden');
  return ok(row);
}

function columnsOf(input: CompanyInput) {
  return {
    name: input.name,
    sortName: sortKey(input.name),
    nameKey: companyNameKey(input.name),
    type: input.type,
    legalId: input.legalId ? compactLegalId(input.legalId) : null,
    website: input.website,
    emailDomain: input.emailDomain ?? websiteDomain(input.website),
    email: input.email,
    phone: input.phone,
    phoneNormalized: normalizePhone(input.phone),
    industryId: input.industryId,
    size: input.size,
    customerFamilyId: input.customerFamilyId,
    originId: input.originId,
    keyAccount: input.keyAccount,
    notes: input.notes,
  };
}

function checkReferences(tx: Tx, viewer: Viewer, input: CompanyInput, current?: CompanyRow, currentTags: number[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (field: string, problem: string | null) => {
    if (problem) errors[field] = problem;
  };
  put('industryId', refProblem(tx, 'industry', input.industryId, current?.industryId));
  put('customerFamilyId', refProblem(tx, 'customer_family', input.customerFamilyId, current?.customerFamilyId));
  put('originId', refProblem(tx, 'origin', input.originId, current?.originId));
  put('tagIds', tagsProblem(tx, input.tagIds, currentTags));
  if (!current || current.ownerId !== input.ownerId) put('ownerId', ownerProblem(tx, viewer, input.ownerId));
  if (!current || current.teamId !== input.teamId) put('teamId', teamProblem(tx, viewer, input.teamId));
  return errors;
}

function writeChildren(tx: Tx, companyId: number, input: CompanyInput) {
  tx.delete(companyAddresses).where(eq(companyAddresses.companyId, companyId)).run();
  if (input.addresses.length) tx.insert(companyAddresses).values(input.addresses.map((a) => ({ ...a, companyId }))).run();
  tx.delete(companyTags).where(eq(companyTags.companyId, companyId)).run();
  const tagIds = [...new Set(input.tagIds)];
  if (tagIds.length) tx.insert(companyTags).values(tagIds.map((tagId) => ({ companyId, tagId }))).run();
}

/**
 * Creates a company with its addresses and tags. Likely duplicates among the companies the user can see
 * are returned first (nothing written) unless the user confirmed they want a new one.
 */
export function createCompany(db: Db, input: CompanyInput, ctx: Ctx): Result<{ id: number }> {
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => createCompanyIn(tx, input, ctx));
}

/** The same inside a caller's transaction (lead conversion creates company, contact and opportunity at once). */
export function createCompanyIn(tx: Tx, input: CompanyInput, ctx: Ctx): Result<{ id: number }> {
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  const errors = checkReferences(tx, ctx.user, input);
  if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
  if (!input.confirmDuplicate) {
    const duplicates = findCompanyDuplicates(tx, ctx.user, { ...input, emailDomain: input.emailDomain ?? websiteDomain(input.website) });
    if (duplicates.length) return { ok: false, error: { code: 'errors.possibleDuplicate', duplicates } };
  }
  const teamId = input.teamId ?? defaultTeamOf(tx, input.ownerId);
  const row = tx
    .insert(companies)
    .values({ ...columnsOf(input), ownerId: input.ownerId, teamId, createdAt: ctx.now, createdBy: ctx.user.id, updatedAt: ctx.now, updatedBy: ctx.user.id })
    .returning({ id: companies.id })
    .get();
  writeChildren(tx, row.id, input);
  indexCompany(tx, row.id);
  audit(tx, ctx.now, { actorId: ctx.user.id, action: 'company.created', entityType: 'company', entityId: row.id, data: { name: input.name, type: input.type }, ip: ctx.ip });
  return ok(row);
}

const AUDITED = ['name', 'type', 'legalId', 'website', 'emailDomain', 'email', 'phone', 'industryId', 'size', 'customerFamilyId', 'originId', 'keyAccount', 'ownerId', 'teamId', 'notes'] as const;

/** Saves an edit made from `input.version`: refused, with who changed it and when, if someone saved in between. */
export function updateCompany(db: Db, id: number, input: CompanyUpdateInput, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'edit');
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    if (before.version !== input.version) {
      const by = before.updatedBy ? tx.select({ name: users.name }).from(users).where(eq(users.id, before.updatedBy)).get()?.name : null;
      return fail('errors.staleRecord', { _by: by ?? '?', _at: String(before.updatedAt) });
    }
    if (before.ownerId !== input.ownerId && !can(ctx.user, 'assign', ownedRecord(tx, before))) {
      return fail('errors.invalidForm', { ownerId: 'errors.ownerNotAllowed' });
    }
    const currentTags = tx.select({ t: companyTags.tagId }).from(companyTags).where(eq(companyTags.companyId, id)).all().map((r) => r.t);
    const errors = checkReferences(tx, ctx.user, input, before, currentTags);
    if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
    // As on create: no team chosen means the owner's first team.
    const cols = { ...columnsOf(input), ownerId: input.ownerId, teamId: input.teamId ?? defaultTeamOf(tx, input.ownerId) };
    tx.update(companies)
      .set({ ...cols, version: before.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(and(eq(companies.id, id), eq(companies.version, before.version)))
      .run();
    writeChildren(tx, id, input);
    indexCompany(tx, id);
    if (before.name !== input.name) reindexCompanyContacts(tx, id);
    const changes: Record<string, unknown> = {};
    for (const k of AUDITED) if (before[k] !== cols[k]) changes[k] = [before[k], cols[k]];
    const newTags = [...new Set(input.tagIds)].sort();
    if (currentTags.sort().join() !== newTags.join()) changes.tagIds = [currentTags, newTags];
    changes.addresses = input.addresses.length;
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'company.updated', entityType: 'company', entityId: id, data: changes, ip: ctx.ip });
    return ok(undefined);
  });
}

export function setCompanyArchived(db: Db, id: number, archived: boolean, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'edit');
    if (!loaded.ok) return loaded;
    if (loaded.value.archived === archived) return ok(undefined);
    tx.update(companies)
      .set({ archived, version: loaded.value.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(companies.id, id))
      .run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: archived ? 'company.archived' : 'company.restored', entityType: 'company', entityId: id, ip: ctx.ip });
    return ok(undefined);
  });
}

/** Gives the company to another owner (and team), with a comment kept in the audit trail. */
export function transferCompany(db: Db, id: number, input: TransferInput, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'assign');
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    const plan = planTransfer(tx, ctx.user, input, before.teamId);
    if (!plan.ok) return plan;
    const { teamId } = plan.value;
    tx.update(companies)
      .set({ ownerId: input.ownerId, teamId, version: before.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(companies.id, id))
      .run();
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'company.transferred',
      entityType: 'company',
      entityId: id,
      data: { ownerId: [before.ownerId, input.ownerId], teamId: [before.teamId, teamId], comment: input.comment },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

/** Deleting is for administrators, and only when nothing hangs on the company. */
export function deleteCompany(db: Db, id: number, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const row = tx.select().from(companies).where(eq(companies.id, id)).get();
    if (!row) return fail('errors.notFound');
    const n = tx.select({ n: count() }).from(contacts).where(eq(contacts.companyId, id)).get()?.n ?? 0;
    if (n > 0) return fail('errors.companyInUse', { _contacts: String(n) });
    const o = tx.select({ n: count() }).from(opportunities).where(eq(opportunities.companyId, id)).get()?.n ?? 0;
    if (o > 0) return fail('errors.companyHasOpportunities', { _count: String(o) });
    tx.delete(companies).where(eq(companies.id, id)).run();
    unindex(tx, 'company', id);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'company.deleted', entityType: 'company', entityId: id, data: { name: row.name }, ip: ctx.ip });
    return ok(undefined);
  });
}

/** A copy of the company's details, addresses and tags — not its contacts or history — owned by the user. */
export function duplicateCompany(db: Db, id: number, copyName: string, ctx: Ctx): Result<{ id: number }> {
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'view');
    if (!loaded.ok) return loaded;
    const src = loaded.value;
    const name = (copyName.trim() || src.name).slice(0, 200);
    const copy = tx
      .insert(companies)
      .values({
        ...src,
        id: undefined,
        name,
        sortName: sortKey(name),
        nameKey: companyNameKey(name),
        ownerId: ctx.user.id,
        teamId: ctx.user.teamIds.includes(src.teamId ?? -1) || ctx.user.role === 'admin' ? src.teamId : defaultTeamOf(tx, ctx.user.id),
        archived: false,
        version: 1,
        createdAt: ctx.now,
        createdBy: ctx.user.id,
        updatedAt: ctx.now,
        updatedBy: ctx.user.id,
      })
      .returning({ id: companies.id })
      .get();
    const addresses = tx.select().from(companyAddresses).where(eq(companyAddresses.companyId, id)).all();
    if (addresses.length) tx.insert(companyAddresses).values(addresses.map((a) => ({ ...a, id: undefined, companyId: copy.id }))).run();
    const tagRows = tx.select().from(companyTags).where(eq(companyTags.companyId, id)).all();
    if (tagRows.length) tx.insert(companyTags).values(tagRows.map((t) => ({ companyId: copy.id, tagId: t.tagId }))).run();
    indexCompany(tx, copy.id);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'company.duplicated', entityType: 'company', entityId: copy.id, data: { from: id }, ip: ctx.ip });
    return ok(copy);
  });
}
