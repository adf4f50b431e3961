// Records the SQL statements (text and parameters) a piece of Suivi code runs, so the baselines can run
// exactly the same SQL: B1 replays them through statements prepared once, B2 serves them as a page.
import type Database from 'better-sqlite3';

export type Captured = { sql: string; params: unknown[]; reader: boolean };

let recording: Captured[] | null = null;
let patched = false;

/** Wraps better-sqlite3's statement methods (once per process) so `capture()` can see every execution. */
export function installCapture(sqlite: Database.Database): void {
  if (patched) return;
  patched = true;
  const proto = Object.getPrototypeOf(sqlite.prepare('select 1')) as Record<string, (...a: unknown[]) => unknown>;
  for (const method of ['all', 'get', 'run', 'iterate'] as const) {
    const original = proto[method];
    proto[method] = function (this: Database.Statement, ...params: unknown[]) {
      if (recording) recording.push({ sql: this.source, params: params.flat(), reader: this.reader });
      return original.apply(this, params);
    };
  }
}

/** Runs `fn` and returns what it returned with the statements it executed, in order. */
export function capture<T>(fn: () => T): { value: T; statements: Captured[] } {
  const statements: Captured[] = [];
  recording = statements;
  try {
    return { value: fn(), statements };
  } finally {
    recording = null;
  }
}

/** Baseline B1: the same statements, prepared once, run with the same parameters (rows as plain objects). */
export function preparedReplay(sqlite: Database.Database, statements: Captured[]): () => number {
  // Compiled here, not taken from Suivi's statement cache (db/client.ts), so B1 shares nothing with the app.
  const compile = (Object.getPrototypeOf(sqlite) as Database.Database).prepare as (this: Database.Database, source: string) => Database.Statement<unknown[]>;
  const prepared = statements.map((s) => ({ stmt: compile.call(sqlite, s.sql), params: s.params, reader: s.reader }));
  return () => {
    let rows = 0;
    for (const { stmt, params, reader } of prepared) {
      if (reader) rows += (stmt.all(...params) as unknown[]).length;
      else stmt.run(...params);
    }
    return rows;
  };
}
