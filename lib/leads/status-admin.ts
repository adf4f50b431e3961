import { asc, count, eq, max } from 'drizzle-orm';
import { writeTx, type Db, type DbOrTx, type Tx } from '@/db/client';
import { leads, leadStatuses } from '@/db/schema';
import { audit } from '@/lib/audit';
import { sortKey } from '@/lib/customers/normalize';
import { canAdminister, type Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import { getLeadStatus, isTerminalKind, listLeadStatuses, type LeadStatusRow } from './statuses';
import type { DeleteLeadStatusInput, LeadStatusInput, LeadStatusOrderInput } from './status-schema';

export type Ctx = { user: Viewer; now: number; ip?: string | null };

/*
 * Settings → Leads → Statuses (seed 002, "statuts personnalisés pour les pistes"). Invariants kept by every
 * function here: exactly one new, one converted and one lost status; converted and lost are always closed and
 * are the last two (pinned: moves only reorder the new and open statuses); the new status is never closed;
 * a status some lead is in is never deleted (its leads move first, in the same transaction).
 */

function entry(tx: Tx, ctx: Ctx, action: string, statusId: number | null, data: Record<string, unknown>) {
  audit(tx, ctx.now, { actorId: ctx.user.id, action, entityType: 'lead_status', entityId: statusId, data, ip: ctx.ip });
}

/** Names are unique whatever their case and accents. */
function nameProblem(statuses: LeadStatusRow[], name: string, exceptId?: number): string | null {
  const key = sortKey(name);
  return statuses.some((s) => s.id !== exceptId && sortKey(s.name) === key) ? 'leadSettings.errors.nameTaken' : null;
}

const movable = (statuses: LeadStatusRow[]) => statuses.filter((s) => !isTerminalKind(s.kind)).map((s) => s.id);

/** The new and open statuses in the given order, then converted and lost in their current order: positions 0…n-1. */
function writeOrder(tx: Tx, statuses: LeadStatusRow[], order: number[]): void {
  const pinned = statuses.filter((s) => isTerminalKind(s.kind)).map((s) => s.id);
  const position = new Map(statuses.map((s) => [s.id, s.position]));
  [...order, ...pinned].forEach((id, i) => {
    if (position.get(id) !== i) tx.update(leadStatuses).set({ position: i }).where(eq(leadStatuses.id, id)).run();
  });
}

function countIn(tx: Tx, statusId: number): number {
  return tx.select({ n: count() }).from(leads).where(eq(leads.statusId, statusId)).get()?.n ?? 0;
}

/** How many leads are in each status (one grouped read of the board index). */
export function leadStatusUsage(db: DbOrTx): Map<number, number> {
  const rows = db.select({ id: leads.statusId, n: count() }).from(leads).groupBy(leads.statusId).all();
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** A new open status, after the other new and open ones (converted and lost stay last). */
export function createLeadStatus(db: Db, input: LeadStatusInput, ctx: Ctx): Result<{ id: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const statuses = listLeadStatuses(tx);
    const taken = nameProblem(statuses, input.name);
    if (taken) return fail('errors.invalidForm', { name: taken });
    const row = tx
      .insert(leadStatuses)
      .values({ name: input.name, kind: 'open', closed: input.closed, color: input.color, position: statuses.length, createdAt: ctx.now })
      .returning({ id: leadStatuses.id })
      .get();
    writeOrder(tx, listLeadStatuses(tx), [...movable(statuses), row.id]);
    entry(tx, ctx, 'lead_status.created', row.id, { name: input.name, color: input.color, closed: input.closed || undefined });
    return ok({ id: row.id });
  });
}

/**
 * Name, colour and, for an open status, whether it counts as closed. Converted and lost stay closed whatever
 * is sent; the new status can't be closed (leads start there). One audit row with what changed.
 */
export function updateLeadStatus(db: Db, id: number, input: LeadStatusInput, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const status = getLeadStatus(tx, id);
    if (!status) return fail('errors.notFound');
    if (status.kind === 'new' && input.closed) return fail('errors.invalidForm', { closed: 'leadSettings.errors.newCannotClose' });
    const closed = status.kind === 'open' ? input.closed : isTerminalKind(status.kind);
    const changes: Record<string, [unknown, unknown]> = {};
    if (status.name !== input.name) changes.name = [status.name, input.name];
    if (status.color !== input.color) changes.color = [status.color, input.color];
    if (status.closed !== closed) changes.closed = [status.closed, closed];
    if (!Object.keys(changes).length) return ok(undefined);
    if (changes.name) {
      const taken = nameProblem(listLeadStatuses(tx), input.name, id);
      if (taken) return fail('errors.invalidForm', { name: taken });
    }
    tx.update(leadStatuses).set({ name: input.name, color: input.color, closed }).where(eq(leadStatuses.id, id)).run();
    entry(tx, ctx, 'lead_status.updated', id, { status: input.name, ...changes });
    return ok(undefined);
  });
}

