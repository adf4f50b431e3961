import { describe, expect, test } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import type { Db } from '@/db/client';
import { listCompanies } from '@/lib/companies/queries';
import { listContacts } from '@/lib/contacts/queries';
import { encodeCursor } from '@/lib/customers/cursor';
import { viewerOf } from '../../helpers/db';
import { makeCompany, makeContact, makePeople, seededWorld, type DbHandle } from '../../helpers/customers';

const world = seededWorld((db) => {
  const p = makePeople(db);
  const company = makeCompany(db, p.salesA1, { name: 'Plan Co', addr0_line1: 'x', addr0_city: 'Lyon' });
  makeContact(db, p.salesA1, { lastName: 'Plan', companyId: String(company) });
  return { ...p, company };
});
type H = ReturnType<typeof world>;

type Logged = { sql: string; params: unknown[] };

/**
 * Runs `fn` against a drizzle instance that records the SQL it sends, and returns the list query with its plan:
 * every line, and the lines of the main query only (not of its subqueries).
 */
function planOf(h: DbHandle, table: 'companies' | 'contacts', fn: (db: Db) => void): { sql: string; plan: string[]; top: string[] } {
  const logged: Logged[] = [];
  const db = drizzle(h.sqlite, { schema, logger: { logQuery: (sql, params) => logged.push({ sql, params }) } }) as unknown as Db;
  fn(db);
  const q = logged.find((l) => l.sql.startsWith('select') && l.sql.includes(`from "${table}"`) && l.sql.includes('order by'));
  if (!q) throw new Error(`no list query on ${table} among ${logged.length}`);
  const rows = h.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[])) as { parent: number; detail: string }[];
  return { sql: q.sql, plan: rows.map((r) => r.detail), top: rows.filter((r) => r.parent === 0).map((r) => r.detail) };
}

/** A full scan of the main table: "SCAN companies" not followed by "USING (COVERING) INDEX". */
const fullScans = (plan: string[], table: string) => plan.filter((l) => new RegExp(`^SCAN ${table}\\b`).test(l) && !/USING (COVERING )?INDEX/.test(l));

describe('list queries read the main table through an index', () => {
  const viewers = ['admin', 'salesA1', 'managerA'] as const;
  const cases = viewers.flatMap((viewer) => [
    { viewer, name: 'listCompanies, no filter', table: 'companies' as const, run: (db: Db, h: H) => listCompanies(db, viewerOf(h.db, h.w[viewer]), {}) },
    { viewer, name: 'listCompanies, next page', table: 'companies' as const, run: (db: Db, h: H) => listCompanies(db, viewerOf(h.db, h.w[viewer]), {}, encodeCursor('m', 5)) },
    { viewer, name: 'listCompanies by owner', table: 'companies' as const, run: (db: Db, h: H) => listCompanies(db, viewerOf(h.db, h.w[viewer]), { ownerId: h.w.salesA1 }) },
    { viewer, name: 'listCompanies by team', table: 'companies' as const, run: (db: Db, h: H) => listCompanies(db, viewerOf(h.db, h.w[viewer]), { teamId: h.w.teamA }) },
    { viewer, name: 'listContacts by company', table: 'contacts' as const, run: (db: Db, h: H) => listContacts(db, viewerOf(h.db, h.w[viewer]), { companyId: h.w.company }) },
  ]);

  test.each(cases)('$name, as $viewer', ({ table, run }) => {
    const h = world();
    const { sql, plan, top } = planOf(h, table, (db) => run(db, h));
    const shown = `plan:\n${plan.join('\n')}`;
    expect(sql).not.toMatch(/\boffset\b/i);
    expect(top.some((l) => new RegExp(`^SEARCH ${table} USING (COVERING )?INDEX`).test(l)), shown).toBe(true);
    expect(fullScans(plan, table), shown).toEqual([]);
    // The index gives the order too: the main query sorts nothing itself.
    expect(top.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
  });
});
