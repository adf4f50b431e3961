import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, refValues, type RefKind } from '@/db/schema';
import { listRefValues, listTags } from '@/lib/reference/queries';
import { moveForm, newRefValueForm, refValueSchema, retireForm, tagSchema } from '@/lib/reference/schema';
import {
  createRefValue,
  createTag,
  moveRefValue,
  moveTag,
  renameRefValue,
  setRefValueRetired,
  setTagRetired,
  updateTag,
  type Ctx,
} from '@/lib/reference/service';
import { T0, makeTeam, makeUser, tableContents, testDb, viewerOf } from '../../helpers/db';

function world() {
  const t = testDb();
  const { db } = t;
  const team = makeTeam(db, 'North');
  const admin = makeUser(db, { role: 'admin' });
  const manager = makeUser(db, { role: 'manager', teams: [team] });
  const sales = makeUser(db, { role: 'sales', teams: [team] });
  const readOnly = makeUser(db, { role: 'read_only', teams: [team] });
  const oldAdmin = makeUser(db, { role: 'admin', active: false });
  const ctxOf = (id: number, now = T0 + 1000): Ctx => ({ user: viewerOf(db, id), now, ip: '192.0.2.7' });
  const asAdmin = ctxOf(admin);
  const audits = () => db.select().from(auditLog).orderBy(auditLog.id).all();
  const names = (kind: RefKind, includeRetired = false) => listRefValues(db, kind, { includeRetired }).map((v) => v.name);
  const tagNames = (includeRetired = false) => listTags(db, { includeRetired }).map((v) => v.name);
  /** Creates values through the service and returns their ids. */
  const values = (kind: RefKind, ...list: string[]) =>
    list.map((name) => {
      const r = createRefValue(db, kind, { name }, asAdmin);
      if (!r.ok) throw new Error(r.error.code);
      return r.value.id;
    });
  const tagIds = (...list: string[]) =>
    list.map((name) => {
      const r = createTag(db, { name, color: 'blue' }, asAdmin);
      if (!r.ok) throw new Error(r.error.code);
      return r.value.id;
    });
  return { t, db, admin, manager, sales, readOnly, oldAdmin, ctxOf, asAdmin, audits, names, tagNames, values, tagIds };
}
type World = ReturnType<typeof world>;

/** Everything a refused call could have touched. */
function contents(w: World) {
  const own = ['ref_values', 'tags'].map((n) => [n, w.t.sqlite.prepare(`select * from ${n} order by rowid`).all()]);
  return { ...tableContents(w.t), ...Object.fromEntries(own) };
}

type Ids = { ref: number; ref2: number; tag: number; tag2: number };

