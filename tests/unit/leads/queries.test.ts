import { describe, expect, test } from 'vitest';
import { convertLead } from '@/lib/leads/convert';
import { getLead, leadCustomerMatches, leadTimeline, repeatLeadDefaults } from '@/lib/leads/queries';
import { createScoreRule } from '@/lib/leads/rules';
import { convertSchema, scoreRuleSchema } from '@/lib/leads/schema';
import { makeTeam, makeUser, T0, testDb, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany, makeContact } from '../../helpers/customers';
import { leadRow, leadWorld, makeLead } from '../../helpers/leads';
import { makeOpportunity } from '../../helpers/opportunities';

function world() {
  const { db } = testDb();
  const north = makeTeam(db, 'North');
  const south = makeTeam(db, 'South');
  const admin = makeUser(db, { role: 'admin' });
  const sam = makeUser(db, { role: 'sales', teams: [north] });
  const tina = makeUser(db, { role: 'sales', teams: [north] });
  const olga = makeUser(db, { role: 'sales', teams: [south] });
  return { db, north, south, admin, sam, tina, olga, ...leadWorld(db) };
}

describe('lead queries', () => {
  test('a lead shows its status, score breakdown with rule names, and what the viewer may do', () => {
    const w = world();
    const rule = createScoreRule(w.db, scoreRuleSchema.parse({ name: 'Director', field: 'jobTitle', operator: 'contains', value: 'director', points: '10', active: 'on' }), ctxFor(w.db, w.admin, T0));
    const queue = makeLead(w.db, w.sam, { lastName: 'Queue', jobTitle: 'IT Director', ownerId: '', teamId: String(w.north) });
    const lead = getLead(w.db, viewerOf(w.db, w.tina), queue)!;
    expect(lead).toMatchObject({ name: 'Queue', status: { name: 'To handle', kind: 'new' }, computedScore: 10, owner: null, team: { id: w.north, name: 'North' } });
    expect(lead.scoreBreakdown).toEqual([{ ruleId: rule.ok ? rule.value.id : 0, name: 'Director', points: 10 }]);
    expect(lead.can).toEqual({ edit: true, assign: false, delete: false, take: true, reopen: false });
    expect(getLead(w.db, viewerOf(w.db, w.olga), queue)).toBeNull();
    expect(leadTimeline(w.db, viewerOf(w.db, w.olga), queue)).toEqual([]);
    expect(leadTimeline(w.db, viewerOf(w.db, w.tina), queue).map((e) => e.action)).toEqual(['lead.created']);
  });

  test('a converted lead links to its company, contact and opportunity, and can no longer be changed', () => {
    const w = world();
    const id = makeLead(w.db, w.sam, { lastName: 'Garnier', companyName: 'Lumière' });
    const r = convertLead(w.db, id, convertSchema.parse({ companyMode: 'new', companyName: 'Lumière', contactMode: 'new', version: String(leadRow(w.db, id).version) }), ctxFor(w.db, w.sam, T0 + 5000));
    expect(r.ok).toBe(true);
    const lead = getLead(w.db, viewerOf(w.db, w.sam), id)!;
    expect(lead.converted).toEqual({ company: { id: r.ok ? r.value.companyId : 0, name: 'Lumière' }, contact: { id: r.ok ? r.value.contactId : 0, name: 'Garnier' }, opportunity: null });
    expect(lead.can).toEqual({ edit: false, assign: false, delete: false, take: false, reopen: false });
  });

  test('matches with existing customers, and a repeat lead pre-filled from a company or a won opportunity', () => {
    const w = world();
    const acme = makeCompany(w.db, w.sam, { name: 'Acme SA', website: 'https://acme.fr', size: '50-249' });
    const jean = makeContact(w.db, w.sam, { firstName: 'Jean', lastName: 'Dupont', companyId: String(acme), email: 'jean@acme.fr' });
    const id = makeLead(w.db, w.sam, { firstName: 'J', lastName: 'Other', companyName: 'ACME', email: 'jean@acme.fr' });
    const matches = leadCustomerMatches(w.db, viewerOf(w.db, w.sam), getLead(w.db, viewerOf(w.db, w.sam), id)!);
    expect(matches.companies.map((m) => [m.id, m.reasons])).toEqual([[acme, ['name', 'domain']]]);
    expect(matches.contacts.map((m) => [m.id, m.reasons])).toEqual([[jean, ['email']]]);
    expect(leadCustomerMatches(w.db, viewerOf(w.db, w.olga), getLead(w.db, viewerOf(w.db, w.sam), id)!)).toEqual({ companies: [], contacts: [] });
    expect(repeatLeadDefaults(w.db, viewerOf(w.db, w.sam), { companyId: acme })).toMatchObject({ companyName: 'Acme SA', size: '50-249', firstName: 'Jean', lastName: 'Dupont', email: 'jean@acme.fr' });
    const deal = makeOpportunity(w.db, w.sam, acme, w.p.pipelineId, { contactIds: [String(jean)] });
    expect(repeatLeadDefaults(w.db, viewerOf(w.db, w.sam), { opportunityId: deal })).toMatchObject({ companyName: 'Acme SA', lastName: 'Dupont' });
    expect(repeatLeadDefaults(w.db, viewerOf(w.db, w.olga), { companyId: acme })).toBeNull();
  });
});
