import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { MIN_SQLITE_VERSION, cacheStatements, compareVersions, openDatabase, writeTx } from '@/db/client';
import { auditLog, teamMembers, teams, users } from '@/db/schema';
import { T0, makeUser, testDb } from '../../helpers/db';

describe('openDatabase', () => {
  const t = testDb();

  test.each([
    ['journal_mode', 'wal'],
    ['foreign_keys', 1],
    ['synchronous', 2], // FULL
    ['busy_timeout', 5000],
  ])('pragma %s = %s', (name, expected) => {
    expect(t.sqlite.pragma(name, { simple: true })).toBe(expected);
  });

  test('the bundled SQLite is recent enough', () => {
    const v = (t.sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
    expect(compareVersions(v, MIN_SQLITE_VERSION)).toBeGreaterThanOrEqual(0);
  });

  test('migrations create the schema and are recorded', () => {
    const tables = (t.sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'teams', 'team_members', 'sessions', 'password_tokens', 'login_throttle', 'audit_log', 'org_settings', '__drizzle_migrations']));
    const applied = t.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    const journal = JSON.parse(fs.readFileSync(path.join('db', 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    expect(applied.n).toBe(journal.entries.length);
  });

  test('reopening an existing file keeps the data and applies nothing twice', () => {
    const first = testDb();
    const id = makeUser(first.db, { email: 'keep@example.test' });
    const again = first.reopen();
    expect(again.db.select().from(users).all().map((u) => u.id)).toEqual([id]);
    const applied = again.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
    expect(applied.n).toBeGreaterThan(0);
    expect(applied.n).toBe((t.sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n);
  });

  test('foreign keys are enforced', () => {
    expect(() => t.db.insert(teamMembers).values({ teamId: 12345, userId: 67890 }).run()).toThrow(/FOREIGN KEY/);
  });

  test('migrate: false opens without creating tables, and creates missing directories', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-test-'));
    try {
      const file = path.join(dir, 'nested', 'deeper', 'raw.db');
      const { sqlite } = openDatabase(file, { migrate: false });
      expect(fs.existsSync(file)).toBe(true);
      expect(sqlite.prepare("select count(*) as n from sqlite_master where type = 'table'").get()).toEqual({ n: 0 });
      sqlite.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compareVersions', () => {
  test.each([
    ['3.51.3', '3.51.3', 0],
    ['3.53.0', '3.51.3', 1],
    ['3.51.2', '3.51.3', -1],
    ['3.9.0', '3.10.0', -1], // numeric, not lexicographic
    ['3.10', '3.9.9', 1],
    ['3.51', '3.51.0', 0],
    ['3.51.0.1', '3.51', 1],
    ['4', '3.99.99', 1],
  ])('compareVersions(%s, %s) = %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });
});

describe('writeTx', () => {
  const t = testDb();

  test('a callback that throws rolls back everything it wrote', () => {
    const usersBefore = t.db.select().from(users).all().length;
    expect(() =>
      writeTx(t.db, (tx) => {
        const u = tx.insert(users).values({ email: 'ghost@example.test', name: 'Ghost', createdAt: T0, updatedAt: T0 }).returning().get();
        const team = tx.insert(teams).values({ name: 'Ghost team', createdAt: T0 }).returning().get();
        tx.insert(teamMembers).values({ teamId: team.id, userId: u.id }).run();
        tx.insert(auditLog).values({ at: T0, actorId: u.id, action: 'user.created', entityType: 'user', entityId: u.id }).run();
        expect(tx.select().from(users).all()).toHaveLength(usersBefore + 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(t.db.select().from(users).all()).toHaveLength(usersBefore);
    expect(t.db.select().from(teams).all()).toHaveLength(0);
    expect(t.db.select().from(teamMembers).all()).toHaveLength(0);
    expect(t.db.select().from(auditLog).all()).toHaveLength(0);
  });

  test('a failing statement mid-way rolls back the earlier ones', () => {
    expect(() =>
      writeTx(t.db, (tx) => {
        tx.insert(teams).values({ name: 'First', createdAt: T0 }).run();
        tx.insert(teams).values({ name: 'First', createdAt: T0 }).run(); // unique name
      }),
    ).toThrow(/UNIQUE/);
    expect(t.db.select().from(teams).all()).toHaveLength(0);
  });

  test('a callback that returns commits and gives back its value', () => {
    const id = writeTx(t.db, (tx) => tx.insert(teams).values({ name: 'Kept', createdAt: T0 }).returning().get().id);
    expect(t.db.select().from(teams).all().map((r) => r.id)).toEqual([id]);
  });

  test('the transaction is IMMEDIATE: another connection cannot write even before our first write', () => {
    const other = new Database(t.file);
    other.pragma('busy_timeout = 0');
    try {
      writeTx(t.db, () => {
        expect(() => other.prepare("insert into teams (name, created_at) values ('Intruder', 0)").run()).toThrow(/locked|busy/i);
      });
      other.prepare("insert into teams (name, created_at) values ('After', 0)").run();
      expect(t.db.select().from(teams).all().map((r) => r.name)).toContain('After');
    } finally {
      other.close();
    }
  });
});

describe('statement cache', () => {
  test('one SQL text is compiled once and handed back as rows-as-objects', () => {
    const sqlite = new Database(':memory:');
    cacheStatements(sqlite, 3);
    sqlite.exec('create table t (a integer, b text); insert into t values (1, \'x\'), (2, \'y\')');
    const first = sqlite.prepare('select a, b from t order by a');
    expect(first.raw().all()).toEqual([[1, 'x'], [2, 'y']]);
    const again = sqlite.prepare('select a, b from t order by a');
    expect(again).toBe(first);
    expect(again.all()).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    expect(sqlite.prepare("insert into t values (3, 'z')").run().changes).toBe(1);
    sqlite.close();
  });

  test('a statement still iterating is not handed out twice', () => {
    const sqlite = new Database(':memory:');
    cacheStatements(sqlite);
    sqlite.exec('create table t (a integer); insert into t values (1), (2)');
    const sql = 'select a from t order by a';
    const outer = sqlite.prepare(sql);
    const seen: number[] = [];
    for (const row of outer.iterate() as Iterable<{ a: number }>) {
      const inner = sqlite.prepare(sql);
      expect(inner).not.toBe(outer);
      seen.push(row.a, ...(inner.all() as { a: number }[]).map((r) => r.a));
    }
    expect(seen).toEqual([1, 1, 2, 2, 1, 2]);
    sqlite.close();
  });

  test('least recently used statements leave the cache beyond its size', () => {
    const sqlite = new Database(':memory:');
    cacheStatements(sqlite, 2);
    const a = sqlite.prepare('select 1');
    const b = sqlite.prepare('select 2');
    expect(sqlite.prepare('select 1')).toBe(a); // now the most recent
    sqlite.prepare('select 3'); // evicts "select 2"
    expect(sqlite.prepare('select 1')).toBe(a);
    expect(sqlite.prepare('select 2')).not.toBe(b);
    sqlite.close();
  });

  test('Drizzle queries on an opened database reuse their statements', () => {
    const compiled: string[] = [];
    const original = Database.prototype.prepare;
    Database.prototype.prepare = function (this: Database.Database, source: string) {
      compiled.push(source);
      return original.call(this, source);
    } as typeof original;
    try {
      const t = openDatabase(':memory:');
      for (let i = 0; i < 5; i++) t.db.select().from(users).all();
      t.sqlite.close();
    } finally {
      Database.prototype.prepare = original;
    }
    expect(compiled.filter((s) => s.startsWith('select') && s.includes('"users"')).length).toBe(1);
  });
});
