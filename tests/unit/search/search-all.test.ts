import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import type { Db } from '@/db/client';
import { companies, companyAddresses, contacts } from '@/db/schema';
import { companyNameKey, emailDomainOf, normalizePhone, personNameKey, sortKey } from '@/lib/customers/normalize';
import { indexCompany, indexContact, reindexCompanyContacts, unindex } from '@/lib/search/index-records';
import { searchAll, searchCompaniesForPicker, searchQueryPlan } from '@/lib/search/queries';
import { T0, makeTeam, makeUser, testDb, viewerOf } from '../../helpers/db';

type CompanyFields = Partial<typeof companies.$inferInsert> & { name: string; city?: string };
type ContactFields = Partial<typeof contacts.$inferInsert> & { lastName: string };

/** Inserts a company directly (no service) and indexes it as the service would. */
function addCompany(db: Db, { city, ...c }: CompanyFields): number {
  const id = db
    .insert(companies)
    .values({ sortName: sortKey(c.name), nameKey: companyNameKey(c.name), createdAt: T0, updatedAt: T0, phoneNormalized: normalizePhone(c.phone), ...c })
    .returning({ id: companies.id })
    .get().id;
  if (city) db.insert(companyAddresses).values({ companyId: id, line1: '1 rue de la Paix', city, isDefault: true }).run();
  db.transaction((tx) => indexCompany(tx, id));
  return id;
}

function addContact(db: Db, c: ContactFields): number {
  const id = db
    .insert(contacts)
    .values({ sortName: sortKey(`${c.lastName} ${c.firstName ?? ''}`), nameKey: personNameKey(c.lastName, c.firstName), createdAt: T0, updatedAt: T0, ...c })
    .returning({ id: contacts.id })
    .get().id;
  db.transaction((tx) => indexContact(tx, id));
  return id;
}

