import { describe, expect, test } from 'vitest';
import { setCompanyArchived } from '@/lib/companies/service';
import { setContactActive } from '@/lib/contacts/service';
import { listMerges } from '@/lib/merge/queries';
import { mergeRecords, undoMerge, type MergeInput } from '@/lib/merge/service';
import { UNDO_WINDOW_MS } from '@/lib/merge/fields';
import { T0 } from '../../helpers/db';
import { ctxFor, customerContents, ftsRow, makeCompany, makeContact, makePeople, makeTag, seededWorld, type DbHandle } from '../../helpers/customers';

const NOW = T0 + 10_000;

const world = seededWorld((db) => {
  const p = makePeople(db);
  const vip = makeTag(db, 'VIP');
  const partner = makeTag(db, 'Partner');
  const alpha = makeCompany(db, p.salesA1, { name: 'Alpha', phone: '04 00 00 00 01', tagIds: [String(vip)], addr0_line1: 'Quai 1', addr0_city: 'Lyon', addr0_isDefault: 'on' }, T0);
  const alpha2 = makeCompany(
    db,
    p.salesA1,
    { name: 'Alpha SA', website: 'https://alpha.example', tagIds: [String(vip), String(partner)], addr0_line1: 'Rue 2', addr0_city: 'Paris', addr0_isDefault: 'on', addr1_line1: 'Rue 3', addr1_city: 'Nice' },
    T0 + 1,
  );
  const other = makeCompany(db, p.salesA2, { name: 'Alpha' }, T0 + 2);
  const south = makeCompany(db, p.salesB, { name: 'Alpha' }, T0 + 3);
  const anne = makeContact(db, p.salesA1, { lastName: 'Martin', firstName: 'Anne', companyId: String(alpha2), email: 'anne@alpha.example', tagIds: [String(partner)] }, T0 + 4);
  const bob = makeContact(db, p.salesA1, { lastName: 'Durand', firstName: 'Bob', companyId: String(alpha2) }, T0 + 5);
  const carl = makeContact(db, p.salesA1, { lastName: 'Petit', firstName: 'Carl', companyId: String(alpha), phone: '0611111111' }, T0 + 6);
  const anne2 = makeContact(db, p.salesA1, { lastName: 'Martin', firstName: 'Anne', email: 'a.martin@other.example', mobile: '06 22 22 22 22', tagIds: [String(vip)] }, T0 + 7);
  return { ...p, vip, partner, alpha, alpha2, other, south, anne, bob, carl, anne2 };
});

/** Table contents without the audit trail and the merges themselves; link tables as sets. */
function contents(h: DbHandle) {
  const c = customerContents(h);
  delete c.audit_log;
  for (const k of ['company_tags', 'contact_tags', 'contact_channels']) c[k] = c[k].map((r) => JSON.stringify(r)).sort();
  return c;
}
const everything = (h: DbHandle) => ({ ...customerContents(h), merges: h.sqlite.prepare('select * from merges').all() });

const mergeCompanies = (h: ReturnType<typeof world>, userId: number, input: Partial<MergeInput> = {}) =>
  mergeRecords(h.db, 'company', { survivorId: h.w.alpha, mergedIds: [h.w.alpha2], choices: {}, ...input }, ctxFor(h.db, userId, NOW));

