import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, test } from 'vitest';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { convertLead } from '@/lib/leads/convert';
import { leadTimeline } from '@/lib/leads/queries';
import { companyLeads, repeatOrigin, timelineRefs } from '@/lib/leads/record-queries';
import { convertSchema, loseSchema } from '@/lib/leads/schema';
import { createLead, loseLead, transferLead } from '@/lib/leads/service';
import { makeTeam, makeUser, T0, testDb, viewerOf } from '../../helpers/db';
import { ctxFor, makeCompany } from '../../helpers/customers';
import { leadInput, leadRow, leadWorld, makeLead } from '../../helpers/leads';
import { makeOpportunity, refId } from '../../helpers/opportunities';

function world() {
  const { db, sqlite } = testDb();
  const north = makeTeam(db, 'North');
  const south = makeTeam(db, 'South');
  const admin = makeUser(db, { role: 'admin' });
  const sam = makeUser(db, { role: 'sales', teams: [north], name: 'Sam' });
  const tina = makeUser(db, { role: 'sales', teams: [north], name: 'Tina' });
  const olga = makeUser(db, { role: 'sales', teams: [south], name: 'Olga' });
  return { db, sqlite, north, south, admin, sam, tina, olga, ...leadWorld(db) };
}

const convert = (w: ReturnType<typeof world>, userId: number, id: number, form: Record<string, string>) =>
  convertLead(w.db, id, convertSchema.parse({ contactMode: 'none', version: String(leadRow(w.db, id).version), ...form }), ctxFor(w.db, userId, T0 + 5000));

describe('companyLeads', () => {
  test('lists the leads converted into a company and the repeat leads started from it, newest first, visible ones only', () => {
    const w = world();
    const acme = makeCompany(w.db, w.sam, { name: 'Acme' });
    const other = makeCompany(w.db, w.sam, { name: 'Other' });
    const converted = makeLead(w.db, w.sam, { lastName: 'Garnier', firstName: 'Inès' }, T0 + 3000);
    expect(convert(w, w.sam, converted, { companyMode: 'existing', companyId: String(acme) }).ok).toBe(true);
    const elsewhere = makeLead(w.db, w.sam, { lastName: 'Elsewhere' }, T0 + 3100);
    expect(convert(w, w.sam, elsewhere, { companyMode: 'existing', companyId: String(other) }).ok).toBe(true);
    makeLead(w.db, w.sam, { lastName: 'Unrelated' }, T0 + 3200);
    const repeat = createLead(w.db, leadInput({ lastName: 'Again', ownerId: String(w.sam), confirmDuplicate: 'on' }), ctxFor(w.db, w.sam, T0 + 6000), { companyId: acme });
    expect(repeat.ok).toBe(true);
    // Another team's repeat lead for the same company (the company is visible to an admin only there).
    const hidden = createLead(w.db, leadInput({ lastName: 'Hidden', ownerId: String(w.olga), confirmDuplicate: 'on' }), ctxFor(w.db, w.olga, T0 + 7000), { companyId: acme });
    expect(hidden.ok).toBe(true);

    const rows = companyLeads(w.db, viewerOf(w.db, w.tina), acme);
    expect(rows.map((r) => [r.name, r.relation, r.status.kind, r.ownerName])).toEqual([
      ['Again', 'repeat', 'new', 'Sam'],
      ['Inès Garnier', 'converted', 'converted', 'Sam'],
    ]);
    expect(companyLeads(w.db, viewerOf(w.db, w.admin), acme).map((r) => r.name)).toEqual(['Hidden', 'Again', 'Inès Garnier']);
    expect(companyLeads(w.db, viewerOf(w.db, w.olga), acme).map((r) => r.name)).toEqual(['Hidden']);
    expect(companyLeads(w.db, viewerOf(w.db, w.sam), other).map((r) => r.name)).toEqual(['Elsewhere']);
  });
});

