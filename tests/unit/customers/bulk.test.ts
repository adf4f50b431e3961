import { describe, expect, test } from 'vitest';
import { auditLog, companies, companyTags, contacts, contactTags } from '@/db/schema';
import { BULK_MAX, bulkArchive, bulkAssignOwner, bulkDeactivate, bulkTag } from '@/lib/customers/bulk';
import { T0 } from '../../helpers/db';
import { ctxFor, customerContents, makeCompany, makeContact, makePeople, makeTag, seededWorld } from '../../helpers/customers';

const world = seededWorld((db) => {
  const p = makePeople(db);
  const tag = makeTag(db, 'VIP');
  const old = makeTag(db, 'Old', { retired: true });
  const co = {
    a1: makeCompany(db, p.salesA1, { name: 'A1 Co' }),
    a1b: makeCompany(db, p.salesA1, { name: 'A1 Co bis', tagIds: String(tag) }),
    a2: makeCompany(db, p.salesA2, { name: 'A2 Co' }),
    b: makeCompany(db, p.salesB, { name: 'B Co' }),
  };
  const ct = {
    a1: makeContact(db, p.salesA1, { lastName: 'Alpha' }),
    a2: makeContact(db, p.salesA2, { lastName: 'Beta' }),
    b: makeContact(db, p.salesB, { lastName: 'Gamma' }),
  };
  return { ...p, tag, old, co, ct };
});
type H = ReturnType<typeof world>;

describe('all or nothing', () => {
  test('one refused record refuses the whole selection, says how many, and writes nothing', () => {
    const h = world();
    const { salesA1, co, ct, tag } = h.w;
    const before = customerContents(h);
    const ctx = ctxFor(h.db, salesA1);
    expect(bulkAssignOwner(h.db, 'company', [co.a1, co.a1b, co.b], { ownerId: salesA1, teamId: null }, ctx)).toEqual({
      ok: false,
      error: { code: 'views.errors.bulkRefused', fieldErrors: { _count: '1', _total: '3' } },
    });
    expect(bulkTag(h.db, 'company', [co.a1, co.b], tag, 'add', ctx)).toMatchObject({ ok: false, error: { fieldErrors: { _count: '1', _total: '2' } } });
    expect(bulkArchive(h.db, [co.a1, co.a2, co.b], ctx)).toMatchObject({ ok: false, error: { fieldErrors: { _count: '1', _total: '3' } } });
    expect(bulkDeactivate(h.db, [ct.a1, ct.b], ctx)).toMatchObject({ ok: false, error: { fieldErrors: { _count: '1' } } });
    // An id that does not exist counts as refused too.
    expect(bulkArchive(h.db, [co.a1, 999999], ctx)).toMatchObject({ ok: false, error: { fieldErrors: { _count: '1', _total: '2' } } });
    expect(customerContents(h)).toEqual(before);
  });

  test('an owner the user may not pick refuses everything', () => {
    const h = world();
    const before = customerContents(h);
    expect(bulkAssignOwner(h.db, 'company', [h.w.co.a1], { ownerId: h.w.salesA2, teamId: null }, ctxFor(h.db, h.w.salesA1))).toMatchObject({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { ownerId: 'errors.ownerNotAllowed' } },
    });
    expect(bulkAssignOwner(h.db, 'company', [h.w.co.a1], { ownerId: h.w.salesA1, teamId: h.w.teamB }, ctxFor(h.db, h.w.salesA1))).toMatchObject({
      ok: false,
      error: { fieldErrors: { teamId: 'errors.teamNotAllowed' } },
    });
    expect(customerContents(h)).toEqual(before);
  });

  test('at most 500 ids, at least one', () => {
    const h = world();
    const ids = Array.from({ length: BULK_MAX + 1 }, (_, i) => i + 1);
    expect(BULK_MAX).toBe(500);
    expect(bulkArchive(h.db, ids, ctxFor(h.db, h.w.admin))).toMatchObject({ ok: false, error: { code: 'views.errors.tooMany', fieldErrors: { _max: '500', _count: '501' } } });
    expect(bulkTag(h.db, 'contact', [], h.w.tag, 'add', ctxFor(h.db, h.w.admin))).toMatchObject({ ok: false, error: { code: 'views.errors.nothingSelected' } });
    // Duplicates count once: 500 distinct ids repeated are fine as far as the cap goes.
    expect(bulkArchive(h.db, [...ids.slice(0, 500), ...ids.slice(0, 500)], ctxFor(h.db, h.w.admin))).toMatchObject({ error: { code: 'views.errors.bulkRefused' } });
  });
});

