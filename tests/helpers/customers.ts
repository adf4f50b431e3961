import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { refValues, tags, type RefKind } from '@/db/schema';
import { companySchema, companyUpdateSchema, type CompanyInput, type CompanyUpdateInput } from '@/lib/companies/schema';
import { createCompany, type Ctx } from '@/lib/companies/service';
import { contactSchema, contactUpdateSchema, type ContactInput, type ContactUpdateInput } from '@/lib/contacts/schema';
import { createContact } from '@/lib/contacts/service';
import { T0, makeTeam, makeUser, testDb, viewerOf, type TestDb } from './db';

export type Form = Record<string, string | string[] | undefined>;

/** What `Object.fromEntries(formData)` gives for a company form, parsed by the real schema. */
export function companyInput(form: Form): CompanyInput {
  return companySchema.parse({ type: 'prospect', teamId: '', ...form });
}

export function companyUpdateInput(form: Form): CompanyUpdateInput {
  return companyUpdateSchema.parse({ type: 'prospect', teamId: '', ...form });
}

export function contactInput(form: Form): ContactInput {
  return contactSchema.parse({ consentStatus: 'unknown', teamId: '', companyId: '', ...form });
}

export function contactUpdateInput(form: Form): ContactUpdateInput {
  return contactUpdateSchema.parse({ consentStatus: 'unknown', teamId: '', companyId: '', ...form });
}

/** A service context for a user, as a request would build it. */
export function ctxFor(db: Db, userId: number, now = T0 + 1000): Ctx {
  return { user: viewerOf(db, userId), now, ip: '192.0.2.7' };
}

/** Creates a company through the service (duplicates confirmed) as `userId`, owned by them unless said. */
export function makeCompany(db: Db, userId: number, form: Form = {}, now = T0 + 1000): number {
  const r = createCompany(db, companyInput({ name: `Company ${userId}-${now}`, ownerId: String(userId), confirmDuplicate: 'on', ...form }), ctxFor(db, userId, now));
  if (!r.ok) throw new Error(`makeCompany: ${JSON.stringify(r.error)}`);
  return r.value.id;
}

/** Creates a contact through the service (duplicates confirmed) as `userId`, owned by them unless said. */
export function makeContact(db: Db, userId: number, form: Form = {}, now = T0 + 1000): number {
  const r = createContact(db, contactInput({ lastName: `Person ${userId}-${now}`, ownerId: String(userId), confirmDuplicate: 'on', ...form }), ctxFor(db, userId, now));
  if (!r.ok) throw new Error(`makeContact: ${JSON.stringify(r.error)}`);
  return r.value.id;
}

export function makeRefValue(db: Db, kind: RefKind, name: string, o: { retired?: boolean; position?: number } = {}): number {
  return db
    .insert(refValues)
    .values({ kind, name, retired: o.retired ?? false, position: o.position ?? 0, createdAt: T0 })
    .returning({ id: refValues.id })
    .get().id;
}

export function makeTag(db: Db, name: string, o: { retired?: boolean; color?: string; position?: number } = {}): number {
  return db
    .insert(tags)
    .values({ name, retired: o.retired ?? false, color: o.color ?? 'slate', position: o.position ?? 0, createdAt: T0 })
    .returning({ id: tags.id })
    .get().id;
}

/** Every row of the customer tables, the search index and the audit log: to check a refusal wrote nothing. */
export function customerContents(t: { sqlite: TestDb['sqlite'] }): Record<string, unknown[]> {
  const names = ['companies', 'company_addresses', 'company_tags', 'contacts', 'contact_channels', 'contact_tags', 'audit_log'];
  const out: Record<string, unknown[]> = Object.fromEntries(names.map((n) => [n, t.sqlite.prepare(`select * from ${n} order by rowid`).all()]));
  out.search_fts = t.sqlite.prepare('select rowid, title, body from search_fts order by rowid').all();
  return out;
}

/** The search index entry of a record (rowid = id * 8 + kind code), or undefined. */
export function ftsRow(t: { sqlite: TestDb['sqlite'] }, kind: 'company' | 'contact', id: number): { title: string; body: string } | undefined {
  return t.sqlite.prepare('select title, body from search_fts where rowid = ?').get(id * 8 + (kind === 'company' ? 1 : 2)) as { title: string; body: string } | undefined;
}

/** One person of each kind around two teams: the cast of the authorization matrix. */
export function makePeople(db: Db) {
  const teamA = makeTeam(db, 'North');
  const teamB = makeTeam(db, 'South');
  return {
    teamA,
    teamB,
    admin: makeUser(db, { role: 'admin', name: 'Ada Admin' }),
    managerA: makeUser(db, { role: 'manager', teams: [teamA], name: 'Marc Manager' }),
    managerB: makeUser(db, { role: 'manager', teams: [teamB], name: 'Mona Manager' }),
    salesA1: makeUser(db, { role: 'sales', teams: [teamA], name: 'Sam Sales' }),
    salesA2: makeUser(db, { role: 'sales', teams: [teamA], name: 'Tina Teammate' }),
    salesB: makeUser(db, { role: 'sales', teams: [teamB], name: 'Olga Other' }),
    readOnlyA: makeUser(db, { role: 'read_only', teams: [teamA], name: 'Rita Reader' }),
    deactivated: makeUser(db, { role: 'sales', teams: [teamA], active: false, name: 'Dan Departed' }),
    formerAdmin: makeUser(db, { role: 'admin', active: false, name: 'Fred Former' }),
  };
}
export type People = ReturnType<typeof makePeople>;

export type DbHandle = { sqlite: TestDb['sqlite']; db: Db; file: string };

const cloneDirs: string[] = [];
const clones: DbHandle[] = [];
afterAll(() => {
  for (const c of clones.splice(0)) if (c.sqlite.open) c.sqlite.close();
  for (const d of cloneDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * Seeds a migrated database once and hands out copies of its file, each opened like the app opens one:
 * a fresh world per test for a fraction of the cost of migrating again.
 */
export function seededWorld<T>(seed: (db: Db) => T): () => DbHandle & { w: T } {
  let template: { file: string; w: T } | null = null;
  return () => {
    if (!template) {
      const t = testDb();
      t.sqlite.pragma('synchronous = OFF');
      const w = seed(t.db);
      t.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      template = { file: t.file, w };
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-clone-'));
    cloneDirs.push(dir);
    const file = path.join(dir, 'suivi.db');
    fs.copyFileSync(template.file, file);
    // The template is migrated already.
    const handle = { ...openDatabase(file, { migrate: false }), file };
    // Durability is not under test, and fsync per transaction is most of a test's time.
    handle.sqlite.pragma('synchronous = OFF');
    clones.push(handle);
    return { ...handle, w: template.w };
  };
}
