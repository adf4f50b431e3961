import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, contactChannels, contacts, contactTags, orgSettings } from '@/db/schema';
import { setCompanyArchived, updateCompany } from '@/lib/companies/service';
import { createContact, deleteContact, setContactActive, transferContact, updateContact } from '@/lib/contacts/service';
import { T0 } from '../../helpers/db';
import {
  companyUpdateInput,
  contactInput,
  contactUpdateInput,
  ctxFor,
  customerContents,
  ftsRow,
  makeCompany,
  makeContact,
  makePeople,
  makeRefValue,
  makeTag,
  seededWorld,
  type DbHandle,
  type Form,
} from '../../helpers/customers';

const world = seededWorld((db) => {
  const p = makePeople(db);
  return {
    ...p,
    acme: makeCompany(db, p.salesA1, { name: 'Acme Industries', website: 'https://acme.fr' }),
    globex: makeCompany(db, p.salesA1, { name: 'Globex' }),
    southCo: makeCompany(db, p.salesB, { name: 'South Co' }),
    role: makeRefValue(db, 'contact_role', 'Buyer'),
    oldRole: makeRefValue(db, 'contact_role', 'Telex operator', { retired: true }),
    industry: makeRefValue(db, 'industry', 'Aerospace'),
    tag: makeTag(db, 'Newsletter'),
  };
});

const audits = (h: DbHandle) => h.db.select().from(auditLog).orderBy(auditLog.id).all();
const row = (h: DbHandle, id: number) => h.db.select().from(contacts).where(eq(contacts.id, id)).get()!;
const channels = (h: DbHandle, id: number) =>
  h.db
    .select({ kind: contactChannels.kind, value: contactChannels.value })
    .from(contactChannels)
    .where(eq(contactChannels.contactId, id))
    .orderBy(contactChannels.kind, contactChannels.value)
    .all();

const anne: Form = {
  civility: 'ms',
  firstName: 'Anne',
  lastName: 'Martin',
  jobTitle: 'Buyer',
  email: 'Anne.Martin@ACME.fr',
  email2: 'anne.martin@gmail.com',
  phone: '+33 1 23 45 67 89',
  mobile: '06.12.34.56.78',
};

describe('createContact', () => {
  test('creates the contact with normalized channels, tags, default team, search entry and audit', () => {
    const h = world();
    const { db, w } = h;
    const r = createContact(db, contactInput({ ...anne, companyId: String(w.acme), ownerId: String(w.salesA1), roleId: String(w.role), tagIds: String(w.tag) }), ctxFor(db, w.salesA1, T0 + 100));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const id = r.value.id;
    expect(row(h, id)).toMatchObject({
      firstName: 'Anne',
      lastName: 'Martin',
      sortName: 'martin anne',
      nameKey: 'martinanne',
      email: 'anne.martin@acme.fr',
      companyId: w.acme,
      roleId: w.role,
      ownerId: w.salesA1,
      teamId: w.teamA,
      active: true,
      consentStatus: 'unknown',
      consentDate: null,
      version: 1,
      createdAt: T0 + 100,
    });
    expect(channels(h, id)).toEqual([
      { kind: 'domain', value: 'acme.fr' },
      { kind: 'domain', value: 'gmail.com' },
      { kind: 'email', value: 'anne.martin@acme.fr' },
      { kind: 'email', value: 'anne.martin@gmail.com' },
      { kind: 'phone', value: '0123456789' },
      { kind: 'phone', value: '0612345678' },
    ]);
    expect(db.select().from(contactTags).where(eq(contactTags.contactId, id)).all()).toEqual([{ contactId: id, tagId: w.tag }]);
    const fts = ftsRow(h, 'contact', id)!;
    expect(fts.title).toBe('Anne Martin');
    expect(fts.body).toContain('Acme Industries');
    expect(fts.body).toContain('0612345678');
    expect(audits(h).at(-1)).toMatchObject({ action: 'contact.created', entityType: 'contact', entityId: id, actorId: w.salesA1, data: { name: 'Anne Martin', companyId: w.acme } });
  });

  test('the same email twice is one channel', () => {
    const h = world();
    const id = makeContact(h.db, h.w.salesA1, { lastName: 'Solo', email: 'solo@x.example', email2: 'SOLO@x.example', phone: '0612345678', mobile: '+33612345678' });
    expect(channels(h, id)).toEqual([
      { kind: 'domain', value: 'x.example' },
      { kind: 'email', value: 'solo@x.example' },
      { kind: 'phone', value: '0612345678' },
    ]);
  });

  test("a company that is archived is refused with 'errors.companyArchived'; one the user cannot see is 'errors.invalidChoice'", () => {
    const h = world();
    const { db, w } = h;
    setCompanyArchived(db, w.globex, true, ctxFor(db, w.salesA1));
    const before = customerContents(h);
    const at = (companyId: number) => createContact(db, contactInput({ lastName: 'Nope', companyId: String(companyId), ownerId: String(w.salesA1) }), ctxFor(db, w.salesA1));
    expect(at(w.globex)).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { companyId: 'errors.companyArchived' } } });
    expect(at(w.southCo)).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { companyId: 'errors.invalidChoice' } } });
    expect(at(9999)).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { companyId: 'errors.invalidChoice' } } });
    expect(customerContents(h)).toEqual(before);
  });

  test('a retired role cannot be chosen; a role of another list is an invalid choice', () => {
    const h = world();
    const { db, w } = h;
    const r = (roleId: number) => createContact(db, contactInput({ lastName: 'R', roleId: String(roleId), ownerId: String(w.salesA1) }), ctxFor(db, w.salesA1));
    expect(r(w.oldRole)).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { roleId: 'errors.retiredValue' } } });
    expect(r(w.industry)).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { roleId: 'errors.invalidChoice' } } });
  });
});

