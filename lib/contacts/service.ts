import { and, eq } from 'drizzle-orm';
import { writeTx, type Db, type DbOrTx, type Tx } from '@/db/client';
import { companies, contactChannels, contacts, contactTags, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { defaultTeamOf, ownedRecord, ownerProblem, planTransfer, refProblem, tagsProblem, teamProblem } from '@/lib/customers/access';
import { emailDomainOf, normalizePhone, personNameKey, sortKey } from '@/lib/customers/normalize';
import { can, canAdminister, canCreate, type RecordVerb, type Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import { indexContact, unindex } from '@/lib/search/index-records';
import { getOrgSettings } from '@/lib/settings/queries';
import type { TransferInput } from '@/lib/companies/schema';
import { findContactDuplicates } from './duplicates';
import type { ContactInput, ContactUpdateInput } from './schema';

export type Ctx = { user: Viewer; now: number; ip?: string | null };
type ContactRow = typeof contacts.$inferSelect;

function load(tx: Tx, viewer: Viewer, id: number, verb: RecordVerb): Result<ContactRow> {
  const row = tx.select().from(contacts).where(eq(contacts.id, id)).get();
  if (!row) return fail('errors.notFound');
  const rec = ownedRecord(tx, row);
  if (!can(viewer, 'view', rec)) return fail('errors.notFound');
  if (!can(viewer, verb, rec)) return fail('errors.forbidden');
  return ok(row);
}

/** A contact may be filed under a company the user can see and that is not archived. */
function companyProblem(tx: Tx, viewer: Viewer, companyId: number | null, current: number | null): string | null {
  if (companyId === null || companyId === current) return null;
  const c = tx.select().from(companies).where(eq(companies.id, companyId)).get();
  if (!c || !can(viewer, 'view', ownedRecord(tx, c))) return 'errors.invalidChoice';
  return c.archived ? 'errors.companyArchived' : null;
}

/** Today in the organisation's time zone: at 00:30 in Paris it is already tomorrow in UTC terms. */
function todayOf(db: DbOrTx, now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: getOrgSettings(db).timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function columnsOf(input: ContactInput, today: string) {
  return {
    civility: input.civility,
    firstName: input.firstName,
    lastName: input.lastName,
    sortName: sortKey(`${input.lastName} ${input.firstName ?? ''}`),
    nameKey: personNameKey(input.lastName, input.firstName),
    jobTitle: input.jobTitle,
    department: input.department,
    roleId: input.roleId,
    companyId: input.companyId,
    email: input.email,
    email2: input.email2,
    phone: input.phone,
    mobile: input.mobile,
    language: input.language,
    doNotCall: input.doNotCall,
    doNotEmail: input.doNotEmail,
    consentStatus: input.consentStatus,
    // A consent status other than "unknown" is dated: today unless the user said when.
    consentDate: input.consentStatus === 'unknown' ? null : (input.consentDate ?? today),
    consentSource: input.consentStatus === 'unknown' ? null : input.consentSource,
    notes: input.notes,
  };
}

function checkReferences(tx: Tx, viewer: Viewer, input: ContactInput, current?: ContactRow, currentTags: number[] = []) {
  const errors: Record<string, string> = {};
  const put = (field: string, problem: string | null) => {
    if (problem) errors[field] = problem;
  };
  put('roleId', refProblem(tx, 'contact_role', input.roleId, current?.roleId));
  put('tagIds', tagsProblem(tx, input.tagIds, currentTags));
  put('companyId', companyProblem(tx, viewer, input.companyId, current?.companyId ?? null));
  if (!current || current.ownerId !== input.ownerId) put('ownerId', ownerProblem(tx, viewer, input.ownerId));
  if (!current || current.teamId !== input.teamId) put('teamId', teamProblem(tx, viewer, input.teamId));
  return errors;
}

/** Emails, phones (normalized) and email domains, for duplicate detection and "related contacts". */
export function writeChannels(tx: Tx, contactId: number, input: ContactInput) {
  tx.delete(contactChannels).where(eq(contactChannels.contactId, contactId)).run();
  const rows = new Map<string, { contactId: number; kind: 'email' | 'phone' | 'domain'; value: string }>();
  for (const e of [input.email, input.email2]) {
    if (!e) continue;
    rows.set(`email:${e}`, { contactId, kind: 'email', value: e });
    const d = emailDomainOf(e);
    if (d) rows.set(`domain:${d}`, { contactId, kind: 'domain', value: d });
  }
  for (const p of [input.phone, input.mobile].map(normalizePhone)) if (p) rows.set(`phone:${p}`, { contactId, kind: 'phone', value: p });
  if (rows.size) tx.insert(contactChannels).values([...rows.values()]).run();
}

function writeTags(tx: Tx, contactId: number, tagIds: number[]) {
  tx.delete(contactTags).where(eq(contactTags.contactId, contactId)).run();
  const unique = [...new Set(tagIds)];
  if (unique.length) tx.insert(contactTags).values(unique.map((tagId) => ({ contactId, tagId }))).run();
}

export function createContact(db: Db, input: ContactInput, ctx: Ctx): Result<{ id: number }> {
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => createContactIn(tx, input, ctx));
}

/** The same inside a caller's transaction (lead conversion creates company, contact and opportunity at once). */
export function createContactIn(tx: Tx, input: ContactInput, ctx: Ctx): Result<{ id: number }> {
  if (!canCreate(ctx.user)) return fail('errors.forbidden');
  const errors = checkReferences(tx, ctx.user, input);
  if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
  if (!input.confirmDuplicate) {
    const duplicates = findContactDuplicates(tx, ctx.user, input);
    if (duplicates.length) return { ok: false, error: { code: 'errors.possibleDuplicate', duplicates } };
  }
  const teamId = input.teamId ?? defaultTeamOf(tx, input.ownerId);
  const row = tx
    .insert(contacts)
    .values({ ...columnsOf(input, todayOf(tx, ctx.now)), ownerId: input.ownerId, teamId, createdAt: ctx.now, createdBy: ctx.user.id, updatedAt: ctx.now, updatedBy: ctx.user.id })
    .returning({ id: contacts.id })
    .get();
  writeChannels(tx, row.id, input);
  writeTags(tx, row.id, input.tagIds);
  indexContact(tx, row.id);
  audit(tx, ctx.now, {
    actorId: ctx.user.id,
    action: 'contact.created',
    entityType: 'contact',
    entityId: row.id,
    data: { name: [input.firstName, input.lastName].filter(Boolean).join(' '), companyId: input.companyId },
    ip: ctx.ip,
  });
  return ok(row);
}

const AUDITED = ['civility', 'firstName', 'lastName', 'jobTitle', 'department', 'roleId', 'email', 'email2', 'phone', 'mobile', 'language', 'doNotCall', 'doNotEmail', 'consentStatus', 'consentDate', 'consentSource', 'notes', 'ownerId', 'teamId'] as const;

/** Saves an edit made from `input.version`; moving the contact to another company is recorded as such. */
export function updateContact(db: Db, id: number, input: ContactUpdateInput, ctx: Ctx): Result<void> {
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
    const currentTags = tx.select({ t: contactTags.tagId }).from(contactTags).where(eq(contactTags.contactId, id)).all().map((r) => r.t);
    const errors = checkReferences(tx, ctx.user, input, before, currentTags);
    if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
    // As on create: no team chosen means the owner's first team.
    const cols = { ...columnsOf(input, todayOf(db, ctx.now)), ownerId: input.ownerId, teamId: input.teamId ?? defaultTeamOf(tx, input.ownerId) };
    tx.update(contacts)
      .set({ ...cols, version: before.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(and(eq(contacts.id, id), eq(contacts.version, before.version)))
      .run();
    writeChannels(tx, id, input);
    writeTags(tx, id, input.tagIds);
    indexContact(tx, id);
    const changes: Record<string, unknown> = {};
    for (const k of AUDITED) if (before[k] !== cols[k]) changes[k] = [before[k], cols[k]];
    if (before.companyId !== input.companyId) {
      audit(tx, ctx.now, { actorId: ctx.user.id, action: 'contact.moved', entityType: 'contact', entityId: id, data: { companyId: [before.companyId, input.companyId] }, ip: ctx.ip });
    }
    if (Object.keys(changes).length) {
      audit(tx, ctx.now, { actorId: ctx.user.id, action: 'contact.updated', entityType: 'contact', entityId: id, data: changes, ip: ctx.ip });
    }
    return ok(undefined);
  });
}

/** Active contacts show a green dot, inactive ones a red dot; nothing is lost either way. */
export function setContactActive(db: Db, id: number, active: boolean, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'edit');
    if (!loaded.ok) return loaded;
    if (loaded.value.active === active) return ok(undefined);
    tx.update(contacts).set({ active, version: loaded.value.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id }).where(eq(contacts.id, id)).run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: active ? 'contact.activated' : 'contact.deactivated', entityType: 'contact', entityId: id, ip: ctx.ip });
    return ok(undefined);
  });
}

