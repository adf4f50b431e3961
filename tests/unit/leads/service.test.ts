import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createScoreRule, deleteScoreRule, setScoreRuleActive } from '@/lib/leads/rules';
import { scoreRuleSchema } from '@/lib/leads/schema';
import { createLead, deleteLead, loseLead, moveLead, reopenLead, rescoreIdleLeads, takeCharge, transferLead, updateLead } from '@/lib/leads/service';
import { searchAll } from '@/lib/search/queries';
import { makeTeam, makeUser, T0, testDb, viewerOf } from '../../helpers/db';
import { ctxFor, makeRefValue } from '../../helpers/customers';
import { leadInput, leadRow, leadUpdateInput, leadWorld, makeLead } from '../../helpers/leads';
import { refId } from '../../helpers/opportunities';

const NOW = T0 + 10_000;
const DAY = 86_400_000;

function world() {
  const h = testDb();
  const db = h.db;
  const north = makeTeam(db, 'North');
  const south = makeTeam(db, 'South');
  const admin = makeUser(db, { role: 'admin' });
  const manager = makeUser(db, { role: 'manager', teams: [north] });
  const sam = makeUser(db, { role: 'sales', teams: [north] });
  const tina = makeUser(db, { role: 'sales', teams: [north] });
  const olga = makeUser(db, { role: 'sales', teams: [south] });
  const rita = makeUser(db, { role: 'read_only', teams: [north] });
  return { ...h, north, south, admin, manager, sam, tina, olga, rita, ...leadWorld(db) };
}
type W = ReturnType<typeof world>;
const audits = (w: W, id: number) => w.db.all<{ action: string }>(sql`select action from audit_log where entity_type = 'lead' and entity_id = ${id} order by id`).map((r) => r.action);
const rule = (form: Record<string, string>) => scoreRuleSchema.parse({ active: 'on', ...form });

describe('creating leads', () => {
  test('starts in the new status at the end of the column, owner’s team, score computed', () => {
    const w = world();
    createScoreRule(w.db, rule({ name: 'Director', field: 'jobTitle', operator: 'contains', value: 'director', points: '10' }), ctxFor(w.db, w.admin, T0));
    const a = makeLead(w.db, w.sam);
    const b = makeLead(w.db, w.sam, { jobTitle: 'Sales Director', companyName: 'Acme' });
    const row = leadRow(w.db, b);
    expect(row).toMatchObject({ status_id: w.toHandle, team_id: w.north, owner_id: w.sam, computed_score: 10, company_key: 'acme' });
    expect(Number(row.position)).toBeGreaterThan(Number(leadRow(w.db, a).position));
    expect(audits(w, b)).toEqual(['lead.created']);
  });

  test('an unassigned lead sits in a team queue: the team is required, and the team sees it', () => {
    const w = world();
    expect(() => leadInput({ lastName: 'Queue', ownerId: '' })).toThrow();
    const r = createLead(w.db, leadInput({ lastName: 'Queue', ownerId: '', teamId: String(w.north) }), ctxFor(w.db, w.tina, NOW));
    expect(r.ok).toBe(true);
    const south = createLead(w.db, leadInput({ lastName: 'Queue', ownerId: '', teamId: String(w.south) }), ctxFor(w.db, w.tina, NOW));
    expect(south).toMatchObject({ ok: false, error: { fieldErrors: { teamId: 'errors.teamNotAllowed' } } });
  });

  test('warns about likely duplicates (same person and company, same email, same phone) unless confirmed', () => {
    const w = world();
    makeLead(w.db, w.sam, { firstName: 'Jean', lastName: 'Dupont', companyName: 'Acme SA', email: 'jean@acme.fr', phone: '06 12 34 56 78' });
    const ctx = ctxFor(w.db, w.sam, NOW);
    for (const form of [{ firstName: 'Jean', lastName: 'DUPONT', companyName: 'ACME' }, { lastName: 'X', email: 'jean@acme.fr' }, { lastName: 'Y', mobile: '+33 6 12 34 56 78' }]) {
      const r = createLead(w.db, leadInput({ ownerId: String(w.sam), ...form }), ctx);
      expect(r, JSON.stringify(form)).toMatchObject({ ok: false, error: { code: 'errors.possibleDuplicate' } });
    }
    // Olga (other team) sees no duplicate: she can't see Sam's lead.
    expect(createLead(w.db, leadInput({ firstName: 'Jean', lastName: 'Dupont', companyName: 'Acme', ownerId: String(w.olga) }), ctxFor(w.db, w.olga, NOW)).ok).toBe(true);
    expect(createLead(w.db, leadInput({ firstName: 'Jean', lastName: 'Dupont', companyName: 'Acme', ownerId: String(w.sam), confirmDuplicate: 'on' }), ctx).ok).toBe(true);
  });
});