describe('contact duplicates', () => {
  const cases: { title: string; form: Form; reasons: string[] }[] = [
    { title: 'same email, other case', form: { lastName: 'Someone', email: 'ANNE.MARTIN@acme.FR' }, reasons: ['email'] },
    { title: 'second email matching', form: { lastName: 'Someone', email2: 'anne.martin@gmail.com' }, reasons: ['email'] },
    { title: 'same phone typed differently', form: { lastName: 'Someone', mobile: '0033 6 12 34 56 78' }, reasons: ['phone'] },
    { title: 'mobile typed as the other’s landline', form: { lastName: 'Someone', phone: '01 23 45 67 89' }, reasons: ['phone'] },
    { title: 'same name in the same company', form: { lastName: 'MARTIN', firstName: 'anne', companyId: 'ACME' }, reasons: ['name'] },
    { title: 'same name, no company given', form: { lastName: 'Martin', firstName: 'Anne' }, reasons: ['name'] },
    { title: 'name and email', form: { lastName: 'Martin', firstName: 'Anne', companyId: 'ACME', email: 'anne.martin@acme.fr' }, reasons: ['name', 'email'] },
  ];

  test.each(cases)('$title → errors.possibleDuplicate, nothing written; confirmed → created', ({ form, reasons }) => {
    const h = world();
    const { db, w } = h;
    const existing = makeContact(db, w.salesA1, { ...anne, companyId: String(w.acme) });
    const before = customerContents(h);
    const input = { ...form, companyId: form.companyId === 'ACME' ? String(w.acme) : '', ownerId: String(w.salesA2) };
    const r = createContact(db, contactInput(input), ctxFor(db, w.salesA2));
    expect(r).toEqual({ ok: false, error: { code: 'errors.possibleDuplicate', duplicates: [{ kind: 'contact', id: existing, name: 'Anne Martin', reasons }] } });
    expect(customerContents(h)).toEqual(before);
    expect(createContact(db, contactInput({ ...input, confirmDuplicate: 'on' }), ctxFor(db, w.salesA2)).ok).toBe(true);
  });

  test('the same name in another company is not a duplicate', () => {
    const h = world();
    const { db, w } = h;
    makeContact(db, w.salesA1, { ...anne, companyId: String(w.acme) });
    expect(createContact(db, contactInput({ lastName: 'Martin', firstName: 'Anne', companyId: String(w.globex), ownerId: String(w.salesA1) }), ctxFor(db, w.salesA1)).ok).toBe(true);
  });

  test('only contacts the viewer can see are offered as duplicates', () => {
    const h = world();
    const { db, w } = h;
    makeContact(db, w.salesA1, anne);
    expect(createContact(db, contactInput({ lastName: 'X', email: 'anne.martin@acme.fr', ownerId: String(w.salesB) }), ctxFor(db, w.salesB)).ok).toBe(true);
  });
});

