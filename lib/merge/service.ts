import { and, eq, inArray, sql } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { companies, companyAddresses, companyTags, contactChannels, contacts, contactTags, leadChannels, leads, leadTags, merges, users, type MergeKind } from '@/db/schema';
import { audit } from '@/lib/audit';
import type { ContactInput } from '@/lib/contacts/schema';
import { writeChannels } from '@/lib/contacts/service';
import { ownedRecord } from '@/lib/customers/access';
import { companyNameKey, normalizePhone, personNameKey, sortKey } from '@/lib/customers/normalize';
import { activeRules, rescoreLead, writeLeadChannels } from '@/lib/leads/service';
import { computeScore, type ScoreRule } from '@/lib/leads/scoring';
import { getLeadStatus, leadStatusOfKind } from '@/lib/leads/statuses';
import { can, type Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import { indexCompany, indexContact, indexLead, reindexCompanyContacts, unindex } from '@/lib/search/index-records';
import { columnsOfField, UNDO_WINDOW_MS } from './fields';
import { MERGE_RELATIONS } from './relations';

export type Ctx = { user: Viewer; now: number; ip?: string | null };

/** At most this many records in one merge: the preview must stay readable. */
export const MAX_MERGE = 10;

export type MergeInput = {
  survivorId: number;
  mergedIds: number[];
  /** field → id of the record whose value survives; fields left out keep the survivor's value. */
  choices: Record<string, number>;
  /** The versions the preview showed: a record saved since then makes the merge refuse. */
  versions?: Record<number, number>;
};

type Row = Record<string, unknown> & { id: number; ownerId: number | null; teamId: number | null; version: number; updatedAt: number; updatedBy: number | null };
type ChannelRow = typeof contactChannels.$inferSelect | typeof leadChannels.$inferSelect;

/** Everything needed to put things back as they were. */
export type MergeSnapshot = {
  survivorBefore: Row;
  versionAfter: number;
  /** Tags the survivor received from the merged records. */
  addedTagIds: number[];
  survivorChannels: ChannelRow[];
  merged: { row: Row; tagIds: number[]; channels: ChannelRow[] }[];
  /** Addresses moved from a merged company to the survivor, with where they were. */
  addresses: { id: number; companyId: number; isDefault: boolean }[];
  relations: { table: string; column: string; rows: { id: number; from: number }[] }[];
};

const tableOf = (kind: MergeKind) => (kind === 'company' ? companies : kind === 'contact' ? contacts : leads);

function loadRows(tx: Tx, kind: MergeKind, ids: number[]): Map<number, Row> {
  const table = tableOf(kind);
  const rows = tx.select().from(table).where(inArray(table.id, ids)).all() as unknown as Row[];
  return new Map(rows.map((r) => [r.id, r]));
}

function tagIdsOf(tx: Tx, kind: MergeKind, id: number): number[] {
  if (kind === 'company') return tx.select({ t: companyTags.tagId }).from(companyTags).where(eq(companyTags.companyId, id)).all().map((r) => r.t);
  if (kind === 'contact') return tx.select({ t: contactTags.tagId }).from(contactTags).where(eq(contactTags.contactId, id)).all().map((r) => r.t);
  return tx.select({ t: leadTags.tagId }).from(leadTags).where(eq(leadTags.leadId, id)).all().map((r) => r.t);
}

function addTags(tx: Tx, kind: MergeKind, id: number, tagIds: number[]) {
  if (!tagIds.length) return;
  if (kind === 'company') tx.insert(companyTags).values(tagIds.map((tagId) => ({ companyId: id, tagId }))).run();
  else if (kind === 'contact') tx.insert(contactTags).values(tagIds.map((tagId) => ({ contactId: id, tagId }))).run();
  else tx.insert(leadTags).values(tagIds.map((tagId) => ({ leadId: id, tagId }))).run();
}

function removeTags(tx: Tx, kind: MergeKind, id: number, tagIds: number[]) {
  if (!tagIds.length) return;
  if (kind === 'company') tx.delete(companyTags).where(and(eq(companyTags.companyId, id), inArray(companyTags.tagId, tagIds))).run();
  else if (kind === 'contact') tx.delete(contactTags).where(and(eq(contactTags.contactId, id), inArray(contactTags.tagId, tagIds))).run();
  else tx.delete(leadTags).where(and(eq(leadTags.leadId, id), inArray(leadTags.tagId, tagIds))).run();
}

function channelsOf(tx: Tx, kind: MergeKind, id: number): ChannelRow[] {
  if (kind === 'contact') return tx.select().from(contactChannels).where(eq(contactChannels.contactId, id)).all();
  if (kind === 'lead') return tx.select().from(leadChannels).where(eq(leadChannels.leadId, id)).all();
  return [];
}

/** Puts back the channels of the snapshot, the survivor's first. */
function restoreChannels(tx: Tx, kind: MergeKind, survivorId: number, channels: ChannelRow[]) {
  if (kind === 'contact') {
    tx.delete(contactChannels).where(eq(contactChannels.contactId, survivorId)).run();
    if (channels.length) tx.insert(contactChannels).values(channels as (typeof contactChannels.$inferSelect)[]).run();
  } else if (kind === 'lead') {
    tx.delete(leadChannels).where(eq(leadChannels.leadId, survivorId)).run();
    if (channels.length) tx.insert(leadChannels).values(channels as (typeof leadChannels.$inferSelect)[]).run();
  }
}

/**
 * Recomputes a restored lead's score only when it would change (rules edited, an idle threshold crossed since):
 * otherwise the row stays exactly as it was before the merge.
 */
function rescoreIfChanged(tx: Tx, id: number, now: number, rules: ScoreRule[]) {
  const l = tx.select().from(leads).where(eq(leads.id, id)).get();
  if (!l) return;
  const tagIds = tagIdsOf(tx, 'lead', id);
  const score = computeScore(rules, { ...l, tagIds }, now);
  if (score.total !== l.computedScore || JSON.stringify(score.breakdown) !== JSON.stringify(l.scoreBreakdown)) rescoreLead(tx, id, now, rules);
}

const personName = (r: Row) => [r.firstName, r.lastName].filter(Boolean).join(' ');

/** Only open leads merge: a converted lead is the history of a customer, a lost one must be reopened first. */
function leadProblem(tx: Tx, r: Row): Result<void> {
  const kind = getLeadStatus(tx, Number(r.statusId))?.kind;
  if (r.convertedCompanyId !== null || kind === 'converted') return fail('merge.errors.leadConverted', { _name: personName(r) });
  if (r.closedAt !== null || kind === 'lost') return fail('merge.errors.leadLost', { _name: personName(r) });
  return ok(undefined);
}

/** Columns computed from others, recomputed whenever the chosen values change. */
function derived(kind: MergeKind, r: Row): Record<string, unknown> {
  if (kind === 'company') {
    const name = String(r.name);
    return { sortName: sortKey(name), nameKey: companyNameKey(name), phoneNormalized: normalizePhone(r.phone as string | null) };
  }
  const last = String(r.lastName);
  const first = r.firstName as string | null;
  const person = { sortName: sortKey(`${last} ${first ?? ''}`), nameKey: personNameKey(last, first) };
  if (kind === 'contact') return person;
  return { ...person, companyKey: r.companyName ? companyNameKey(String(r.companyName)) : null };
}

function reindex(tx: Tx, kind: MergeKind, id: number) {
  if (kind === 'company') {
    indexCompany(tx, id);
    reindexCompanyContacts(tx, id);
  } else if (kind === 'contact') indexContact(tx, id);
  else indexLead(tx, id);
}

function changedSince(tx: Tx, row: Row) {
  const by = row.updatedBy ? tx.select({ name: users.name }).from(users).where(eq(users.id, row.updatedBy)).get()?.name : null;
  return fail('merge.errors.changedSince', { _by: by ?? '?', _at: String(row.updatedAt) });
}

/**
 * May the viewer merge these records: edit the survivor and delete each merged one. Records they may not
 * even see are "not found".
 */
function permission(tx: Tx, viewer: Viewer, survivor: Row | undefined, merged: (Row | undefined)[]): Result<void> {
  for (const r of [survivor, ...merged]) if (!r || !can(viewer, 'view', ownedRecord(tx, r))) return fail('errors.notFound');
  if (!can(viewer, 'edit', ownedRecord(tx, survivor!))) return fail('errors.forbidden');
  if (merged.some((r) => !can(viewer, 'delete', ownedRecord(tx, r!)))) return fail('errors.forbidden');
  return ok(undefined);
}

/**
 * Merges `mergedIds` into `survivorId`: chosen values are copied onto the survivor, everything pointing at
 * the merged records moves to it, the merged records are deleted. The snapshot kept in `merges` allows undo.
 */
export function mergeRecords(db: Db, kind: MergeKind, input: MergeInput, ctx: Ctx): Result<{ mergeId: number; survivorId: number }> {
  const ids = [input.survivorId, ...input.mergedIds];
  if (!input.mergedIds.length || new Set(ids).size !== ids.length || ids.length > MAX_MERGE) return fail('merge.errors.invalidSelection');
  for (const [field, source] of Object.entries(input.choices)) {
    if (!columnsOfField(kind, field).length || !ids.includes(source)) return fail('merge.errors.invalidSelection');
  }
  const table = tableOf(kind);
  return writeTx(db, (tx) => {
    const rows = loadRows(tx, kind, ids);
    const survivor = rows.get(input.survivorId);
    const mergedRows = input.mergedIds.map((id) => rows.get(id));
    const allowed = permission(tx, ctx.user, survivor, mergedRows);
    if (!allowed.ok) return allowed;
    const before = survivor!;
    const merged = mergedRows as Row[];
    for (const r of [before, ...merged]) {
      const seen = input.versions?.[r.id];
      if (seen !== undefined && seen !== r.version) return changedSince(tx, r);
    }
    if (kind === 'lead') {
      for (const r of [before, ...merged]) {
        const problem = leadProblem(tx, r);
        if (!problem.ok) return problem;
      }
    }

    const chosen: Record<string, unknown> = {};
    for (const [field, source] of Object.entries(input.choices)) {
      for (const col of columnsOfField(kind, field)) chosen[col] = rows.get(source)![col];
    }
    const after = { ...before, ...chosen } as Row;
    if ((after.ownerId !== before.ownerId || after.teamId !== before.teamId) && !can(ctx.user, 'assign', ownedRecord(tx, before))) {
      // As on a lead's page: an unassigned lead may be taken by someone who may edit it (its team's queue).
      const takes = kind === 'lead' && before.ownerId === null && after.ownerId === ctx.user.id && after.teamId === before.teamId;
      if (!takes) return fail('errors.ownerNotAllowed');
    }
    if (kind === 'lead' && after.ownerId === null && after.teamId === null) return fail('leads.errors.queueNeedsTeam');
    if (kind === 'contact' && after.companyId !== null && after.companyId !== undefined) {
      const c = tx.select({ archived: companies.archived }).from(companies).where(eq(companies.id, Number(after.companyId))).get();
      if (c?.archived && after.companyId !== before.companyId) return fail('errors.companyArchived');
    }

    const mergedIds = merged.map((r) => r.id);
    const snapshot: MergeSnapshot = {
      survivorBefore: before,
      versionAfter: before.version + 1,
      addedTagIds: [],
      survivorChannels: channelsOf(tx, kind, before.id),
      merged: merged.map((row) => ({ row, tagIds: tagIdsOf(tx, kind, row.id), channels: channelsOf(tx, kind, row.id) })),
      addresses: [],
      relations: [],
    };

    // Relations of other areas, through the registry.
    for (const rel of MERGE_RELATIONS[kind]) {
      const col = sql.identifier(rel.column);
      const tbl = sql.identifier(rel.table);
      const idList = sql.join(mergedIds.map((id) => sql`${id}`), sql`, `);
      const moved = tx.all<{ id: number; f: number }>(sql`select id, ${col} as f from ${tbl} where ${col} in (${idList}) order by id`);
      if (moved.length) tx.run(sql`update ${tbl} set ${col} = ${before.id} where ${col} in (${idList})`);
      snapshot.relations.push({ table: rel.table, column: rel.column, rows: moved.map((m) => ({ id: m.id, from: m.f })) });
    }

    // Children owned by the records: addresses and tags follow the survivor.
    if (kind === 'company') {
      const moved = tx
        .select({ id: companyAddresses.id, companyId: companyAddresses.companyId, isDefault: companyAddresses.isDefault })
        .from(companyAddresses)
        .where(inArray(companyAddresses.companyId, mergedIds))
        .orderBy(companyAddresses.id)
        .all();
      snapshot.addresses = moved;
      if (moved.length) {
        tx.update(companyAddresses).set({ companyId: before.id, isDefault: false }).where(inArray(companyAddresses.companyId, mergedIds)).run();
        const hasDefault = tx
          .select({ id: companyAddresses.id })
          .from(companyAddresses)
          .where(and(eq(companyAddresses.companyId, before.id), eq(companyAddresses.isDefault, true)))
          .get();
        if (!hasDefault) {
          const first = moved.find((a) => a.isDefault) ?? moved[0];
          tx.update(companyAddresses).set({ isDefault: true }).where(eq(companyAddresses.id, first.id)).run();
        }
      }
    }
    const survivorTags = tagIdsOf(tx, kind, before.id);
    snapshot.addedTagIds = [...new Set(snapshot.merged.flatMap((m) => m.tagIds))].filter((t) => !survivorTags.includes(t));
    addTags(tx, kind, before.id, snapshot.addedTagIds);

    tx.update(table)
      .set({ ...chosen, ...derived(kind, after), ...(kind === 'lead' ? { lastActivityAt: ctx.now } : {}), version: before.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
      .where(eq(table.id, before.id))
      .run();
    if (kind === 'contact') {
      // Only the fields writeChannels reads.
      writeChannels(tx, before.id, { email: after.email, email2: after.email2, phone: after.phone, mobile: after.mobile } as ContactInput);
    }
    if (kind === 'lead') writeLeadChannels(tx, before.id, { email: after.email, email2: after.email2, phone: after.phone, mobile: after.mobile } as Parameters<typeof writeLeadChannels>[2]);
    // Tags and channels of the merged records go with them (on delete cascade).
    tx.delete(table).where(inArray(table.id, mergedIds)).run();
    for (const id of mergedIds) unindex(tx, kind, id);
    if (kind === 'lead') rescoreLead(tx, before.id, ctx.now);
    reindex(tx, kind, before.id);

    const m = tx
      .insert(merges)
      .values({ kind, survivorId: before.id, mergedIds, snapshot: snapshot as unknown as Record<string, unknown>, createdAt: ctx.now, createdBy: ctx.user.id })
      .returning({ id: merges.id })
      .get();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: `${kind}.merged`, entityType: kind, entityId: before.id, data: { mergedIds, mergeId: m.id, fields: Object.keys(chosen) }, ip: ctx.ip });
    for (const id of mergedIds) {
      audit(tx, ctx.now, { actorId: ctx.user.id, action: `${kind}.merged`, entityType: kind, entityId: id, data: { survivorId: before.id, mergeId: m.id }, ip: ctx.ip });
    }
    return ok({ mergeId: m.id, survivorId: before.id });
  });
}

/** Why a merge can no longer be undone by this viewer, or null when it can. */
export function undoProblem(tx: Tx | Db, viewer: Viewer, m: typeof merges.$inferSelect, now: number): string | null {
  if (m.undoneAt) return 'merge.errors.alreadyUndone';
  if (now - m.createdAt > UNDO_WINDOW_MS) return 'merge.errors.tooLate';
  const snap = m.snapshot as unknown as MergeSnapshot;
  const table = tableOf(m.kind);
  const survivor = tx.select().from(table).where(eq(table.id, m.survivorId)).get() as unknown as Row | undefined;
  if (!survivor || !can(viewer, 'view', ownedRecord(tx, survivor))) return 'errors.notFound';
  if (!can(viewer, 'edit', ownedRecord(tx, survivor))) return 'errors.forbidden';
  if (snap.merged.some((x) => !can(viewer, 'delete', ownedRecord(tx, x.row)))) return 'errors.forbidden';
  if (survivor.version !== snap.versionAfter) return 'merge.errors.changedSince';
  return null;
}

/**
 * Undoes a merge within 30 days, if the survivor was not changed since: the merged records come back with
 * their ids, children and relations, and the survivor gets its previous values.
 */
export function undoMerge(db: Db, mergeId: number, ctx: Ctx): Result<{ kind: MergeKind; survivorId: number }> {
  return writeTx(db, (tx) => {
    const m = tx.select().from(merges).where(eq(merges.id, mergeId)).get();
    if (!m) return fail('errors.notFound');
    const problem = undoProblem(tx, ctx.user, m, ctx.now);
    const table = tableOf(m.kind);
    if (problem === 'merge.errors.changedSince') return changedSince(tx, loadRows(tx, m.kind, [m.survivorId]).get(m.survivorId)!);
    if (problem) return fail(problem);
    const kind = m.kind;
    const snap = m.snapshot as unknown as MergeSnapshot;
    const survivorId = m.survivorId;

    for (const { row } of snap.merged) {
      const values = { ...row };
      // A contact's former company may have been deleted meanwhile.
      if (kind === 'contact' && values.companyId) {
        if (!tx.select({ id: companies.id }).from(companies).where(eq(companies.id, Number(values.companyId))).get()) values.companyId = null;
      }
      // A lead's status may have been deleted meanwhile (nothing used it while the lead was merged away).
      if (kind === 'lead' && !getLeadStatus(tx, Number(values.statusId))) values.statusId = leadStatusOfKind(tx, 'new')?.id ?? values.statusId;
      tx.insert(table).values(values as never).run();
    }
    const { id: _id, ...previous } = snap.survivorBefore;
    tx.update(table).set(previous as never).where(eq(table.id, survivorId)).run();

    for (const rel of snap.relations) {
      const col = sql.identifier(rel.column);
      const tbl = sql.identifier(rel.table);
      // Only rows still pointing at the survivor: one moved elsewhere since stays where the user put it.
      for (const r of rel.rows) tx.run(sql`update ${tbl} set ${col} = ${r.from} where id = ${r.id} and ${col} = ${survivorId}`);
    }
    for (const a of snap.addresses) {
      tx.update(companyAddresses).set({ companyId: a.companyId, isDefault: a.isDefault }).where(and(eq(companyAddresses.id, a.id), eq(companyAddresses.companyId, survivorId))).run();
    }
    removeTags(tx, kind, survivorId, snap.addedTagIds);
    for (const x of snap.merged) addTags(tx, kind, x.row.id, x.tagIds);
    restoreChannels(tx, kind, survivorId, [...snap.survivorChannels, ...snap.merged.flatMap((x) => x.channels)]);
    if (kind === 'lead') {
      const rules = activeRules(tx);
      for (const id of [survivorId, ...m.mergedIds]) rescoreIfChanged(tx, id, ctx.now, rules);
    }

    for (const id of [survivorId, ...m.mergedIds]) reindex(tx, kind, id);
    tx.update(merges).set({ undoneAt: ctx.now, undoneBy: ctx.user.id }).where(eq(merges.id, mergeId)).run();
    for (const id of [survivorId, ...m.mergedIds]) {
      audit(tx, ctx.now, { actorId: ctx.user.id, action: `${kind}.merge_undone`, entityType: kind, entityId: id, data: { mergeId, survivorId, mergedIds: m.mergedIds }, ip: ctx.ip });
    }
    return ok({ kind, survivorId });
  });
}
