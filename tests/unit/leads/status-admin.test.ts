import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, leads } from '@/db/schema';
import { MESSAGES } from '@/lib/i18n/messages';
import { loseLead, moveLead, reopenLead } from '@/lib/leads/service';
import { createLeadStatus, deleteLeadStatus, leadStatusUsage, makeNewLeadStatus, reorderLeadStatuses, updateLeadStatus, type Ctx } from '@/lib/leads/status-admin';
import { deleteLeadStatusForm, editLeadStatusForm, leadStatusOrderForm, leadStatusSchema, type LeadStatusInput } from '@/lib/leads/status-schema';
import { leadStatusOfKind, listLeadStatuses } from '@/lib/leads/statuses';
import { T0, makeTeam, makeUser, tableContents, testDb, viewerOf } from '../../helpers/db';
import { leadRow, leadWorld, makeLead } from '../../helpers/leads';
import { refId } from '../../helpers/opportunities';

const NOW = T0 + 5000;

function world() {
  const t = testDb();
  const { db } = t;
  const team = makeTeam(db, 'North');
  const admin = makeUser(db, { role: 'admin' });
  const manager = makeUser(db, { role: 'manager', teams: [team] });
  const sales = makeUser(db, { role: 'sales', teams: [team] });
  const readOnly = makeUser(db, { role: 'read_only', teams: [team] });
  const oldAdmin = makeUser(db, { role: 'admin', active: false });
  const ctxOf = (id: number, now = NOW): Ctx => ({ user: viewerOf(db, id), now, ip: '192.0.2.7' });
  const asAdmin = ctxOf(admin);
  const s = leadWorld(db);
  const audits = (action?: string) =>
    db
      .select()
      .from(auditLog)
      .where(action ? eq(auditLog.action, action) : undefined)
      .orderBy(auditLog.id)
      .all();
  const names = () => listLeadStatuses(db).map((x) => x.name);
  const kinds = () => listLeadStatuses(db).map((x) => `${x.name}:${x.kind}${x.closed ? ':closed' : ''}`);
  const newStatus = (name: string, o: Partial<LeadStatusInput> = {}) => {
    const r = createLeadStatus(db, { name, color: 'teal', closed: false, ...o }, asAdmin);
    if (!r.ok) throw new Error(r.error.code);
    return r.value.id;
  };
  /** A lead owned by the admin, moved into `statusId` (it starts in the new one). */
  const lead = (statusId?: number) => {
    const id = makeLead(db, sales);
    if (statusId && statusId !== s.toHandle) {
      const r = moveLead(db, { id, statusId, beforeId: null }, ctxOf(sales));
      if (!r.ok) throw new Error(r.error.code);
    }
    return id;
  };
  return { t, db, team, admin, manager, sales, readOnly, oldAdmin, ctxOf, asAdmin, s, audits, names, kinds, newStatus, lead };
}
type World = ReturnType<typeof world>;

/** What the statuses must satisfy after any operation. */
function expectInvariants(w: World) {
  const all = listLeadStatuses(w.db);
  for (const k of ['new', 'converted', 'lost'] as const) expect(all.filter((x) => x.kind === k), k).toHaveLength(1);
  expect(all.slice(-2).map((x) => x.kind).sort(), 'converted and lost last').toEqual(['converted', 'lost']);
  for (const x of all) {
    if (x.kind === 'converted' || x.kind === 'lost') expect(x.closed, `${x.name} closed`).toBe(true);
    if (x.kind === 'new') expect(x.closed, `${x.name} open`).toBe(false);
  }
  expect(all.map((x) => x.position)).toEqual(all.map((_, i) => i));
}

function contents(w: World) {
  const own = ['lead_statuses', 'leads'].map((n) => [n, w.t.sqlite.prepare(`select * from ${n} order by rowid`).all()]);
  return { ...tableContents(w.t), ...Object.fromEntries(own) };
}