describe('only an active administrator may change the lists', () => {
  /** Each operation on a world with three industries (`ref2` retired) and three tags (`tag2` retired). */
  const OPERATIONS: Record<string, (w: World, ids: Ids, ctx: Ctx) => { ok: boolean }> = {
    createRefValue: (w, _, ctx) => createRefValue(w.db, 'industry', { name: 'Banking' }, ctx),
    renameRefValue: (w, ids, ctx) => renameRefValue(w.db, ids.ref, { name: 'Retail trade' }, ctx),
    moveRefValue: (w, ids, ctx) => moveRefValue(w.db, ids.ref, 'down', ctx),
    'setRefValueRetired (retire)': (w, ids, ctx) => setRefValueRetired(w.db, ids.ref, true, ctx),
    'setRefValueRetired (restore)': (w, ids, ctx) => setRefValueRetired(w.db, ids.ref2, false, ctx),
    createTag: (w, _, ctx) => createTag(w.db, { name: 'Hot', color: 'red' }, ctx),
    updateTag: (w, ids, ctx) => updateTag(w.db, ids.tag, { name: 'VIP+', color: 'pink' }, ctx),
    moveTag: (w, ids, ctx) => moveTag(w.db, ids.tag, 'down', ctx),
    'setTagRetired (retire)': (w, ids, ctx) => setTagRetired(w.db, ids.tag, true, ctx),
    'setTagRetired (restore)': (w, ids, ctx) => setTagRetired(w.db, ids.tag2, false, ctx),
  };
  function setUp() {
    const w = world();
    const [ref, ref2] = w.values('industry', 'Retail', 'Energy', 'Transport');
    setRefValueRetired(w.db, ref2, true, w.asAdmin);
    const [tag, tag2] = w.tagIds('VIP', 'Old', 'Partner');
    setTagRetired(w.db, tag2, true, w.asAdmin);
    return { w, ids: { ref, ref2, tag, tag2 } };
  }
  const ACTORS = ['manager', 'sales', 'readOnly', 'oldAdmin'] as const;
  const cases = Object.keys(OPERATIONS).flatMap((op) => ACTORS.map((actor) => ({ op, actor })));

  test.each(cases)("$op by $actor is refused with 'errors.forbidden' and changes nothing", ({ op, actor }) => {
    const { w, ids } = setUp();
    const before = contents(w);
    expect(OPERATIONS[op](w, ids, w.ctxOf(w[actor]))).toEqual({ ok: false, error: { code: 'errors.forbidden', fieldErrors: undefined } });
    expect(contents(w)).toEqual(before);
  });

  test.each(Object.keys(OPERATIONS))('%s by an active admin succeeds and writes one audit row', (op) => {
    const { w, ids } = setUp();
    const auditsBefore = w.audits().length;
    expect(OPERATIONS[op](w, ids, w.ctxOf(w.admin, T0 + 5000)).ok).toBe(true);
    const rows = w.audits().slice(auditsBefore);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: w.admin, at: T0 + 5000, ip: '192.0.2.7' });
  });
});