export function transferContact(db: Db, id: number, input: TransferInput, ctx: Ctx): Result<void> {
  return writeTx(db, (tx) => {
    const loaded = load(tx, ctx.user, id, 'assign');
    if (!loaded.ok) return loaded;
    const before = loaded.value;
    const plan = planTransfer(tx, ctx.user, input, before.teamId);
    if (!plan.ok) return plan;
    const { teamId } = plan.value;
    tx.update(contacts)
      .set({ ownerId: input.ownerId, teamId, version: before.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(contacts.id, id))
      .run();
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'contact.transferred',
      entityType: 'contact',
      entityId: id,
      data: { ownerId: [before.ownerId, input.ownerId], teamId: [before.teamId, teamId], comment: input.comment },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

/** Administrators only; later areas (leads, opportunities, actions) will refuse while something points here. */
export function deleteContact(db: Db, id: number, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const row = tx.select().from(contacts).where(eq(contacts.id, id)).get();
    if (!row) return fail('errors.notFound');
    tx.delete(contacts).where(eq(contacts.id, id)).run();
    unindex(tx, 'contact', id);
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'contact.deleted',
      entityType: 'contact',
      entityId: id,
      data: { name: [row.firstName, row.lastName].filter(Boolean).join(' '), companyId: row.companyId },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}
