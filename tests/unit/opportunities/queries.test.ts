import { beforeEach, describe, expect, it } from 'vitest';
import { closeSchema, moveSchema, reopenSchema } from '@/lib/opportunities/schema';
import { closeOpportunity, moveOpportunity, reopenOpportunity, resolveOtherOpportunities } from '@/lib/opportunities/service';
import {
  companyOpportunities,
  contactChoices,
  contactOpportunities,
  getOpportunity,
  opportunityFormOptions,
  opportunityTimeline,
  otherOpenOpportunities,
} from '@/lib/opportunities/queries';
import { setContactActive } from '@/lib/contacts/service';
import { makeTeam, makeUser, T0, testDb, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makeContact } from '../../helpers/customers';
import { makeOpportunity, refId, starterPipeline } from '../../helpers/opportunities';

// The reads behind the opportunity page, its confirm steps and the company/contact panels: every one
// applies the viewer's visibility.

const NOW = T0 + 10_000;
const TODAY = '2026-01-15';

function setup() {
  const { db } = testDb();
  const north = makeTeam(db, 'North');
  const south = makeTeam(db, 'South');
  const admin = makeUser(db, { role: 'admin', name: 'Ada Admin' });
  const manager = makeUser(db, { role: 'manager', teams: [north], name: 'Marc Manager' });
  const sales = makeUser(db, { role: 'sales', teams: [north], name: 'Sam Sales' });
  const colleague = makeUser(db, { role: 'sales', teams: [north], name: 'Tina Teammate' });
  const outsider = makeUser(db, { role: 'sales', teams: [south], name: 'Olga Other' });
  const reader = makeUser(db, { role: 'read_only', teams: [north], name: 'Rita Reader' });
  const p = starterPipeline(db);
  const prospect = makeCompany(db, sales, { name: 'Bourgeois Industrie', type: 'prospect' });
  const anne = makeContact(db, sales, { firstName: 'Anne', lastName: 'Martin', companyId: String(prospect) });
  const bob = makeContact(db, sales, { firstName: 'Bob', lastName: 'Durand', companyId: String(prospect) });
  // A contact of the same company that only the South team sees.
  const carl = makeContact(db, admin, { firstName: 'Carl', lastName: 'Petit', companyId: String(prospect), ownerId: String(outsider) });
  return { db, north, south, admin, manager, sales, colleague, outsider, reader, p, prospect, anne, bob, carl };
}
type World = ReturnType<typeof setup>;

const v = (w: World, id: number) => viewerOf(w.db, id);
const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
const won = () => closeSchema.parse({ outcome: 'won', closeDate: TODAY });

describe('getOpportunity', () => {
  let w: World;
  beforeEach(() => {
    w = setup();
  });

  it('gives the page everything: company, stage, amounts, probability that follows the stage, contacts with the primary one first', () => {
    const id = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, {
      name: 'Atelier 2026',
      amount: '12 500,50',
      bestCase: '15000',
      worstCase: '10000',
      contactIds: [String(w.anne), String(w.bob)],
      primaryContactId: String(w.bob),
      typeId: String(refId(w.db, 'opportunity_type', 'Renewal')),
      score: '4',
    });
    const o = getOpportunity(w.db, v(w, w.sales), id)!;
    expect(o).toMatchObject({
      name: 'Atelier 2026',
      company: { id: w.prospect, name: 'Bourgeois Industrie', type: 'prospect', archived: false },
      stage: { id: w.p.qualification, kind: 'open', probability: 10 },
      status: 'open',
      amount: 1_250_050,
      bestCase: 1_500_000,
      worstCase: 1_000_000,
      probability: null,
      effectiveProbability: 10,
      score: 4,
      type: { name: 'Renewal' },
      owner: { id: w.sales, name: 'Sam Sales' },
      team: { id: w.north, name: 'North' },
      can: { edit: true, assign: true, delete: true },
    });
    expect(o.contacts.map((c) => [c.name, c.isPrimary])).toEqual([
      ['Bob Durand', true],
      ['Anne Martin', false],
    ]);
  });

  it('is null for a salesperson of another team, and for an unknown id; a teammate and a reader see it, the reader changes nothing', () => {
    const id = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId);
    expect(getOpportunity(w.db, v(w, w.outsider), id)).toBeNull();
    expect(getOpportunity(w.db, v(w, w.sales), id + 1000)).toBeNull();
    expect(getOpportunity(w.db, v(w, w.colleague), id)?.can).toEqual({ edit: true, assign: false, delete: false });
    expect(getOpportunity(w.db, v(w, w.reader), id)?.can).toEqual({ edit: false, assign: false, delete: false });
    expect(getOpportunity(w.db, v(w, w.manager), id)?.can).toEqual({ edit: true, assign: true, delete: true });
  });

  it('leaves out the contacts the viewer may not see rather than naming them', () => {
    const id = makeOpportunity(w.db, w.admin, w.prospect, w.p.pipelineId, { ownerId: String(w.sales), contactIds: [String(w.anne), String(w.carl)] });
    expect(getOpportunity(w.db, v(w, w.admin), id)!.contacts.map((c) => c.name).sort()).toEqual(['Anne Martin', 'Carl Petit']);
    expect(getOpportunity(w.db, v(w, w.sales), id)!.contacts.map((c) => c.name)).toEqual(['Anne Martin']);
  });

  it('keeps its own probability over the stage default, and shows the close, the lost reason and the competitor', () => {
    const id = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { probability: '35' });
    expect(getOpportunity(w.db, v(w, w.sales), id)).toMatchObject({ probability: 35, effectiveProbability: 35 });
    const reason = refId(w.db, 'lost_reason', 'Price');
    expect(closeOpportunity(w.db, id, closeSchema.parse({ outcome: 'lost', closeDate: TODAY, lostReasonId: String(reason), competitor: 'Martin & fils' }), ctxFor(w.db, w.sales, NOW)).ok).toBe(true);
    expect(getOpportunity(w.db, v(w, w.sales), id)).toMatchObject({
      status: 'lost',
      stage: { id: w.p.lost, kind: 'lost' },
      closeDate: TODAY,
      closedBy: 'Sam Sales',
      lostReason: { id: reason, name: 'Price' },
      competitor: 'Martin & fils',
    });
  });
});