/** The edit form of a contact made from `anne` at Acme, as sent back unchanged. */
const anneUpdate = (w: { salesA1: number; teamA: number; acme: number }, o: Form = {}) =>
  contactUpdateInput({ ...anne, companyId: String(w.acme), ownerId: String(w.salesA1), teamId: String(w.teamA), version: '1', ...o });

describe('updateContact', () => {
  test('saves from the current version, refreshes channels and search entry, audits changed fields only', () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, { ...anne, companyId: String(w.acme) });
    const r = updateContact(db, id, anneUpdate(w, { jobTitle: 'Head of purchasing', mobile: '', email2: '' }), ctxFor(db, w.salesA2, T0 + 50));
    expect(r).toEqual({ ok: true, value: undefined });
    expect(row(h, id)).toMatchObject({ jobTitle: 'Head of purchasing', mobile: null, version: 2, updatedBy: w.salesA2, updatedAt: T0 + 50 });
    expect(channels(h, id)).toEqual([
      { kind: 'domain', value: 'acme.fr' },
      { kind: 'email', value: 'anne.martin@acme.fr' },
      { kind: 'phone', value: '0123456789' },
    ]);
    expect(ftsRow(h, 'contact', id)!.body).toContain('Head of purchasing');
    const last = audits(h).at(-1)!;
    expect(last).toMatchObject({ action: 'contact.updated', entityId: id });
    expect(Object.keys(last.data ?? {}).sort()).toEqual(['email2', 'jobTitle', 'mobile']);
  });

  test("a stale version is refused with 'errors.staleRecord' and who saved when", () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, { ...anne, companyId: String(w.acme) });
    expect(updateContact(db, id, anneUpdate(w, { notes: 'a' }), ctxFor(db, w.managerA, T0 + 77)).ok).toBe(true);
    const before = customerContents(h);
    expect(updateContact(db, id, anneUpdate(w, { notes: 'b' }), ctxFor(db, w.salesA1))).toEqual({
      ok: false,
      error: { code: 'errors.staleRecord', fieldErrors: { _by: 'Marc Manager', _at: String(T0 + 77) } },
    });
    expect(customerContents(h)).toEqual(before);
  });

  test("moving to another company writes 'contact.moved' with from and to, and reindexes under the new name", () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, { ...anne, companyId: String(w.acme) });
    expect(updateContact(db, id, anneUpdate(w, { companyId: String(w.globex) }), ctxFor(db, w.salesA1)).ok).toBe(true);
    expect(row(h, id).companyId).toBe(w.globex);
    const moved = audits(h).filter((a) => a.action === 'contact.moved');
    expect(moved).toEqual([expect.objectContaining({ entityType: 'contact', entityId: id, data: { companyId: [w.acme, w.globex] } })]);
    expect(ftsRow(h, 'contact', id)!.body).toContain('Globex');
    expect(ftsRow(h, 'contact', id)!.body).not.toContain('Acme');
    // Leaving the company altogether is a move too.
    expect(updateContact(db, id, anneUpdate(w, { companyId: '', version: '2' }), ctxFor(db, w.salesA1)).ok).toBe(true);
    expect(audits(h).filter((a) => a.action === 'contact.moved').at(-1)!.data).toEqual({ companyId: [w.globex, null] });
  });

  test('a contact stays at its company once archived, but cannot be moved to an archived one', () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, { ...anne, companyId: String(w.acme) });
    setCompanyArchived(db, w.acme, true, ctxFor(db, w.admin));
    setCompanyArchived(db, w.globex, true, ctxFor(db, w.admin));
    expect(updateContact(db, id, anneUpdate(w, { notes: 'still at Acme' }), ctxFor(db, w.salesA1)).ok).toBe(true);
    expect(updateContact(db, id, anneUpdate(w, { companyId: String(w.globex), version: '2' }), ctxFor(db, w.salesA1))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { companyId: 'errors.companyArchived' } },
    });
  });

  test('a retired role already on the contact is kept', () => {
    const h = world();
    const { db, sqlite, w } = h;
    const id = makeContact(db, w.salesA1, { lastName: 'Keeps', roleId: String(w.role) });
    sqlite.prepare('update ref_values set retired = 1 where id = ?').run(w.role);
    const r = updateContact(db, id, contactUpdateInput({ lastName: 'Keeps', roleId: String(w.role), ownerId: String(w.salesA1), teamId: String(w.teamA), jobTitle: 'x', version: '1' }), ctxFor(db, w.salesA1));
    expect(r.ok).toBe(true);
    expect(row(h, id)).toMatchObject({ roleId: w.role, jobTitle: 'x' });
  });
});

