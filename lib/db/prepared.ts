// Queries built once per connection. Drizzle builds a query's SQL text on every call (the bulk of a small
// query's time: tens of microseconds, against a few for SQLite to run it); a hot query built with
// `sql.placeholder()` for its values and `.prepare()`d is kept here, per database handle, under a key that
// names its shape (which optional filters it has, the viewer's visibility shape), and run with its values.
import { Column, fillPlaceholders, is, SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DbOrTx } from '@/db/client';
import { visibleWhere, type Viewer } from '@/lib/permissions';

/** Queries kept per handle (the oldest built out beyond it): far more shapes than the app has. */
export const PREPARED_PER_DB = 500;

const perDb = new WeakMap<object, Map<string, unknown>>();

/**
 * The query `build` makes, built once per handle and `key`. `build` must use placeholders for every value
 * that varies between calls under the same key (the key names everything else). A transaction handle gets
 * its own (short-lived) set.
 */
export function prepared<Q>(db: DbOrTx, key: string, build: () => Q): Q {
  let queries = perDb.get(db);
  if (!queries) {
    queries = new Map();
    perDb.set(db, queries);
  }
  const hit = queries.get(key) as Q | undefined;
  if (hit !== undefined) return hit;
  const q = flatRows(build());
  queries.set(key, q);
  if (queries.size > PREPARED_PER_DB) queries.delete(queries.keys().next().value as string);
  return q;
}

/** What this module reads of a better-sqlite3 prepared select (drizzle-orm/better-sqlite3/session PreparedQuery). */
type DrizzlePrepared = {
  stmt: { raw(on?: boolean): { all(...p: unknown[]): unknown[][]; get(...p: unknown[]): unknown[] | undefined } };
  query: { sql: string; params: unknown[] };
  logger: { logQuery(sql: string, params: unknown[]): void };
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: unknown;
};
type Decoder = { mapFromDriverValue(v: unknown): unknown };

/** The decoder Drizzle's mapResultRow uses for a selected field (a column, or an sql`` expression's). */
function decoderOf(field: unknown): Decoder | null {
  if (is(field, Column)) return field;
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
  return null;
}

/**
 * A flat select (every field at the top level, none a nested table) reads its rows as arrays and builds each
 * object in one step, as Drizzle's mapResultRow would (null stays null, anything else goes through the field's
 * decoder: booleans, JSON…) but without its per-cell dispatch. Anything else is left to Drizzle.
 */
function flatRows<Q>(q: Q): Q {
  const p = q as unknown as DrizzlePrepared;
  if (!p || typeof p !== 'object' || !p.stmt || !p.query || !p.logger || !Array.isArray(p.fields) || p.customResultMapper) return q;
  const fields = p.fields;
  if (!fields.length || fields.some((f) => f.path.length !== 1)) return q;
  const decoders = fields.map((f) => decoderOf(f.field));
  if (decoders.some((d) => !d)) return q;
  const names = fields.map((f) => f.path[0]);
  if (new Set(names).size !== names.length) return q;
  // The row's object literal, compiled once per query: one shape for every row.
  const body = names.map((n, i) => `${JSON.stringify(n)}: r[${i}] === null ? null : d[${i}].mapFromDriverValue(r[${i}])`).join(', ');
  const toObject = new Function('d', `return (r) => ({ ${body} })`)(decoders) as (r: unknown[]) => unknown;
  const params = (values?: Record<string, unknown>) => {
    const filled = fillPlaceholders(p.query.params, values ?? {});
    p.logger.logQuery(p.query.sql, filled);
    return filled;
  };
  const fast = Object.create(p) as DrizzlePrepared & { all: unknown; get: unknown };
  fast.all = (values?: Record<string, unknown>) => p.stmt.raw(true).all(...params(values)).map(toObject);
  fast.get = (values?: Record<string, unknown>) => {
    const row = p.stmt.raw(true).get(...params(values));
    return row === undefined ? undefined : toObject(row);
  };
  return fast as unknown as Q;
}

/** A named placeholder (a value given when the prepared query runs). */
export const ph = (name: string) => sql.placeholder(name);

/** What `visibleWhere`'s SQL depends on besides the viewer's id and teams' values: part of a prepared key. */
export function viewerShape(viewer: Viewer): string {
  return !viewer.active ? 'inactive' : viewer.role === 'admin' ? 'admin' : `${viewer.role}:${viewer.teamIds.length}`;
}

/**
 * `visibleWhere` (the one definition of who sees what) with placeholders for the viewer's id and teams:
 * the same SQL text, for a query prepared under `viewerShape(viewer)`; run it with `viewerParams(viewer)`.
 */
export function visibleWherePrepared(viewer: Viewer, cols: { ownerId: SQLiteColumn; teamId: SQLiteColumn }): SQL {
  const shaped = { ...viewer, id: ph('viewerId'), teamIds: viewer.teamIds.map((_, i) => ph(`viewerTeam${i}`)) } as unknown as Viewer;
  return visibleWhere(shaped, cols);
}

/** The values of `visibleWherePrepared`'s placeholders. */
export function viewerParams(viewer: Viewer): Record<string, number> {
  const out: Record<string, number> = { viewerId: viewer.id };
  viewer.teamIds.forEach((t, i) => (out[`viewerTeam${i}`] = t));
  return out;
}
