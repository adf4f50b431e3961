import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog, companies, opportunities } from '@/db/schema';
import { deleteCompany, setCompanyArchived } from '@/lib/companies/service';
import { closeSchema, opportunitySchema, parseOthersForm } from '@/lib/opportunities/schema';
import {
  closeOpportunity,
  createOpportunity,
  deleteOpportunity,
  moveOpportunity,
  reopenOpportunity,
  resolveOtherOpportunities,
  transferOpportunity,
  updateOpportunity,
} from '@/lib/opportunities/service';
import { makeTeam, makeUser, T0, testDb } from '../../helpers/db';
import { ctxFor, makeCompany, makeContact, makeRefValue } from '../../helpers/customers';
import { makeOpportunity, makePipeline, opportunityInput, opportunityUpdateInput, refId, starterPipeline } from '../../helpers/opportunities';

const NOW = T0 + 10_000;
const TODAY = '2026-01-15';

function setup() {
  const handle = testDb();
  const db = handle.db;
  const team = makeTeam(db, 'North');
  const other = makeTeam(db, 'South');
  const admin = makeUser(db, { role: 'admin' });
  const manager = makeUser(db, { role: 'manager', teams: [team] });
  const sales = makeUser(db, { role: 'sales', teams: [team] });
  const colleague = makeUser(db, { role: 'sales', teams: [team] });
  const outsider = makeUser(db, { role: 'sales', teams: [other] });
  const reader = makeUser(db, { role: 'read_only', teams: [team] });
  const p = starterPipeline(db);
  const prospect = makeCompany(db, sales, { name: 'Bourgeois Industrie', type: 'prospect' });
  const client = makeCompany(db, sales, { name: 'Client SA', type: 'client' });
  return { db, sqlite: handle.sqlite, team, other, admin, manager, sales, colleague, outsider, reader, p, prospect, client };
}

type World = ReturnType<typeof setup>;
const row = (w: World, id: number) => w.db.select().from(opportunities).where(eq(opportunities.id, id)).get()!;
const companyType = (w: World, id: number) => w.db.select({ t: companies.type }).from(companies).where(eq(companies.id, id)).get()!.t;
const actions = (w: World, id: number) =>
  w.db.select({ a: auditLog.action }).from(auditLog).where(sql`${auditLog.entityType} = 'opportunity' and ${auditLog.entityId} = ${id}`).all().map((r) => r.a);
const snapshot = (w: World) => ['opportunities', 'companies', 'audit_log'].map((t) => w.sqlite.prepare(`select * from ${t} order by rowid`).all());
const won = (closeDate = TODAY) => closeSchema.parse({ outcome: 'won', closeDate });
const lost = (reason: number | '', closeDate = TODAY, competitor = '') => closeSchema.parse({ outcome: 'lost', closeDate, lostReasonId: String(reason), competitor });