/** Makes an open (not closed) status THE new one, where leads start; the previous new status becomes an open one. */
export function makeNewLeadStatus(db: Db, id: number, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const status = getLeadStatus(tx, id);
    if (!status) return fail('errors.notFound');
    if (status.kind === 'new') return ok(undefined);
    if (isTerminalKind(status.kind)) return fail('leadSettings.errors.terminalKind');
    if (status.closed) return fail('leadSettings.errors.closedCannotBeNew');
    const previous = tx.select({ id: leadStatuses.id, name: leadStatuses.name }).from(leadStatuses).where(eq(leadStatuses.kind, 'new')).get();
    if (previous) tx.update(leadStatuses).set({ kind: 'open' }).where(eq(leadStatuses.id, previous.id)).run();
    tx.update(leadStatuses).set({ kind: 'new' }).where(eq(leadStatuses.id, id)).run();
    entry(tx, ctx, 'lead_status.updated', id, { status: status.name, kind: ['open', 'new'], previous: previous?.name });
    return ok(undefined);
  });
}

/** The status that moved when `next` is `before` with one item taken out and put back elsewhere (a drag). */
function movedOne(before: number[], next: number[]): number | null {
  const without = (list: number[], id: number) => list.filter((x) => x !== id).join();
  return next.find((id, i) => id !== before[i] && without(before, id) === without(next, id)) ?? null;
}

/**
 * Reorders the new and open statuses: a whole new order (a drag: it must list each of them once) or one status
 * one step up or down. Converted and lost are pinned last: they are not in the order and do not move.
 */
export function reorderLeadStatuses(db: Db, input: LeadStatusOrderInput, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const statuses = listLeadStatuses(tx);
    const current = movable(statuses);
    let order: number[];
    let moved: number | null;
    if (input.order?.length) {
      order = input.order;
      const same = order.length === current.length && new Set(order).size === order.length && order.every((id) => current.includes(id));
      if (!same) {
        const pinned = order.some((id) => statuses.some((s) => s.id === id && isTerminalKind(s.kind)));
        return fail(pinned ? 'leadSettings.errors.terminalLast' : 'leadSettings.errors.statusesChanged');
      }
      moved = movedOne(current, order);
    } else {
      const status = statuses.find((s) => s.id === input.statusId);
      if (!status) return fail('errors.notFound');
      if (isTerminalKind(status.kind)) return fail('leadSettings.errors.terminalLast');
      const i = current.indexOf(status.id);
      const j = input.direction === 'up' ? i - 1 : i + 1;
      // At either end nothing moves: above the first, or past converted and lost.
      if (j < 0 || j >= current.length) return ok(undefined);
      order = [...current];
      [order[i], order[j]] = [order[j], order[i]];
      moved = status.id;
    }
    if (order.every((id, i) => id === current[i])) return ok(undefined);
    writeOrder(tx, statuses, order);
    const name = new Map(statuses.map((s) => [s.id, s.name]));
    entry(tx, ctx, 'lead_status.moved', moved, { status: moved ? name.get(moved) : undefined, order: [current.map((id) => name.get(id)), order.map((id) => name.get(id))] });
    return ok(undefined);
  });
}

/**
 * Deletes an open status (never the new, converted or lost one). A status in use is refused with its count,
 * unless `moveTo` names another new or open status: its leads go there, at the end of that column, in the
 * same transaction (each one's version bumped and its move audited).
 */
export function deleteLeadStatus(db: Db, id: number, input: DeleteLeadStatusInput, ctx: Ctx): Result<{ moved: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const status = getLeadStatus(tx, id);
    if (!status) return fail('errors.notFound');
    if (status.kind !== 'open') return fail(status.kind === 'new' ? 'leadSettings.errors.deleteNew' : 'leadSettings.errors.deleteTerminal');
    const target = input.moveTo ? getLeadStatus(tx, input.moveTo) : null;
    if (input.moveTo && (!target || target.id === id || isTerminalKind(target.kind))) return fail('errors.invalidForm', { moveTo: 'errors.invalidChoice' });
    const used = countIn(tx, id);
    if (used > 0 && !target) return fail('leadSettings.errors.statusInUse', { _count: String(used), _name: status.name });
    if (used > 0 && target) {
      const rows = tx.select({ id: leads.id, version: leads.version }).from(leads).where(eq(leads.statusId, id)).orderBy(asc(leads.position), asc(leads.id)).all();
      const end = tx.select({ p: max(leads.position) }).from(leads).where(eq(leads.statusId, target.id)).get()?.p ?? 0;
      rows.forEach((r, i) => {
        // An administrator's reorganisation, not activity on the lead: lastActivityAt (and the score) stay.
        tx.update(leads)
          .set({ statusId: target.id, position: end + i + 1, version: r.version + 1, updatedAt: ctx.now, updatedBy: ctx.user.id })
          .where(eq(leads.id, r.id))
          .run();
        audit(tx, ctx.now, {
          actorId: ctx.user.id,
          action: 'lead.moved',
          entityType: 'lead',
          entityId: r.id,
          data: { statusId: [id, target.id], status: [status.name, target.name], statusDeleted: true },
          ip: ctx.ip,
        });
      });
    }
    // Lost leads that would reopen here reopen in the status taking over (or, forgetting it, in the new one).
    tx.update(leads).set({ reopenStatusId: target?.id ?? null }).where(eq(leads.reopenStatusId, id)).run();
    tx.delete(leadStatuses).where(eq(leadStatuses.id, id)).run();
    const rest = listLeadStatuses(tx);
    writeOrder(tx, rest, movable(rest));
    entry(tx, ctx, 'lead_status.deleted', id, { name: status.name, moved: used || undefined, movedTo: used ? target?.name : undefined });
    return ok({ moved: used });
  });
}
