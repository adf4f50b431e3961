import { describe, expect, test } from 'vitest';
import type { Db } from '@/db/client';
import { companies, companyTags, contactTags, contacts, refValues, tags, type RefKind } from '@/db/schema';
import { activeRefOptions, activeTagOptions, listRefValues, listTags, refUsage, tagUsage, usedBy } from '@/lib/reference/queries';
import { T0, testDb } from '../../helpers/db';

function value(db: Db, kind: RefKind, name: string, position: number, retired = false): number {
  return db.insert(refValues).values({ kind, name, position, retired, createdAt: T0 }).returning({ id: refValues.id }).get().id;
}

function tag(db: Db, name: string, position: number, retired = false, color = 'slate'): number {
  return db.insert(tags).values({ name, color, position, retired, createdAt: T0 }).returning({ id: tags.id }).get().id;
}

let n = 0;
function company(db: Db, refs: { industryId?: number; customerFamilyId?: number; originId?: number; archived?: boolean } = {}): number {
  n += 1;
  return db
    .insert(companies)
    .values({ name: `Company ${n}`, sortName: `company ${n}`, nameKey: `company${n}`, createdAt: T0, updatedAt: T0, ...refs })
    .returning({ id: companies.id })
    .get().id;
}

function contact(db: Db, roleId: number | null, active = true): number {
  n += 1;
  return db
    .insert(contacts)
    .values({ lastName: `Person ${n}`, sortName: `person ${n}`, nameKey: `person${n}`, roleId, active, createdAt: T0, updatedAt: T0 })
    .returning({ id: contacts.id })
    .get().id;
}

describe('lists and options', () => {
  test('listRefValues: one kind, by position then name; retired values only on request, after the active ones', () => {
    const { db } = testDb();
    value(db, 'industry', 'Transport', 2);
    value(db, 'industry', 'Banque', 1);
    value(db, 'industry', 'Agriculture', 2);
    value(db, 'industry', 'Chimie', 0, true);
    value(db, 'origin', 'Salon', 1);
    expect(listRefValues(db, 'industry').map((v) => v.name)).toEqual(['Banque', 'Agriculture', 'Transport']);
    expect(listRefValues(db, 'industry', { includeRetired: true }).map((v) => [v.name, v.retired])).toEqual([
      ['Banque', false],
      ['Agriculture', false],
      ['Transport', false],
      ['Chimie', true],
    ]);
    expect(listRefValues(db, 'origin')).toEqual([expect.objectContaining({ kind: 'origin', name: 'Salon', position: 1, retired: false })]);
  });

  test('activeRefOptions: every kind present, active values only, in order', () => {
    const { db } = testDb();
    const energy = value(db, 'industry', 'Énergie', 2);
    const retail = value(db, 'industry', 'Commerce', 1);
    value(db, 'industry', 'Ancien secteur', 0, true);
    const web = value(db, 'origin', 'Site web', 1);
    value(db, 'contact_role', 'Retiré', 1, true);
    expect(activeRefOptions(db)).toEqual({
      industry: [
        { id: retail, name: 'Commerce' },
        { id: energy, name: 'Énergie' },
      ],
      customer_family: [],
      origin: [{ id: web, name: 'Site web' }],
      contact_role: [],
      opportunity_type: [],
      lost_reason: [],
    });
  });

  test('listTags and activeTagOptions: in order with colours; retired ones only on request', () => {
    const { db } = testDb();
    const vip = tag(db, 'VIP', 2, false, 'red');
    const eco = tag(db, 'Éco', 1, false, 'green');
    tag(db, 'Salon 2019', 3, true);
    expect(listTags(db).map((t) => t.name)).toEqual(['Éco', 'VIP']);
    expect(listTags(db, { includeRetired: true }).map((t) => [t.name, t.retired])).toEqual([
      ['Éco', false],
      ['VIP', false],
      ['Salon 2019', true],
    ]);
    expect(activeTagOptions(db)).toEqual([
      { id: eco, name: 'Éco', color: 'green' },
      { id: vip, name: 'VIP', color: 'red' },
    ]);
  });
});

describe('usage counts', () => {
  test('refUsage counts the companies (archived included) using each value of a company list', () => {
    const { db } = testDb();
    const retail = value(db, 'industry', 'Commerce', 1);
    const energy = value(db, 'industry', 'Énergie', 2);
    const unused = value(db, 'industry', 'Chimie', 3);
    const family = value(db, 'customer_family', 'Grands comptes', 1);
    const show = value(db, 'origin', 'Salon', 1);
    company(db, { industryId: retail, customerFamilyId: family, originId: show });
    company(db, { industryId: retail, archived: true });
    company(db, { industryId: energy, customerFamilyId: family });
    company(db);
    const industries = refUsage(db, 'industry');
    expect(industries.get(retail)).toBe(2);
    expect(industries.get(energy)).toBe(1);
    expect(industries.get(unused)).toBeUndefined();
    expect([...industries.keys()].sort()).toEqual([retail, energy].sort());
    expect([...refUsage(db, 'customer_family')]).toEqual([[family, 2]]);
    expect([...refUsage(db, 'origin')]).toEqual([[show, 1]]);
    expect(usedBy('industry')).toBe('companies');
  });

  test('refUsage of contact roles counts contacts (inactive included)', () => {
    const { db } = testDb();
    const buyer = value(db, 'contact_role', 'Acheteur', 1);
    const boss = value(db, 'contact_role', 'Décideur', 2);
    contact(db, buyer);
    contact(db, buyer, false);
    contact(db, boss);
    contact(db, null);
    expect(Object.fromEntries(refUsage(db, 'contact_role'))).toEqual({ [buyer]: 2, [boss]: 1 });
    expect(usedBy('contact_role')).toBe('contacts');
  });

  test('tagUsage counts companies and contacts per tag in one result', () => {
    const { db } = testDb();
    const vip = tag(db, 'VIP', 1);
    const eco = tag(db, 'Éco', 2);
    tag(db, 'Unused', 3);
    const [c1, c2] = [company(db), company(db)];
    const [p1, p2, p3] = [contact(db, null), contact(db, null), contact(db, null)];
    db.insert(companyTags).values([{ companyId: c1, tagId: vip }, { companyId: c2, tagId: vip }, { companyId: c2, tagId: eco }]).run();
    db.insert(contactTags).values([{ contactId: p1, tagId: vip }, { contactId: p2, tagId: eco }, { contactId: p3, tagId: eco }]).run();
    expect(Object.fromEntries(tagUsage(db))).toEqual({
      [vip]: { companies: 2, contacts: 1 },
      [eco]: { companies: 1, contacts: 2 },
    });
  });

  test('each usage count is one statement, however many values the list has', () => {
    const t = testDb();
    for (let i = 0; i < 30; i++) value(t.db, 'industry', `Secteur ${i}`, i);
    const statements: string[] = [];
    const prepare = t.sqlite.prepare.bind(t.sqlite);
    t.sqlite.prepare = ((source: string) => {
      statements.push(source);
      return prepare(source);
    }) as typeof t.sqlite.prepare;
    refUsage(t.db, 'industry');
    tagUsage(t.db);
    activeRefOptions(t.db);
    expect(statements).toHaveLength(3);
  });
});