describe('reference values', () => {
  test("createRefValue: appended at the end of its list, with a 'reference.created' audit row", () => {
    const w = world();
    w.values('industry', 'Retail', 'Energy');
    w.values('origin', 'Trade show');
    const r = createRefValue(w.db, 'industry', { name: 'Banking' }, w.asAdmin);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(w.names('industry')).toEqual(['Retail', 'Energy', 'Banking']);
    expect(w.names('origin')).toEqual(['Trade show']);
    expect(w.db.select().from(refValues).where(eq(refValues.id, r.value.id)).get()).toMatchObject({
      kind: 'industry',
      name: 'Banking',
      position: 3,
      retired: false,
      createdAt: T0 + 1000,
    });
    expect(w.audits().at(-1)).toMatchObject({
      action: 'reference.created',
      entityType: 'ref_value',
      entityId: r.value.id,
      data: { kind: 'industry', name: 'Banking' },
    });
  });

  test('names are unique per list whatever the case and accents; the same name may be in another list', () => {
    const w = world();
    w.values('industry', 'Énergie', 'Retail');
    const before = contents(w);
    for (const name of ['énergie', 'ENERGIE', 'Energie', 'retail']) {
      expect(createRefValue(w.db, 'industry', { name }, w.asAdmin)).toEqual({
        ok: false,
        error: { code: 'errors.invalidForm', fieldErrors: { name: 'reference.errors.nameTaken' } },
      });
    }
    expect(contents(w)).toEqual(before);
    expect(createRefValue(w.db, 'customer_family', { name: 'Énergie' }, w.asAdmin).ok).toBe(true);
  });

  test('a retired twin is pointed out, so the admin restores it instead', () => {
    const w = world();
    const [old] = w.values('origin', 'Salon');
    setRefValueRetired(w.db, old, true, w.asAdmin);
    expect(createRefValue(w.db, 'origin', { name: 'salon' }, w.asAdmin)).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { name: 'reference.errors.nameTakenRetired' } },
    });
  });

  test('an unknown kind is refused', () => {
    const w = world();
    expect(createRefValue(w.db, 'colour' as RefKind, { name: 'Red' }, w.asAdmin)).toEqual({ ok: false, error: { code: 'errors.invalidChoice', fieldErrors: undefined } });
  });

  test("renameRefValue: renamed in place, 'reference.renamed' with before and after; a change of case only is allowed", () => {
    const w = world();
    const [retail] = w.values('industry', 'Retail', 'Energy');
    expect(renameRefValue(w.db, retail, { name: 'Retail trade' }, w.asAdmin)).toEqual({ ok: true, value: undefined });
    expect(w.names('industry')).toEqual(['Retail trade', 'Energy']);
    expect(w.audits().at(-1)).toMatchObject({ action: 'reference.renamed', entityId: retail, data: { kind: 'industry', name: ['Retail', 'Retail trade'] } });
    expect(renameRefValue(w.db, retail, { name: 'RETAIL TRADE' }, w.asAdmin).ok).toBe(true);
    expect(w.names('industry')).toEqual(['RETAIL TRADE', 'Energy']);
  });

  test('renameRefValue to the name of another value of the list is refused; an unchanged name writes nothing', () => {
    const w = world();
    const [retail] = w.values('industry', 'Retail', 'Énergie');
    const before = contents(w);
    expect(renameRefValue(w.db, retail, { name: 'energie' }, w.asAdmin)).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { name: 'reference.errors.nameTaken' } },
    });
    expect(renameRefValue(w.db, retail, { name: 'Retail' }, w.asAdmin)).toEqual({ ok: true, value: undefined });
    expect(contents(w)).toEqual(before);
  });

  test("an unknown id is 'errors.notFound'", () => {
    const w = world();
    const nf = { ok: false, error: { code: 'errors.notFound', fieldErrors: undefined } };
    expect(renameRefValue(w.db, 999, { name: 'X' }, w.asAdmin)).toEqual(nf);
    expect(moveRefValue(w.db, 999, 'up', w.asAdmin)).toEqual(nf);
    expect(setRefValueRetired(w.db, 999, true, w.asAdmin)).toEqual(nf);
    expect(updateTag(w.db, 999, { name: 'X', color: 'red' }, w.asAdmin)).toEqual(nf);
    expect(moveTag(w.db, 999, 'up', w.asAdmin)).toEqual(nf);
    expect(setTagRetired(w.db, 999, true, w.asAdmin)).toEqual(nf);
  });

  test("moveRefValue swaps neighbours within the list, with a 'reference.moved' audit row", () => {
    const w = world();
    const [a, b, c] = w.values('origin', 'A', 'B', 'C');
    w.values('industry', 'Other list');
    expect(moveRefValue(w.db, c, 'up', w.asAdmin).ok).toBe(true);
    expect(w.names('origin')).toEqual(['A', 'C', 'B']);
    expect(w.audits().at(-1)).toMatchObject({ action: 'reference.moved', entityId: c, data: { kind: 'origin', name: 'C', direction: 'up', position: [3, 2] } });
    expect(moveRefValue(w.db, a, 'down', w.asAdmin).ok).toBe(true);
    expect(w.names('origin')).toEqual(['C', 'A', 'B']);
    expect(moveRefValue(w.db, b, 'up', w.asAdmin).ok).toBe(true);
    expect(w.names('origin')).toEqual(['C', 'B', 'A']);
    expect(w.names('industry')).toEqual(['Other list']);
  });

  test('moving past either end changes nothing and is not audited', () => {
    const w = world();
    const [a, , c] = w.values('origin', 'A', 'B', 'C');
    const before = contents(w);
    expect(moveRefValue(w.db, a, 'up', w.asAdmin)).toEqual({ ok: true, value: undefined });
    expect(moveRefValue(w.db, c, 'down', w.asAdmin)).toEqual({ ok: true, value: undefined });
    expect(contents(w)).toEqual(before);
  });

  test('a move works when positions tie (values inserted without one) and leaves distinct positions', () => {
    const w = world();
    for (const name of ['Gamma', 'Alpha', 'Beta']) w.db.insert(refValues).values({ kind: 'contact_role', name, createdAt: T0 }).run();
    expect(w.names('contact_role')).toEqual(['Alpha', 'Beta', 'Gamma']);
    const gamma = w.db.select().from(refValues).where(eq(refValues.name, 'Gamma')).get()!;
    expect(moveRefValue(w.db, gamma.id, 'up', w.asAdmin).ok).toBe(true);
    expect(w.names('contact_role')).toEqual(['Alpha', 'Gamma', 'Beta']);
    expect(listRefValues(w.db, 'contact_role').map((v) => v.position)).toEqual([1, 2, 3]);
  });

  test('moves skip retired values: active values are reordered among themselves', () => {
    const w = world();
    const [, b, c] = w.values('industry', 'A', 'B', 'C');
    setRefValueRetired(w.db, b, true, w.asAdmin);
    expect(moveRefValue(w.db, c, 'up', w.asAdmin).ok).toBe(true);
    expect(w.names('industry')).toEqual(['C', 'A']);
    expect(w.names('industry', true)).toEqual(['C', 'A', 'B']);
  });

  test("retire and restore: 'reference.retired' / 'reference.restored'; the value keeps its place; repeating is a no-op", () => {
    const w = world();
    const [, energy] = w.values('industry', 'Retail', 'Energy', 'Transport');
    expect(setRefValueRetired(w.db, energy, true, w.asAdmin).ok).toBe(true);
    expect(w.names('industry')).toEqual(['Retail', 'Transport']);
    expect(listRefValues(w.db, 'industry', { includeRetired: true }).map((v) => [v.name, v.retired])).toEqual([
      ['Retail', false],
      ['Transport', false],
      ['Energy', true],
    ]);
    expect(w.audits().at(-1)).toMatchObject({ action: 'reference.retired', entityId: energy, data: { kind: 'industry', name: 'Energy' } });
    const n = w.audits().length;
    expect(setRefValueRetired(w.db, energy, true, w.asAdmin)).toEqual({ ok: true, value: undefined });
    expect(w.audits()).toHaveLength(n);
    expect(setRefValueRetired(w.db, energy, false, w.asAdmin).ok).toBe(true);
    expect(w.names('industry')).toEqual(['Retail', 'Energy', 'Transport']);
    expect(w.audits().at(-1)).toMatchObject({ action: 'reference.restored', entityId: energy });
  });
});

