import { describe, expect, test } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '@/db/schema';
import { contacts } from '@/db/schema';
import type { Db } from '@/db/client';
import { setCompanyArchived } from '@/lib/companies/service';
import { getContact, listContacts, PAGE_SIZE, relatedContacts } from '@/lib/contacts/queries';
import { setContactActive } from '@/lib/contacts/service';
import { sortKey } from '@/lib/customers/normalize';
import { T0, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makeContact, makePeople, makeRefValue, makeTag, seededWorld, type DbHandle } from '../../helpers/customers';

const DAY = 86_400_000;

const world = seededWorld((db) => {
  const p = makePeople(db);
  const alpha = makeCompany(db, p.salesA1, { name: 'Alpha', website: 'https://alpha.fr' });
  const south = makeCompany(db, p.salesB, { name: 'South Co' });
  const role = makeRefValue(db, 'contact_role', 'Buyer');
  const tag = makeTag(db, 'Newsletter', { color: 'blue' });
  const c = (actor: number, form: Record<string, string>, at: number) => makeContact(db, actor, form, at);
  const anne = c(p.salesA1, { lastName: 'Martin', firstName: 'Anne', companyId: String(alpha), email: 'anne@alpha.fr', consentStatus: 'given', tagIds: String(tag), roleId: String(role), jobTitle: 'Buyer' }, T0);
  const bob = c(p.salesA2, { lastName: 'Durand', firstName: 'Bob', companyId: String(alpha), email: 'bob@ALPHA.fr', mobile: '0622222222' }, T0 + DAY);
  setContactActive(db, bob, false, ctxFor(db, p.salesA2));
  // Same company domain, but team South's: only those who see South see him.
  const carl = c(p.admin, { lastName: 'Petit', firstName: 'Carl', companyId: String(alpha), email: 'carl@alpha.fr', ownerId: String(p.salesB) }, T0 + 2 * DAY);
  const dora = c(p.salesA1, { lastName: 'Roux', firstName: 'Dora', email: 'dora@gmail.com', email2: 'dora@alpha.fr' }, T0 + 3 * DAY);
  const eve = c(p.salesA2, { lastName: 'Blanc', firstName: 'Ève', email: 'eve@gmail.com', consentStatus: 'refused' }, T0 + 4 * DAY);
  const fay = c(p.salesB, { lastName: 'Noir', firstName: 'Fay', companyId: String(south), email: 'fay@south.example' }, T0 + 5 * DAY);
  const gus = c(p.admin, { lastName: 'Zorro' }, T0 + 6 * DAY);
  setCompanyArchived(db, alpha, true, ctxFor(db, p.admin));
  return { ...p, alpha, south, role, tag, anne, bob, carl, dora, eve, fay, gus };
});

const names = (h: DbHandle, userId: number, f: Parameters<typeof listContacts>[2] = {}) => listContacts(h.db, viewerOf(h.db, userId), f).rows.map((r) => r.name);

