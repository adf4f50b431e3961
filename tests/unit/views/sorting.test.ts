import { describe, expect, test } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import type { Db } from '@/db/client';
import { listCompanies, PAGE_SIZE, type CompanyFilters } from '@/lib/companies/queries';
import { listContacts, type ContactFilters } from '@/lib/contacts/queries';
import { encodeCreatedCursor, encodeCursor } from '@/lib/customers/cursor';
import { T0, viewerOf } from '../../helpers/db';
import { makeCompany, makeContact, makePeople, seededWorld, type DbHandle } from '../../helpers/customers';

const N = 2 * PAGE_SIZE + 7;
const world = seededWorld((db) => {
  const p = makePeople(db);
  // Creation times collide in groups of three, so the id must break ties.
  const companies = Array.from({ length: N }, (_, i) => makeCompany(db, i % 2 ? p.salesA1 : p.salesB, { name: `Co ${String(N - i).padStart(3, '0')}` }, T0 + Math.floor(i / 3) * 1000));
  const contacts = Array.from({ length: N }, (_, i) => makeContact(db, i % 2 ? p.salesA1 : p.salesB, { lastName: `Zed ${i}` }, T0 + Math.floor(i / 3) * 1000));
  return { ...p, companies, contacts };
});

type Page = { rows: { id: number; createdAt: number }[]; nextCursor: string | null };
function walk(list: (cursor: string | null) => Page): Page['rows'] {
  const out: Page['rows'] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = list(cursor);
    out.push(...page.rows);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

const newestFirst = (a: { id: number; createdAt: number }, b: { id: number; createdAt: number }) => b.createdAt - a.createdAt || b.id - a.id;

describe('sorting by creation, newest first, keyset', () => {
  test.each([
    ['companies', (h: ReturnType<typeof world>, viewer: number, f: CompanyFilters, c: string | null) => listCompanies(h.db, viewerOf(h.db, viewer), f, c)],
    ['contacts', (h: ReturnType<typeof world>, viewer: number, f: ContactFilters, c: string | null) => listContacts(h.db, viewerOf(h.db, viewer), f, c)],
  ] as const)('%s: every row exactly once, in order, for admin and for a sales user', (area, list) => {
    const h = world();
    const all = area === 'companies' ? h.w.companies : h.w.contacts;
    const rows = walk((c) => list(h, h.w.admin, { sort: 'created' }, c));
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
    expect(rows).toEqual([...rows].sort(newestFirst));
    const mine = walk((c) => list(h, h.w.salesA1, { sort: 'created' }, c));
    expect(new Set(mine.map((r) => r.id)).size).toBe(mine.length);
    expect(mine.length).toBe(Math.floor(N / 2));
    expect(mine).toEqual([...mine].sort(newestFirst));
  });

  test('the created range is start-inclusive and end-exclusive, and combines with the sort', () => {
    const h = world();
    const f = { sort: 'created' as const, createdFrom: T0 + 2000, createdTo: T0 + 4000 };
    const rows = listCompanies(h.db, viewerOf(h.db, h.w.admin), f).rows;
    expect(rows.map((r) => r.createdAt)).toEqual([T0 + 3000, T0 + 3000, T0 + 3000, T0 + 2000, T0 + 2000, T0 + 2000]);
    expect(listContacts(h.db, viewerOf(h.db, h.w.admin), f).rows).toHaveLength(6);
  });

  test('a cursor of the other order starts again from the first page instead of failing', () => {
    const h = world();
    const v = viewerOf(h.db, h.w.admin);
    const first = listCompanies(h.db, v, { sort: 'created' }).rows[0];
    expect(listCompanies(h.db, v, { sort: 'created' }, encodeCursor('m', 5)).rows[0]).toEqual(first);
    expect(listCompanies(h.db, v, {}, encodeCreatedCursor(T0, 5)).rows[0].name).toBe('Co 001');
  });

  test('the extra columns are filled', () => {
    const h = world();
    const c = listCompanies(h.db, viewerOf(h.db, h.w.admin), {}).rows[0];
    expect(c).toMatchObject({ tags: null, familyName: null, industryName: null, teamName: expect.any(String), createdAt: expect.any(Number) });
    const p = listContacts(h.db, viewerOf(h.db, h.w.admin), {}).rows[0];
    expect(p).toMatchObject({ tags: null, teamName: expect.any(String), createdAt: expect.any(Number) });
  });
});

/** The SQL of the list query, as sent, and its plan. */
function planOf(h: DbHandle, table: string, fn: (db: Db) => void): string[] {
  const logged: { sql: string; params: unknown[] }[] = [];
  const db = drizzle(h.sqlite, { schema, logger: { logQuery: (sql, params) => logged.push({ sql, params }) } }) as unknown as Db;
  fn(db);
  const q = logged.find((l) => l.sql.startsWith('select') && l.sql.includes(`from "${table}"`) && l.sql.includes('order by'))!;
  const rows = h.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[])) as { parent: number; detail: string }[];
  return rows.filter((r) => r.parent === 0).map((r) => r.detail);
}

describe('the newest-first order reads an index', () => {
  const cursor = encodeCreatedCursor(T0 + 5000, 10);
  const cases = [
    ['companies', 'admin', {}],
    ['companies', 'admin', { createdFrom: T0 + 1000, createdTo: T0 + 9000 }],
    ['companies', 'admin', { archived: true }],
    ['contacts', 'admin', {}],
    ['contacts', 'admin', { active: true }],
    ['contacts', 'admin', { createdFrom: T0 + 1000 }],
  ] as const;
  const run = (h: ReturnType<typeof world>, table: 'companies' | 'contacts', who: keyof typeof h.w, f: object, c: string | null) =>
    planOf(h, table, (db) =>
      table === 'companies'
        ? listCompanies(db, viewerOf(h.db, h.w[who] as number), { ...f, sort: 'created' }, c)
        : listContacts(db, viewerOf(h.db, h.w[who] as number), { ...f, sort: 'created' }, c),
    );

  test.each(cases)('%s as %s with %o: walks created_at, sorts nothing', (table, who, f) => {
    const h = world();
    for (const c of [null, cursor]) {
      const plan = run(h, table, who, f, c);
      const shown = plan.join('\n');
      expect(plan.some((l) => new RegExp(`^(SEARCH|SCAN) ${table} USING (COVERING )?INDEX ${table}_created_idx`).test(l)), shown).toBe(true);
      expect(plan.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
    }
  });

  // Restricted viewers: SQLite reads the rows they may see through the owner/team indexes, then sorts
  // those (bounded by what the viewer sees) — never a full scan.
  test.each([
    ['companies', 'salesA1'],
    ['companies', 'managerA'],
    ['contacts', 'salesA1'],
  ] as const)('%s as %s: no full scan', (table, who) => {
    const h = world();
    const plan = run(h, table, who, {}, cursor);
    expect(plan.filter((l) => new RegExp(`^SCAN ${table}\\b`).test(l) && !/USING (COVERING )?INDEX/.test(l)), plan.join('\n')).toEqual([]);
  });
});
