import { describe, expect, test } from 'vitest';
import { duplicateGroups, GROUPS_PAGE, mergePreview } from '@/lib/merge/queries';
import { T0, viewerOf } from '../../helpers/db';
import { makeCompany, makeContact, makePeople, makeTag, seededWorld, type DbHandle } from '../../helpers/customers';

const world = seededWorld((db) => {
  const p = makePeople(db);
  const vip = makeTag(db, 'VIP');
  const acme = makeCompany(db, p.salesA1, { name: 'ACME SA', legalId: '732 829 320 00074', phone: '01 23 45 67 89', tagIds: [String(vip)] }, T0);
  const acme2 = makeCompany(db, p.salesA2, { name: 'Acme', website: 'https://acme.example', legalId: '732829320', addr0_line1: 'x', addr0_city: 'Lyon' }, T0 + 1);
  const acme3 = makeCompany(db, p.salesB, { name: 'acme', website: 'https://www.acme.example', phone: '+33 1 23 45 67 89' }, T0 + 2);
  const beta = makeCompany(db, p.salesA1, { name: 'Beta', website: 'https://acme.example' }, T0 + 3);
  const solo = makeCompany(db, p.salesA1, { name: 'Solo' }, T0 + 4);
  const ann1 = makeContact(db, p.salesA1, { lastName: 'Martin', firstName: 'Anne', companyId: String(acme), email: 'anne@acme.example' }, T0 + 5);
  const ann2 = makeContact(db, p.salesA2, { lastName: 'MARTIN', firstName: 'Anne', companyId: String(acme), phone: '06 11 11 11 11' }, T0 + 6);
  const ann3 = makeContact(db, p.salesB, { lastName: 'Martin', firstName: 'Anne', email: 'anne@acme.example', mobile: '0611111111' }, T0 + 7);
  const bob = makeContact(db, p.salesA1, { lastName: 'Durand', firstName: 'Bob', email2: 'anne@acme.example' }, T0 + 8);
  return { ...p, vip, acme, acme2, acme3, beta, solo, ann1, ann2, ann3, bob };
});

const groups = (h: DbHandle, userId: number, kind: 'company' | 'contact', by: string[]) =>
  duplicateGroups(h.db, viewerOf(h.db, userId), kind, by).groups.map((g) => [g.field, g.key, g.records.map((r) => r.id)]);