describe('listContacts', () => {
  test('rows by last name (accents ignored) with company, phone or mobile, owner, consent', () => {
    const h = world();
    const { w } = h;
    const r = listContacts(h.db, viewerOf(h.db, w.admin), {});
    expect(r.nextCursor).toBeNull();
    expect(r.rows.map((x) => x.name)).toEqual(['Ève Blanc', 'Bob Durand', 'Anne Martin', 'Fay Noir', 'Carl Petit', 'Dora Roux', 'Zorro']);
    expect(r.rows.find((x) => x.id === w.bob)).toEqual({
      id: w.bob,
      name: 'Bob Durand',
      jobTitle: null,
      companyId: w.alpha,
      companyName: 'Alpha',
      email: 'bob@alpha.fr',
      phone: '0622222222',
      ownerName: 'Tina Teammate',
      active: false,
      consentStatus: 'unknown',
      teamName: 'North',
      createdAt: expect.any(Number),
      tags: null,
    });
    expect(r.rows.find((x) => x.id === w.gus)).toMatchObject({ name: 'Zorro', companyId: null, companyName: null });
  });

  test('filters: company, active, consent, tag, owner, team, creation dates', () => {
    const h = world();
    const { w } = h;
    expect(names(h, w.admin, { companyId: w.alpha })).toEqual(['Bob Durand', 'Anne Martin', 'Carl Petit']);
    expect(names(h, w.admin, { companyId: w.alpha, active: true })).toEqual(['Anne Martin', 'Carl Petit']);
    expect(names(h, w.admin, { active: false })).toEqual(['Bob Durand']);
    expect(names(h, w.admin, { consent: 'given' })).toEqual(['Anne Martin']);
    expect(names(h, w.admin, { consent: 'refused' })).toEqual(['Ève Blanc']);
    expect(names(h, w.admin, { tagId: w.tag })).toEqual(['Anne Martin']);
    expect(names(h, w.admin, { ownerId: w.salesB })).toEqual(['Fay Noir', 'Carl Petit']);
    expect(names(h, w.admin, { teamId: w.teamA })).toEqual(['Ève Blanc', 'Bob Durand', 'Anne Martin', 'Dora Roux']);
    expect(names(h, w.admin, { createdFrom: T0 + DAY, createdTo: T0 + 3 * DAY })).toEqual(['Bob Durand', 'Carl Petit']);
  });

  test("visibility is applied: a sales user's list excludes the other team's contacts", () => {
    const h = world();
    const { w } = h;
    expect(names(h, w.salesA1)).toEqual(['Ève Blanc', 'Bob Durand', 'Anne Martin', 'Dora Roux']);
    expect(names(h, w.salesB)).toEqual(['Fay Noir', 'Carl Petit']);
    expect(names(h, w.salesB, { companyId: w.alpha })).toEqual(['Carl Petit']);
    expect(names(h, w.readOnlyA)).toEqual(names(h, w.salesA1));
    expect(names(h, w.deactivated)).toEqual([]);
  });

  test('keyset pagination over 120 colliding names: every contact once, in (sortName, id) order, never OFFSET', () => {
    const h = world();
    const { w } = h;
    const spellings = ['Lefèvre', 'LEFEVRE', 'lefevre'];
    const order = Array.from({ length: 120 }, (_, k) => (k * 53) % 120);
    h.sqlite.transaction(() => {
      for (const k of order) makeContact(h.db, w.salesA2, { lastName: spellings[k % 3], firstName: `Jean ${String(Math.floor(k / 3)).padStart(2, '0')}` });
    })();
    const logged: string[] = [];
    const db = drizzle(h.sqlite, { schema, logger: { logQuery: (q) => logged.push(q) } }) as unknown as Db;
    const viewer = viewerOf(h.db, w.managerA);
    const seen: { id: number; name: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = listContacts(db, viewer, { ownerId: w.salesA2 }, cursor);
      expect(page.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
      seen.push(...page.rows);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    // 120 new ones plus Bob and Ève.
    expect(pages).toBe(3);
    expect(seen).toHaveLength(122);
    expect(new Set(seen.map((r) => r.id)).size).toBe(122);
    // The expected order, computed here: last name then first name, accents and case ignored, then id.
    const people = new Map(h.db.select().from(contacts).all().map((c) => [c.id, sortKey(`${c.lastName} ${c.firstName ?? ''}`)]));
    const k = (r: { id: number }) => people.get(r.id)!;
    const expected = [...seen].sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : a.id - b.id));
    expect(new Set(expected.map(k)).size).toBe(42);
    expect(seen.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    const listQueries = logged.filter((q) => /from "contacts"/.test(q) && /order by/.test(q));
    expect(listQueries).toHaveLength(3);
    for (const q of listQueries) expect(q).not.toMatch(/\boffset\b/i);
    expect(listQueries[2]).toMatch(/\("contacts"\."sort_name", "contacts"\."id"\) > \(\?, \?\)/);
  });
});

describe('getContact', () => {
  test('the details with company (archived flag), role, owner, team and tags', () => {
    const h = world();
    const { w } = h;
    const c = getContact(h.db, viewerOf(h.db, w.salesA2), w.anne)!;
    expect(c).toMatchObject({
      id: w.anne,
      name: 'Anne Martin',
      email: 'anne@alpha.fr',
      company: { id: w.alpha, name: 'Alpha', archived: true },
      role: { id: w.role, name: 'Buyer' },
      owner: { id: w.salesA1, name: 'Sam Sales' },
      team: { id: w.teamA, name: 'North' },
      tags: [{ id: w.tag, name: 'Newsletter', color: 'blue' }],
      consentStatus: 'given',
      consentDate: '2026-01-15',
      can: { edit: true, assign: false, delete: false },
    });
    expect(getContact(h.db, viewerOf(h.db, w.admin), w.gus)).toMatchObject({ name: 'Zorro', company: null, role: null, team: null });
  });

  test('null for a contact the viewer cannot see', () => {
    const h = world();
    const { w } = h;
    expect(getContact(h.db, viewerOf(h.db, w.salesA1), w.carl)).toBeNull();
    expect(getContact(h.db, viewerOf(h.db, w.managerB), w.anne)).toBeNull();
    expect(getContact(h.db, viewerOf(h.db, w.salesA1), w.gus)).toBeNull();
    expect(getContact(h.db, viewerOf(h.db, w.deactivated), w.anne)).toBeNull();
    expect(getContact(h.db, viewerOf(h.db, w.admin), 9999)).toBeNull();
  });

  test.each([
    ['admin', { edit: true, assign: true, delete: true }],
    ['managerA', { edit: true, assign: true, delete: false }],
    ['salesA1', { edit: true, assign: true, delete: false }],
    ['salesA2', { edit: true, assign: false, delete: false }],
    ['readOnlyA', { edit: false, assign: false, delete: false }],
  ] as const)('`can` flags for %s on a contact of Sam', (who, flags) => {
    const h = world();
    expect(getContact(h.db, viewerOf(h.db, h.w[who]), h.w.anne)!.can).toEqual(flags);
  });
});

describe('relatedContacts', () => {
  test('other visible contacts sharing a company email domain', () => {
    const h = world();
    const { w } = h;
    const rel = (viewer: number, id: number) => relatedContacts(h.db, viewerOf(h.db, viewer), id).map((r) => r.name);
    expect(relatedContacts(h.db, viewerOf(h.db, w.admin), w.anne)).toEqual([
      { id: w.bob, name: 'Bob Durand', companyName: 'Alpha', email: 'bob@alpha.fr' },
      { id: w.carl, name: 'Carl Petit', companyName: 'Alpha', email: 'carl@alpha.fr' },
      { id: w.dora, name: 'Dora Roux', companyName: null, email: 'dora@gmail.com' },
    ]);
    // Sam does not see Carl (team South).
    expect(rel(w.salesA1, w.anne)).toEqual(['Bob Durand', 'Dora Roux']);
    expect(rel(w.salesB, w.carl)).toEqual([]);
  });

  test('free mail domains (gmail.com…) relate nobody', () => {
    const h = world();
    const { w } = h;
    // Dora and Ève share gmail.com only; Dora is related to Alpha through her second address.
    expect(relatedContacts(h.db, viewerOf(h.db, w.admin), w.eve)).toEqual([]);
    expect(relatedContacts(h.db, viewerOf(h.db, w.admin), w.dora).map((r) => r.name)).toEqual(['Bob Durand', 'Anne Martin', 'Carl Petit']);
    expect(relatedContacts(h.db, viewerOf(h.db, w.admin), w.gus)).toEqual([]);
  });
});
