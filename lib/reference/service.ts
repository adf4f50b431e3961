import { and, eq, max } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { REF_KINDS, refValues, tags, type RefKind } from '@/db/schema';
import { audit } from '@/lib/audit';
import { sortKey } from '@/lib/customers/normalize';
import { canAdminister, type Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import { refValueOrder, tagOrder } from './queries';
import type { MoveDirection, RefValueInput, TagInput } from './schema';

export type Ctx = { user: Viewer; now: number; ip?: string | null };

type Named = { id: number; name: string; retired: boolean };

/**
 * Names are unique per list whatever their case and accents ("Energie" and "énergie" are one value).
 * Retired values count too: the admin is told to restore the old one rather than make a twin.
 */
function nameProblem(rows: Named[], name: string, exceptId?: number): string | null {
  const key = sortKey(name);
  const twin = rows.find((r) => r.id !== exceptId && sortKey(r.name) === key);
  if (!twin) return null;
  return twin.retired ? 'reference.errors.nameTakenRetired' : 'reference.errors.nameTaken';
}

/**
 * Swaps an item with its neighbour in the displayed order (see queries) among the items of the same
 * retired state, then numbers them 1…n, so ties left by imports or seeds cannot make a move a no-op.
 * Returns the before/after positions of the moved item, or null when it is already at that end.
 */
function reorder(
  rows: { id: number; position: number }[],
  id: number,
  direction: MoveDirection,
  write: (id: number, position: number) => void,
): { from: number; to: number } | null {
  const i = rows.findIndex((r) => r.id === id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= rows.length) return null;
  const from = rows[i].position;
  const order = rows.map((r) => r.id);
  [order[i], order[j]] = [order[j], order[i]];
  const byId = new Map(rows.map((r) => [r.id, r.position]));
  order.forEach((rid, k) => {
    if (byId.get(rid) !== k + 1) write(rid, k + 1);
  });
  return { from, to: j + 1 };
}

function isRefKind(kind: string): kind is RefKind {
  return (REF_KINDS as readonly string[]).includes(kind);
}

function kindRows(tx: Tx, kind: RefKind): Named[] {
  return tx.select({ id: refValues.id, name: refValues.name, retired: refValues.retired }).from(refValues).where(eq(refValues.kind, kind)).all();
}

export function createRefValue(db: Db, kind: RefKind, input: RefValueInput, ctx: Ctx): Result<{ id: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  if (!isRefKind(kind)) return fail('errors.invalidChoice');
  return writeTx(db, (tx) => {
    const taken = nameProblem(kindRows(tx, kind), input.name);
    if (taken) return fail('errors.invalidForm', { name: taken });
    const last = tx.select({ p: max(refValues.position) }).from(refValues).where(eq(refValues.kind, kind)).get()?.p ?? 0;
    const row = tx
      .insert(refValues)
      .values({ kind, name: input.name, position: last + 1, createdAt: ctx.now })
      .returning({ id: refValues.id })
      .get();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'reference.created', entityType: 'ref_value', entityId: row.id, data: { kind, name: input.name }, ip: ctx.ip });
    return ok(row);
  });
}