describe('only an active administrator may configure lead statuses', () => {
  /** Each operation prepares what it needs (as the admin), then returns the call to make as `ctx`. */
  const OPERATIONS: Record<string, (w: World) => (ctx: Ctx) => { ok: boolean }> = {
    createLeadStatus: (w) => (ctx) => createLeadStatus(w.db, { name: 'Demo booked', color: 'pink', closed: false }, ctx),
    updateLeadStatus: (w) => (ctx) => updateLeadStatus(w.db, w.s.nurturing, { name: 'Warming up', color: 'pink', closed: true }, ctx),
    makeNewLeadStatus: (w) => (ctx) => makeNewLeadStatus(w.db, w.s.marketing, ctx),
    reorderByOrder: (w) => (ctx) => reorderLeadStatuses(w.db, { order: [w.s.nurturing, w.s.toHandle, w.s.marketing, w.s.sales] }, ctx),
    reorderByStep: (w) => (ctx) => reorderLeadStatuses(w.db, { statusId: w.s.sales, direction: 'up' }, ctx),
    deleteLeadStatus: (w) => (ctx) => deleteLeadStatus(w.db, w.s.nurturing, { moveTo: null }, ctx),
    deleteLeadStatusMovingItsLeads: (w) => {
      w.lead(w.s.nurturing);
      return (ctx) => deleteLeadStatus(w.db, w.s.nurturing, { moveTo: w.s.sales }, ctx);
    },
  };

  describe.each(['manager', 'sales', 'readOnly', 'oldAdmin'] as const)('%s', (who) => {
    test.each(Object.keys(OPERATIONS))('%s is refused with errors.forbidden and changes nothing', (name) => {
      const w = world();
      const call = OPERATIONS[name](w);
      const before = contents(w);
      expect(call(w.ctxOf(w[who]))).toEqual({ ok: false, error: { code: 'errors.forbidden', fieldErrors: undefined } });
      expect(contents(w)).toEqual(before);
    });
  });

  test.each(Object.keys(OPERATIONS))('%s succeeds for an administrator and keeps the invariants', (name) => {
    const w = world();
    const call = OPERATIONS[name](w);
    expect(call(w.asAdmin).ok).toBe(true);
    expectInvariants(w);
  });
});

describe('the forms', () => {
  test('a status: name with spaces folded, a colour of the palette, closed as a checkbox', () => {
    expect(leadStatusSchema.parse({ name: '  Demo   booked ', color: 'pink' })).toEqual({ name: 'Demo booked', color: 'pink', closed: false });
    expect(leadStatusSchema.parse({ name: 'Parked', color: 'slate', closed: 'on' }).closed).toBe(true);
    expect(leadStatusSchema.parse({ name: 'Parked', color: 'slate', closed: true }).closed).toBe(true);
    expect(leadStatusSchema.safeParse({ name: '   ', color: 'pink' }).error?.issues[0].message).toBe('errors.required');
    expect(leadStatusSchema.safeParse({ name: 'x'.repeat(61), color: 'pink' }).error?.issues[0].message).toBe('errors.tooLong');
    expect(leadStatusSchema.safeParse({ name: 'Parked', color: 'chartreuse' }).error?.issues[0].message).toBe('errors.invalidChoice');
    expect(editLeadStatusForm.parse({ id: '4', name: 'A', color: 'red' })).toMatchObject({ id: 4 });
    expect(deleteLeadStatusForm.parse({ id: '4', moveTo: '' })).toEqual({ id: 4, moveTo: null });
    expect(deleteLeadStatusForm.parse({ id: '4', moveTo: '7' })).toEqual({ id: 4, moveTo: 7 });
  });

  test('the order: repeated ids (a drag), or a status and a direction (the buttons)', () => {
    expect(leadStatusOrderForm.parse({ order: ['4', '2', '3'] })).toEqual({ order: [4, 2, 3] });
    expect(leadStatusOrderForm.parse({ statusId: '4', direction: 'down' })).toMatchObject({ statusId: 4, direction: 'down' });
    expect(leadStatusOrderForm.safeParse({}).success).toBe(false);
    expect(leadStatusOrderForm.safeParse({ statusId: '4' }).success).toBe(false);
    expect(leadStatusOrderForm.safeParse({ statusId: '4', direction: 'sideways' }).success).toBe(false);
  });
});

