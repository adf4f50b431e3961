import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
/** A Drizzle transaction handle; services accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const MIN_SQLITE_VERSION = '3.51.3';

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export class SqliteTooOldError extends Error {
  constructor(version: string) {
    super(
      `Suivi needs SQLite ${MIN_SQLITE_VERSION} or newer, but better-sqlite3 was built with SQLite ${version}. ` +
        'Reinstall dependencies (npm ci) so better-sqlite3 is rebuilt with its bundled SQLite.',
    );
    this.name = 'SqliteTooOldError';
  }
}

export function migrationsFolder(): string {
  return path.join(process.cwd(), 'db', 'migrations');
}

export const STATEMENT_CACHE_SIZE = 500;

/**
 * Compiles each SQL text once per connection. Drizzle asks better-sqlite3 to prepare a statement on every
 * query, and SQLite would parse and plan it again each time; this keeps the last STATEMENT_CACHE_SIZE
 * statements (least recently used out) and hands them back reset to rows-as-objects, which is what Drizzle
 * expects unless it asks for raw rows itself. A statement still iterating is never handed out twice.
 */
export function cacheStatements(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const compile = Database.prototype.prepare;
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = function prepare(source: string) {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false);
      return hit;
    }
    const stmt = compile.call(sqlite, source);
    if (!hit) {
      cache.set(source, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
    }
    return stmt;
  } as Database.Database['prepare'];
}

/** Opens (and creates) a database file with Suivi's pragmas, checks SQLite, applies migrations. */
export function openDatabase(file: string, options: { migrate?: boolean } = {}) {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  const version = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  if (compareVersions(version, MIN_SQLITE_VERSION) < 0) {
    sqlite.close();
    throw new SqliteTooOldError(version);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
  cacheStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder: migrationsFolder() });
  return { sqlite, db };
}

export function databasePath(): string {
  return process.env.DATABASE_PATH || path.join(process.cwd(), 'data', 'suivi.db');
}

const globalForDb = globalThis as unknown as { __suiviDb?: ReturnType<typeof openDatabase> };

/**
 * The process-wide connection to DATABASE_PATH, migrated on first use. While `next build` prerenders
 * (the not-found page), it is a throwaway in-memory database: a build never touches the real file.
 */
export function getDb(): Db {
  if (!globalForDb.__suiviDb) {
    globalForDb.__suiviDb = openDatabase(process.env.NEXT_PHASE === 'phase-production-build' ? ':memory:' : databasePath());
  }
  return globalForDb.__suiviDb.db;
}

export function getSqlite() {
  getDb();
  return globalForDb.__suiviDb!.sqlite;
}

/** One user operation = one IMMEDIATE transaction. The callback must stay synchronous. */
export function writeTx<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction(fn, { behavior: 'immediate' });
}