export function renameRefValue(db: Db, id: number, input: RefValueInput, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const before = tx.select().from(refValues).where(eq(refValues.id, id)).get();
    if (!before) return fail('errors.notFound');
    if (before.name === input.name) return ok(undefined);
    const taken = nameProblem(kindRows(tx, before.kind), input.name, id);
    if (taken) return fail('errors.invalidForm', { name: taken });
    tx.update(refValues).set({ name: input.name }).where(eq(refValues.id, id)).run();
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'reference.renamed',
      entityType: 'ref_value',
      entityId: id,
      data: { kind: before.kind, name: [before.name, input.name] },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

/** Moves a value one step up or down its list; at either end nothing changes. */
export function moveRefValue(db: Db, id: number, direction: MoveDirection, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const v = tx.select().from(refValues).where(eq(refValues.id, id)).get();
    if (!v) return fail('errors.notFound');
    const rows = tx
      .select({ id: refValues.id, position: refValues.position })
      .from(refValues)
      .where(and(eq(refValues.kind, v.kind), eq(refValues.retired, v.retired)))
      .orderBy(...refValueOrder)
      .all();
    const moved = reorder(rows, id, direction, (rid, position) => tx.update(refValues).set({ position }).where(eq(refValues.id, rid)).run());
    if (!moved) return ok(undefined);
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'reference.moved',
      entityType: 'ref_value',
      entityId: id,
      data: { kind: v.kind, name: v.name, direction, position: [moved.from, moved.to] },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

/** A retired value stays on the records that have it, and is no longer offered for new ones. */
export function setRefValueRetired(db: Db, id: number, retired: boolean, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const v = tx.select().from(refValues).where(eq(refValues.id, id)).get();
    if (!v) return fail('errors.notFound');
    if (v.retired === retired) return ok(undefined);
    tx.update(refValues).set({ retired }).where(eq(refValues.id, id)).run();
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: retired ? 'reference.retired' : 'reference.restored',
      entityType: 'ref_value',
      entityId: id,
      data: { kind: v.kind, name: v.name },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

function tagRows(tx: Tx): Named[] {
  return tx.select({ id: tags.id, name: tags.name, retired: tags.retired }).from(tags).all();
}

export function createTag(db: Db, input: TagInput, ctx: Ctx): Result<{ id: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const taken = nameProblem(tagRows(tx), input.name);
    if (taken) return fail('errors.invalidForm', { name: taken });
    const last = tx.select({ p: max(tags.position) }).from(tags).get()?.p ?? 0;
    const row = tx
      .insert(tags)
      .values({ name: input.name, color: input.color, position: last + 1, createdAt: ctx.now })
      .returning({ id: tags.id })
      .get();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'tag.created', entityType: 'tag', entityId: row.id, data: { name: input.name, color: input.color }, ip: ctx.ip });
    return ok(row);
  });
}

/** Renames and/or recolours a tag; one audit row with what changed. */
export function updateTag(db: Db, id: number, input: TagInput, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const before = tx.select().from(tags).where(eq(tags.id, id)).get();
    if (!before) return fail('errors.notFound');
    const changes: Record<string, [string, string]> = {};
    if (before.name !== input.name) changes.name = [before.name, input.name];
    if (before.color !== input.color) changes.color = [before.color, input.color];
    if (!Object.keys(changes).length) return ok(undefined);
    if (changes.name) {
      const taken = nameProblem(tagRows(tx), input.name, id);
      if (taken) return fail('errors.invalidForm', { name: taken });
    }
    tx.update(tags).set({ name: input.name, color: input.color }).where(eq(tags.id, id)).run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'tag.updated', entityType: 'tag', entityId: id, data: changes, ip: ctx.ip });
    return ok(undefined);
  });
}

export function moveTag(db: Db, id: number, direction: MoveDirection, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const tag = tx.select().from(tags).where(eq(tags.id, id)).get();
    if (!tag) return fail('errors.notFound');
    const rows = tx
      .select({ id: tags.id, position: tags.position })
      .from(tags)
      .where(eq(tags.retired, tag.retired))
      .orderBy(...tagOrder)
      .all();
    const moved = reorder(rows, id, direction, (rid, position) => tx.update(tags).set({ position }).where(eq(tags.id, rid)).run());
    if (!moved) return ok(undefined);
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'tag.moved',
      entityType: 'tag',
      entityId: id,
      data: { name: tag.name, direction, position: [moved.from, moved.to] },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

export function setTagRetired(db: Db, id: number, retired: boolean, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const tag = tx.select().from(tags).where(eq(tags.id, id)).get();
    if (!tag) return fail('errors.notFound');
    if (tag.retired === retired) return ok(undefined);
    tx.update(tags).set({ retired }).where(eq(tags.id, id)).run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: retired ? 'tag.retired' : 'tag.restored', entityType: 'tag', entityId: id, data: { name: tag.name }, ip: ctx.ip });
    return ok(undefined);
  });
}