describe('adding, renaming, colouring, closing', () => {
  test('a new status is an open one, inserted before converted and lost, and audited', () => {
    const w = world();
    const id = w.newStatus('Demo booked', { color: 'pink' });
    expect(w.kinds()).toEqual(['To handle:new', 'Marketing qualification:open', 'Sales qualification:open', 'Nurturing:open', 'Demo booked:open', 'Converted:converted:closed', 'Lost:lost:closed']);
    expect(listLeadStatuses(w.db).find((x) => x.id === id)).toMatchObject({ color: 'pink', kind: 'open', closed: false });
    expect(w.audits('lead_status.created')).toMatchObject([{ entityType: 'lead_status', entityId: id, actorId: w.admin, data: { name: 'Demo booked', color: 'pink' } }]);
    // A closed one from the start (an archive column, say).
    const parked = w.newStatus('Parked', { closed: true });
    expect(listLeadStatuses(w.db).find((x) => x.id === parked)).toMatchObject({ kind: 'open', closed: true });
    expect(w.names().slice(-3)).toEqual(['Parked', 'Converted', 'Lost']);
    expectInvariants(w);
  });

  test('names are unique whatever their case and accents', () => {
    const w = world();
    const taken = { ok: false, error: { code: 'errors.invalidForm', fieldErrors: { name: 'leadSettings.errors.nameTaken' } } };
    expect(createLeadStatus(w.db, { name: 'NURTÜRING', color: 'pink', closed: false }, w.asAdmin)).toEqual(taken);
    expect(createLeadStatus(w.db, { name: 'lost', color: 'pink', closed: false }, w.asAdmin)).toEqual(taken);
    expect(updateLeadStatus(w.db, w.s.nurturing, { name: 'Converted', color: 'amber', closed: false }, w.asAdmin)).toEqual(taken);
    // Its own name in another case is fine.
    expect(updateLeadStatus(w.db, w.s.nurturing, { name: 'NURTURING', color: 'amber', closed: false }, w.asAdmin).ok).toBe(true);
    expect(w.names()).toContain('NURTURING');
  });

  test('renaming, recolouring and closing an open status: one audit row with what changed', () => {
    const w = world();
    expect(updateLeadStatus(w.db, w.s.nurturing, { name: 'Not now', color: 'slate', closed: true }, w.asAdmin).ok).toBe(true);
    expect(listLeadStatuses(w.db).find((x) => x.id === w.s.nurturing)).toMatchObject({ name: 'Not now', color: 'slate', closed: true, kind: 'open' });
    expect(w.audits('lead_status.updated')).toMatchObject([
      { entityType: 'lead_status', entityId: w.s.nurturing, data: { status: 'Not now', name: ['Nurturing', 'Not now'], color: ['amber', 'slate'], closed: [false, true] } },
    ]);
    // Nothing changed: nothing written.
    expect(updateLeadStatus(w.db, w.s.nurturing, { name: 'Not now', color: 'slate', closed: true }, w.asAdmin).ok).toBe(true);
    expect(w.audits('lead_status.updated')).toHaveLength(1);
    // Open again.
    expect(updateLeadStatus(w.db, w.s.nurturing, { name: 'Not now', color: 'slate', closed: false }, w.asAdmin).ok).toBe(true);
    expect(w.audits('lead_status.updated').at(-1)!.data).toEqual({ status: 'Not now', closed: [true, false] });
    expect(updateLeadStatus(w.db, 9999, { name: 'X', color: 'slate', closed: false }, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expectInvariants(w);
  });

  test('converted and lost stay closed; the new status cannot be closed', () => {
    const w = world();
    expect(updateLeadStatus(w.db, w.s.converted, { name: 'Won over', color: 'teal', closed: false }, w.asAdmin).ok).toBe(true);
    expect(updateLeadStatus(w.db, w.s.lost, { name: 'Dropped', color: 'red', closed: false }, w.asAdmin).ok).toBe(true);
    expect(w.kinds().slice(-2)).toEqual(['Won over:converted:closed', 'Dropped:lost:closed']);
    expect(w.audits('lead_status.updated').map((a) => a.data)).toEqual([
      { status: 'Won over', name: ['Converted', 'Won over'], color: ['green', 'teal'] },
      { status: 'Dropped', name: ['Lost', 'Dropped'] },
    ]);
    const before = contents(w);
    expect(updateLeadStatus(w.db, w.s.toHandle, { name: 'Inbox', color: 'sky', closed: true }, w.asAdmin)).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { closed: 'leadSettings.errors.newCannotClose' } },
    });
    expect(contents(w)).toEqual(before);
    expect(updateLeadStatus(w.db, w.s.toHandle, { name: 'Inbox', color: 'sky', closed: false }, w.asAdmin).ok).toBe(true);
    expect(w.kinds()[0]).toBe('Inbox:new');
    expectInvariants(w);
  });
});