describe('creating an opportunity', () => {
  let w: World;
  beforeEach(() => {
    w = setup();
  });

  it('starts in the first open stage, in the organisation currency, at the end of the column, with its contacts', () => {
    const c1 = makeContact(w.db, w.sales, { lastName: 'Martin', companyId: String(w.prospect) });
    const c2 = makeContact(w.db, w.sales, { lastName: 'Durand', companyId: String(w.prospect) });
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const res = createOpportunity(
      w.db,
      opportunityInput({ name: 'Extension', companyId: String(w.prospect), pipelineId: String(w.p.pipelineId), ownerId: String(w.sales), amount: '12 500,50', contactIds: [String(c1), String(c2)], primaryContactId: String(c2) }),
      ctxFor(w.db, w.sales, NOW),
    );
    expect(res.ok).toBe(true);
    const o = row(w, res.ok ? res.value.id : 0);
    expect(o).toMatchObject({ stageId: w.p.qualification, status: 'open', currency: 'EUR', amount: 1_250_050, probability: null, teamId: w.team });
    expect(o.position).toBeGreaterThan(row(w, a).position);
    const links = w.db.all<{ contact_id: number; is_primary: number }>(sql`select contact_id, is_primary from opportunity_contacts where opportunity_id = ${o.id} order by contact_id`);
    expect(links).toEqual([
      { contact_id: c1, is_primary: 0 },
      { contact_id: c2, is_primary: 1 },
    ]);
    expect(actions(w, o.id)).toEqual(['opportunity.created']);
  });

  it('refuses a won or lost stage: closing has its own step', () => {
    const res = createOpportunity(w.db, opportunityInput({ name: 'X', companyId: String(w.prospect), pipelineId: String(w.p.pipelineId), stageId: String(w.p.won), ownerId: String(w.sales) }), ctxFor(w.db, w.sales, NOW));
    expect(res).toMatchObject({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { stageId: 'opportunities.errors.useClose' } } });
  });

  it('refuses a stage of another pipeline', () => {
    const renewals = makePipeline(w.db, 'Renewals');
    const res = createOpportunity(w.db, opportunityInput({ name: 'X', companyId: String(w.prospect), pipelineId: String(w.p.pipelineId), stageId: String(renewals.proposal), ownerId: String(w.sales) }), ctxFor(w.db, w.sales, NOW));
    expect(res).toMatchObject({ ok: false, error: { fieldErrors: { stageId: 'errors.invalidChoice' } } });
  });

  it('refuses an archived company, a company the user cannot see, and a retired type', () => {
    const hidden = makeCompany(w.db, w.outsider, { name: 'Hidden' });
    setCompanyArchived(w.db, w.client, true, ctxFor(w.db, w.sales, NOW));
    const retired = makeRefValue(w.db, 'opportunity_type', 'Old type', { retired: true });
    const form = { name: 'X', pipelineId: String(w.p.pipelineId), ownerId: String(w.sales) };
    const archived = createOpportunity(w.db, opportunityInput({ ...form, companyId: String(w.client) }), ctxFor(w.db, w.sales, NOW));
    expect(archived).toMatchObject({ ok: false, error: { fieldErrors: { companyId: 'opportunities.errors.companyArchived' } } });
    const unseen = createOpportunity(w.db, opportunityInput({ ...form, companyId: String(hidden) }), ctxFor(w.db, w.sales, NOW));
    expect(unseen).toMatchObject({ ok: false, error: { fieldErrors: { companyId: 'errors.invalidChoice' } } });
    const type = createOpportunity(w.db, opportunityInput({ ...form, companyId: String(w.prospect), typeId: String(retired) }), ctxFor(w.db, w.sales, NOW));
    expect(type).toMatchObject({ ok: false, error: { fieldErrors: { typeId: 'errors.retiredValue' } } });
    expect(w.db.select().from(opportunities).all()).toHaveLength(0);
  });

  it('refuses read-only users', () => {
    const res = createOpportunity(w.db, opportunityInput({ name: 'X', companyId: String(w.prospect), pipelineId: String(w.p.pipelineId), ownerId: String(w.reader) }), ctxFor(w.db, w.reader, NOW));
    expect(res).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
  });

  it('warns about a close date far in the past or future until confirmed', () => {
    const form = { name: 'Far', companyId: String(w.prospect), pipelineId: String(w.p.pipelineId), ownerId: String(w.sales) };
    for (const date of ['2019-06-01', '2040-01-01']) {
      const res = createOpportunity(w.db, opportunityInput({ ...form, expectedCloseDate: date }), ctxFor(w.db, w.sales, NOW));
      expect(res).toMatchObject({ ok: false, error: { fieldErrors: { expectedCloseDate: 'opportunities.errors.closeDateFar' } } });
    }
    expect(createOpportunity(w.db, opportunityInput({ ...form, expectedCloseDate: '2026-06-30' }), ctxFor(w.db, w.sales, NOW)).ok).toBe(true);
    expect(createOpportunity(w.db, opportunityInput({ ...form, expectedCloseDate: '2040-01-01', confirmCloseDate: 'on' }), ctxFor(w.db, w.sales, NOW)).ok).toBe(true);
  });
});

