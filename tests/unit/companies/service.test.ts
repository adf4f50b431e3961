import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, companies, companyAddresses, companyTags, contacts } from '@/db/schema';
import {
  createCompany,
  deleteCompany,
  duplicateCompany,
  setCompanyArchived,
  transferCompany,
  updateCompany,
} from '@/lib/companies/service';
import { T0 } from '../../helpers/db';
import {
  companyInput,
  companyUpdateInput,
  ctxFor,
  customerContents,
  ftsRow,
  makeCompany,
  makeContact,
  makePeople,
  makeRefValue,
  makeTag,
  seededWorld,
  type Form,
} from '../../helpers/customers';

const world = seededWorld((db) => {
  const p = makePeople(db);
  return {
    ...p,
    tagVip: makeTag(db, 'VIP', { color: 'gold' }),
    tagOld: makeTag(db, 'Old', { retired: true }),
    industry: makeRefValue(db, 'industry', 'Aerospace'),
    retiredIndustry: makeRefValue(db, 'industry', 'Coal', { retired: true }),
    origin: makeRefValue(db, 'origin', 'Trade fair'),
  };
});

const acmeForm: Form = {
  name: 'Acme Industries SAS',
  type: 'client',
  legalId: '732 829 320 00074',
  website: 'https://www.acme-industries.fr',
  email: 'contact@acme-industries.fr',
  phone: '+33 1 23 45 67 89',
  addr0_line1: '1 rue de la Paix',
  addr0_postalCode: '75002',
  addr0_city: 'Paris',
  addr1_label: 'Dépôt',
  addr1_line1: 'ZI Nord',
  addr1_city: 'Roissy',
  addr1_isDelivery: 'on',
};

const audits = (db: ReturnType<typeof world>['db']) => db.select().from(auditLog).orderBy(auditLog.id).all();

describe('createCompany', () => {
  test('creates the company with its addresses and tags, filed under the owner’s first team, indexed and audited', () => {
    const { db, sqlite, w } = world();
    const ctx = ctxFor(db, w.salesA1, T0 + 5000);
    const r = createCompany(db, companyInput({ ...acmeForm, ownerId: String(w.salesA1), tagIds: [String(w.tagVip)], industryId: String(w.industry) }), ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const id = r.value.id;
    const row = db.select().from(companies).where(eq(companies.id, id)).get()!;
    expect(row).toMatchObject({
      name: 'Acme Industries SAS',
      sortName: 'acme industries sas',
      nameKey: 'acmeindustries',
      type: 'client',
      legalId: '73282932000074',
      emailDomain: 'acme-industries.fr',
      phoneNormalized: '0123456789',
      industryId: w.industry,
      ownerId: w.salesA1,
      teamId: w.teamA,
      archived: false,
      version: 1,
      createdAt: T0 + 5000,
      createdBy: w.salesA1,
      updatedAt: T0 + 5000,
      updatedBy: w.salesA1,
    });
    const addresses = db.select().from(companyAddresses).where(eq(companyAddresses.companyId, id)).orderBy(companyAddresses.id).all();
    expect(addresses.map((a) => [a.city, a.isDefault, a.isDelivery, a.label])).toEqual([
      ['Paris', true, false, null],
      ['Roissy', false, true, 'Dépôt'],
    ]);
    expect(db.select().from(companyTags).where(eq(companyTags.companyId, id)).all()).toEqual([{ companyId: id, tagId: w.tagVip }]);
    expect((sqlite.prepare('select count(*) as n from search_fts where rowid = ?').get(id * 8 + 1) as { n: number }).n).toBe(1);
    expect(ftsRow({ sqlite }, 'company', id)).toEqual({ title: 'Acme Industries SAS', body: expect.stringContaining('Paris') });
    expect(audits(db)).toEqual([
      expect.objectContaining({ actorId: w.salesA1, at: T0 + 5000, action: 'company.created', entityType: 'company', entityId: id, data: { name: 'Acme Industries SAS', type: 'client' }, ip: '192.0.2.7' }),
    ]);
  });

  test('an explicit team of the viewer is kept; an owner without team leaves the company without team', () => {
    const { db, w } = world();
    const a = createCompany(db, companyInput({ name: 'A', ownerId: String(w.admin), teamId: String(w.teamB) }), ctxFor(db, w.admin));
    const b = createCompany(db, companyInput({ name: 'B', ownerId: String(w.admin) }), ctxFor(db, w.admin));
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(db.select().from(companies).where(eq(companies.id, a.value.id)).get()!.teamId).toBe(w.teamB);
    expect(db.select().from(companies).where(eq(companies.id, b.value.id)).get()!.teamId).toBeNull();
  });

  test('the audit row is written in the same transaction: when it fails, no company is left behind', () => {
    const { db, sqlite, w } = world();
    sqlite.exec(`create trigger no_audit before insert on audit_log begin select raise(abort, 'audit refused'); end`);
    const before = customerContents({ sqlite });
    expect(() => createCompany(db, companyInput({ ...acmeForm, ownerId: String(w.salesA1) }), ctxFor(db, w.salesA1))).toThrow(/audit refused/);
    expect(customerContents({ sqlite })).toEqual(before);
  });

  test('retired reference values and tags cannot be chosen for a new company; unknown ids are invalid', () => {
    const { db, sqlite, w } = world();
    const before = customerContents({ sqlite });
    const r = createCompany(
      db,
      companyInput({ name: 'Old Mine', ownerId: String(w.salesA1), industryId: String(w.retiredIndustry), tagIds: [String(w.tagOld)], originId: String(w.industry) }),
      ctxFor(db, w.salesA1),
    );
    expect(r).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { industryId: 'errors.retiredValue', tagIds: 'errors.retiredValue', originId: 'errors.invalidChoice' } },
    });
    const r2 = createCompany(db, companyInput({ name: 'Ghost', ownerId: String(w.salesA1), tagIds: ['999'], customerFamilyId: '999' }), ctxFor(db, w.salesA1));
    expect(r2).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { tagIds: 'errors.invalidChoice', customerFamilyId: 'errors.invalidChoice' } } });
    expect(customerContents({ sqlite })).toEqual(before);
  });

  test('markup in a name is stored exactly as typed', () => {
    const { db, w } = world();
    const name = '<script>alert(1)</script> & "Co"';
    const r = createCompany(db, companyInput({ name, ownerId: String(w.salesA1) }), ctxFor(db, w.salesA1));
    expect(r.ok).toBe(true);
    if (r.ok) expect(db.select().from(companies).where(eq(companies.id, r.value.id)).get()!.name).toBe(name);
  });
});