describe('statuses on the board', () => {
  test('moves between open statuses and within a column; converted and lost only by their steps', () => {
    const w = world();
    const a = makeLead(w.db, w.sam);
    const b = makeLead(w.db, w.sam);
    const ctx = ctxFor(w.db, w.tina, NOW);
    expect(moveLead(w.db, { id: a, statusId: w.marketing, beforeId: null }, ctx).ok).toBe(true);
    expect(moveLead(w.db, { id: b, statusId: w.marketing, beforeId: a }, ctx).ok).toBe(true);
    expect(w.db.all<{ id: number }>(sql`select id from leads where status_id = ${w.marketing} order by position`).map((r) => r.id)).toEqual([b, a]);
    expect(moveLead(w.db, { id: a, statusId: w.converted, beforeId: null }, ctx)).toMatchObject({ ok: false, error: { code: 'leads.errors.useConvert' } });
    expect(moveLead(w.db, { id: a, statusId: w.lost, beforeId: null }, ctx)).toMatchObject({ ok: false, error: { code: 'leads.errors.useLose' } });
    expect(audits(w, a)).toEqual(['lead.created', 'lead.moved']);
  });

  test('a lead deleted or reassigned away meanwhile is refused with a clear answer', () => {
    const w = world();
    const a = makeLead(w.db, w.sam);
    expect(transferLead(w.db, a, { ownerId: w.olga, teamId: w.south, comment: null }, ctxFor(w.db, w.admin, NOW)).ok).toBe(true);
    expect(moveLead(w.db, { id: a, statusId: w.marketing, beforeId: null }, ctxFor(w.db, w.sam, NOW))).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
    expect(deleteLead(w.db, a, ctxFor(w.db, w.admin, NOW)).ok).toBe(true);
    expect(moveLead(w.db, { id: a, statusId: w.marketing, beforeId: null }, ctxFor(w.db, w.admin, NOW))).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
  });
});