describe('amounts', () => {
  const base = { name: 'X', companyId: '1', pipelineId: '1', ownerId: '1', teamId: '', stageId: '' };
  const errorsOf = (form: Record<string, string>) => {
    const r = opportunitySchema.safeParse({ ...base, ...form });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it('accepts worst ≤ amount ≤ best, and either bound alone', () => {
    expect(errorsOf({ amount: '1000', bestCase: '1500', worstCase: '800' })).toEqual({});
    expect(errorsOf({ amount: '1000', bestCase: '1000', worstCase: '1000' })).toEqual({});
    expect(errorsOf({ amount: '1000', bestCase: '2000' })).toEqual({});
    expect(errorsOf({ amount: '', worstCase: '' })).toEqual({});
  });

  it('refuses best below the amount, worst above it, negative amounts and a probability outside 0–100', () => {
    expect(errorsOf({ amount: '1000', bestCase: '900' })).toEqual({ bestCase: 'opportunities.errors.bestBelowAmount' });
    expect(errorsOf({ amount: '1000', worstCase: '1200' })).toEqual({ worstCase: 'opportunities.errors.worstAboveAmount' });
    expect(errorsOf({ amount: '-5' })).toEqual({ amount: 'opportunities.errors.negativeAmount' });
    expect(errorsOf({ amount: 'douze' })).toEqual({ amount: 'opportunities.errors.invalidAmount' });
    expect(errorsOf({ probability: '101' })).toEqual({ probability: 'opportunities.errors.invalidProbability' });
    expect(errorsOf({ probability: '-1' })).toEqual({ probability: 'opportunities.errors.invalidProbability' });
    expect(errorsOf({ probability: '40 %' })).toEqual({});
    expect(errorsOf({ currency: 'euro' })).toEqual({ currency: 'opportunities.errors.invalidCurrency' });
  });
});

describe('editing', () => {
  let w: World;
  beforeEach(() => {
    w = setup();
  });

  const update = (w: World, id: number, userId: number, form: Record<string, string | string[]>) => {
    const o = row(w, id);
    return updateOpportunity(
      w.db,
      id,
      opportunityUpdateInput({ name: o.name, companyId: String(o.companyId), pipelineId: String(o.pipelineId), stageId: String(o.stageId), ownerId: String(o.ownerId), amount: String(o.amount / 100), version: String(o.version), ...form }),
      ctxFor(w.db, userId, NOW),
    );
  };

  it('moving to another pipeline puts it in that pipeline’s first stage unless one is chosen', () => {
    const renewals = makePipeline(w.db, 'Renewals');
    const id = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    expect(update(w, id, w.sales, { pipelineId: String(renewals.pipelineId), stageId: '' }).ok).toBe(true);
    expect(row(w, id)).toMatchObject({ pipelineId: renewals.pipelineId, stageId: renewals.qualification });
  });

  it('refuses a stale edit, and edits of a closed opportunity', () => {
    const id = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    expect(update(w, id, w.sales, { name: 'Renamed' }).ok).toBe(true);
    expect(update(w, id, w.sales, { name: 'Again', version: '1' })).toMatchObject({ ok: false, error: { code: 'errors.staleRecord' } });
    expect(closeOpportunity(w.db, id, won(), ctxFor(w.db, w.sales, NOW)).ok).toBe(true);
    expect(update(w, id, w.sales, { name: 'After close' })).toMatchObject({ ok: false, error: { code: 'opportunities.errors.closed' } });
    expect(row(w, id).name).toBe('Renamed');
  });

  it('is refused to a salesperson of another team (not found) and to read-only users', () => {
    const id = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    expect(update(w, id, w.outsider, { name: 'Nope' })).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(update(w, id, w.reader, { name: 'Nope' })).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
  });
});

describe('moving on the board', () => {
  let w: World;
  beforeEach(() => {
    w = setup();
  });
  const order = (w: World, stageId: number) =>
    w.db.all<{ id: number }>(sql`select id from opportunities where stage_id = ${stageId} order by position, id`).map((r) => r.id);

  it('moves to another open stage, before a given card or at the end, and records stage changes', () => {
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const b = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const c = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const ctx = ctxFor(w.db, w.colleague, NOW);
    expect(moveOpportunity(w.db, { id: a, stageId: w.p.proposal, beforeId: null }, ctx).ok).toBe(true);
    expect(moveOpportunity(w.db, { id: b, stageId: w.p.proposal, beforeId: a }, ctx).ok).toBe(true);
    expect(order(w, w.p.proposal)).toEqual([b, a]);
    // Within the column: c goes to the top, then a before b.
    expect(moveOpportunity(w.db, { id: c, stageId: w.p.proposal, beforeId: b }, ctx).ok).toBe(true);
    expect(moveOpportunity(w.db, { id: a, stageId: w.p.proposal, beforeId: b }, ctx).ok).toBe(true);
    expect(order(w, w.p.proposal)).toEqual([c, a, b]);
    expect(moveOpportunity(w.db, { id: c, stageId: w.p.proposal, beforeId: null }, ctx).ok).toBe(true);
    expect(order(w, w.p.proposal)).toEqual([a, b, c]);
    expect(actions(w, a)).toEqual(['opportunity.created', 'opportunity.moved']);
  });

  it('keeps the order when positions run out of room (renumbers the column)', () => {
    const ids = [1, 2, 3].map(() => makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId));
    const ctx = ctxFor(w.db, w.sales, NOW);
    // 60 inserts before the same card halve the same gap until it is exhausted.
    for (let i = 0; i < 60; i++) {
      const moved = i % 2 === 0 ? ids[0] : ids[2];
      expect(moveOpportunity(w.db, { id: moved, stageId: w.p.qualification, beforeId: ids[1] }, ctx).ok).toBe(true);
    }
    expect(order(w, w.p.qualification)).toEqual([ids[0], ids[2], ids[1]]);
  });

  it('refuses to drop on won or lost without the confirm step, and stages of another pipeline', () => {
    const id = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const renewals = makePipeline(w.db, 'Renewals');
    const ctx = ctxFor(w.db, w.sales, NOW);
    expect(moveOpportunity(w.db, { id, stageId: w.p.won, beforeId: null }, ctx)).toMatchObject({ ok: false, error: { code: 'opportunities.errors.confirmClose' } });
    expect(moveOpportunity(w.db, { id, stageId: w.p.lost, beforeId: null }, ctx)).toMatchObject({ ok: false, error: { code: 'opportunities.errors.confirmClose' } });
    expect(moveOpportunity(w.db, { id, stageId: renewals.proposal, beforeId: null }, ctx)).toMatchObject({ ok: false, error: { fieldErrors: { stageId: 'errors.invalidChoice' } } });
    expect(row(w, id)).toMatchObject({ stageId: w.p.qualification, status: 'open' });
  });

  it('refuses closed cards, outsiders and read-only users', () => {
    const id = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    expect(moveOpportunity(w.db, { id, stageId: w.p.proposal, beforeId: null }, ctxFor(w.db, w.outsider, NOW))).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(moveOpportunity(w.db, { id, stageId: w.p.proposal, beforeId: null }, ctxFor(w.db, w.reader, NOW))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    closeOpportunity(w.db, id, lost(refId(w.db, 'lost_reason', 'Price')), ctxFor(w.db, w.sales, NOW));
    expect(moveOpportunity(w.db, { id, stageId: w.p.proposal, beforeId: null }, ctxFor(w.db, w.sales, NOW))).toMatchObject({ ok: false, error: { code: 'opportunities.errors.closed' } });
  });
});

describe('closing', () => {
  let w: World;
  beforeEach(() => {
    w = setup();
  });

  it('winning a prospect’s opportunity makes the company a client and offers its other open ones', () => {
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    makeOpportunity(w.db, w.colleague, w.prospect, w.p.pipelineId);
    const res = closeOpportunity(w.db, a, won('2026-01-14'), ctxFor(w.db, w.sales, NOW));
    expect(res).toEqual({ ok: true, value: { becameClient: true, others: 2 } });
    expect(row(w, a)).toMatchObject({ status: 'won', stageId: w.p.won, closeDate: '2026-01-14', closedBy: w.sales, reopenStageId: w.p.qualification, lostReasonId: null });
    expect(companyType(w, w.prospect)).toBe('client');
    expect(actions(w, a)).toEqual(['opportunity.created', 'opportunity.won']);
    expect(w.db.select().from(auditLog).where(eq(auditLog.action, 'company.became_client')).all()).toHaveLength(1);
  });

  it('offers only the others this user may edit', () => {
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    makeOpportunity(w.db, w.admin, w.prospect, w.p.pipelineId, { teamId: String(w.other) });
    expect(closeOpportunity(w.db, a, won(), ctxFor(w.db, w.sales, NOW))).toEqual({ ok: true, value: { becameClient: true, others: 0 } });
  });

  it('makes no offer for a company that already was a client (seed 002: prospects only)', () => {
    const a = makeOpportunity(w.db, w.sales, w.client, w.p.pipelineId);
    makeOpportunity(w.db, w.sales, w.client, w.p.pipelineId);
    expect(closeOpportunity(w.db, a, won(), ctxFor(w.db, w.sales, NOW))).toEqual({ ok: true, value: { becameClient: false, others: 0 } });
    expect(companyType(w, w.client)).toBe('client');
  });

  it('losing needs a reason, keeps the competitor, and leaves the company a prospect', () => {
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    expect(() => lost('')).toThrow();
    const price = refId(w.db, 'lost_reason', 'Price');
    expect(closeOpportunity(w.db, a, lost(price, TODAY, 'Acme Corp'), ctxFor(w.db, w.sales, NOW))).toEqual({ ok: true, value: { becameClient: false, others: 0 } });
    expect(row(w, a)).toMatchObject({ status: 'lost', stageId: w.p.lost, lostReasonId: price, competitor: 'Acme Corp' });
    expect(companyType(w, w.prospect)).toBe('prospect');
  });

  it('refuses a retired lost reason, a future close date, an archived company and closing twice — writing nothing', () => {
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const retired = makeRefValue(w.db, 'lost_reason', 'Old reason', { retired: true });
    const ctx = ctxFor(w.db, w.sales, NOW);
    const before = snapshot(w);
    expect(closeOpportunity(w.db, a, lost(retired), ctx)).toMatchObject({ ok: false, error: { fieldErrors: { lostReasonId: 'errors.retiredValue' } } });
    expect(closeOpportunity(w.db, a, won('2026-01-16'), ctx)).toMatchObject({ ok: false, error: { fieldErrors: { closeDate: 'opportunities.errors.closeDateFuture' } } });
    expect(snapshot(w)).toEqual(before);
    setCompanyArchived(w.db, w.prospect, true, ctx);
    expect(closeOpportunity(w.db, a, won(), ctx)).toMatchObject({ ok: false, error: { code: 'opportunities.errors.companyArchived' } });
    expect(row(w, a).status).toBe('open');
    setCompanyArchived(w.db, w.prospect, false, ctx);
    expect(closeOpportunity(w.db, a, won(), ctx).ok).toBe(true);
    expect(closeOpportunity(w.db, a, won(), ctx)).toMatchObject({ ok: false, error: { code: 'opportunities.errors.closed' } });
  });

  it('is refused to outsiders and read-only users', () => {
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    expect(closeOpportunity(w.db, a, won(), ctxFor(w.db, w.outsider, NOW))).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(closeOpportunity(w.db, a, won(), ctxFor(w.db, w.reader, NOW))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(companyType(w, w.prospect)).toBe('prospect');
  });

  it('the other opportunities are closed as lost or kept open, all or nothing', () => {
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const b = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const c = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const ctx = ctxFor(w.db, w.sales, NOW);
    closeOpportunity(w.db, a, won('2026-01-10'), ctx);
    const price = refId(w.db, 'lost_reason', 'Price');
    // A missing reason on the second row: the first one isn't closed either.
    const bad = parseOthersForm({ [`decision_${b}`]: 'lose', [`reason_${b}`]: String(price), [`decision_${c}`]: 'lose', [`reason_${c}`]: '' });
    expect(bad).toEqual({ ok: false, fieldErrors: { [`reason_${c}`]: 'opportunities.errors.lostReasonRequired' } });
    const retired = makeRefValue(w.db, 'lost_reason', 'Gone', { retired: true });
    const refused = resolveOtherOpportunities(w.db, a, [{ id: b, decision: 'lose', lostReasonId: price }, { id: c, decision: 'lose', lostReasonId: retired }], ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { [`reason_${c}`]: 'errors.retiredValue' } } });
    expect(row(w, b).status).toBe('open');
    const good = parseOthersForm({ [`decision_${b}`]: 'lose', [`reason_${b}`]: String(price), [`decision_${c}`]: 'keep' });
    expect(good.ok).toBe(true);
    expect(resolveOtherOpportunities(w.db, a, good.ok ? good.decisions : [], ctx)).toEqual({ ok: true, value: { lost: 1, kept: 1 } });
    expect(row(w, b)).toMatchObject({ status: 'lost', lostReasonId: price, closeDate: '2026-01-10' });
    expect(row(w, c).status).toBe('open');
  });

  it('the offer only closes that company’s opportunities, and only after a win', () => {
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const elsewhere = makeOpportunity(w.db, w.sales, w.client, w.p.pipelineId);
    const ctx = ctxFor(w.db, w.sales, NOW);
    const price = refId(w.db, 'lost_reason', 'Price');
    expect(resolveOtherOpportunities(w.db, a, [], ctx)).toMatchObject({ ok: false, error: { code: 'opportunities.errors.notWon' } });
    closeOpportunity(w.db, a, won(), ctx);
    expect(resolveOtherOpportunities(w.db, a, [{ id: elsewhere, decision: 'lose', lostReasonId: price }], ctx)).toMatchObject({ ok: false, error: { code: 'errors.invalidChoice' } });
    expect(row(w, elsewhere).status).toBe('open');
  });
});