describe('consent', () => {
  test("'given' without a date is dated today (from ctx.now); an explicit date is kept", () => {
    const h = world();
    const { db, w } = h;
    const a = makeContact(db, w.salesA1, { lastName: 'A', consentStatus: 'given', consentSource: 'web form' }, Date.UTC(2026, 2, 3, 10));
    expect(row(h, a)).toMatchObject({ consentStatus: 'given', consentDate: '2026-03-03', consentSource: 'web form' });
    const b = makeContact(db, w.salesA1, { lastName: 'B', consentStatus: 'refused', consentDate: '2025-12-24' });
    expect(row(h, b)).toMatchObject({ consentStatus: 'refused', consentDate: '2025-12-24' });
  });

  test('"today" is the organisation’s day: half past midnight in Paris is already the next day', () => {
    const h = world();
    const { db, w } = h;
    // 23:30 UTC on 15 January is 00:30 on 16 January in Paris (the default time zone).
    const id = makeContact(db, w.salesA1, { lastName: 'Night owl', consentStatus: 'given' }, Date.UTC(2026, 0, 15, 23, 30));
    expect(row(h, id).consentDate).toBe('2026-01-16');
  });

  test('the time zone set for the organisation is the one used', () => {
    const h = world();
    const { db, w } = h;
    db.insert(orgSettings).values({ id: 1, timeZone: 'America/New_York', updatedAt: T0 }).run();
    // 03:00 UTC on 16 January is still the evening of the 15th in New York.
    const id = makeContact(db, w.salesA1, { lastName: 'West', consentStatus: 'given' }, Date.UTC(2026, 0, 16, 3));
    expect(row(h, id).consentDate).toBe('2026-01-15');
  });

  test('back to unknown clears the date and the source', () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, { lastName: 'C', consentStatus: 'given', consentDate: '2026-01-02', consentSource: 'trade fair' });
    const r = updateContact(
      db,
      id,
      contactUpdateInput({ lastName: 'C', ownerId: String(w.salesA1), teamId: String(w.teamA), consentStatus: 'unknown', consentDate: '2026-01-02', consentSource: 'trade fair', version: '1' }),
      ctxFor(db, w.salesA1),
    );
    expect(r.ok).toBe(true);
    expect(row(h, id)).toMatchObject({ consentStatus: 'unknown', consentDate: null, consentSource: null });
    expect(audits(h).at(-1)!.data).toMatchObject({ consentStatus: ['given', 'unknown'], consentDate: ['2026-01-02', null], consentSource: ['trade fair', null] });
  });

  test('withdrawn on an edit without a date is dated the day of the edit', () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, { lastName: 'D', consentStatus: 'given', consentDate: '2025-06-01' });
    updateContact(db, id, contactUpdateInput({ lastName: 'D', ownerId: String(w.salesA1), teamId: String(w.teamA), consentStatus: 'withdrawn', version: '1' }), ctxFor(db, w.salesA1, Date.UTC(2026, 4, 20, 12)));
    expect(row(h, id)).toMatchObject({ consentStatus: 'withdrawn', consentDate: '2026-05-20' });
  });
});

