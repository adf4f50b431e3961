import { and, asc, desc, eq, lt, ne, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tx } from '@/db/client';

/**
 * Where cards of a board sit inside their column: a REAL `position`, ordered with the id. A move writes one row,
 * halfway between its new neighbours; when halving runs out of room the column is renumbered 1, 2, 3…
 * Opportunities (by stage) and leads (by status) use it.
 */
/** The board's table, its id, its column key (stage, status) and its `position` property. */
export type ColumnLayout = { table: SQLiteTable; id: SQLiteColumn; column: SQLiteColumn; position: SQLiteColumn };

/** The position at the end of a column (after its last card, `exceptId` left out). */
export function endOfColumn(tx: Tx, l: ColumnLayout, columnId: number, exceptId?: number): number {
  const r = tx
    .select({ p: sql<number | null>`max(${l.position})` })
    .from(l.table)
    .where(exceptId ? and(eq(l.column, columnId), ne(l.id, exceptId)) : eq(l.column, columnId))
    .get();
  return (r?.p ?? 0) + 1;
}

/** Renumbers a column 1, 2, 3… in its current order. */
function renumber(tx: Tx, l: ColumnLayout, columnId: number) {
  const rows = tx.select({ id: l.id }).from(l.table).where(eq(l.column, columnId)).orderBy(asc(l.position), asc(l.id)).all() as { id: number }[];
  rows.forEach((r, i) => tx.update(l.table).set({ position: i + 1 } as never).where(eq(l.id, r.id)).run());
}

/**
 * The position just above card `beforeId` of the column (between it and the card above it), or null when that
 * card isn't in the column (the caller then puts the moving card at the end).
 */
export function positionBefore(tx: Tx, l: ColumnLayout, columnId: number, beforeId: number, movingId: number): number | null {
  const before = tx.select({ position: l.position, column: l.column }).from(l.table).where(eq(l.id, beforeId)).get() as { position: number; column: number } | undefined;
  if (!before || before.column !== columnId || beforeId === movingId) return null;
  const above = tx
    .select({ position: l.position })
    .from(l.table)
    .where(and(eq(l.column, columnId), ne(l.id, movingId), lt(l.position, before.position)))
    .orderBy(desc(l.position))
    .get() as { position: number } | undefined;
  const low = above?.position ?? before.position - 2;
  const mid = (low + before.position) / 2;
  if (mid <= low || mid >= before.position) {
    renumber(tx, l, columnId);
    return positionBefore(tx, l, columnId, beforeId, movingId);
  }
  return mid;
}
