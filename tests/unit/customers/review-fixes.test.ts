import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, test } from 'vitest';
import { companies } from '@/db/schema';
import { getCompany } from '@/lib/companies/queries';
import { duplicateCompany, updateCompany } from '@/lib/companies/service';
import { relatedContacts } from '@/lib/contacts/queries';
import { emailDomainOf } from '@/lib/customers/normalize';
import { companyUpdateInput, ctxFor, makeCompany, makeContact } from '../../helpers/customers';
import { makeTeam, makeUser, testDb, type TestDb } from '../../helpers/db';

let t: TestDb;
afterEach(() => t?.close());

describe('review fixes', () => {
  test('an email ending in @ has no domain', () => {
    expect(emailDomainOf('x@')).toBeNull();
    expect(emailDomainOf('x@acme.fr')).toBe('acme.fr');
  });

  test('related contacts of a contact the viewer cannot see are not listed', () => {
    t = testDb();
    const a = makeTeam(t.db);
    const b = makeTeam(t.db);
    const alice = makeUser(t.db, { teams: [a] });
    const bob = makeUser(t.db, { teams: [b] });
    const hidden = makeContact(t.db, bob, { email: 'x@acme.fr' });
    makeContact(t.db, alice, { email: 'y@acme.fr' });
    expect(relatedContacts(t.db, ctxFor(t.db, alice).user, hidden)).toEqual([]);
  });

  test('a copy given an empty name keeps the original name', () => {
    t = testDb();
    const u = makeUser(t.db, { role: 'admin' });
    const id = makeCompany(t.db, u, { name: 'Atelier Nord' });
    const r = duplicateCompany(t.db, id, '   ', ctxFor(t.db, u));
    expect(r.ok && getCompany(t.db, ctxFor(t.db, u).user, r.value.id)?.name).toBe('Atelier Nord');
  });

  test('saving a company with no team files it under the owner’s first team, as creating does', () => {
    t = testDb();
    const team = makeTeam(t.db);
    const u = makeUser(t.db, { role: 'sales', teams: [team] });
    const id = makeCompany(t.db, u, { name: 'Atelier Sud' });
    const r = updateCompany(t.db, id, companyUpdateInput({ name: 'Atelier Sud', ownerId: String(u), teamId: '', version: '1' }), ctxFor(t.db, u, Date.now()));
    expect(r.ok).toBe(true);
    expect(t.db.select({ teamId: companies.teamId }).from(companies).where(eq(companies.id, id)).get()?.teamId).toBe(team);
  });
});

describe('phones typed with the trunk zero after +33', () => {
  test('"+33 06…" and "+33 (0)6…" give the national form', async () => {
    const { normalizePhone } = await import('@/lib/customers/normalize');
    expect(normalizePhone('+33 06 12 34 56 78')).toBe('0612345678');
    expect(normalizePhone('+33 (0)6 12 34 56 78')).toBe('0612345678');
    expect(normalizePhone('+33 6 12 34 56 78')).toBe('0612345678');
  });
});