describe('the new status', () => {
  test('an open status becomes THE new one: the previous one becomes open, and new leads start there', () => {
    const w = world();
    expect(makeNewLeadStatus(w.db, w.s.marketing, w.asAdmin).ok).toBe(true);
    expect(w.kinds().slice(0, 2)).toEqual(['To handle:open', 'Marketing qualification:new']);
    expect(w.audits('lead_status.updated')).toMatchObject([{ entityId: w.s.marketing, data: { status: 'Marketing qualification', kind: ['open', 'new'], previous: 'To handle' } }]);
    expect(leadRow(w.db, w.lead()).status_id).toBe(w.s.marketing);
    // Already the new one: nothing to do, nothing written.
    expect(makeNewLeadStatus(w.db, w.s.marketing, w.asAdmin).ok).toBe(true);
    expect(w.audits('lead_status.updated')).toHaveLength(1);
    expectInvariants(w);
  });

  test('converted, lost and closed statuses cannot become the new one', () => {
    const w = world();
    const parked = w.newStatus('Parked', { closed: true });
    const before = contents(w);
    expect(makeNewLeadStatus(w.db, w.s.converted, w.asAdmin)).toEqual({ ok: false, error: { code: 'leadSettings.errors.terminalKind', fieldErrors: undefined } });
    expect(makeNewLeadStatus(w.db, w.s.lost, w.asAdmin)).toEqual({ ok: false, error: { code: 'leadSettings.errors.terminalKind', fieldErrors: undefined } });
    expect(makeNewLeadStatus(w.db, parked, w.asAdmin)).toEqual({ ok: false, error: { code: 'leadSettings.errors.closedCannotBeNew', fieldErrors: undefined } });
    expect(makeNewLeadStatus(w.db, 9999, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(contents(w)).toEqual(before);
  });
});

describe('reordering', () => {
  test('a whole new order of the new and open statuses (a drag); converted and lost stay last', () => {
    const w = world();
    const s = w.s;
    expect(reorderLeadStatuses(w.db, { order: [s.marketing, s.sales, s.toHandle, s.nurturing] }, w.asAdmin).ok).toBe(true);
    expect(w.names()).toEqual(['Marketing qualification', 'Sales qualification', 'To handle', 'Nurturing', 'Converted', 'Lost']);
    expect(w.audits('lead_status.moved')).toMatchObject([
      {
        entityType: 'lead_status',
        entityId: s.toHandle,
        data: {
          status: 'To handle',
          order: [
            ['To handle', 'Marketing qualification', 'Sales qualification', 'Nurturing'],
            ['Marketing qualification', 'Sales qualification', 'To handle', 'Nurturing'],
          ],
        },
      },
    ]);
    // The same order again: nothing written.
    expect(reorderLeadStatuses(w.db, { order: [s.marketing, s.sales, s.toHandle, s.nurturing] }, w.asAdmin).ok).toBe(true);
    expect(w.audits('lead_status.moved')).toHaveLength(1);
    // Two swaps at once: no single status moved.
    expect(reorderLeadStatuses(w.db, { order: [s.sales, s.marketing, s.nurturing, s.toHandle] }, w.asAdmin).ok).toBe(true);
    expect(w.audits('lead_status.moved').at(-1)!.entityId).toBeNull();
    expectInvariants(w);
  });

  test('an order that puts converted or lost among the others, misses a status or repeats one is refused', () => {
    const w = world();
    const s = w.s;
    const before = contents(w);
    const refused = (order: number[]) => reorderLeadStatuses(w.db, { order }, w.asAdmin);
    expect(refused([s.toHandle, s.converted, s.marketing, s.sales, s.nurturing])).toMatchObject({ ok: false, error: { code: 'leadSettings.errors.terminalLast' } });
    expect(refused([s.toHandle, s.marketing, s.sales, s.nurturing, s.lost, s.converted])).toMatchObject({ ok: false, error: { code: 'leadSettings.errors.terminalLast' } });
    expect(refused([s.toHandle, s.marketing, s.sales])).toMatchObject({ ok: false, error: { code: 'leadSettings.errors.statusesChanged' } });
    expect(refused([s.toHandle, s.marketing, s.sales, s.sales])).toMatchObject({ ok: false, error: { code: 'leadSettings.errors.statusesChanged' } });
    expect(refused([s.toHandle, s.marketing, s.sales, s.nurturing, 9999])).toMatchObject({ ok: false, error: { code: 'leadSettings.errors.statusesChanged' } });
    expect(contents(w)).toEqual(before);
  });

  test('one step up or down (the buttons): the last open status does not pass converted, which do not move', () => {
    const w = world();
    const s = w.s;
    const step = (statusId: number, direction: 'up' | 'down') => reorderLeadStatuses(w.db, { statusId, direction }, w.asAdmin);
    expect(step(s.marketing, 'up').ok).toBe(true);
    expect(w.names()).toEqual(['Marketing qualification', 'To handle', 'Sales qualification', 'Nurturing', 'Converted', 'Lost']);
    expect(w.audits('lead_status.moved')).toMatchObject([{ entityId: s.marketing, data: { status: 'Marketing qualification' } }]);
    expect(step(s.marketing, 'up').ok).toBe(true);
    expect(step(s.nurturing, 'down').ok).toBe(true);
    expect(w.names()).toEqual(['Marketing qualification', 'To handle', 'Sales qualification', 'Nurturing', 'Converted', 'Lost']);
    expect(w.audits('lead_status.moved')).toHaveLength(1);
    expect(step(s.toHandle, 'down').ok).toBe(true);
    expect(w.names()).toEqual(['Marketing qualification', 'Sales qualification', 'To handle', 'Nurturing', 'Converted', 'Lost']);
    expect(step(s.converted, 'up')).toMatchObject({ ok: false, error: { code: 'leadSettings.errors.terminalLast' } });
    expect(step(s.lost, 'down')).toMatchObject({ ok: false, error: { code: 'leadSettings.errors.terminalLast' } });
    expect(step(9999, 'up')).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expectInvariants(w);
  });
});

describe('deleting', () => {
  test('an unused open status is deleted and the others are renumbered', () => {
    const w = world();
    expect(deleteLeadStatus(w.db, w.s.marketing, { moveTo: null }, w.asAdmin)).toEqual({ ok: true, value: { moved: 0 } });
    expect(w.names()).toEqual(['To handle', 'Sales qualification', 'Nurturing', 'Converted', 'Lost']);
    expect(w.audits('lead_status.deleted')).toMatchObject([{ entityType: 'lead_status', entityId: w.s.marketing, data: { name: 'Marketing qualification' } }]);
    expect(deleteLeadStatus(w.db, w.s.marketing, { moveTo: null }, w.asAdmin)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expectInvariants(w);
  });

  test('the new, converted and lost statuses cannot be deleted', () => {
    const w = world();
    const before = contents(w);
    expect(deleteLeadStatus(w.db, w.s.toHandle, { moveTo: null }, w.asAdmin)).toEqual({ ok: false, error: { code: 'leadSettings.errors.deleteNew', fieldErrors: undefined } });
    expect(deleteLeadStatus(w.db, w.s.converted, { moveTo: null }, w.asAdmin)).toEqual({ ok: false, error: { code: 'leadSettings.errors.deleteTerminal', fieldErrors: undefined } });
    expect(deleteLeadStatus(w.db, w.s.lost, { moveTo: w.s.sales }, w.asAdmin)).toEqual({ ok: false, error: { code: 'leadSettings.errors.deleteTerminal', fieldErrors: undefined } });
    expect(contents(w)).toEqual(before);
  });

  test('a status in use is refused with its count, and nothing changes', () => {
    const w = world();
    w.lead(w.s.sales);
    w.lead(w.s.sales);
    w.lead(w.s.sales);
    w.lead(w.s.nurturing);
    const before = contents(w);
    expect(deleteLeadStatus(w.db, w.s.sales, { moveTo: null }, w.asAdmin)).toEqual({
      ok: false,
      error: { code: 'leadSettings.errors.statusInUse', fieldErrors: { _count: '3', _name: 'Sales qualification' } },
    });
    expect(contents(w)).toEqual(before);
    expect(leadStatusUsage(w.db)).toEqual(
      new Map([
        [w.s.sales, 3],
        [w.s.nurturing, 1],
      ]),
    );
  });

  test('its leads can be moved to another status in the same transaction, after that column’s cards', () => {
    const w = world();
    const s = w.s;
    const there = w.lead(s.nurturing);
    const a = w.lead(s.sales);
    const b = w.lead(s.sales);
    const versions = [a, b].map((id) => Number(leadRow(w.db, id).version));
    const activity = leadRow(w.db, a).last_activity_at;
    const r = deleteLeadStatus(w.db, s.sales, { moveTo: s.nurturing }, w.ctxOf(w.admin, NOW + 1000));
    expect(r).toEqual({ ok: true, value: { moved: 2 } });
    const rows = w.db.select().from(leads).where(eq(leads.statusId, s.nurturing)).orderBy(leads.position).all();
    expect(rows.map((l) => l.id)).toEqual([there, a, b]);
    expect(rows.slice(1).map((l) => l.version)).toEqual(versions.map((v) => v + 1));
    expect(rows.find((l) => l.id === a)).toMatchObject({ updatedBy: w.admin, updatedAt: NOW + 1000, lastActivityAt: activity });
    const moved = w.audits('lead.moved').filter((x) => x.actorId === w.admin);
    expect(moved.map((x) => [x.entityId, x.data])).toEqual([
      [a, { statusId: [s.sales, s.nurturing], status: ['Sales qualification', 'Nurturing'], statusDeleted: true }],
      [b, { statusId: [s.sales, s.nurturing], status: ['Sales qualification', 'Nurturing'], statusDeleted: true }],
    ]);
    expect(w.audits('lead_status.deleted').at(-1)!.data).toEqual({ name: 'Sales qualification', moved: 2, movedTo: 'Nurturing' });
    expect(leadStatusUsage(w.db).get(s.nurturing)).toBe(3);
    expectInvariants(w);
  });

  test('the status taking the leads must be another status that is neither converted nor lost (the new one is fine)', () => {
    const w = world();
    const s = w.s;
    w.lead(s.sales);
    const before = contents(w);
    for (const moveTo of [s.sales, s.converted, s.lost, 9999]) {
      expect(deleteLeadStatus(w.db, s.sales, { moveTo }, w.asAdmin), String(moveTo)).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { moveTo: 'errors.invalidChoice' } } });
    }
    expect(contents(w)).toEqual(before);
    expect(deleteLeadStatus(w.db, s.sales, { moveTo: s.toHandle }, w.asAdmin)).toEqual({ ok: true, value: { moved: 1 } });
    expect(leadStatusUsage(w.db).get(s.toHandle)).toBe(1);
  });

  test('lost leads that would reopen in a deleted status forget it (reopening in the new one), or follow the moved leads', () => {
    const w = world();
    const s = w.s;
    const price = refId(w.db, 'lost_reason', 'Price');
    const lose = (id: number) => expect(loseLead(w.db, id, { lostReasonId: price, comment: null }, w.ctxOf(w.sales)).ok).toBe(true);
    const forgotten = w.lead(s.marketing);
    lose(forgotten);
    expect(leadRow(w.db, forgotten).reopen_status_id).toBe(s.marketing);
    // Not counted as a use: the status holds no lead any more.
    expect(deleteLeadStatus(w.db, s.marketing, { moveTo: null }, w.asAdmin).ok).toBe(true);
    expect(leadRow(w.db, forgotten).reopen_status_id).toBeNull();
    expect(reopenLead(w.db, forgotten, { reason: 'Called back' }, w.ctxOf(w.sales)).ok).toBe(true);
    expect(leadRow(w.db, forgotten).status_id).toBe(s.toHandle);

    const followed = w.lead(s.sales);
    w.lead(s.sales);
    lose(followed);
    expect(deleteLeadStatus(w.db, s.sales, { moveTo: s.nurturing }, w.asAdmin)).toEqual({ ok: true, value: { moved: 1 } });
    expect(leadRow(w.db, followed).reopen_status_id).toBe(s.nurturing);
  });
});

test('a fresh install has one status of each role, and the starter ones in order', () => {
  const w = world();
  expect(w.kinds()).toEqual(['To handle:new', 'Marketing qualification:open', 'Sales qualification:open', 'Nurturing:open', 'Converted:converted:closed', 'Lost:lost:closed']);
  expect(leadStatusOfKind(w.db, 'new')!.id).toBe(w.s.toHandle);
  expectInvariants(w);
});

test('every refusal code of the status settings has a message in both languages', () => {
  const codes = ['nameTaken', 'newCannotClose', 'terminalKind', 'closedCannotBeNew', 'terminalLast', 'statusesChanged', 'deleteNew', 'deleteTerminal', 'statusInUse'];
  for (const locale of ['en', 'fr'] as const) {
    const errors = (MESSAGES[locale] as { leadSettings?: { errors?: Record<string, string> } }).leadSettings?.errors ?? {};
    expect(codes.filter((c) => !errors[c]), locale).toEqual([]);
  }
  // The count of a status in use is in the message.
  expect((MESSAGES.en as { leadSettings: { errors: Record<string, string> } }).leadSettings.errors.statusInUse).toContain('{count');
});