describe('duplicateGroups', () => {
  test('companies by name, domain, phone and legal id (first 9 characters), for an admin', () => {
    const h = world();
    const { w } = h;
    expect(groups(h, w.admin, 'company', ['name'])).toEqual([['name', 'acme', [w.acme, w.acme2, w.acme3]]]);
    expect(groups(h, w.admin, 'company', ['domain'])).toEqual([['domain', 'acme.example', [w.acme2, w.acme3, w.beta]]]);
    expect(groups(h, w.admin, 'company', ['phone'])).toEqual([['phone', '0123456789', [w.acme, w.acme3]]]);
    expect(groups(h, w.admin, 'company', ['legalId'])).toEqual([['legalId', '732829320', [w.acme, w.acme2]]]);
    // Several fields: one list, in the order of the fields.
    expect(groups(h, w.admin, 'company', ['phone', 'name', 'bogus']).map((g) => g[0])).toEqual(['name', 'phone']);
  });

  test('only visible records count: a group needs two the viewer may see', () => {
    const h = world();
    const { w } = h;
    expect(groups(h, w.salesA1, 'company', ['name'])).toEqual([['name', 'acme', [w.acme, w.acme2]]]);
    expect(groups(h, w.salesA1, 'company', ['phone'])).toEqual([]);
    expect(groups(h, w.salesB, 'company', ['name', 'domain', 'phone'])).toEqual([]);
  });

  test('contacts by name, email, phone (all channels) and company + name, with names', () => {
    const h = world();
    const { w } = h;
    expect(groups(h, w.admin, 'contact', ['name'])).toEqual([['name', 'martinanne', [w.ann1, w.ann2, w.ann3]]]);
    expect(groups(h, w.admin, 'contact', ['email'])).toEqual([['email', 'anne@acme.example', [w.ann1, w.ann3, w.bob]]]);
    expect(groups(h, w.admin, 'contact', ['phone'])).toEqual([['phone', '0611111111', [w.ann2, w.ann3]]]);
    expect(groups(h, w.admin, 'contact', ['companyName'])).toEqual([['companyName', `${w.acme}:martinanne`, [w.ann1, w.ann2]]]);
    expect(groups(h, w.salesA2, 'contact', ['email', 'phone'])).toEqual([['email', 'anne@acme.example', [w.ann1, w.bob]]]);
    const g = duplicateGroups(h.db, viewerOf(h.db, w.admin), 'contact', ['companyName']).groups[0];
    expect(g.records[0]).toEqual({ id: w.ann1, name: 'Anne Martin (ACME SA)' });
  });

  test('pages of 50 groups with a cursor', () => {
    const h = world();
    const { w } = h;
    for (let i = 0; i < GROUPS_PAGE + 5; i++) {
      makeCompany(h.db, w.admin, { name: `Dup ${String(i).padStart(3, '0')}` }, T0 + 100 + i);
      makeCompany(h.db, w.admin, { name: `Dup ${String(i).padStart(3, '0')} SARL` }, T0 + 200 + i);
    }
    const v = viewerOf(h.db, w.admin);
    const first = duplicateGroups(h.db, v, 'company', ['name', 'domain']);
    expect(first.groups).toHaveLength(GROUPS_PAGE);
    expect(first.nextCursor).not.toBeNull();
    const second = duplicateGroups(h.db, v, 'company', ['name', 'domain'], first.nextCursor);
    // 56 name groups (acme + 55) and 1 domain group.
    expect(second.groups.map((g) => g.field)).toEqual(['name', 'name', 'name', 'name', 'name', 'name', 'domain']);
    expect(second.nextCursor).toBeNull();
    const keys = [...first.groups, ...second.groups].map((g) => `${g.field}:${g.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('mergePreview', () => {
  test('records side by side with display values, extras and rights', () => {
    const h = world();
    const { w } = h;
    const p = mergePreview(h.db, viewerOf(h.db, w.salesA1), 'company', [w.acme2, w.acme]);
    expect(p?.fields).toContain('legalId');
    expect(p?.records.map((r) => r.id)).toEqual([w.acme, w.acme2]);
    expect(p?.records[0]).toMatchObject({ name: 'ACME SA', values: { name: 'ACME SA', ownerId: 'Sam Sales', teamId: 'North', keyAccount: false, website: null }, extras: { contacts: 2, addresses: 0, tags: ['VIP'] }, can: { edit: true, delete: true } });
    expect(p?.records[1]).toMatchObject({ extras: { addresses: 1 }, can: { edit: true, delete: false } });
  });

  test('null unless every record is visible, and for fewer than two records', () => {
    const h = world();
    const { w } = h;
    expect(mergePreview(h.db, viewerOf(h.db, w.salesA1), 'company', [w.acme, w.acme3])).toBeNull();
    expect(mergePreview(h.db, viewerOf(h.db, w.salesA1), 'company', [w.acme, w.acme])).toBeNull();
    expect(mergePreview(h.db, viewerOf(h.db, w.salesA1), 'company', [w.acme, 9999])).toBeNull();
    const c = mergePreview(h.db, viewerOf(h.db, w.admin), 'contact', [w.ann1, w.ann3]);
    expect(c?.records[0].values).toMatchObject({ companyId: 'ACME SA', email: 'anne@acme.example', consentStatus: null, active: true });
    expect(c?.records[1].extras.channels).toEqual(expect.arrayContaining(['anne@acme.example', '0611111111']));
  });
});