describe('companyLeads query plan', () => {
  test.each(['admin', 'sales'] as const)('as %s: both relations read through their indexes, no scan of leads', (who) => {
    const w = world();
    const acme = makeCompany(w.db, w.sam, { name: 'Acme' });
    for (let i = 0; i < 3; i++) makeLead(w.db, w.sam, { lastName: `L${i}` });
    const logged: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(w.sqlite, { schema, logger: { logQuery: (sql, params) => logged.push({ sql, params }) } }) as unknown as Db;
    companyLeads(db, viewerOf(w.db, who === 'admin' ? w.admin : w.sam), acme);
    const q = logged.find((l) => l.sql.includes('from "leads"'))!;
    const plan = (w.sqlite.prepare(`explain query plan ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toContain('leads_converted_company_idx');
    expect(plan).toContain('leads_from_company_idx');
    expect(plan).not.toMatch(/SCAN (leads|"leads")\b(?! USING)/);
  });
});

describe('repeatOrigin', () => {
  test('keeps a visible company or opportunity (with its company), refuses one the viewer may not see', () => {
    const w = world();
    const acme = makeCompany(w.db, w.sam, { name: 'Acme' });
    const deal = makeOpportunity(w.db, w.sam, acme, w.p.pipelineId);
    const tinaV = viewerOf(w.db, w.tina);
    expect(repeatOrigin(w.db, tinaV, { companyId: acme, opportunityId: null })).toEqual({ companyId: acme, opportunityId: null });
    expect(repeatOrigin(w.db, tinaV, { companyId: null, opportunityId: deal })).toEqual({ companyId: acme, opportunityId: deal });
    expect(repeatOrigin(w.db, tinaV, { companyId: null, opportunityId: null })).toEqual({ companyId: null, opportunityId: null });
    const olgaV = viewerOf(w.db, w.olga);
    expect(repeatOrigin(w.db, olgaV, { companyId: acme, opportunityId: null })).toBeNull();
    expect(repeatOrigin(w.db, olgaV, { companyId: null, opportunityId: deal })).toBeNull();
    expect(repeatOrigin(w.db, tinaV, { companyId: 999_999, opportunityId: null })).toBeNull();
  });
});

describe('timelineRefs', () => {
  test('names the people, teams and lost reason of a lead’s history, and only the converted records the viewer may see', () => {
    const w = world();
    const id = makeLead(w.db, w.sam, { lastName: 'Dupont', companyName: 'Dupont SA' });
    expect(transferLead(w.db, id, { ownerId: null, teamId: w.north, comment: 'For the queue' }, ctxFor(w.db, w.sam, T0 + 4000)).ok).toBe(true);
    const price = refId(w.db, 'lost_reason', 'Price');
    expect(loseLead(w.db, id, loseSchema.parse({ lostReasonId: String(price), comment: 'Too dear' }), ctxFor(w.db, w.admin, T0 + 4500)).ok).toBe(true);

    const refs = timelineRefs(w.db, viewerOf(w.db, w.tina), leadTimeline(w.db, viewerOf(w.db, w.tina), id));
    expect(refs.users.get(w.sam)).toBe('Sam');
    expect(refs.teams.get(w.north)).toBe('North');
    expect(refs.refs.get(price)).toBe('Price');

    const other = makeLead(w.db, w.sam, { lastName: 'Martin', companyName: 'Martin SARL' });
    const r = convert(w, w.sam, other, { companyMode: 'new', companyName: 'Martin SARL', contactMode: 'new' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const samRefs = timelineRefs(w.db, viewerOf(w.db, w.sam), leadTimeline(w.db, viewerOf(w.db, w.sam), other));
    expect(samRefs.companies.get(r.value.companyId)).toBe('Martin SARL');
    expect(samRefs.contacts.get(r.value.contactId!)).toBe('Martin');
    // Someone who may see nothing of it gets no names (and no timeline to begin with).
    const olgaRefs = timelineRefs(w.db, viewerOf(w.db, w.olga), leadTimeline(w.db, viewerOf(w.db, w.sam), other));
    expect(olgaRefs.companies.size).toBe(0);
    expect(olgaRefs.contacts.size).toBe(0);
  });
});
