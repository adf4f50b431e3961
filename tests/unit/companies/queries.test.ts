import { describe, expect, test } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { setCompanyArchived } from '@/lib/companies/service';
import { companyTimeline, getCompany, listCompanies, listCompanyContacts, PAGE_SIZE } from '@/lib/companies/queries';
import { setContactActive } from '@/lib/contacts/service';
import { sortKey } from '@/lib/customers/normalize';
import type { Db } from '@/db/client';
import { T0, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makeContact, makePeople, makeRefValue, makeTag, seededWorld, type DbHandle } from '../../helpers/customers';

const DAY = 86_400_000;

const world = seededWorld((db) => {
  const p = makePeople(db);
  const family = makeRefValue(db, 'customer_family', 'Retail');
  const industry = makeRefValue(db, 'industry', 'Aerospace');
  const tag = makeTag(db, 'VIP', { color: 'gold' });
  const tag2 = makeTag(db, 'Partner', { position: -1 });
  const alpha = makeCompany(
    db,
    p.salesA1,
    {
      name: 'Alpha',
      type: 'client',
      keyAccount: 'on',
      customerFamilyId: String(family),
      industryId: String(industry),
      tagIds: [String(tag), String(tag2)],
      addr0_line1: 'Quai 1',
      addr0_city: 'Villeurbanne',
      addr1_line1: 'Rue 2',
      addr1_city: 'Lyon',
      addr1_isDefault: 'on',
      phone: '04 00 00 00 01',
    },
    T0,
  );
  const bravo = makeCompany(db, p.salesA2, { name: 'bravo', addr0_line1: 'x', addr0_city: 'Paris' }, T0 + DAY);
  const charlie = makeCompany(db, p.salesB, { name: 'Charlie', type: 'client', addr0_line1: 'y', addr0_city: 'LYON' }, T0 + 2 * DAY);
  const delta = makeCompany(db, p.managerA, { name: 'Delta' }, T0 + 3 * DAY);
  setCompanyArchived(db, delta, true, ctxFor(db, p.managerA));
  const echo = makeCompany(db, p.admin, { name: 'Écho' }, T0 + 4 * DAY);
  const anne = makeContact(db, p.salesA1, { lastName: 'Martin', firstName: 'Anne', companyId: String(alpha), phone: '0611111111' }, T0 + 5 * DAY);
  const bob = makeContact(db, p.salesA2, { lastName: 'Durand', firstName: 'Bob', companyId: String(alpha), mobile: '0622222222' }, T0 + 6 * DAY);
  setContactActive(db, bob, false, ctxFor(db, p.salesA2, T0 + 7 * DAY));
  // A contact of Alpha that only team South can see.
  const carl = makeContact(db, p.admin, { lastName: 'Petit', firstName: 'Carl', companyId: String(alpha), ownerId: String(p.salesB) }, T0 + 8 * DAY);
  return { ...p, family, industry, tag, tag2, alpha, bravo, charlie, delta, echo, anne, bob, carl };
});

const names = (h: DbHandle, userId: number, f: Parameters<typeof listCompanies>[2] = {}) => listCompanies(h.db, viewerOf(h.db, userId), f).rows.map((r) => r.name);