describe('tags', () => {
  test("createTag with its colour, appended, 'tag.created'; names unique whatever the case and accents", () => {
    const w = world();
    w.tagIds('VIP');
    const r = createTag(w.db, { name: 'Salon 2026', color: 'amber' }, w.asAdmin);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(listTags(w.db)).toEqual([
      expect.objectContaining({ name: 'VIP', color: 'blue', position: 1 }),
      expect.objectContaining({ id: r.value.id, name: 'Salon 2026', color: 'amber', position: 2, retired: false }),
    ]);
    expect(w.audits().at(-1)).toMatchObject({ action: 'tag.created', entityType: 'tag', entityId: r.value.id, data: { name: 'Salon 2026', color: 'amber' } });
    expect(createTag(w.db, { name: 'vip', color: 'red' }, w.asAdmin)).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { name: 'reference.errors.nameTaken' } },
    });
  });

  test("updateTag renames and recolours with one 'tag.updated' row listing what changed", () => {
    const w = world();
    const [vip] = w.tagIds('VIP', 'Éco');
    expect(updateTag(w.db, vip, { name: 'VIP', color: 'purple' }, w.asAdmin).ok).toBe(true);
    expect(w.audits().at(-1)).toMatchObject({ action: 'tag.updated', entityId: vip, data: { color: ['blue', 'purple'] } });
    expect(updateTag(w.db, vip, { name: 'Grands comptes', color: 'red' }, w.asAdmin).ok).toBe(true);
    expect(w.audits().at(-1)).toMatchObject({ data: { name: ['VIP', 'Grands comptes'], color: ['purple', 'red'] } });
    expect(listTags(w.db)[0]).toMatchObject({ name: 'Grands comptes', color: 'red' });
    const before = contents(w);
    expect(updateTag(w.db, vip, { name: 'Grands comptes', color: 'red' }, w.asAdmin)).toEqual({ ok: true, value: undefined });
    expect(updateTag(w.db, vip, { name: 'eco', color: 'red' }, w.asAdmin)).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { name: 'reference.errors.nameTaken' } },
    });
    expect(contents(w)).toEqual(before);
  });

  test("moveTag and setTagRetired: 'tag.moved', 'tag.retired', 'tag.restored'", () => {
    const w = world();
    const [a, b] = w.tagIds('A', 'B', 'C');
    expect(moveTag(w.db, a, 'down', w.asAdmin).ok).toBe(true);
    expect(w.tagNames()).toEqual(['B', 'A', 'C']);
    expect(w.audits().at(-1)).toMatchObject({ action: 'tag.moved', entityId: a, data: { name: 'A', direction: 'down', position: [1, 2] } });
    expect(setTagRetired(w.db, b, true, w.asAdmin).ok).toBe(true);
    expect(w.audits().at(-1)).toMatchObject({ action: 'tag.retired', entityId: b, data: { name: 'B' } });
    expect(w.tagNames()).toEqual(['A', 'C']);
    expect(w.tagNames(true)).toEqual(['A', 'C', 'B']);
    expect(setTagRetired(w.db, b, false, w.asAdmin).ok).toBe(true);
    expect(w.audits().at(-1)).toMatchObject({ action: 'tag.restored', entityId: b });
    expect(w.tagNames()).toEqual(['B', 'A', 'C']);
  });

  test('every write is one transaction: a failure leaves no half-done move', () => {
    const w = world();
    const [a] = w.tagIds('A', 'B');
    w.t.sqlite.exec(`create trigger fail_audit before insert on audit_log when new.action = 'tag.moved' begin select raise(abort, 'boom'); end`);
    const before = contents(w);
    expect(() => moveTag(w.db, a, 'down', w.asAdmin)).toThrow(/boom/);
    expect(contents(w)).toEqual(before);
  });
});