describe('companyOpportunities and contactOpportunities (the panels)', () => {
  it('list only what the viewer may see: open ones first, then the closed ones', () => {
    const w = setup();
    const mine = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'Mine', contactIds: [String(w.anne)], expectedCloseDate: '2026-03-01' });
    const later = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'Later', expectedCloseDate: '2026-06-01' });
    const theirs = makeOpportunity(w.db, w.admin, w.prospect, w.p.pipelineId, { name: 'Theirs', ownerId: String(w.outsider), contactIds: [String(w.anne)] });
    const closed = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'Closed', contactIds: [String(w.anne)] });
    expect(closeOpportunity(w.db, closed, won(), ctxFor(w.db, w.sales, NOW)).ok).toBe(true);

    expect(companyOpportunities(w.db, v(w, w.sales), w.prospect).map((o) => [o.name, o.status])).toEqual([
      ['Mine', 'open'],
      ['Later', 'open'],
      ['Closed', 'won'],
    ]);
    expect(ids(companyOpportunities(w.db, v(w, w.admin), w.prospect))).toEqual([mine, later, theirs, closed].sort((a, b) => a - b));
    expect(companyOpportunities(w.db, v(w, w.outsider), w.prospect).map((o) => o.name)).toEqual(['Theirs']);

    expect(contactOpportunities(w.db, v(w, w.sales), w.anne).map((o) => o.name)).toEqual(['Mine', 'Closed']);
    expect(contactOpportunities(w.db, v(w, w.outsider), w.anne).map((o) => o.name)).toEqual(['Theirs']);
    expect(contactOpportunities(w.db, v(w, w.sales), w.bob)).toEqual([]);
    // The summary carries what the panel shows.
    expect(companyOpportunities(w.db, v(w, w.sales), w.prospect)[0]).toMatchObject({ stageName: 'Qualification', probability: 10, currency: 'EUR', ownerName: 'Sam Sales' });
  });
});

describe('otherOpenOpportunities (the offer after a prospect’s win)', () => {
  it('lists the company’s other open ones the viewer may edit: not the won one, not closed ones, not those of another team', () => {
    const w = setup();
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'A' });
    const b = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'B' });
    const c = makeOpportunity(w.db, w.colleague, w.prospect, w.p.pipelineId, { name: 'C' });
    const hidden = makeOpportunity(w.db, w.admin, w.prospect, w.p.pipelineId, { name: 'Hidden', ownerId: String(w.outsider) });
    const lost = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'Lost already' });
    expect(closeOpportunity(w.db, lost, closeSchema.parse({ outcome: 'lost', closeDate: TODAY, lostReasonId: String(refId(w.db, 'lost_reason', 'Price')) }), ctxFor(w.db, w.sales, NOW)).ok).toBe(true);
    const res = closeOpportunity(w.db, a, won(), ctxFor(w.db, w.sales, NOW));
    expect(res).toEqual({ ok: true, value: { becameClient: true, others: 2 } });

    expect(ids(otherOpenOpportunities(w.db, v(w, w.sales), a))).toEqual([b, c]);
    // The reader sees them but may change none: nothing to offer.
    expect(otherOpenOpportunities(w.db, v(w, w.reader), a)).toEqual([]);
    expect(ids(otherOpenOpportunities(w.db, v(w, w.admin), a))).toEqual([b, c, hidden]);
    expect(ids(otherOpenOpportunities(w.db, v(w, w.outsider), a))).toEqual([hidden]);
  });
});