describe('listCompanies', () => {
  test('rows in name order (accents ignored), with city of the default address, contact count, owner and team', () => {
    const h = world();
    const { w } = h;
    const r = listCompanies(h.db, viewerOf(h.db, w.admin), {});
    expect(r.nextCursor).toBeNull();
    expect(r.rows.map((x) => x.name)).toEqual(['Alpha', 'bravo', 'Charlie', 'Écho']);
    expect(r.rows[0]).toEqual({
      id: w.alpha,
      name: 'Alpha',
      type: 'client',
      city: 'Lyon',
      phone: '04 00 00 00 01',
      ownerName: 'Sam Sales',
      teamName: 'North',
      keyAccount: true,
      archived: false,
      contacts: 3,
      createdAt: expect.any(Number),
      tags: 'VIP, Partner',
      familyName: 'Retail',
      industryName: 'Aerospace',
    });
    expect(r.rows[3]).toMatchObject({ name: 'Écho', city: null, ownerName: 'Ada Admin', teamName: null, contacts: 0 });
  });

  test('filters: type, owner, team, tag, family, key account, archived, city (any case), creation dates', () => {
    const h = world();
    const { w } = h;
    expect(names(h, w.admin, { type: 'client' })).toEqual(['Alpha', 'Charlie']);
    expect(names(h, w.admin, { ownerId: w.salesA2 })).toEqual(['bravo']);
    expect(names(h, w.admin, { teamId: w.teamA })).toEqual(['Alpha', 'bravo']);
    expect(names(h, w.admin, { teamId: w.teamB })).toEqual(['Charlie']);
    expect(names(h, w.admin, { tagId: w.tag })).toEqual(['Alpha']);
    expect(names(h, w.admin, { familyId: w.family })).toEqual(['Alpha']);
    expect(names(h, w.admin, { keyAccount: true })).toEqual(['Alpha']);
    expect(names(h, w.admin, { archived: true })).toEqual(['Delta']);
    expect(names(h, w.admin, { city: 'lyon' })).toEqual(['Alpha', 'Charlie']);
    expect(names(h, w.admin, { city: 'Villeurbanne' })).toEqual(['Alpha']);
    expect(names(h, w.admin, { createdFrom: T0 + DAY, createdTo: T0 + 3 * DAY })).toEqual(['bravo', 'Charlie']);
    expect(names(h, w.admin, { type: 'client', teamId: w.teamA, city: 'Lyon' })).toEqual(['Alpha']);
    expect(names(h, w.admin, { type: 'supplier' })).toEqual([]);
  });

  test('visibility is applied: each viewer lists only what they may see', () => {
    const h = world();
    const { w } = h;
    expect(names(h, w.salesA1)).toEqual(['Alpha', 'bravo']);
    expect(names(h, w.salesB)).toEqual(['Charlie']);
    expect(names(h, w.managerA)).toEqual(['Alpha', 'bravo']);
    expect(names(h, w.managerA, { archived: true })).toEqual(['Delta']);
    expect(names(h, w.managerB)).toEqual(['Charlie']);
    expect(names(h, w.readOnlyA)).toEqual(['Alpha', 'bravo']);
    expect(names(h, w.deactivated)).toEqual([]);
    expect(names(h, w.formerAdmin)).toEqual([]);
    // Filtering on another team's owner does not reveal their companies.
    expect(names(h, w.salesA1, { ownerId: w.salesB })).toEqual([]);
  });

  test('keyset pagination over 120 colliding names: every company once, in (sortName, id) order, never OFFSET', () => {
    const h = world();
    const { w } = h;
    // Three spellings of each of 40 names collide on sortName; created in shuffled order so ids do not follow names.
    const spellings = (i: number) => [`Émile ${String(i).padStart(2, '0')}`, `emile ${String(i).padStart(2, '0')}`, `EMILE  ${String(i).padStart(2, '0')}`];
    const order = Array.from({ length: 120 }, (_, k) => (k * 37) % 120);
    h.sqlite.transaction(() => {
      for (const k of order) makeCompany(h.db, w.admin, { name: spellings(Math.floor(k / 3))[k % 3], teamId: String(w.teamA) });
    })();
    const logged: string[] = [];
    const db = drizzle(h.sqlite, { schema, logger: { logQuery: (q) => logged.push(q) } }) as unknown as Db;
    const viewer = viewerOf(h.db, w.salesA2);
    const seen: { id: number; name: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = listCompanies(db, viewer, { teamId: w.teamA }, cursor);
      expect(page.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
      seen.push(...page.rows);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    // 120 new ones plus Alpha and bravo.
    expect(pages).toBe(3);
    expect(seen).toHaveLength(122);
    expect(new Set(seen.map((r) => r.id)).size).toBe(122);
    const expected = [...seen].sort((a, b) => (sortKey(a.name) < sortKey(b.name) ? -1 : sortKey(a.name) > sortKey(b.name) ? 1 : a.id - b.id));
    expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    const listQueries = logged.filter((q) => /from "companies"/.test(q) && /order by/.test(q));
    expect(listQueries).toHaveLength(3);
    for (const q of listQueries) expect(q).not.toMatch(/\boffset\b/i);
    expect(listQueries[1]).toMatch(/\("companies"\."sort_name", "companies"\."id"\) > \(\?, \?\)/);
  });

  test('a tampered or garbage cursor starts from the beginning', () => {
    const h = world();
    const { w } = h;
    const admin = viewerOf(h.db, w.admin);
    expect(listCompanies(h.db, admin, {}, 'not-a-cursor').rows.map((r) => r.name)).toEqual(['Alpha', 'bravo', 'Charlie', 'Écho']);
    const wrongShape = Buffer.from(JSON.stringify({ a: 1 })).toString('base64url');
    expect(listCompanies(h.db, admin, {}, wrongShape).rows).toHaveLength(4);
  });
});

describe('getCompany', () => {
  test('the details with references, addresses (default first) and tags (by position)', () => {
    const h = world();
    const { w } = h;
    const c = getCompany(h.db, viewerOf(h.db, w.salesA1), w.alpha)!;
    expect(c).toMatchObject({
      id: w.alpha,
      name: 'Alpha',
      industry: { id: w.industry, name: 'Aerospace' },
      customerFamily: { id: w.family, name: 'Retail' },
      origin: null,
      owner: { id: w.salesA1, name: 'Sam Sales' },
      team: { id: w.teamA, name: 'North' },
      version: 1,
      keyAccount: true,
    });
    expect(c.addresses.map((a) => [a.city, a.isDefault])).toEqual([
      ['Lyon', true],
      ['Villeurbanne', false],
    ]);
    expect(c.tags).toEqual([
      { id: w.tag2, name: 'Partner', color: 'slate' },
      { id: w.tag, name: 'VIP', color: 'gold' },
    ]);
  });

  test('null for a company the viewer cannot see (or that does not exist)', () => {
    const h = world();
    const { w } = h;
    expect(getCompany(h.db, viewerOf(h.db, w.salesB), w.alpha)).toBeNull();
    expect(getCompany(h.db, viewerOf(h.db, w.managerB), w.alpha)).toBeNull();
    expect(getCompany(h.db, viewerOf(h.db, w.salesA1), w.echo)).toBeNull();
    expect(getCompany(h.db, viewerOf(h.db, w.deactivated), w.alpha)).toBeNull();
    expect(getCompany(h.db, viewerOf(h.db, w.admin), 9999)).toBeNull();
  });

  test.each([
    ['admin', { edit: true, assign: true, delete: true }],
    ['managerA', { edit: true, assign: true, delete: false }],
    ['salesA1', { edit: true, assign: true, delete: false }],
    ['salesA2', { edit: true, assign: false, delete: false }],
    ['readOnlyA', { edit: false, assign: false, delete: false }],
  ] as const)('`can` flags for %s on a company of Sam', (who, flags) => {
    const h = world();
    expect(getCompany(h.db, viewerOf(h.db, h.w[who]), h.w.alpha)!.can).toEqual(flags);
  });
});

describe('listCompanyContacts', () => {
  test('the visible contacts of the company, active ones first, then by name', () => {
    const h = world();
    const { w } = h;
    expect(listCompanyContacts(h.db, viewerOf(h.db, w.salesA1), w.alpha)).toEqual([
      { id: w.anne, name: 'Anne Martin', jobTitle: null, email: null, phone: '0611111111', active: true },
      { id: w.bob, name: 'Bob Durand', jobTitle: null, email: null, phone: '0622222222', active: false },
    ]);
    expect(listCompanyContacts(h.db, viewerOf(h.db, w.admin), w.alpha).map((c) => c.name)).toEqual(['Anne Martin', 'Carl Petit', 'Bob Durand']);
    expect(listCompanyContacts(h.db, viewerOf(h.db, w.salesB), w.alpha).map((c) => c.name)).toEqual(['Carl Petit']);
    expect(listCompanyContacts(h.db, viewerOf(h.db, w.admin), w.bravo)).toEqual([]);
  });
});

describe('companyTimeline', () => {
  test("the company's and its contacts' audit entries, newest first", () => {
    const h = world();
    const { w } = h;
    const t = companyTimeline(h.db, viewerOf(h.db, w.admin), w.alpha);
    expect(t.map((e) => [e.action, e.entityType, e.entityId])).toEqual([
      ['contact.created', 'contact', w.carl],
      ['contact.deactivated', 'contact', w.bob],
      ['contact.created', 'contact', w.bob],
      ['contact.created', 'contact', w.anne],
      ['company.created', 'company', w.alpha],
    ]);
    expect(t.at(-1)).toMatchObject({ actorName: 'Sam Sales', at: T0, data: { name: 'Alpha', type: 'client' } });
    expect(t[0]).toMatchObject({ actorName: 'Ada Admin', data: { name: 'Carl Petit', companyId: w.alpha } });
    expect(companyTimeline(h.db, viewerOf(h.db, w.admin), w.alpha, 2)).toHaveLength(2);
    // Other companies' entries are not there.
    expect(t.some((e) => e.entityType === 'company' && e.entityId !== w.alpha)).toBe(false);
  });

  test('entries of contacts the viewer cannot see are left out (their names are in the data)', () => {
    const h = world();
    const { w } = h;
    // Carl is filed under team South: Sam sees Alpha but not Carl.
    const t = companyTimeline(h.db, viewerOf(h.db, w.salesA1), w.alpha);
    expect(t.map((e) => [e.action, e.entityId])).toEqual([
      ['contact.deactivated', w.bob],
      ['contact.created', w.bob],
      ['contact.created', w.anne],
      ['company.created', w.alpha],
    ]);
    expect(JSON.stringify(t)).not.toContain('Carl');
  });

  test('empty for a company the viewer cannot see', () => {
    const h = world();
    expect(companyTimeline(h.db, viewerOf(h.db, h.w.salesB), h.w.alpha)).toEqual([]);
    expect(companyTimeline(h.db, viewerOf(h.db, h.w.admin), 999_999)).toEqual([]);
  });

  test('viewers one after another on one connection each get their own (the queries are kept per connection)', () => {
    const h = world();
    const { w } = h;
    const ids = (who: number) => companyTimeline(h.db, viewerOf(h.db, who), w.alpha).map((e) => e.entityId);
    expect(ids(w.admin)).toEqual([w.carl, w.bob, w.bob, w.anne, w.alpha]);
    expect(ids(w.salesA1)).toEqual([w.bob, w.bob, w.anne, w.alpha]);
    expect(ids(w.salesB)).toEqual([]);
    expect(ids(w.salesA2)).toEqual([w.bob, w.bob, w.anne, w.alpha]);
    expect(ids(w.deactivated)).toEqual([]);
    expect(getCompany(h.db, viewerOf(h.db, w.salesB), w.alpha)).toBeNull();
    expect(getCompany(h.db, viewerOf(h.db, w.salesA2), w.alpha)?.name).toBe('Alpha');
  });

  test('reads the audit trail through audit_entity_idx (the company, then each visible contact), never the whole table', () => {
    const h = world();
    const logged: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(h.sqlite, { schema, logger: { logQuery: (q, params) => logged.push({ sql: q, params }) } }) as unknown as Db;
    for (const who of [h.w.admin, h.w.salesA1]) {
      logged.length = 0;
      companyTimeline(db, viewerOf(h.db, who), h.w.alpha);
      const q = logged.find((l) => l.sql.includes('from "audit_log"'))!;
      const plan = (h.sqlite.prepare(`explain query plan ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail);
      const shown = plan.join('\n');
      expect(plan.filter((l) => /^SCAN (audit_log|"audit_log")\b/.test(l)), shown).toEqual([]);
      expect(plan.filter((l) => /^SEARCH (audit_log|"audit_log") USING (COVERING )?INDEX audit_entity_idx/.test(l)), shown).toHaveLength(2);
      expect(plan.some((l) => /TEMP B-TREE/.test(l)), shown).toBe(false);
    }
  });
});
