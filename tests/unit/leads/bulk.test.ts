import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { BULK_MAX, bulkAssignOwner, bulkLeadStatus, bulkTag, bulkTakeLeads } from '@/lib/customers/bulk';
import { createScoreRule } from '@/lib/leads/rules';
import { loseSchema, scoreRuleSchema } from '@/lib/leads/schema';
import { loseLead } from '@/lib/leads/service';
import { T0 } from '../../helpers/db';
import { ctxFor, makePeople, makeTag, seededWorld } from '../../helpers/customers';
import { leadRow, leadWorld, makeLead } from '../../helpers/leads';
import { refId } from '../../helpers/opportunities';

const NOW = T0 + 50_000;

const world = seededWorld((db) => {
  const p = makePeople(db);
  const s = leadWorld(db);
  const hot = makeTag(db, 'Hot');
  const old = makeTag(db, 'Old', { retired: true });
  createScoreRule(db, scoreRuleSchema.parse({ name: 'Hot', field: 'tagId', operator: 'equals', value: String(hot), points: '15', active: 'on' }), ctxFor(db, p.admin, T0));
  const a1 = makeLead(db, p.salesA1, { lastName: 'A1 one' });
  const a1b = makeLead(db, p.salesA1, { lastName: 'A1 two' });
  const a2 = makeLead(db, p.salesA2, { lastName: 'A2 one' });
  const queueA = makeLead(db, p.salesA1, { lastName: 'Queue A', ownerId: '', teamId: String(p.teamA) });
  const queueA2 = makeLead(db, p.salesA2, { lastName: 'Queue A two', ownerId: '', teamId: String(p.teamA) });
  const b = makeLead(db, p.salesB, { lastName: 'B one' });
  const lostLead = makeLead(db, p.salesA1, { lastName: 'A1 lost' });
  const r = loseLead(db, lostLead, loseSchema.parse({ lostReasonId: String(refId(db, 'lost_reason', 'Price')), comment: '' }), ctxFor(db, p.salesA1, T0 + 4000));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { ...p, ...s, hot, old, a1, a1b, a2, queueA, queueA2, b, lostLead };
});
type H = ReturnType<typeof world>;

const snapshot = (h: H) => ['leads', 'lead_tags', 'audit_log'].map((t) => h.sqlite.prepare(`select * from ${t} order by rowid`).all());
const audits = (h: H, action: string) => h.db.all<{ entity_id: number; data: string }>(sql`select entity_id, data from audit_log where action = ${action} order by id`);
const owner = (h: H, id: number) => leadRow(h.db, id).owner_id;

describe('bulk: assign to me (take in charge)', () => {
  test('a sales user takes their team’s queue leads: owner set, one lead.taken each', () => {
    const h = world();
    const res = bulkTakeLeads(h.db, [h.w.queueA, h.w.queueA2], ctxFor(h.db, h.w.salesA2, NOW));
    expect(res).toEqual({ ok: true, value: { count: 2 } });
    expect([owner(h, h.w.queueA), owner(h, h.w.queueA2)]).toEqual([h.w.salesA2, h.w.salesA2]);
    expect(audits(h, 'lead.taken').map((a) => a.entity_id)).toEqual([h.w.queueA, h.w.queueA2]);
  });

  test('all or nothing: a teammate’s lead in the selection refuses everything', () => {
    const h = world();
    const before = snapshot(h);
    expect(bulkTakeLeads(h.db, [h.w.queueA, h.w.a1], ctxFor(h.db, h.w.salesA2, NOW))).toEqual({ ok: false, error: { code: 'leads.errors.cannotTakeSome' } });
    expect(snapshot(h)).toEqual(before);
  });

  test('nothing selected, too many, another team’s lead, a lost one', () => {
    const h = world();
    const ctx = ctxFor(h.db, h.w.managerA, NOW);
    expect(bulkTakeLeads(h.db, [], ctx)).toMatchObject({ ok: false, error: { code: 'views.errors.nothingSelected' } });
    expect(bulkTakeLeads(h.db, Array.from({ length: BULK_MAX + 1 }, (_, i) => i + 1), ctx)).toMatchObject({ ok: false, error: { code: 'views.errors.tooMany' } });
    const before = snapshot(h);
    expect(bulkTakeLeads(h.db, [h.w.a1, h.w.b], ctx)).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(bulkTakeLeads(h.db, [h.w.a1, h.w.lostLead], ctx)).toMatchObject({ ok: false, error: { code: 'leads.errors.closed' } });
    expect(snapshot(h)).toEqual(before);
  });
});