describe('opportunityTimeline (the activity panel)', () => {
  it('tells the story: created, moved, won, lost after the win with its reason and the won one named, reopened with its reason', () => {
    const w = setup();
    const a = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'A' });
    const b = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'B' });
    const ctx = ctxFor(w.db, w.sales, NOW);
    expect(moveOpportunity(w.db, moveSchema.parse({ id: String(a), stageId: String(w.p.proposal) }), ctx).ok).toBe(true);
    expect(closeOpportunity(w.db, a, won(), ctx).ok).toBe(true);
    const reason = refId(w.db, 'lost_reason', 'No budget');
    expect(resolveOtherOpportunities(w.db, a, [{ id: b, decision: 'lose', lostReasonId: reason }], ctx).ok).toBe(true);
    expect(reopenOpportunity(w.db, b, reopenSchema.parse({ reason: 'Budget found after all' }), ctxFor(w.db, w.sales, NOW + 1000)).ok).toBe(true);

    const ta = opportunityTimeline(w.db, v(w, w.sales), a);
    expect(ta.map((e) => e.action)).toEqual(['opportunity.won', 'opportunity.moved', 'opportunity.created']);
    expect(ta[1].data).toMatchObject({ stage: ['Qualification', 'Proposal'] });
    expect(ta[0].actorName).toBe('Sam Sales');

    const tb = opportunityTimeline(w.db, v(w, w.sales), b);
    expect(tb.map((e) => e.action)).toEqual(['opportunity.reopened', 'opportunity.lost', 'opportunity.created']);
    expect(tb[0].data).toMatchObject({ reason: 'Budget found after all', was: 'lost' });
    expect(tb[1]).toMatchObject({ lostReason: 'No budget', via: { id: a, name: 'A' } });
  });

  it('is empty for a viewer who may not see the opportunity, and does not name a won opportunity they may not see', () => {
    const w = setup();
    const a = makeOpportunity(w.db, w.admin, w.prospect, w.p.pipelineId, { name: 'Admin’s win' });
    const b = makeOpportunity(w.db, w.sales, w.prospect, w.p.pipelineId, { name: 'B' });
    const ctx = ctxFor(w.db, w.admin, NOW);
    expect(closeOpportunity(w.db, a, won(), ctx).ok).toBe(true);
    expect(resolveOtherOpportunities(w.db, a, [{ id: b, decision: 'lose', lostReasonId: refId(w.db, 'lost_reason', 'Price') }], ctx).ok).toBe(true);

    expect(opportunityTimeline(w.db, v(w, w.outsider), b)).toEqual([]);
    expect(opportunityTimeline(w.db, v(w, w.sales), a)).toEqual([]);
    const lostEntry = opportunityTimeline(w.db, v(w, w.sales), b)[0];
    expect(lostEntry).toMatchObject({ action: 'opportunity.lost', lostReason: 'Price', via: null });
    expect(opportunityTimeline(w.db, v(w, w.admin), b)[0].via).toEqual({ id: a, name: 'Admin’s win' });
  });
});

describe('contactChoices (the form’s contacts)', () => {
  it('offers the visible active contacts of the given companies, plus those already on the opportunity', () => {
    const w = setup();
    const other = makeCompany(w.db, w.sales, { name: 'Autre SA' });
    const dan = makeContact(w.db, w.sales, { firstName: 'Dan', lastName: 'Roux', companyId: String(other) });
    const eve = makeContact(w.db, w.sales, { firstName: 'Eve', lastName: 'Blanc', companyId: String(w.prospect) });
    setContactActive(w.db, eve, false, ctxFor(w.db, w.sales, NOW));

    const names = (list: { name: string }[]) => list.map((c) => c.name);
    expect(names(contactChoices(w.db, v(w, w.sales), [w.prospect]))).toEqual(['Bob Durand', 'Anne Martin']);
    expect(names(contactChoices(w.db, v(w, w.admin), [w.prospect]))).toEqual(['Bob Durand', 'Anne Martin', 'Carl Petit']);
    expect(contactChoices(w.db, v(w, w.sales), [w.prospect, other]).map((c) => [c.name, c.companyId])).toEqual([
      ['Bob Durand', w.prospect],
      ['Anne Martin', w.prospect],
      ['Dan Roux', other],
    ]);
    // Kept: an inactive contact already on the opportunity, but never one the viewer may not see.
    expect(names(contactChoices(w.db, v(w, w.sales), [w.prospect], [eve, w.carl]))).toEqual(['Bob Durand', 'Anne Martin', 'Eve Blanc']);
    expect(contactChoices(w.db, v(w, w.sales), [])).toEqual([]);
  });
});

describe('opportunityFormOptions', () => {
  it('offers the open stages of every pipeline only, the starter types and lost reasons', () => {
    const w = setup();
    const o = opportunityFormOptions(w.db, v(w, w.sales));
    expect(o.pipelines).toEqual([{ value: String(w.p.pipelineId), label: 'New business', isDefault: true }]);
    expect(o.stages.map((s) => s.label)).toEqual(['Qualification', 'Needs analysis', 'Proposal', 'Negotiation']);
    expect(o.lostReasons.map((r) => r.label)).toContain('Price');
    expect(o.types.map((r) => r.label)).toEqual(['New business', 'Renewal', 'Upsell']);
    expect(o.owners.map((x) => x.label)).toEqual(['Sam Sales']);
  });
});
