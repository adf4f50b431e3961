import { asc, eq, fillPlaceholders, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, test } from 'vitest';
import * as schema from '@/db/schema';
import { writeTx, type Db } from '@/db/client';
import { auditLog, companies, leads, users } from '@/db/schema';
import { ph, prepared, viewerParams, viewerShape, visibleWherePrepared } from '@/lib/db/prepared';
import { visibleWhere, type Viewer } from '@/lib/permissions';
import { makeCompany, makePeople } from '../../helpers/customers';
import { T0, makeUser, testDb, viewerOf } from '../../helpers/db';

const dialect = new SQLiteSyncDialect();

describe('prepared', () => {
  test('builds a query once per handle and key', () => {
    const a = testDb();
    const b = testDb();
    let builds = 0;
    const build = (db: Db) => () => {
      builds++;
      return db.select({ id: users.id }).from(users).where(eq(users.id, ph('id'))).prepare();
    };
    const q = prepared(a.db, 'test.user', build(a.db));
    expect(prepared(a.db, 'test.user', build(a.db))).toBe(q);
    expect(builds).toBe(1);
    prepared(a.db, 'test.other', build(a.db));
    prepared(b.db, 'test.user', build(b.db));
    expect(builds).toBe(3);
  });

  test('a transaction handle has its own, and sees what the transaction wrote', () => {
    const t = testDb();
    const id = writeTx(t.db, (tx) => {
      const made = tx.insert(users).values({ email: 'tx@example.test', name: 'In Tx', role: 'sales', createdAt: T0, updatedAt: T0 }).returning({ id: users.id }).get().id;
      const q = prepared(tx, 'test.user', () => tx.select({ name: users.name }).from(users).where(eq(users.id, ph('id'))).prepare());
      expect(q.get({ id: made })).toEqual({ name: 'In Tx' });
      return made;
    });
    expect(prepared(t.db, 'test.user', () => t.db.select({ name: users.name }).from(users).where(eq(users.id, ph('id'))).prepare()).get({ id })).toEqual({ name: 'In Tx' });
  });

  test('rows read as Drizzle reads them: booleans, JSON, expressions, nulls; flat and nested selections alike', () => {
    const t = testDb();
    const u = makeUser(t.db, { name: 'Zoe', active: false, locale: null });
    makeUser(t.db, { name: 'Abe', locale: 'en' });
    t.db.insert(auditLog).values({ at: T0, actorId: u, action: 'x.done', entityType: 'x', entityId: 1, data: { a: [1, 'b'], n: null } }).run();
    t.db.insert(auditLog).values({ at: T0 + 1, actorId: null, action: 'x.other', entityType: 'x', entityId: null, data: null }).run();
    const flat = () =>
      t.db
        .select({ id: users.id, name: users.name, active: users.active, locale: users.locale, upper: sql<string>`upper(${users.name})`, n: sql<number>`${users.id} * 2`.mapWith(String) })
        .from(users)
        .orderBy(asc(users.name));
    expect(prepared(t.db, 'test.flat', () => flat().prepare()).all()).toEqual(flat().all());
    expect(flat().all()[1]).toEqual({ id: u, name: 'Zoe', active: false, locale: null, upper: 'ZOE', n: String(u * 2) });
    const audit = () => t.db.select({ id: auditLog.id, data: auditLog.data, actorName: users.name }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).orderBy(asc(auditLog.id));
    expect(prepared(t.db, 'test.audit', () => audit().prepare()).all()).toEqual(audit().all());
    expect(audit().all().map((r) => r.data)).toEqual([{ a: [1, 'b'], n: null }, null]);
    const nested = () => t.db.select({ a: auditLog, u: users }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).orderBy(asc(auditLog.id));
    expect(prepared(t.db, 'test.nested', () => nested().prepare()).all()).toEqual(nested().all());
    expect(nested().all()[1].u).toBeNull();
    const one = prepared(t.db, 'test.one', () => t.db.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, ph('id'))).prepare());
    expect(one.get({ id: u })).toEqual({ id: u, active: false });
    expect(one.get({ id: 999 })).toBeUndefined();
  });

  test('the queries still go through the logger (plan tests read them there), with their values', () => {
    const t = testDb();
    const u = makeUser(t.db, { name: 'Zoe' });
    const logged: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(t.sqlite, { schema, logger: { logQuery: (q, params) => logged.push({ sql: q, params }) } }) as unknown as Db;
    const q = prepared(db, 'test.logged', () => db.select({ name: users.name }).from(users).where(eq(users.id, ph('id'))).prepare());
    expect(q.all({ id: u })).toEqual([{ name: 'Zoe' }]);
    expect(q.get({ id: u })).toEqual({ name: 'Zoe' });
    expect(logged).toEqual([
      { sql: 'select "name" from "users" where "users"."id" = ?', params: [u] },
      { sql: 'select "name" from "users" where "users"."id" = ?', params: [u] },
    ]);
  });
});

describe('visibleWherePrepared', () => {
  test('the same SQL and values as visibleWhere, for every kind of viewer; the shape names what the text depends on', () => {
    const viewers: Viewer[] = [
      { id: 1, role: 'admin', active: true, teamIds: [] },
      { id: 2, role: 'admin', active: true, teamIds: [7] },
      { id: 3, role: 'sales', active: false, teamIds: [7] },
      { id: 4, role: 'sales', active: true, teamIds: [] },
      { id: 5, role: 'sales', active: true, teamIds: [7] },
      { id: 6, role: 'manager', active: true, teamIds: [7, 9] },
      { id: 7, role: 'read_only', active: true, teamIds: [9] },
    ];
    for (const v of viewers) {
      const plain = dialect.sqlToQuery(visibleWhere(v, leads));
      const shaped = dialect.sqlToQuery(visibleWherePrepared(v, leads));
      expect(shaped.sql).toBe(plain.sql);
      expect(fillPlaceholders(shaped.params, viewerParams(v))).toEqual(plain.params);
    }
    expect(new Set(viewers.map(viewerShape)).size).toBe(6); // both administrators share one
    expect(viewerShape({ id: 8, role: 'sales', active: true, teamIds: [9] })).toBe(viewerShape(viewers[4]));
  });

  test('viewers of one shape share a query and each sees their own', () => {
    const t = testDb();
    const p = makePeople(t.db);
    const mine = makeCompany(t.db, p.salesA1, { name: 'North Co' });
    const theirs = makeCompany(t.db, p.salesB, { name: 'South Co' });
    const visibleCompanies = (who: number) => {
      const v = viewerOf(t.db, who);
      return prepared(t.db, `test.visible:${viewerShape(v)}`, () =>
        t.db.select({ id: companies.id }).from(companies).where(visibleWherePrepared(v, companies)).orderBy(asc(companies.id)).prepare(),
      ).all(viewerParams(v));
    };
    expect(visibleCompanies(p.salesA1)).toEqual([{ id: mine }]);
    expect(visibleCompanies(p.salesB)).toEqual([{ id: theirs }]);
    expect(visibleCompanies(p.admin)).toEqual([{ id: mine }, { id: theirs }]);
    expect(visibleCompanies(p.deactivated)).toEqual([]);
  });
});