describe('bulk: assign to a user', () => {
  test('a manager gives their team’s leads to a member, queue leads included; lead.transferred each; leads keep their team', () => {
    const h = world();
    const res = bulkAssignOwner(h.db, 'lead', [h.w.a1, h.w.queueA, h.w.a2], { ownerId: h.w.salesA2, teamId: null }, ctxFor(h.db, h.w.managerA, NOW));
    // a2 was salesA2's already: left alone.
    expect(res).toEqual({ ok: true, value: { count: 2 } });
    expect([owner(h, h.w.a1), owner(h, h.w.queueA), owner(h, h.w.a2)]).toEqual([h.w.salesA2, h.w.salesA2, h.w.salesA2]);
    expect(leadRow(h.db, h.w.queueA).team_id).toBe(h.w.teamA);
    expect(audits(h, 'lead.transferred').map((a) => a.entity_id)).toEqual([h.w.a1, h.w.queueA]);
  });

  test('refused for a user who may not assign one of them: nothing written, how many said', () => {
    const h = world();
    const before = snapshot(h);
    // A sales user may assign their own leads, not a teammate's.
    const res = bulkAssignOwner(h.db, 'lead', [h.w.a1, h.w.a2, h.w.a1b], { ownerId: h.w.salesA1, teamId: null }, ctxFor(h.db, h.w.salesA1, NOW));
    expect(res).toEqual({ ok: false, error: { code: 'views.errors.bulkRefused', fieldErrors: { _count: '1', _total: '3' } } });
    expect(snapshot(h)).toEqual(before);
  });

  test('refused: an owner the user may not pick (the field error), a lost lead, read-only users', () => {
    const h = world();
    const before = snapshot(h);
    expect(bulkAssignOwner(h.db, 'lead', [h.w.a1, h.w.a2], { ownerId: h.w.salesB, teamId: null }, ctxFor(h.db, h.w.managerA, NOW))).toMatchObject({
      ok: false,
      error: { fieldErrors: { ownerId: 'errors.ownerNotAllowed' } },
    });
    expect(bulkAssignOwner(h.db, 'lead', [h.w.a1, h.w.lostLead], { ownerId: h.w.salesA2, teamId: null }, ctxFor(h.db, h.w.managerA, NOW))).toMatchObject({
      ok: false,
      error: { code: 'views.errors.bulkRefused', fieldErrors: { _count: '1', _total: '2' } },
    });
    expect(bulkAssignOwner(h.db, 'lead', [h.w.a1], { ownerId: h.w.salesA2, teamId: null }, ctxFor(h.db, h.w.readOnlyA, NOW)).ok).toBe(false);
    expect(snapshot(h)).toEqual(before);
  });
});