describe('what each action does', () => {
  test('assign owner: owner and team change, one audit row per changed record', () => {
    const h = world();
    const { managerA, salesA2, co, teamA } = h.w;
    const r = bulkAssignOwner(h.db, 'company', [co.a1, co.a1b, co.a2], { ownerId: salesA2, teamId: null }, ctxFor(h.db, managerA, T0 + 5000));
    expect(r).toEqual({ ok: true, value: { count: 3 } });
    const rows = h.db.select().from(companies).all().filter((c) => [co.a1, co.a1b, co.a2].includes(c.id));
    expect(rows.map((c) => [c.ownerId, c.teamId])).toEqual([
      [salesA2, teamA],
      [salesA2, teamA],
      [salesA2, teamA],
    ]);
    const audits = h.db.select().from(auditLog).all().filter((a) => a.at === T0 + 5000);
    // A2 Co already had this owner and team: nothing to record.
    expect(audits.map((a) => [a.action, a.entityId]).sort()).toEqual([
      ['company.transferred', co.a1],
      ['company.transferred', co.a1b],
    ]);
  });

  test('contacts: assign and deactivate', () => {
    const h = world();
    const { admin, salesB, ct } = h.w;
    expect(bulkAssignOwner(h.db, 'contact', [ct.a1, ct.a2], { ownerId: salesB, teamId: null }, ctxFor(h.db, admin))).toEqual({ ok: true, value: { count: 2 } });
    expect(h.db.select().from(contacts).all().filter((c) => c.ownerId === salesB).length).toBe(3);
    expect(bulkDeactivate(h.db, [ct.a1, ct.b], ctxFor(h.db, admin))).toEqual({ ok: true, value: { count: 2 } });
    expect(bulkDeactivate(h.db, [ct.a1, ct.b], ctxFor(h.db, admin))).toEqual({ ok: true, value: { count: 0 } });
    expect(h.db.select().from(contacts).all().filter((c) => !c.active).length).toBe(2);
  });

  test('tags: add where missing, remove where present; a retired tag is not added', () => {
    const h = world();
    const { salesA1, co, ct, tag, old } = h.w;
    const ctx = ctxFor(h.db, salesA1);
    expect(bulkTag(h.db, 'company', [co.a1, co.a1b, co.a2], tag, 'add', ctx)).toEqual({ ok: true, value: { count: 2 } });
    expect(h.db.select().from(companyTags).all().length).toBe(3);
    expect(bulkTag(h.db, 'company', [co.a1, co.a1b], tag, 'remove', ctx)).toEqual({ ok: true, value: { count: 2 } });
    expect(h.db.select().from(companyTags).all().map((r) => r.companyId)).toEqual([co.a2]);
    expect(bulkTag(h.db, 'contact', [ct.a1, ct.a2], tag, 'add', ctx)).toEqual({ ok: true, value: { count: 2 } });
    expect(h.db.select().from(contactTags).all().length).toBe(2);
    expect(bulkTag(h.db, 'contact', [ct.a1], old, 'add', ctx)).toMatchObject({ ok: false, error: { fieldErrors: { tagId: 'errors.retiredValue' } } });
    expect(bulkTag(h.db, 'contact', [ct.a1], 424242, 'add', ctx)).toMatchObject({ ok: false, error: { fieldErrors: { tagId: 'errors.invalidChoice' } } });
  });

  test('archive skips the already archived and leaves the search index alone', () => {
    const h = world();
    const fts = () => h.sqlite.prepare('select rowid, title, body from search_fts order by rowid').all();
    const before = fts();
    expect(bulkArchive(h.db, [h.w.co.a1, h.w.co.b], ctxFor(h.db, h.w.admin))).toEqual({ ok: true, value: { count: 2 } });
    expect(bulkArchive(h.db, [h.w.co.a1], ctxFor(h.db, h.w.admin))).toEqual({ ok: true, value: { count: 0 } });
    expect(fts()).toEqual(before);
  });
});

describe('permission matrix: a selection of A1 Co (sales A1, team North) and A2 Co (sales A2, team North)', () => {
  type Who = 'admin' | 'managerA' | 'managerB' | 'salesA1' | 'salesA2' | 'salesB' | 'readOnlyA' | 'deactivated';
  // [who, assign, tag (edit), archive (edit)]
  const matrix: [Who, boolean, boolean, boolean][] = [
    ['admin', true, true, true],
    ['managerA', true, true, true],
    ['managerB', false, false, false],
    ['salesA1', false, true, true], // assigns only their own: A2 Co is a teammate's
    ['salesA2', false, true, true],
    ['salesB', false, false, false],
    ['readOnlyA', false, false, false],
    ['deactivated', false, false, false],
  ];
  test.each(matrix)('%s: assign %s, tag %s, archive %s', (who, assign, tag, archive) => {
    const h: H = world();
    const ids = [h.w.co.a1, h.w.co.a2];
    const ctx = ctxFor(h.db, h.w[who]);
    expect(bulkAssignOwner(h.db, 'company', ids, { ownerId: h.w[who], teamId: null }, ctx).ok).toBe(assign);
    expect(bulkTag(h.db, 'company', ids, h.w.tag, 'add', ctx).ok).toBe(tag);
    expect(bulkArchive(h.db, ids, ctx).ok).toBe(archive);
  });

  test('sales: assigning their own records alone is allowed', () => {
    const h = world();
    expect(bulkAssignOwner(h.db, 'company', [h.w.co.a1, h.w.co.a1b], { ownerId: h.w.salesA1, teamId: h.w.teamA }, ctxFor(h.db, h.w.salesA1))).toEqual({ ok: true, value: { count: 2 } });
  });
});