describe('duplicates on create', () => {
  const cases: { title: string; form: Form; reasons: string[] }[] = [
    { title: 'same name key', form: { name: 'ACME-INDUSTRIES' }, reasons: ['name'] },
    { title: 'same website domain', form: { name: 'Zeta', website: 'http://acme-industries.fr/shop' }, reasons: ['domain'] },
    { title: 'same email domain (typed)', form: { name: 'Zeta', emailDomain: 'ACME-INDUSTRIES.FR' }, reasons: ['domain'] },
    { title: 'same phone typed differently', form: { name: 'Zeta', phone: '01.23.45.67.89' }, reasons: ['phone'] },
    { title: 'same SIREN as the SIRET’s prefix', form: { name: 'Zeta', legalId: '732829320' }, reasons: ['legalId'] },
    { title: 'several at once', form: { name: 'Acme Industries', phone: '0033 1 23 45 67 89', legalId: '732 829 320 00058' }, reasons: ['name', 'phone', 'legalId'] },
  ];

  test.each(cases)('$title → errors.possibleDuplicate, nothing written; confirmed → created', ({ form, reasons }) => {
    const { db, sqlite, w } = world();
    const existing = makeCompany(db, w.salesA1, acmeForm);
    const before = customerContents({ sqlite });
    const input = { ...form, ownerId: String(w.salesA2) };
    const r = createCompany(db, companyInput(input), ctxFor(db, w.salesA2));
    expect(r).toEqual({
      ok: false,
      error: { code: 'errors.possibleDuplicate', duplicates: [{ kind: 'company', id: existing, name: 'Acme Industries SAS', reasons }] },
    });
    expect(customerContents({ sqlite })).toEqual(before);
    const confirmed = createCompany(db, companyInput({ ...input, confirmDuplicate: 'on' }), ctxFor(db, w.salesA2));
    expect(confirmed.ok).toBe(true);
    expect(db.select().from(companies).all()).toHaveLength(2);
  });

  test('a different company is not a duplicate', () => {
    const { db, w } = world();
    makeCompany(db, w.salesA1, acmeForm);
    const r = createCompany(db, companyInput({ name: 'Globex', website: 'https://globex.com', phone: '01 99 99 99 99', legalId: '552100554', ownerId: String(w.salesA1) }), ctxFor(db, w.salesA1));
    expect(r.ok).toBe(true);
  });

  test('duplicates are looked for only among companies the viewer can see', () => {
    const { db, w } = world();
    makeCompany(db, w.salesA1, acmeForm);
    // Olga (other team) cannot see Acme: she is not told it exists, and her company is created.
    const r = createCompany(db, companyInput({ ...acmeForm, ownerId: String(w.salesB) }), ctxFor(db, w.salesB));
    expect(r.ok).toBe(true);
    // A manager of team A sees both (Acme through its team; Olga's is in team B: not visible to him).
    const m = createCompany(db, companyInput({ name: 'Acme Industries', ownerId: String(w.managerA) }), ctxFor(db, w.managerA));
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.error.duplicates?.map((d) => d.name)).toEqual(['Acme Industries SAS']);
    // The admin sees both.
    const a = createCompany(db, companyInput({ name: 'Acme Industries', ownerId: String(w.admin) }), ctxFor(db, w.admin));
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error.duplicates).toHaveLength(2);
  });
});

