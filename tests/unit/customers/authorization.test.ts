import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { companies, contacts } from '@/db/schema';
import { createCompany, deleteCompany, duplicateCompany, setCompanyArchived, transferCompany, updateCompany } from '@/lib/companies/service';
import { createContact, deleteContact, setContactActive, transferContact, updateContact } from '@/lib/contacts/service';
import type { Result } from '@/lib/result';
import {
  companyInput,
  companyUpdateInput,
  contactInput,
  contactUpdateInput,
  ctxFor,
  customerContents,
  makeCompany,
  makeContact,
  makePeople,
  seededWorld,
  type DbHandle,
} from '../../helpers/customers';

/**
 * Every record here belongs to Sam (sales, team North): "own" for Sam, "teammate's" for Tina, "other team's"
 * for Olga (South); Marc manages North, Mona manages South; Rita reads North; Dan and Fred are deactivated.
 */
const world = seededWorld((db) => {
  const p = makePeople(db);
  const company = makeCompany(db, p.salesA1, { name: 'Target Co', website: 'https://target.example' });
  const emptyCompany = makeCompany(db, p.salesA1, { name: 'Empty Co' });
  const contact = makeContact(db, p.salesA1, { lastName: 'Target', firstName: 'Tom', companyId: String(company), email: 'tom@target.example' });
  return { ...p, company, emptyCompany, contact };
});
type W = ReturnType<typeof world>['w'];

const ACTORS = ['admin', 'managerA', 'managerB', 'salesA1', 'salesA2', 'salesB', 'readOnlyA', 'deactivated', 'formerAdmin'] as const;
type Actor = (typeof ACTORS)[number];

const OK = 'ok';
const FORBIDDEN = 'errors.forbidden';
const NOT_FOUND = 'errors.notFound';
/** Refused on the form: the viewer may act on the record but not make this person its owner. */
const OWNER_NOT_ALLOWED = 'ownerId: errors.ownerNotAllowed';
type Outcome = typeof OK | typeof FORBIDDEN | typeof NOT_FOUND | typeof OWNER_NOT_ALLOWED;