describe('bulk: change status', () => {
  test('moves every selected lead to the end of the new column: lead.moved each, those already there left alone', () => {
    const h = world();
    const res = bulkLeadStatus(h.db, [h.w.a1, h.w.a2, h.w.queueA], h.w.marketing, ctxFor(h.db, h.w.salesA1, NOW));
    expect(res).toEqual({ ok: true, value: { count: 3 } });
    expect([h.w.a1, h.w.a2, h.w.queueA].map((id) => leadRow(h.db, id).status_id)).toEqual([h.w.marketing, h.w.marketing, h.w.marketing]);
    expect(audits(h, 'lead.moved').map((a) => a.entity_id)).toEqual([h.w.a1, h.w.a2, h.w.queueA]);
    expect(bulkLeadStatus(h.db, [h.w.a1, h.w.a1b], h.w.marketing, ctxFor(h.db, h.w.salesA1, NOW))).toEqual({ ok: true, value: { count: 1 } });
    expect(Number(leadRow(h.db, h.w.a1b).position)).toBeGreaterThan(Number(leadRow(h.db, h.w.queueA).position));
  });

  test('Converted and Lost are refused for the whole selection: they have their own steps', () => {
    const h = world();
    const before = snapshot(h);
    expect(bulkLeadStatus(h.db, [h.w.a1], h.w.converted, ctxFor(h.db, h.w.admin, NOW))).toMatchObject({ ok: false, error: { code: 'leads.errors.useConvert' } });
    expect(bulkLeadStatus(h.db, [h.w.a1], h.w.lost, ctxFor(h.db, h.w.admin, NOW))).toMatchObject({ ok: false, error: { code: 'leads.errors.useLose' } });
    expect(bulkLeadStatus(h.db, [h.w.a1], 9999, ctxFor(h.db, h.w.admin, NOW))).toMatchObject({ ok: false, error: { fieldErrors: { statusId: 'errors.invalidChoice' } } });
    expect(snapshot(h)).toEqual(before);
  });

  test('all or nothing: another team’s lead, a lost lead, a read-only user', () => {
    const h = world();
    const before = snapshot(h);
    expect(bulkLeadStatus(h.db, [h.w.a1, h.w.b], h.w.sales, ctxFor(h.db, h.w.salesA1, NOW))).toEqual({ ok: false, error: { code: 'views.errors.bulkRefused', fieldErrors: { _count: '1', _total: '2' } } });
    expect(bulkLeadStatus(h.db, [h.w.a1, h.w.lostLead], h.w.sales, ctxFor(h.db, h.w.salesA1, NOW))).toMatchObject({ ok: false, error: { code: 'views.errors.bulkRefused' } });
    expect(bulkLeadStatus(h.db, [h.w.a1], h.w.sales, ctxFor(h.db, h.w.readOnlyA, NOW))).toMatchObject({ ok: false, error: { code: 'views.errors.bulkRefused' } });
    expect(snapshot(h)).toEqual(before);
  });
});

describe('bulk: tags', () => {
  test('adds a tag to each lead (score recomputed in the same transaction), then removes it; audited as bulk', () => {
    const h = world();
    const ctx = ctxFor(h.db, h.w.salesA2, NOW);
    expect(bulkTag(h.db, 'lead', [h.w.a1, h.w.queueA], h.w.hot, 'add', ctx)).toEqual({ ok: true, value: { count: 2 } });
    expect(leadRow(h.db, h.w.a1)).toMatchObject({ computed_score: 15, version: 2 });
    expect(h.db.all(sql`select lead_id from lead_tags where tag_id = ${h.w.hot} order by lead_id`)).toEqual([{ lead_id: h.w.a1 }, { lead_id: h.w.queueA }]);
    expect(audits(h, 'lead.updated').map((a) => [a.entity_id, JSON.parse(a.data)])).toEqual([
      [h.w.a1, { tagAdded: 'Hot', bulk: true }],
      [h.w.queueA, { tagAdded: 'Hot', bulk: true }],
    ]);
    // Already tagged: nothing to do.
    expect(bulkTag(h.db, 'lead', [h.w.a1], h.w.hot, 'add', ctx)).toEqual({ ok: true, value: { count: 0 } });
    expect(bulkTag(h.db, 'lead', [h.w.a1, h.w.a2], h.w.hot, 'remove', ctx)).toEqual({ ok: true, value: { count: 1 } });
    expect(leadRow(h.db, h.w.a1)).toMatchObject({ computed_score: 0 });
  });

  test('refused: another team’s lead, a lost one, a retired tag — nothing written', () => {
    const h = world();
    const before = snapshot(h);
    const ctx = ctxFor(h.db, h.w.salesA1, NOW);
    expect(bulkTag(h.db, 'lead', [h.w.a1, h.w.b], h.w.hot, 'add', ctx)).toEqual({ ok: false, error: { code: 'views.errors.bulkRefused', fieldErrors: { _count: '1', _total: '2' } } });
    expect(bulkTag(h.db, 'lead', [h.w.a1, h.w.lostLead], h.w.hot, 'add', ctx)).toMatchObject({ ok: false, error: { code: 'views.errors.bulkRefused' } });
    expect(bulkTag(h.db, 'lead', [h.w.a1], h.w.old, 'add', ctx)).toMatchObject({ ok: false, error: { fieldErrors: { tagId: 'errors.retiredValue' } } });
    expect(snapshot(h)).toEqual(before);
  });
});