/** The update form as the edit page would send it back for the company created from `acmeForm`. */
const acmeUpdate = (w: { salesA1: number; teamA: number }, o: Form = {}) =>
  companyUpdateInput({ ...acmeForm, ownerId: String(w.salesA1), teamId: String(w.teamA), version: '1', ...o });

describe('updateCompany', () => {
  test('saves from the current version and bumps it; audits what changed', () => {
    const { db, sqlite, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    const r = updateCompany(db, id, acmeUpdate(w, { name: 'Acme Aerospace', phone: '', addr1_line1: '', addr1_city: '', addr1_label: '' }), ctxFor(db, w.salesA2, T0 + 9000));
    expect(r).toEqual({ ok: true, value: undefined });
    const row = db.select().from(companies).where(eq(companies.id, id)).get()!;
    expect(row).toMatchObject({ name: 'Acme Aerospace', sortName: 'acme aerospace', nameKey: 'acmeaerospace', phone: null, phoneNormalized: null, version: 2, updatedAt: T0 + 9000, updatedBy: w.salesA2 });
    expect(db.select().from(companyAddresses).where(eq(companyAddresses.companyId, id)).all().map((a) => a.city)).toEqual(['Paris']);
    expect(ftsRow({ sqlite }, 'company', id)?.title).toBe('Acme Aerospace');
    const last = audits(db).at(-1)!;
    expect(last).toMatchObject({ action: 'company.updated', entityId: id, actorId: w.salesA2 });
    expect(last.data).toMatchObject({ name: ['Acme Industries SAS', 'Acme Aerospace'], phone: ['+33 1 23 45 67 89', null], addresses: 1 });
    expect(last.data).not.toHaveProperty('type');
  });

  test("a stale version is refused with 'errors.staleRecord', naming who saved and when", () => {
    const { db, sqlite, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    expect(updateCompany(db, id, acmeUpdate(w, { notes: 'first' }), ctxFor(db, w.salesA2, T0 + 7000)).ok).toBe(true);
    const before = customerContents({ sqlite });
    const r = updateCompany(db, id, acmeUpdate(w, { notes: 'second' }), ctxFor(db, w.salesA1, T0 + 8000));
    expect(r).toEqual({ ok: false, error: { code: 'errors.staleRecord', fieldErrors: { _by: 'Tina Teammate', _at: String(T0 + 7000) } } });
    expect(customerContents({ sqlite })).toEqual(before);
    // Reloaded at version 2, the edit goes through.
    expect(updateCompany(db, id, acmeUpdate(w, { notes: 'second', version: '2' }), ctxFor(db, w.salesA1, T0 + 8000)).ok).toBe(true);
    expect(db.select().from(companies).where(eq(companies.id, id)).get()).toMatchObject({ notes: 'second', version: 3 });
  });

  test('a retired value or tag already on the company is kept; choosing a retired one anew is refused', () => {
    const { db, sqlite, w } = world();
    const id = makeCompany(db, w.admin, { name: 'Old Co', industryId: String(w.industry), tagIds: [String(w.tagVip)] });
    // Retire both after they were chosen.
    sqlite.prepare('update ref_values set retired = 1 where id = ?').run(w.industry);
    sqlite.prepare('update tags set retired = 1 where id = ?').run(w.tagVip);
    const keep = updateCompany(db, id, companyUpdateInput({ name: 'Old Co', ownerId: String(w.admin), industryId: String(w.industry), tagIds: [String(w.tagVip)], notes: 'still here', version: '1' }), ctxFor(db, w.admin));
    expect(keep.ok).toBe(true);
    expect(db.select().from(companies).where(eq(companies.id, id)).get()).toMatchObject({ industryId: w.industry, notes: 'still here' });
    expect(db.select().from(companyTags).where(eq(companyTags.companyId, id)).all()).toEqual([{ companyId: id, tagId: w.tagVip }]);
    const before = customerContents({ sqlite });
    const r = updateCompany(
      db,
      id,
      companyUpdateInput({ name: 'Old Co', ownerId: String(w.admin), industryId: String(w.retiredIndustry), tagIds: [String(w.tagVip), String(w.tagOld)], version: '2' }),
      ctxFor(db, w.admin),
    );
    expect(r).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { industryId: 'errors.retiredValue', tagIds: 'errors.retiredValue' } } });
    expect(customerContents({ sqlite })).toEqual(before);
  });

  test('changing the owner needs the right to assign: a teammate may edit but not take the company', () => {
    const { db, sqlite, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    const before = customerContents({ sqlite });
    const r = updateCompany(db, id, acmeUpdate(w, { ownerId: String(w.salesA2) }), ctxFor(db, w.salesA2));
    expect(r).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { ownerId: 'errors.ownerNotAllowed' } } });
    expect(customerContents({ sqlite })).toEqual(before);
  });

  test('the owner may not hand the company to someone else through the edit form; a manager may, within the team', () => {
    const { db, sqlite, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    const before = customerContents({ sqlite });
    expect(updateCompany(db, id, acmeUpdate(w, { ownerId: String(w.salesA2) }), ctxFor(db, w.salesA1))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { ownerId: 'errors.ownerNotAllowed' } },
    });
    expect(updateCompany(db, id, acmeUpdate(w, { ownerId: String(w.salesB) }), ctxFor(db, w.managerA))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { ownerId: 'errors.ownerNotAllowed' } },
    });
    expect(customerContents({ sqlite })).toEqual(before);
    expect(updateCompany(db, id, acmeUpdate(w, { ownerId: String(w.salesA2) }), ctxFor(db, w.managerA)).ok).toBe(true);
    expect(db.select().from(companies).where(eq(companies.id, id)).get()!.ownerId).toBe(w.salesA2);
  });

  test("moving the company to a team that is not the viewer's is refused", () => {
    const { db, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    expect(updateCompany(db, id, acmeUpdate(w, { teamId: String(w.teamB) }), ctxFor(db, w.salesA1))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { teamId: 'errors.teamNotAllowed' } },
    });
    expect(updateCompany(db, id, acmeUpdate(w, { teamId: String(w.teamB) }), ctxFor(db, w.admin)).ok).toBe(true);
  });
});