function outcomeOf(r: Result<unknown>): string {
  if (r.ok) return OK;
  if (r.error.code === 'errors.invalidForm') return Object.entries(r.error.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v}`).join(', ');
  return r.error.code;
}

type Op = {
  run: (h: DbHandle, w: W, actor: number) => Result<unknown>;
  /** What a success must have changed. */
  done: (h: DbHandle, w: W, actor: number) => void;
  expected: Record<Actor, Outcome>;
};

const company = (h: DbHandle, id: number) => h.db.select().from(companies).where(eq(companies.id, id)).get();
const contact = (h: DbHandle, id: number) => h.db.select().from(contacts).where(eq(contacts.id, id)).get();

// Shared outcome rows.
const CREATE: Record<Actor, Outcome> = {
  admin: OK,
  managerA: OK,
  managerB: OK,
  salesA1: OK,
  salesA2: OK,
  salesB: OK,
  readOnlyA: FORBIDDEN,
  deactivated: FORBIDDEN,
  formerAdmin: FORBIDDEN,
};
const EDIT: Record<Actor, Outcome> = {
  admin: OK,
  managerA: OK,
  managerB: NOT_FOUND,
  salesA1: OK,
  salesA2: OK,
  salesB: NOT_FOUND,
  readOnlyA: FORBIDDEN,
  deactivated: NOT_FOUND,
  formerAdmin: NOT_FOUND,
};
const TRANSFER: Record<Actor, Outcome> = {
  ...EDIT,
  // Sam may assign his own record, but only to himself; Tina may edit it but not assign it.
  salesA1: OWNER_NOT_ALLOWED,
  salesA2: FORBIDDEN,
};
const DELETE: Record<Actor, Outcome> = {
  admin: OK,
  managerA: FORBIDDEN,
  managerB: FORBIDDEN,
  salesA1: FORBIDDEN,
  salesA2: FORBIDDEN,
  salesB: FORBIDDEN,
  readOnlyA: FORBIDDEN,
  deactivated: FORBIDDEN,
  formerAdmin: FORBIDDEN,
};
const DUPLICATE: Record<Actor, Outcome> = { ...EDIT, readOnlyA: FORBIDDEN, deactivated: FORBIDDEN, formerAdmin: FORBIDDEN };

const OPS: Record<string, Op> = {
  createCompany: {
    run: (h, _w, actor) => createCompany(h.db, companyInput({ name: `New by ${actor}`, ownerId: String(actor), confirmDuplicate: 'on' }), ctxFor(h.db, actor)),
    done: (h, _w, actor) => expect(h.db.select().from(companies).where(eq(companies.name, `New by ${actor}`)).get()).toMatchObject({ ownerId: actor, createdBy: actor }),
    expected: CREATE,
  },
  updateCompany: {
    run: (h, w, actor) =>
      updateCompany(h.db, w.company, companyUpdateInput({ name: 'Renamed Co', website: 'https://target.example', ownerId: String(w.salesA1), teamId: String(w.teamA), version: '1' }), ctxFor(h.db, actor)),
    done: (h, w, actor) => expect(company(h, w.company)).toMatchObject({ name: 'Renamed Co', version: 2, updatedBy: actor }),
    expected: EDIT,
  },
  setCompanyArchived: {
    run: (h, w, actor) => setCompanyArchived(h.db, w.company, true, ctxFor(h.db, actor)),
    done: (h, w) => expect(company(h, w.company)).toMatchObject({ archived: true, version: 2 }),
    expected: EDIT,
  },
  transferCompany: {
    run: (h, w, actor) => transferCompany(h.db, w.company, { ownerId: w.salesA2, teamId: null, comment: 'handover' }, ctxFor(h.db, actor)),
    done: (h, w) => expect(company(h, w.company)).toMatchObject({ ownerId: w.salesA2, teamId: w.teamA, version: 2 }),
    expected: TRANSFER,
  },
  deleteCompany: {
    run: (h, w, actor) => deleteCompany(h.db, w.emptyCompany, ctxFor(h.db, actor)),
    done: (h, w) => expect(company(h, w.emptyCompany)).toBeUndefined(),
    expected: DELETE,
  },
  duplicateCompany: {
    run: (h, w, actor) => duplicateCompany(h.db, w.company, 'Target Co (copy)', ctxFor(h.db, actor)),
    done: (h, _w, actor) => expect(h.db.select().from(companies).where(eq(companies.name, 'Target Co (copy)')).get()).toMatchObject({ ownerId: actor, version: 1 }),
    expected: DUPLICATE,
  },
  createContact: {
    run: (h, _w, actor) => createContact(h.db, contactInput({ lastName: `New by ${actor}`, ownerId: String(actor), confirmDuplicate: 'on' }), ctxFor(h.db, actor)),
    done: (h, _w, actor) => expect(h.db.select().from(contacts).where(eq(contacts.lastName, `New by ${actor}`)).get()).toMatchObject({ ownerId: actor }),
    expected: CREATE,
  },
  updateContact: {
    run: (h, w, actor) =>
      updateContact(
        h.db,
        w.contact,
        contactUpdateInput({ lastName: 'Renamed', firstName: 'Tom', companyId: String(w.company), email: 'tom@target.example', ownerId: String(w.salesA1), teamId: String(w.teamA), version: '1' }),
        ctxFor(h.db, actor),
      ),
    done: (h, w, actor) => expect(contact(h, w.contact)).toMatchObject({ lastName: 'Renamed', version: 2, updatedBy: actor }),
    expected: EDIT,
  },
  setContactActive: {
    run: (h, w, actor) => setContactActive(h.db, w.contact, false, ctxFor(h.db, actor)),
    done: (h, w) => expect(contact(h, w.contact)).toMatchObject({ active: false, version: 2 }),
    expected: EDIT,
  },
  transferContact: {
    run: (h, w, actor) => transferContact(h.db, w.contact, { ownerId: w.salesA2, teamId: null, comment: 'handover' }, ctxFor(h.db, actor)),
    done: (h, w) => expect(contact(h, w.contact)).toMatchObject({ ownerId: w.salesA2, teamId: w.teamA, version: 2 }),
    expected: TRANSFER,
  },
  deleteContact: {
    run: (h, w, actor) => deleteContact(h.db, w.contact, ctxFor(h.db, actor)),
    done: (h, w) => expect(contact(h, w.contact)).toBeUndefined(),
    expected: DELETE,
  },
};

describe('authorization matrix of the company and contact services', () => {
  const cases = Object.entries(OPS).flatMap(([op, o]) => ACTORS.map((actor) => ({ op, actor, outcome: o.expected[actor] })));

  test.each(cases)('$op by $actor → $outcome', ({ op, actor, outcome }) => {
    const h = world();
    const { w } = h;
    const before = customerContents(h);
    const r = OPS[op].run(h, w, w[actor]);
    expect(outcomeOf(r)).toBe(outcome);
    if (outcome === OK) {
      OPS[op].done(h, w, w[actor]);
      expect(customerContents(h).audit_log.length).toBe(before.audit_log.length + 1);
    } else {
      expect(customerContents(h)).toEqual(before);
    }
  });

  test.each(Object.keys(OPS).filter((op) => !op.startsWith('create')))("%s on a record that does not exist is 'errors.notFound' for an admin", (op) => {
    const h = world();
    const w = { ...h.w, company: 999, emptyCompany: 999, contact: 999 };
    expect(outcomeOf(OPS[op].run(h, w, w.admin))).toBe(NOT_FOUND);
  });
});

describe('choosing the owner and the team', () => {
  const createBoth = (h: DbHandle, actor: number, owner: number, team = '') => ({
    company: outcomeOf(createCompany(h.db, companyInput({ name: `Co ${owner}`, ownerId: String(owner), teamId: team, confirmDuplicate: 'on' }), ctxFor(h.db, actor))),
    contact: outcomeOf(createContact(h.db, contactInput({ lastName: `Ct ${owner}`, ownerId: String(owner), teamId: team, confirmDuplicate: 'on' }), ctxFor(h.db, actor))),
  });

  test('sales may only make themselves owner', () => {
    const h = world();
    const { w } = h;
    const before = customerContents(h);
    expect(createBoth(h, w.salesA1, w.salesA2)).toEqual({ company: OWNER_NOT_ALLOWED, contact: OWNER_NOT_ALLOWED });
    expect(createBoth(h, w.salesA1, w.managerA)).toEqual({ company: OWNER_NOT_ALLOWED, contact: OWNER_NOT_ALLOWED });
    expect(customerContents(h)).toEqual(before);
    expect(createBoth(h, w.salesA1, w.salesA1)).toEqual({ company: OK, contact: OK });
  });

  test('managers may choose the members of their teams, not others', () => {
    const h = world();
    const { w } = h;
    expect(createBoth(h, w.managerA, w.salesB)).toEqual({ company: OWNER_NOT_ALLOWED, contact: OWNER_NOT_ALLOWED });
    expect(createBoth(h, w.managerA, w.admin)).toEqual({ company: OWNER_NOT_ALLOWED, contact: OWNER_NOT_ALLOWED });
    expect(createBoth(h, w.managerA, w.salesA2)).toEqual({ company: OK, contact: OK });
    expect(h.db.select().from(companies).where(eq(companies.name, `Co ${w.salesA2}`)).get()).toMatchObject({ ownerId: w.salesA2, teamId: w.teamA, createdBy: w.managerA });
  });

  test('admins may choose any active user; a deactivated or unknown owner is an invalid choice', () => {
    const h = world();
    const { w } = h;
    expect(createBoth(h, w.admin, w.salesB)).toEqual({ company: OK, contact: OK });
    expect(createBoth(h, w.admin, w.deactivated)).toEqual({ company: 'ownerId: errors.invalidChoice', contact: 'ownerId: errors.invalidChoice' });
    expect(createBoth(h, w.admin, 4242)).toEqual({ company: 'ownerId: errors.invalidChoice', contact: 'ownerId: errors.invalidChoice' });
  });

  test("the team must be one of the viewer's teams unless they are admin", () => {
    const h = world();
    const { w } = h;
    const before = customerContents(h);
    expect(createBoth(h, w.salesA1, w.salesA1, String(w.teamB))).toEqual({ company: 'teamId: errors.teamNotAllowed', contact: 'teamId: errors.teamNotAllowed' });
    expect(createBoth(h, w.managerA, w.salesA1, String(w.teamB))).toEqual({ company: 'teamId: errors.teamNotAllowed', contact: 'teamId: errors.teamNotAllowed' });
    expect(createBoth(h, w.salesA1, w.salesA1, '999')).toEqual({ company: 'teamId: errors.invalidChoice', contact: 'teamId: errors.invalidChoice' });
    expect(customerContents(h)).toEqual(before);
    expect(createBoth(h, w.admin, w.salesA1, String(w.teamB))).toEqual({ company: OK, contact: OK });
    expect(createBoth(h, w.salesA2, w.salesA2, String(w.teamA))).toEqual({ company: OK, contact: OK });
  });

  test('a manager may not transfer to an outsider nor file the record under another team', () => {
    const h = world();
    const { w } = h;
    const before = customerContents(h);
    expect(outcomeOf(transferContact(h.db, w.contact, { ownerId: w.salesB, teamId: null, comment: null }, ctxFor(h.db, w.managerA)))).toBe(OWNER_NOT_ALLOWED);
    expect(outcomeOf(transferContact(h.db, w.contact, { ownerId: w.salesA2, teamId: w.teamB, comment: null }, ctxFor(h.db, w.managerA)))).toBe('teamId: errors.teamNotAllowed');
    expect(customerContents(h)).toEqual(before);
  });
});