describe('mergeRecords (companies)', () => {
  test('chosen values win, contacts, addresses and tags move, merged row gone, search and audit updated', () => {
    const h = world();
    const { w } = h;
    const r = mergeCompanies(h, w.salesA1, { choices: { name: w.alpha2, website: w.alpha2, phone: w.alpha } });
    expect(r.ok).toBe(true);
    const s = h.sqlite.prepare('select * from companies where id = ?').get(w.alpha) as Record<string, unknown>;
    expect(s).toMatchObject({ name: 'Alpha SA', sort_name: 'alpha sa', name_key: 'alpha', website: 'https://alpha.example', phone: '04 00 00 00 01', phone_normalized: '0400000001', version: 2, updated_at: NOW, updated_by: w.salesA1 });
    expect(h.sqlite.prepare('select id from companies where id = ?').get(w.alpha2)).toBeUndefined();
    expect(h.sqlite.prepare('select id from contacts where company_id = ? order by id').all(w.alpha)).toEqual([{ id: w.anne }, { id: w.bob }, { id: w.carl }]);
    const addresses = h.sqlite.prepare('select city, is_default from company_addresses where company_id = ? order by id').all(w.alpha);
    expect(addresses).toEqual([
      { city: 'Lyon', is_default: 1 },
      { city: 'Paris', is_default: 0 },
      { city: 'Nice', is_default: 0 },
    ]);
    expect(h.sqlite.prepare('select tag_id from company_tags where company_id = ? order by tag_id').all(w.alpha)).toEqual([{ tag_id: w.vip }, { tag_id: w.partner }]);
    expect(ftsRow(h, 'company', w.alpha2)).toBeUndefined();
    expect(ftsRow(h, 'company', w.alpha)).toMatchObject({ title: 'Alpha SA' });
    expect(ftsRow(h, 'company', w.alpha)?.body).toContain('Paris');
    expect(ftsRow(h, 'contact', w.anne)?.body).toContain('Alpha SA');
    const audits = h.sqlite.prepare("select action, entity_id, data from audit_log where action = 'company.merged' order by id").all() as { action: string; entity_id: number; data: string }[];
    const mergeId = r.ok ? r.value.mergeId : 0;
    expect(audits.map((a) => [a.entity_id, JSON.parse(a.data)])).toEqual([
      [w.alpha, { mergedIds: [w.alpha2], mergeId, fields: ['name', 'website', 'phone'] }],
      [w.alpha2, { survivorId: w.alpha, mergeId }],
    ]);
    const m = h.sqlite.prepare('select kind, survivor_id, merged_ids, created_by from merges').get();
    expect(m).toEqual({ kind: 'company', survivor_id: w.alpha, merged_ids: JSON.stringify([w.alpha2]), created_by: w.salesA1 });
  });

  test('a survivor without a default address takes the first moved default', () => {
    const h = world();
    const { w } = h;
    expect(mergeRecords(h.db, 'company', { survivorId: w.other, mergedIds: [w.alpha2], choices: {} }, ctxFor(h.db, w.admin, NOW)).ok).toBe(true);
    expect(h.sqlite.prepare('select city, is_default from company_addresses where company_id = ? order by id').all(w.other)).toEqual([
      { city: 'Paris', is_default: 1 },
      { city: 'Nice', is_default: 0 },
    ]);
  });

  test.each([
    ['no merged record', { mergedIds: [] }, 'merge.errors.invalidSelection'],
    ['survivor among merged', { mergedIds: [-1] }, 'merge.errors.invalidSelection'],
    ['unknown field', { choices: { password: -2 } }, 'merge.errors.invalidSelection'],
    ['source outside the merge', { choices: { name: -3 } }, 'merge.errors.invalidSelection'],
    ['missing record', { mergedIds: [999] }, 'errors.notFound'],
    ['stale preview', { versions: { [-1]: 7 } }, 'merge.errors.changedSince'],
  ] as const)('refused, nothing written: %s', (_, over, code) => {
    const h = world();
    const { w } = h;
    // -1, -2, -3 stand for the survivor, the merged record, another record.
    const fix = (v: number) => (v === -1 ? w.alpha : v === -2 ? w.alpha2 : v === -3 ? w.other : v);
    const input: Partial<MergeInput> = {};
    if ('mergedIds' in over) input.mergedIds = over.mergedIds.map(fix);
    if ('choices' in over) input.choices = Object.fromEntries(Object.entries(over.choices).map(([k, v]) => [k, fix(v)]));
    if ('versions' in over) input.versions = { [w.alpha]: 7 };
    const before = everything(h);
    const r = mergeCompanies(h, w.salesA1, input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe(code);
    expect(everything(h)).toEqual(before);
  });

  test('a salesperson who may not reassign the survivor cannot take another owner from a merged record', () => {
    const h = world();
    const { w } = h;
    // salesA1 owns alpha2 and may edit (not assign) teammate salesA2's "other".
    const before = everything(h);
    const r = mergeRecords(h.db, 'company', { survivorId: w.other, mergedIds: [w.alpha2], choices: { ownerId: w.alpha2 } }, ctxFor(h.db, w.salesA1, NOW));
    expect(!r.ok && r.error.code).toBe('errors.ownerNotAllowed');
    expect(everything(h)).toEqual(before);
  });
});

describe('permission matrix: edit the survivor, delete each merged record', () => {
  // alpha and alpha2 both belong to salesA1 (team North); "other" to salesA2 (North); "south" to salesB.
  const cases: [string, string, 'survivorOwn' | 'mergedOther' | 'otherTeam', string][] = [
    ['admin', 'admin', 'otherTeam', 'ok'],
    ['manager, same team', 'managerA', 'survivorOwn', 'ok'],
    ['manager, other team', 'managerB', 'survivorOwn', 'errors.notFound'],
    ['sales, all their own', 'salesA1', 'survivorOwn', 'ok'],
    ['sales, teammate’s record merged away', 'salesA1', 'mergedOther', 'errors.forbidden'],
    ['sales, teammate’s records', 'salesA2', 'survivorOwn', 'errors.forbidden'],
    ['sales, other team', 'salesB', 'survivorOwn', 'errors.notFound'],
    ['read-only, same team', 'readOnlyA', 'survivorOwn', 'errors.forbidden'],
    ['deactivated', 'deactivated', 'survivorOwn', 'errors.notFound'],
  ];
  test.each(cases)('%s', (_, who, shape, expected) => {
    const h = world();
    const { w } = h;
    const pair = shape === 'survivorOwn' ? [w.alpha, w.alpha2] : shape === 'mergedOther' ? [w.alpha, w.other] : [w.alpha, w.south];
    const before = everything(h);
    const r = mergeRecords(h.db, 'company', { survivorId: pair[0], mergedIds: [pair[1]], choices: {} }, ctxFor(h.db, (w as unknown as Record<string, number>)[who], NOW));
    expect(r.ok ? 'ok' : r.error.code).toBe(expected);
    if (!r.ok) expect(everything(h)).toEqual(before);
  });
});

describe('undoMerge', () => {
  test('restores exactly what was there (ids, children, relations, search index)', () => {
    const h = world();
    const { w } = h;
    const before = contents(h);
    const r = mergeCompanies(h, w.salesA1, { choices: { name: w.alpha2, website: w.alpha2 } });
    if (!r.ok) throw new Error(r.error.code);
    expect(contents(h)).not.toEqual(before);
    const u = undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.managerA, NOW + 1000));
    expect(u).toEqual({ ok: true, value: { kind: 'company', survivorId: w.alpha } });
    expect(contents(h)).toEqual(before);
    const m = h.sqlite.prepare('select undone_at, undone_by from merges').get();
    expect(m).toEqual({ undone_at: NOW + 1000, undone_by: w.managerA });
    const audits = h.sqlite.prepare("select entity_id from audit_log where action = 'company.merge_undone' order by id").all();
    expect(audits).toEqual([{ entity_id: w.alpha }, { entity_id: w.alpha2 }]);
  });

  test('contacts: restores exactly, channels and tags included', () => {
    const h = world();
    const { w } = h;
    const before = contents(h);
    const r = mergeRecords(h.db, 'contact', { survivorId: w.anne, mergedIds: [w.anne2], choices: { email: w.anne2, mobile: w.anne2 } }, ctxFor(h.db, w.salesA1, NOW));
    if (!r.ok) throw new Error(r.error.code);
    expect(h.sqlite.prepare('select kind, value from contact_channels where contact_id = ? order by kind, value').all(w.anne)).toEqual([
      { kind: 'domain', value: 'other.example' },
      { kind: 'email', value: 'a.martin@other.example' },
      { kind: 'phone', value: '0622222222' },
    ]);
    expect(h.sqlite.prepare('select tag_id from contact_tags where contact_id = ? order by tag_id').all(w.anne)).toEqual([{ tag_id: w.vip }, { tag_id: w.partner }]);
    expect(ftsRow(h, 'contact', w.anne2)).toBeUndefined();
    expect(ftsRow(h, 'contact', w.anne)?.body).toContain('a.martin@other.example');
    expect(undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA1, NOW + 1)).ok).toBe(true);
    expect(contents(h)).toEqual(before);
  });

  test('refused after 30 days, after a later edit of the survivor, and the second time', () => {
    const h = world();
    const { w } = h;
    const r = mergeCompanies(h, w.salesA1);
    if (!r.ok) throw new Error(r.error.code);
    const late = undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA1, NOW + UNDO_WINDOW_MS + 1));
    expect(!late.ok && late.error.code).toBe('merge.errors.tooLate');
    expect(listMerges(h.db, ctxFor(h.db, w.salesA1).user, {}, NOW + UNDO_WINDOW_MS + 1)[0].undoable).toBe(false);
    expect(listMerges(h.db, ctxFor(h.db, w.salesA1).user, {}, NOW + 1)[0]).toMatchObject({ survivorId: w.alpha, mergedNames: ['Alpha SA'], undoable: true });

    expect(undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA1, NOW + 1)).ok).toBe(true);
    const twice = undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA1, NOW + 2));
    expect(!twice.ok && twice.error.code).toBe('merge.errors.alreadyUndone');

    const again = mergeCompanies(h, w.salesA1);
    if (!again.ok) throw new Error(again.error.code);
    setCompanyArchived(h.db, w.alpha, true, ctxFor(h.db, w.salesA2, NOW + 5));
    const before = everything(h);
    const changed = undoMerge(h.db, again.value.mergeId, ctxFor(h.db, w.salesA1, NOW + 6));
    expect(changed).toEqual({ ok: false, error: { code: 'merge.errors.changedSince', fieldErrors: { _by: 'Tina Teammate', _at: String(NOW + 5) } } });
    expect(everything(h)).toEqual(before);
  });

  test('only someone who could have merged may undo; a later change of the survivor blocks it', () => {
    const h = world();
    const { w } = h;
    const r = mergeRecords(h.db, 'contact', { survivorId: w.anne, mergedIds: [w.anne2], choices: {} }, ctxFor(h.db, w.salesA1, NOW));
    if (!r.ok) throw new Error(r.error.code);
    expect(listMerges(h.db, ctxFor(h.db, w.salesA2).user, {}, NOW)[0].undoable).toBe(false);
    const refused = undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA2, NOW + 1));
    expect(!refused.ok && refused.error.code).toBe('errors.forbidden');
    expect(listMerges(h.db, ctxFor(h.db, w.salesB).user, {}, NOW)).toEqual([]);
    // Deactivating bumps the version: undo is then refused.
    setContactActive(h.db, w.anne, false, ctxFor(h.db, w.salesA1, NOW + 2));
    const stale = undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA1, NOW + 3));
    expect(!stale.ok && stale.error.code).toBe('merge.errors.changedSince');
  });
});