describe('setCompanyArchived', () => {
  test('archives and restores, bumping the version and auditing each; a repeat is a no-op', () => {
    const { db, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    expect(setCompanyArchived(db, id, true, ctxFor(db, w.salesA1, T0 + 2000))).toEqual({ ok: true, value: undefined });
    expect(db.select().from(companies).where(eq(companies.id, id)).get()).toMatchObject({ archived: true, version: 2, updatedAt: T0 + 2000 });
    expect(setCompanyArchived(db, id, true, ctxFor(db, w.salesA1)).ok).toBe(true);
    expect(db.select().from(companies).where(eq(companies.id, id)).get()!.version).toBe(2);
    expect(setCompanyArchived(db, id, false, ctxFor(db, w.salesA1, T0 + 3000)).ok).toBe(true);
    expect(db.select().from(companies).where(eq(companies.id, id)).get()).toMatchObject({ archived: false, version: 3 });
    expect(audits(db).map((a) => a.action)).toEqual(['company.created', 'company.archived', 'company.restored']);
  });
});

describe('transferCompany', () => {
  test('gives the company to a team member, filed under the new owner’s first team, comment kept in the audit', () => {
    const { db, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    const r = transferCompany(db, id, { ownerId: w.salesB, teamId: null, comment: 'Olga covers the south now' }, ctxFor(db, w.admin, T0 + 4000));
    expect(r.ok).toBe(true);
    expect(db.select().from(companies).where(eq(companies.id, id)).get()).toMatchObject({ ownerId: w.salesB, teamId: w.teamB, version: 2, updatedBy: w.admin });
    expect(audits(db).at(-1)).toMatchObject({
      action: 'company.transferred',
      entityId: id,
      data: { ownerId: [w.salesA1, w.salesB], teamId: [w.teamA, w.teamB], comment: 'Olga covers the south now' },
    });
  });

  test('a manager may transfer to a member of their team, not to someone outside it nor to another team', () => {
    const { db, sqlite, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    const before = customerContents({ sqlite });
    expect(transferCompany(db, id, { ownerId: w.salesB, teamId: null, comment: null }, ctxFor(db, w.managerA))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { ownerId: 'errors.ownerNotAllowed' } },
    });
    expect(transferCompany(db, id, { ownerId: w.salesA2, teamId: w.teamB, comment: null }, ctxFor(db, w.managerA))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { teamId: 'errors.teamNotAllowed' } },
    });
    expect(transferCompany(db, id, { ownerId: w.deactivated, teamId: null, comment: null }, ctxFor(db, w.admin))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { ownerId: 'errors.invalidChoice' } },
    });
    expect(customerContents({ sqlite })).toEqual(before);
    expect(transferCompany(db, id, { ownerId: w.salesA2, teamId: w.teamA, comment: null }, ctxFor(db, w.managerA)).ok).toBe(true);
    expect(db.select().from(companies).where(eq(companies.id, id)).get()).toMatchObject({ ownerId: w.salesA2, teamId: w.teamA });
  });
});