describe('form schemas', () => {
  test('names are trimmed with inner spaces folded; empty and over 80 characters refused with keys', () => {
    expect(refValueSchema.parse({ name: '  Grande   distribution ' })).toEqual({ name: 'Grande distribution' });
    expect(refValueSchema.safeParse({ name: '   ' }).error?.issues[0].message).toBe('errors.required');
    expect(refValueSchema.safeParse({}).error?.issues[0].message).toBe('errors.required');
    expect(refValueSchema.safeParse({ name: 'x'.repeat(81) }).error?.issues[0].message).toBe('errors.tooLong');
    expect(refValueSchema.safeParse({ name: 'x'.repeat(80) }).success).toBe(true);
  });

  test('a tag colour must come from the palette', () => {
    expect(tagSchema.safeParse({ name: 'VIP', color: 'teal' }).success).toBe(true);
    expect(tagSchema.safeParse({ name: 'VIP', color: '#ff0000' }).error?.issues[0].message).toBe('errors.invalidChoice');
  });

  test('the hidden fields of the action forms: kind, id, direction, retired', () => {
    expect(newRefValueForm.parse({ kind: 'origin', name: 'Salon' })).toEqual({ kind: 'origin', name: 'Salon' });
    expect(newRefValueForm.safeParse({ kind: 'colour', name: 'Red' }).error?.issues[0].message).toBe('errors.invalidChoice');
    expect(moveForm.parse({ id: '12', direction: 'down' })).toEqual({ id: 12, direction: 'down' });
    expect(moveForm.safeParse({ id: '12', direction: 'left' }).success).toBe(false);
    expect(moveForm.safeParse({ id: 'x', direction: 'up' }).success).toBe(false);
    expect(retireForm.parse({ id: '3', retired: 'true' })).toEqual({ id: 3, retired: true });
    expect(retireForm.parse({ id: '3', retired: 'false' })).toEqual({ id: 3, retired: false });
    expect(retireForm.safeParse({ id: '3', retired: 'yes' }).success).toBe(false);
  });
});