describe('reopening', () => {
  it('puts it back in the stage it was closed from, clears the closing, records the reason; the client stays a client', () => {
    const w = setup();
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const ctx = ctxFor(w.db, w.sales, NOW);
    moveOpportunity(w.db, { id: a, stageId: w.p.negotiation, beforeId: null }, ctx);
    closeOpportunity(w.db, a, won(), ctx);
    expect(reopenOpportunity(w.db, a, { reason: 'Signed by mistake' }, ctx).ok).toBe(true);
    expect(row(w, a)).toMatchObject({ status: 'open', stageId: w.p.negotiation, closeDate: null, closedAt: null, lostReasonId: null, reopenStageId: null });
    expect(companyType(w, w.prospect)).toBe('client');
    const entry = w.db.select().from(auditLog).where(eq(auditLog.action, 'opportunity.reopened')).get();
    expect(entry?.data).toMatchObject({ reason: 'Signed by mistake', was: 'won' });
    expect(reopenOpportunity(w.db, a, { reason: 'Again' }, ctx)).toMatchObject({ ok: false, error: { code: 'opportunities.errors.notClosed' } });
  });

  it('is refused to outsiders and read-only users', () => {
    const w = setup();
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    closeOpportunity(w.db, a, won(), ctxFor(w.db, w.sales, NOW));
    expect(reopenOpportunity(w.db, a, { reason: 'x' }, ctxFor(w.db, w.outsider, NOW))).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(reopenOpportunity(w.db, a, { reason: 'x' }, ctxFor(w.db, w.reader, NOW))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
  });
});

describe('transfer and delete', () => {
  it('a salesperson transfers and deletes their own, not a colleague’s; a manager of the team may', () => {
    const w = setup();
    const mine = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    const theirs = makeOpportunity(w.db, w.colleague, w.prospect, w.p.pipelineId);
    const ctx = ctxFor(w.db, w.sales, NOW);
    expect(transferOpportunity(w.db, theirs, { ownerId: w.sales, teamId: null, comment: null }, ctx)).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(deleteOpportunity(w.db, theirs, ctx)).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(transferOpportunity(w.db, theirs, { ownerId: w.sales, teamId: null, comment: 'Holidays' }, ctxFor(w.db, w.manager, NOW)).ok).toBe(true);
    expect(row(w, theirs).ownerId).toBe(w.sales);
    expect(deleteOpportunity(w.db, mine, ctx).ok).toBe(true);
    expect(w.db.select().from(opportunities).where(eq(opportunities.id, mine)).get()).toBeUndefined();
  });

  it('a company with opportunities cannot be deleted', () => {
    const w = setup();
    makeOpportunity(w.db, w.sales, w.client, w.p.pipelineId);
    expect(deleteCompany(w.db, w.client, ctxFor(w.db, w.admin, NOW))).toMatchObject({ ok: false, error: { code: 'errors.companyHasOpportunities' } });
  });
});

describe('contacts', () => {
  it('are people of the opportunity’s company; a primary contact is one of them even if not ticked', () => {
    const w = setup();
    const mine = makeContact(w.db, w.sales, { lastName: 'Martin', companyId: String(w.prospect) });
    const elsewhere = makeContact(w.db, w.sales, { lastName: 'Durand', companyId: String(w.client) });
    const form = { name: 'Deal', companyId: String(w.prospect), pipelineId: String(w.p.pipelineId), ownerId: String(w.sales) };
    expect(createOpportunity(w.db, opportunityInput({ ...form, contactIds: [String(elsewhere)] }), ctxFor(w.db, w.sales, NOW))).toMatchObject({
      ok: false,
      error: { fieldErrors: { contactIds: 'opportunities.errors.contactOfOtherCompany' } },
    });
    const r = createOpportunity(w.db, opportunityInput({ ...form, primaryContactId: String(mine) }), ctxFor(w.db, w.sales, NOW));
    expect(r.ok).toBe(true);
    expect(w.db.all(sql`select contact_id as c, is_primary as p from opportunity_contacts where opportunity_id = ${r.ok ? r.value.id : 0}`)).toEqual([{ c: mine, p: 1 }]);
  });
});