describe('deleteCompany', () => {
  test('an admin deletes a company without contacts: addresses, tags and its search entry go with it', () => {
    const { db, sqlite, w } = world();
    const id = makeCompany(db, w.salesA1, { ...acmeForm, tagIds: [String(w.tagVip)] });
    expect(deleteCompany(db, id, ctxFor(db, w.admin))).toEqual({ ok: true, value: undefined });
    expect(db.select().from(companies).all()).toEqual([]);
    expect(db.select().from(companyAddresses).all()).toEqual([]);
    expect(db.select().from(companyTags).all()).toEqual([]);
    expect(ftsRow({ sqlite }, 'company', id)).toBeUndefined();
    expect(audits(db).at(-1)).toMatchObject({ action: 'company.deleted', entityId: id, actorId: w.admin, data: { name: 'Acme Industries SAS' } });
  });

  test("is refused with 'errors.companyInUse' and the number of contacts while contacts exist", () => {
    const { db, sqlite, w } = world();
    const id = makeCompany(db, w.salesA1, acmeForm);
    makeContact(db, w.salesA1, { lastName: 'Un', companyId: String(id) });
    makeContact(db, w.salesA1, { lastName: 'Deux', companyId: String(id) });
    const before = customerContents({ sqlite });
    expect(deleteCompany(db, id, ctxFor(db, w.admin))).toEqual({ ok: false, error: { code: 'errors.companyInUse', fieldErrors: { _contacts: '2' } } });
    expect(customerContents({ sqlite })).toEqual(before);
  });

  test("an unknown id is 'errors.notFound'", () => {
    const { db, w } = world();
    expect(deleteCompany(db, 12345, ctxFor(db, w.admin))).toEqual({ ok: false, error: { code: 'errors.notFound', fieldErrors: undefined } });
  });
});

describe('duplicateCompany', () => {
  test('copies the details, addresses and tags — not the contacts — for the user, at version 1', () => {
    const { db, sqlite, w } = world();
    const src = makeCompany(db, w.salesA1, { ...acmeForm, tagIds: [String(w.tagVip)], keyAccount: 'on', notes: 'n' });
    makeContact(db, w.salesA1, { lastName: 'Stays', companyId: String(src) });
    setCompanyArchived(db, src, true, ctxFor(db, w.salesA1));
    const r = duplicateCompany(db, src, 'Acme Industries (copy)', ctxFor(db, w.salesA2, T0 + 6000));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const copy = db.select().from(companies).where(eq(companies.id, r.value.id)).get()!;
    const orig = db.select().from(companies).where(eq(companies.id, src)).get()!;
    expect(copy).toMatchObject({
      name: 'Acme Industries (copy)',
      sortName: 'acme industries (copy)',
      nameKey: 'acmeindustriescopy',
      type: orig.type,
      legalId: orig.legalId,
      website: orig.website,
      phone: orig.phone,
      keyAccount: true,
      notes: 'n',
      ownerId: w.salesA2,
      teamId: w.teamA,
      archived: false,
      version: 1,
      createdAt: T0 + 6000,
      createdBy: w.salesA2,
    });
    const addr = (cid: number) =>
      db.select().from(companyAddresses).where(eq(companyAddresses.companyId, cid)).orderBy(companyAddresses.id).all().map(({ id: _i, companyId: _c, ...a }) => a);
    expect(addr(copy.id)).toEqual(addr(src));
    expect(addr(copy.id)).toHaveLength(2);
    expect(db.select().from(companyTags).where(eq(companyTags.companyId, copy.id)).all()).toEqual([{ companyId: copy.id, tagId: w.tagVip }]);
    expect(db.select().from(contacts).where(eq(contacts.companyId, copy.id)).all()).toEqual([]);
    expect(ftsRow({ sqlite }, 'company', copy.id)?.title).toBe('Acme Industries (copy)');
    expect(audits(db).at(-1)).toMatchObject({ action: 'company.duplicated', entityId: copy.id, data: { from: src } });
  });
});