describe('setContactActive, transferContact, deleteContact', () => {
  test('deactivates and reactivates, with version and audit; a repeat is a no-op', () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, anne);
    expect(setContactActive(db, id, false, ctxFor(db, w.salesA2))).toEqual({ ok: true, value: undefined });
    expect(row(h, id)).toMatchObject({ active: false, version: 2, updatedBy: w.salesA2 });
    expect(setContactActive(db, id, false, ctxFor(db, w.salesA2)).ok).toBe(true);
    expect(row(h, id).version).toBe(2);
    expect(setContactActive(db, id, true, ctxFor(db, w.salesA1)).ok).toBe(true);
    expect(row(h, id)).toMatchObject({ active: true, version: 3 });
    expect(audits(h).map((a) => a.action).slice(-2)).toEqual(['contact.deactivated', 'contact.activated']);
  });

  test('transfer: team defaults to the new owner’s first team, comment kept', () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, anne);
    expect(transferContact(db, id, { ownerId: w.salesB, teamId: null, comment: 'moving south' }, ctxFor(db, w.admin)).ok).toBe(true);
    expect(row(h, id)).toMatchObject({ ownerId: w.salesB, teamId: w.teamB, version: 2 });
    expect(audits(h).at(-1)).toMatchObject({ action: 'contact.transferred', data: { ownerId: [w.salesA1, w.salesB], teamId: [w.teamA, w.teamB], comment: 'moving south' } });
  });

  test('delete removes the contact, its channels, tags and search entry', () => {
    const h = world();
    const { db, w } = h;
    const id = makeContact(db, w.salesA1, { ...anne, companyId: String(w.acme), tagIds: String(w.tag) });
    expect(deleteContact(db, id, ctxFor(db, w.admin))).toEqual({ ok: true, value: undefined });
    expect(db.select().from(contacts).where(eq(contacts.id, id)).get()).toBeUndefined();
    expect(channels(h, id)).toEqual([]);
    expect(db.select().from(contactTags).where(eq(contactTags.contactId, id)).all()).toEqual([]);
    expect(ftsRow(h, 'contact', id)).toBeUndefined();
    expect(audits(h).at(-1)).toMatchObject({ action: 'contact.deleted', entityId: id, data: { name: 'Anne Martin', companyId: w.acme } });
  });
});

describe('search entry follows the company', () => {
  test('renaming the company reindexes its contacts; other edits leave them alone', () => {
    const h = world();
    const { db, w } = h;
    const a = makeContact(db, w.salesA1, { lastName: 'One', companyId: String(w.acme) });
    const b = makeContact(db, w.salesA1, { lastName: 'Two', companyId: String(w.acme) });
    const other = makeContact(db, w.salesA1, { lastName: 'Three', companyId: String(w.globex) });
    expect(ftsRow(h, 'contact', a)!.body).toContain('Acme Industries');
    const r = updateCompany(
      db,
      w.acme,
      companyUpdateInput({ name: 'Acme Aerospace', website: 'https://acme.fr', ownerId: String(w.salesA1), teamId: String(w.teamA), version: '1' }),
      ctxFor(db, w.salesA1),
    );
    expect(r.ok).toBe(true);
    for (const id of [a, b]) {
      expect(ftsRow(h, 'contact', id)!.body).toContain('Acme Aerospace');
      expect(ftsRow(h, 'contact', id)!.body).not.toContain('Industries');
    }
    expect(ftsRow(h, 'contact', other)!.body).toContain('Globex');
    // And a full-text query by the new company name finds them.
    const hits = h.sqlite.prepare(`select rowid from search_fts where search_fts match 'aerospace' order by rowid`).all() as { rowid: number }[];
    expect(hits.map((x) => x.rowid)).toEqual([w.acme * 8 + 1, a * 8 + 2, b * 8 + 2]);
  });
});