describe('taking in charge', () => {
  test('anyone of the team takes an unassigned lead; a salesperson can’t take a teammate’s; all or nothing', () => {
    const w = world();
    const queue = makeLead(w.db, w.sam, { ownerId: '', teamId: String(w.north) });
    const tinas = makeLead(w.db, w.tina);
    expect(takeCharge(w.db, [queue, tinas], ctxFor(w.db, w.sam, NOW))).toMatchObject({ ok: false, error: { code: 'leads.errors.cannotTakeSome' } });
    expect(leadRow(w.db, queue).owner_id).toBeNull();
    expect(takeCharge(w.db, [queue], ctxFor(w.db, w.sam, NOW))).toEqual({ ok: true, value: { count: 1 } });
    expect(leadRow(w.db, queue).owner_id).toBe(w.sam);
    expect(takeCharge(w.db, [tinas], ctxFor(w.db, w.manager, NOW))).toEqual({ ok: true, value: { count: 1 } });
    expect(takeCharge(w.db, [tinas], ctxFor(w.db, w.rita, NOW))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(takeCharge(w.db, [queue], ctxFor(w.db, w.olga, NOW))).toMatchObject({ ok: false, error: { code: 'errors.notFound' } });
  });
});

describe('losing and reopening', () => {
  test('lost with a reason and comment, read-only, reopened in the status it left', () => {
    const w = world();
    const a = makeLead(w.db, w.sam);
    const ctx = ctxFor(w.db, w.sam, NOW);
    moveLead(w.db, { id: a, statusId: w.nurturing, beforeId: null }, ctx);
    const price = refId(w.db, 'lost_reason', 'Price');
    expect(loseLead(w.db, a, { lostReasonId: price, comment: 'Too expensive' }, ctx).ok).toBe(true);
    expect(leadRow(w.db, a)).toMatchObject({ status_id: w.lost, lost_reason_id: price, lost_comment: 'Too expensive', reopen_status_id: w.nurturing });
    const version = Number(leadRow(w.db, a).version);
    expect(updateLead(w.db, a, leadUpdateInput({ lastName: 'Edited', ownerId: String(w.sam), version: String(version) }), ctx)).toMatchObject({ ok: false, error: { code: 'leads.errors.closed' } });
    expect(moveLead(w.db, { id: a, statusId: w.marketing, beforeId: null }, ctx)).toMatchObject({ ok: false, error: { code: 'leads.errors.closed' } });
    expect(reopenLead(w.db, a, { reason: 'Budget found' }, ctx).ok).toBe(true);
    expect(leadRow(w.db, a)).toMatchObject({ status_id: w.nurturing, lost_reason_id: null, closed_at: null });
    expect(audits(w, a)).toEqual(['lead.created', 'lead.moved', 'lead.lost', 'lead.reopened']);
  });

  test('a retired lost reason is refused; read-only users can’t lose', () => {
    const w = world();
    const a = makeLead(w.db, w.sam);
    const retired = makeRefValue(w.db, 'lost_reason', 'Old', { retired: true });
    expect(loseLead(w.db, a, { lostReasonId: retired, comment: null }, ctxFor(w.db, w.sam, NOW))).toMatchObject({ ok: false, error: { fieldErrors: { lostReasonId: 'errors.retiredValue' } } });
    expect(loseLead(w.db, a, { lostReasonId: refId(w.db, 'lost_reason', 'Price'), comment: null }, ctxFor(w.db, w.rita, NOW))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
  });
});

describe('scores', () => {
  test('recomputed on every change in the same transaction, and for all open leads when the rules change', () => {
    const w = world();
    const a = makeLead(w.db, w.sam, { jobTitle: 'Buyer' });
    const ctx = ctxFor(w.db, w.sam, NOW);
    const r = createScoreRule(w.db, rule({ name: 'Director', field: 'jobTitle', operator: 'contains', value: 'director', points: '10' }), ctxFor(w.db, w.admin, NOW));
    expect(r).toMatchObject({ ok: true, value: { rescored: 1 } });
    expect(leadRow(w.db, a).computed_score).toBe(0);
    const version = Number(leadRow(w.db, a).version);
    expect(updateLead(w.db, a, leadUpdateInput({ lastName: String(leadRow(w.db, a).last_name), jobTitle: 'Technical Director', ownerId: String(w.sam), version: String(version) }), ctx).ok).toBe(true);
    expect(leadRow(w.db, a)).toMatchObject({ computed_score: 10, score_breakdown: JSON.stringify([{ ruleId: r.ok ? r.value.id : 0, points: 10 }]) });
    expect(deleteScoreRule(w.db, r.ok ? r.value.id : 0, ctxFor(w.db, w.admin, NOW)).ok).toBe(true);
    expect(leadRow(w.db, a)).toMatchObject({ computed_score: 0, score_breakdown: '[]' });
    expect(createScoreRule(w.db, rule({ name: 'X', field: 'jobTitle', operator: 'isSet', points: '1' }), ctxFor(w.db, w.manager, NOW))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
  });

  test('"no activity for N days" fires as time passes, through the periodic recomputation', () => {
    const w = world();
    const a = makeLead(w.db, w.sam, {}, T0);
    createScoreRule(w.db, rule({ name: 'Idle', field: 'noActivityDays', operator: 'olderThan', value: '30', points: '-10' }), ctxFor(w.db, w.admin, T0 + DAY));
    expect(leadRow(w.db, a).computed_score).toBe(0);
    expect(rescoreIdleLeads(w.db, T0 + 29 * DAY)).toBe(0);
    expect(rescoreIdleLeads(w.db, T0 + 31 * DAY)).toBe(1);
    expect(leadRow(w.db, a).computed_score).toBe(-10);
    // Scored after crossing the threshold: the next runs leave it alone.
    expect(rescoreIdleLeads(w.db, T0 + 32 * DAY)).toBe(0);
  });
});

describe('search', () => {
  test('finds leads by name, company, email and phone, within what the user may see; deleted ones vanish', () => {
    const w = world();
    const a = makeLead(w.db, w.sam, { firstName: 'Hélène', lastName: 'Garnier', companyName: 'Hôtels Lumière', email: 'h.garnier@lumiere.fr', mobile: '06 11 22 33 44' });
    for (const q of ['helene', 'lumiere', 'h.garnier@lumiere.fr', '0611223344']) {
      expect(searchAll(w.db, viewerOf(w.db, w.tina), q).leads.map((l) => [l.id, l.statusName]), q).toEqual([[a, 'To handle']]);
    }
    expect(searchAll(w.db, viewerOf(w.db, w.olga), 'garnier').leads).toEqual([]);
    deleteLead(w.db, a, ctxFor(w.db, w.sam, NOW));
    expect(searchAll(w.db, viewerOf(w.db, w.admin), 'garnier').leads).toEqual([]);
  });
});

describe('scoring rules', () => {
  test('a rule’s value must name a real value of the right list, and rules can be switched off and on', () => {
    const w = world();
    const industry = makeRefValue(w.db, 'industry', 'Hotels');
    const origin = refId(w.db, 'lost_reason', 'Price');
    const admin = ctxFor(w.db, w.admin, NOW);
    expect(createScoreRule(w.db, rule({ name: 'Bad', field: 'industryId', operator: 'equals', value: String(origin), points: '5' }), admin)).toMatchObject({ ok: false, error: { fieldErrors: { value: 'errors.invalidChoice' } } });
    expect(createScoreRule(w.db, rule({ name: 'Bad size', field: 'size', operator: 'atLeast', value: 'huge', points: '5' }), admin)).toMatchObject({ ok: false, error: { fieldErrors: { value: 'errors.invalidChoice' } } });
    const good = createScoreRule(w.db, rule({ name: 'Hotels', field: 'industryId', operator: 'equals', value: String(industry), points: '5' }), admin);
    expect(good.ok).toBe(true);
    const a = makeLead(w.db, w.sam, { industryId: String(industry) });
    expect(leadRow(w.db, a).computed_score).toBe(5);
    expect(setScoreRuleActive(w.db, good.ok ? good.value.id : 0, false, admin)).toEqual({ ok: true, value: { rescored: 1 } });
    expect(leadRow(w.db, a).computed_score).toBe(0);
    expect(setScoreRuleActive(w.db, good.ok ? good.value.id : 0, true, ctxFor(w.db, w.manager, NOW))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
  });
});