function world() {
  const t = testDb();
  const db = t.db;
  const north = makeTeam(db, 'North');
  const south = makeTeam(db, 'South');
  const admin = makeUser(db, { role: 'admin' });
  const sam = makeUser(db, { role: 'sales', teams: [north] });
  const sue = makeUser(db, { role: 'sales', teams: [south] });
  const lone = makeUser(db, { role: 'sales' });
  const sg = addCompany(db, { name: 'Société Générale', type: 'client', city: 'Paris', ownerId: sam, teamId: north, website: 'https://www.societegenerale.fr', emailDomain: 'societegenerale.fr' });
  const acme = addCompany(db, { name: 'Acme Industries', ownerId: sam, teamId: north, emailDomain: 'acme.fr', phone: '01 42 00 00 00', city: 'Lyon' });
  const jean = addContact(db, { firstName: 'Jean', lastName: 'Dupont', companyId: acme, email: 'jean.dupont@acme.fr', mobile: '+33 6 12 34 56 78', ownerId: sam, teamId: north });
  const south1 = addCompany(db, { name: 'Générale Sud', ownerId: sue, teamId: south });
  const south2 = addContact(db, { firstName: 'Paul', lastName: 'Générale', email: 'paul@sud.fr', ownerId: sue, teamId: south });
  return { t, db, north, south, admin: viewerOf(db, admin), sam: viewerOf(db, sam), sue: viewerOf(db, sue), lone: viewerOf(db, lone), sg, acme, jean, south1, south2 };
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('searchAll', () => {
  test('finds "Société Générale" without accents, in any case, by the start of its words', () => {
    const w = world();
    for (const q of ['societe gen', 'SOCIETE', 'générale', 'Societe Generale', 'soc gén', 'société générale sa']) {
      expect(ids(searchAll(w.db, w.sam, q).companies), q).toEqual([w.sg]);
    }
    expect(searchAll(w.db, w.sam, 'societe xyz').companies).toEqual([]);
  });

  test('returns the fields the results page shows', () => {
    const w = world();
    expect(searchAll(w.db, w.sam, 'societe')).toEqual({
      companies: [{ id: w.sg, name: 'Société Générale', type: 'client', city: 'Paris', archived: false }],
      contacts: [],
      opportunities: [],
      leads: [],
    });
    expect(searchAll(w.db, w.sam, 'dupont').contacts).toEqual([{ id: w.jean, name: 'Jean Dupont', companyName: 'Acme Industries', email: 'jean.dupont@acme.fr', active: true }]);
  });

  test('finds contacts by email, email domain and company name', () => {
    const w = world();
    for (const q of ['jean.dupont@acme.fr', 'jean.dupont', 'dupont@acme', 'acme']) expect(ids(searchAll(w.db, w.sam, q).contacts), q).toEqual([w.jean]);
    expect(searchAll(w.db, w.sam, 'jean.dupont@acme.com').contacts).toEqual([]);
  });

  test('finds a phone however it is typed', () => {
    const w = world();
    for (const q of ['0612', '06 12 34', '06.12.34.56.78', '+33 6 12 34 56 78', '+33612345678', '0033 6 12', '0612345678']) {
      expect(ids(searchAll(w.db, w.sam, q).contacts), q).toEqual([w.jean]);
    }
    expect(ids(searchAll(w.db, w.sam, '01 42 00').companies)).toEqual([w.acme]);
    expect(searchAll(w.db, w.sam, '0613').contacts).toEqual([]);
  });

  test('finds companies by web domain and city', () => {
    const w = world();
    expect(ids(searchAll(w.db, w.sam, 'societegenerale.fr').companies)).toEqual([w.sg]);
    expect(ids(searchAll(w.db, w.sam, 'lyon').companies)).toEqual([w.acme]);
  });

  test('groups results by kind, even when a company and a contact share an id', () => {
    const w = world();
    expect(w.jean).toBe(w.sg);
    const r = searchAll(w.db, w.admin, 'acme');
    expect(ids(r.companies)).toEqual([w.acme]);
    expect(ids(r.contacts)).toEqual([w.jean]);
    const g = searchAll(w.db, w.admin, 'générale');
    expect(ids(g.companies).sort()).toEqual([w.sg, w.south1].sort());
    expect(ids(g.contacts)).toEqual([w.south2]);
  });

  test('a name match ranks above a match in emails or domains', () => {
    const w = world();
    const byEmail = addCompany(w.db, { name: 'Zeta', email: 'martin@zeta.fr', ownerId: w.sam.id });
    const byName = addCompany(w.db, { name: 'Martin', ownerId: w.sam.id });
    expect(ids(searchAll(w.db, w.sam, 'martin').companies)).toEqual([byName, byEmail]);
  });

  test('perKind limits each group', () => {
    const w = world();
    for (let i = 0; i < 5; i++) addCompany(w.db, { name: `Dupond ${i}`, ownerId: w.sam.id });
    for (let i = 0; i < 5; i++) addContact(w.db, { lastName: `Dupond${i}`, ownerId: w.sam.id });
    const r = searchAll(w.db, w.sam, 'dupond', { perKind: 3 });
    expect(r.companies).toHaveLength(3);
    expect(r.contacts).toHaveLength(3);
    expect(searchAll(w.db, w.sam, 'dupond').companies).toHaveLength(5);
  });

  test('a salesperson finds only what they may see', () => {
    const w = world();
    expect(ids(searchAll(w.db, w.sam, 'générale').companies)).toEqual([w.sg]);
    expect(searchAll(w.db, w.sam, 'générale').contacts).toEqual([]);
    expect(searchAll(w.db, w.sam, 'paul@sud.fr')).toEqual({ companies: [], contacts: [], opportunities: [], leads: [] });
    expect(ids(searchAll(w.db, w.sue, 'générale').companies)).toEqual([w.south1]);
    expect(ids(searchAll(w.db, w.sue, 'générale').contacts)).toEqual([w.south2]);
    expect(searchAll(w.db, w.sue, 'acme')).toEqual({ companies: [], contacts: [], opportunities: [], leads: [] });
    expect(searchAll(w.db, w.lone, 'générale')).toEqual({ companies: [], contacts: [], opportunities: [], leads: [] });
  });

  test('a teammate sees records filed under the team, a deactivated user nothing', () => {
    const w = world();
    const mate = viewerOf(w.db, makeUser(w.db, { role: 'sales', teams: [w.north] }));
    expect(ids(searchAll(w.db, mate, 'acme').contacts)).toEqual([w.jean]);
    const gone = viewerOf(w.db, makeUser(w.db, { role: 'manager', teams: [w.north], active: false }));
    expect(searchAll(w.db, gone, 'acme')).toEqual({ companies: [], contacts: [], opportunities: [], leads: [] });
  });

  test('archived companies and inactive contacts are found, flagged', () => {
    const w = world();
    w.db.update(companies).set({ archived: true }).where(eq(companies.id, w.acme)).run();
    w.db.update(contacts).set({ active: false }).where(eq(contacts.id, w.jean)).run();
    const r = searchAll(w.db, w.sam, 'acme');
    expect(r.companies).toMatchObject([{ id: w.acme, archived: true }]);
    expect(r.contacts).toMatchObject([{ id: w.jean, active: false }]);
  });

  test('nothing searchable, nothing found', () => {
    const w = world();
    for (const q of ['', ' ', 'a', '"', '*', 'AND']) expect(searchAll(w.db, w.admin, q), q).toEqual({ companies: [], contacts: [], opportunities: [], leads: [] });
  });

  test('a renamed company is found by its new name only, and its contacts follow', () => {
    const w = world();
    w.db.update(companies).set({ name: 'Globex', sortName: 'globex', nameKey: 'globex' }).where(eq(companies.id, w.acme)).run();
    w.db.transaction((tx) => {
      indexCompany(tx, w.acme);
      reindexCompanyContacts(tx, w.acme);
    });
    expect(searchAll(w.db, w.sam, 'acme industries').companies).toEqual([]);
    expect(ids(searchAll(w.db, w.sam, 'globex').companies)).toEqual([w.acme]);
    expect(ids(searchAll(w.db, w.sam, 'globex').contacts)).toEqual([w.jean]);
    expect(searchAll(w.db, w.sam, 'dupont').contacts[0].companyName).toBe('Globex');
    const entries = w.t.sqlite.prepare('select count(*) as n from search_fts where rowid = ?').get(w.acme * 8 + 1) as { n: number };
    expect(entries.n).toBe(1);
  });

  test('unindex removes the entry; indexing a deleted record removes it too', () => {
    const w = world();
    w.db.transaction((tx) => unindex(tx, 'company', w.sg));
    expect(searchAll(w.db, w.admin, 'societe').companies).toEqual([]);
    w.db.delete(contacts).where(eq(contacts.id, w.south2)).run();
    w.db.transaction((tx) => indexContact(tx, w.south2));
    expect(searchAll(w.db, w.admin, 'paul').contacts).toEqual([]);
  });
});

describe('searchCompaniesForPicker', () => {
  test('active companies the viewer may see, id and name', () => {
    const w = world();
    expect(searchCompaniesForPicker(w.db, w.sam, 'acme', 10)).toEqual([{ id: w.acme, name: 'Acme Industries' }]);
    expect(searchCompaniesForPicker(w.db, w.sue, 'acme', 10)).toEqual([]);
    w.db.update(companies).set({ archived: true }).where(eq(companies.id, w.acme)).run();
    expect(searchCompaniesForPicker(w.db, w.sam, 'acme', 10)).toEqual([]);
    expect(searchCompaniesForPicker(w.db, w.sam, 'a', 10)).toEqual([]);
    for (let i = 0; i < 4; i++) addCompany(w.db, { name: `Initech ${i}`, ownerId: w.sam.id });
    expect(searchCompaniesForPicker(w.db, w.sam, 'initech', 2)).toHaveLength(2);
  });
});

describe('query plans', () => {
  test.each(['admin', 'sam', 'lone'] as const)('%s: the FTS index drives, records are looked up by primary key', (who) => {
    const w = world();
    for (const kind of ['company', 'contact', 'picker', 'opportunity', 'lead'] as const) {
      const plan = searchQueryPlan(w.db, w[who], kind);
      const table = kind === 'contact' ? 'contacts' : kind === 'opportunity' ? 'opportunities' : kind === 'lead' ? 'leads' : 'companies';
      expect(plan, `${who} ${kind}`).toContainEqual(expect.stringMatching(/^SCAN search_fts VIRTUAL TABLE INDEX/));
      expect(plan).toContain(`SEARCH ${table} USING INTEGER PRIMARY KEY (rowid=?)`);
      expect(plan.filter((l) => /^SCAN (companies|contacts|opportunities|leads|c|o|co|l)\b/.test(l))).toEqual([]);
      // The FTS index yields rows newest first itself: only the few candidates are sorted.
      expect(plan.filter((l) => l.startsWith('USE TEMP B-TREE')).length).toBeLessThanOrEqual(2);
    }
  });
});
