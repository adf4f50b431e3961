import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, opportunities } from '@/db/schema';
import { BULK_MAX, bulkAssignOwner } from '@/lib/customers/bulk';
import { closeSchema } from '@/lib/opportunities/schema';
import { closeOpportunity } from '@/lib/opportunities/service';
import { T0 } from '../../helpers/db';
import { ctxFor, makeCompany, makePeople, seededWorld } from '../../helpers/customers';
import { makeOpportunity, starterPipeline } from '../../helpers/opportunities';

const NOW = T0 + 50_000;

const world = seededWorld((db) => {
  const p = makePeople(db);
  const { pipelineId } = starterPipeline(db);
  const coA = makeCompany(db, p.salesA1, { name: 'Alpha' });
  const coB = makeCompany(db, p.salesB, { name: 'Beta' });
  const a1 = makeOpportunity(db, p.salesA1, coA, pipelineId, { name: 'A1 one' });
  const a1b = makeOpportunity(db, p.salesA1, coA, pipelineId, { name: 'A1 two' });
  const a2 = makeOpportunity(db, p.salesA2, coA, pipelineId, { name: 'A2 one' });
  const b = makeOpportunity(db, p.salesB, coB, pipelineId, { name: 'B one' });
  const closed = makeOpportunity(db, p.salesA1, coA, pipelineId, { name: 'A1 won' });
  const r = closeOpportunity(db, closed, closeSchema.parse({ outcome: 'won', closeDate: '2026-01-10', lostReasonId: '', competitor: '' }), ctxFor(db, p.salesA1, NOW));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { ...p, a1, a1b, a2, b, closed };
});
type H = ReturnType<typeof world>;

const rows = (h: H, ids: number[]) =>
  h.db.select({ id: opportunities.id, ownerId: opportunities.ownerId, teamId: opportunities.teamId, version: opportunities.version, updatedBy: opportunities.updatedBy }).from(opportunities).where(inArray(opportunities.id, ids)).orderBy(opportunities.id).all();
const snapshot = (h: H) => ['opportunities', 'audit_log'].map((t) => h.sqlite.prepare(`select * from ${t} order by rowid`).all());

describe('bulk reassignment of opportunities', () => {
  test('a manager gives their team’s opportunities to a team member: one audit entry each, marked bulk', () => {
    const h = world();
    const { a1, a2, closed, salesA2, managerA, teamA } = h.w;
    const res = bulkAssignOwner(h.db, 'opportunity', [a1, a2, closed, a1], { ownerId: salesA2, teamId: null }, ctxFor(h.db, managerA, NOW));
    expect(res).toEqual({ ok: true, value: { count: 3 } });
    // a2 was already salesA2's in team A: left alone. A closed one is reassigned like an open one.
    expect(rows(h, [a1, a2, closed])).toEqual([
      { id: a1, ownerId: salesA2, teamId: teamA, version: 2, updatedBy: managerA },
      { id: a2, ownerId: salesA2, teamId: teamA, version: 1, updatedBy: salesA2 },
      { id: closed, ownerId: salesA2, teamId: teamA, version: expect.any(Number), updatedBy: managerA },
    ]);
    const entries = h.db
      .select({ entityId: auditLog.entityId, data: auditLog.data, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'opportunity.transferred'), eq(auditLog.entityType, 'opportunity')))
      .orderBy(auditLog.entityId)
      .all();
    expect(entries).toEqual([
      { entityId: a1, actorId: managerA, data: { ownerId: [h.w.salesA1, salesA2], teamId: [teamA, teamA], bulk: true } },
      { entityId: closed, actorId: managerA, data: { ownerId: [h.w.salesA1, salesA2], teamId: [teamA, teamA], bulk: true } },
    ]);
  });

  test('an administrator may move them to another team', () => {
    const h = world();
    const res = bulkAssignOwner(h.db, 'opportunity', [h.w.a1, h.w.b], { ownerId: h.w.salesB, teamId: h.w.teamB }, ctxFor(h.db, h.w.admin, NOW));
    expect(res.ok).toBe(true);
    expect(rows(h, [h.w.a1, h.w.b]).map((r) => [r.ownerId, r.teamId])).toEqual([
      [h.w.salesB, h.w.teamB],
      [h.w.salesB, h.w.teamB],
    ]);
  });

  test('all or nothing: a sales user may assign their own, not a teammate’s — the whole selection is refused', () => {
    const h = world();
    const before = snapshot(h);
    const res = bulkAssignOwner(h.db, 'opportunity', [h.w.a1, h.w.a2], { ownerId: h.w.salesA1, teamId: null }, ctxFor(h.db, h.w.salesA1, NOW));
    expect(res).toEqual({ ok: false, error: { code: 'views.errors.bulkRefused', fieldErrors: { _count: '1', _total: '2' } } });
    expect(snapshot(h)).toEqual(before);
    // Their own two alone: fine (to themselves).
    expect(bulkAssignOwner(h.db, 'opportunity', [h.w.a1, h.w.a1b], { ownerId: h.w.salesA1, teamId: null }, ctxFor(h.db, h.w.salesA1, NOW)).ok).toBe(true);
  });

  test('refused: records of another team, a read-only user, an owner the user may not pick, missing records', () => {
    const h = world();
    const before = snapshot(h);
    expect(bulkAssignOwner(h.db, 'opportunity', [h.w.a1, h.w.b], { ownerId: h.w.salesA2, teamId: null }, ctxFor(h.db, h.w.managerA, NOW))).toMatchObject({
      ok: false,
      error: { code: 'views.errors.bulkRefused', fieldErrors: { _count: '1', _total: '2' } },
    });
    expect(bulkAssignOwner(h.db, 'opportunity', [h.w.a1], { ownerId: h.w.readOnlyA, teamId: null }, ctxFor(h.db, h.w.readOnlyA, NOW))).toMatchObject({ ok: false, error: { code: 'views.errors.bulkRefused' } });
    expect(bulkAssignOwner(h.db, 'opportunity', [h.w.a1], { ownerId: h.w.salesB, teamId: null }, ctxFor(h.db, h.w.salesA1, NOW))).toMatchObject({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { ownerId: 'errors.ownerNotAllowed' } },
    });
    expect(bulkAssignOwner(h.db, 'opportunity', [h.w.a1, 999_999], { ownerId: h.w.salesA2, teamId: null }, ctxFor(h.db, h.w.managerA, NOW))).toMatchObject({
      ok: false,
      error: { code: 'views.errors.bulkRefused', fieldErrors: { _count: '1', _total: '2' } },
    });
    expect(snapshot(h)).toEqual(before);
  });

  test('nothing selected, or more than the maximum', () => {
    const h = world();
    const ctx = ctxFor(h.db, h.w.admin, NOW);
    expect(bulkAssignOwner(h.db, 'opportunity', [], { ownerId: h.w.admin, teamId: null }, ctx)).toMatchObject({ ok: false, error: { code: 'views.errors.nothingSelected' } });
    const many = Array.from({ length: BULK_MAX + 1 }, (_, i) => i + 1);
    expect(bulkAssignOwner(h.db, 'opportunity', many, { ownerId: h.w.admin, teamId: null }, ctx)).toMatchObject({ ok: false, error: { code: 'views.errors.tooMany' } });
  });
});
