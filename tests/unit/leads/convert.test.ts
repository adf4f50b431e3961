import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { setCompanyArchived } from '@/lib/companies/service';
import { convertLead } from '@/lib/leads/convert';
import { convertSchema } from '@/lib/leads/schema';
import { moveLead, updateLead } from '@/lib/leads/service';
import { makeTeam, makeUser, T0, testDb } from '../../helpers/db';
import { ctxFor, makeCompany, makeContact, makeRefValue, makeTag } from '../../helpers/customers';
import { leadRow, leadUpdateInput, leadWorld, makeLead } from '../../helpers/leads';

const NOW = T0 + 10_000;

function world() {
  const h = testDb();
  const db = h.db;
  const north = makeTeam(db, 'North');
  const sam = makeUser(db, { role: 'sales', teams: [north] });
  const tina = makeUser(db, { role: 'sales', teams: [north] });
  const rita = makeUser(db, { role: 'read_only', teams: [north] });
  const w = leadWorld(db);
  const vip = makeTag(db, 'VIP');
  const industry = makeRefValue(db, 'industry', 'Hotels');
  const lead = makeLead(db, sam, {
    civility: 'ms',
    firstName: 'Hélène',
    lastName: 'Garnier',
    companyName: 'Hôtels Lumière',
    jobTitle: 'Directrice des achats',
    email: 'h.garnier@hotels-lumiere.fr',
    phone: '04 72 10 20 30',
    website: 'https://hotels-lumiere.fr',
    addressLine1: '12 quai Saint-Antoine',
    postalCode: '69002',
    city: 'Lyon',
    country: 'FR',
    industryId: String(industry),
    size: '250-999',
    keyAccount: 'on',
    manualScore: '4',
    description: 'Met at the trade show.',
    tagIds: [String(vip)],
  });
  return { ...h, north, sam, tina, rita, ...w, vip, industry, lead };
}
type W = ReturnType<typeof world>;

const TABLES = ['companies', 'company_addresses', 'company_tags', 'contacts', 'contact_channels', 'contact_tags', 'opportunities', 'opportunity_contacts', 'opportunity_tags', 'leads', 'audit_log', 'search_fts'];
const everything = (w: W) => TABLES.map((t) => w.sqlite.prepare(`select * from ${t} order by rowid`).all());
const convertForm = (w: W, form: Record<string, string>) => convertSchema.parse({ companyMode: 'new', companyName: 'Hôtels Lumière', contactMode: 'new', version: String(leadRow(w.db, w.lead).version), ...form });

describe('converting a lead', () => {
  test('into a new company, contact and opportunity, copying what the lead knows; the lead links to them and is read-only', () => {
    const w = world();
    const r = convertLead(
      w.db,
      w.lead,
      convertForm(w, { createOpportunity: 'on', opportunityName: 'Rénovation du hall', amount: '48 000', expectedCloseDate: '2026-03-31', pipelineId: String(w.p.pipelineId), stageId: String(w.p.proposal) }),
      ctxFor(w.db, w.tina, NOW),
    );
    expect(r.ok).toBe(true);
    const { companyId, contactId, opportunityId } = r.ok ? r.value : { companyId: 0, contactId: 0, opportunityId: 0 };
    const company = w.db.all<Record<string, unknown>>(sql`select * from companies where id = ${companyId}`)[0];
    expect(company).toMatchObject({ name: 'Hôtels Lumière', type: 'prospect', website: 'https://hotels-lumiere.fr', industry_id: w.industry, size: '250-999', key_account: 1, owner_id: w.sam, team_id: w.north, notes: 'Met at the trade show.' });
    expect(w.db.all(sql`select line1, city, postal_code as postalCode from company_addresses where company_id = ${companyId}`)).toEqual([{ line1: '12 quai Saint-Antoine', city: 'Lyon', postalCode: '69002' }]);
    expect(w.db.all(sql`select tag_id as t from company_tags where company_id = ${companyId}`)).toEqual([{ t: w.vip }]);
    const contact = w.db.all<Record<string, unknown>>(sql`select * from contacts where id = ${contactId}`)[0];
    expect(contact).toMatchObject({ civility: 'ms', first_name: 'Hélène', last_name: 'Garnier', company_id: companyId, job_title: 'Directrice des achats', email: 'h.garnier@hotels-lumiere.fr', owner_id: w.sam });
    const opp = w.db.all<Record<string, unknown>>(sql`select * from opportunities where id = ${opportunityId}`)[0];
    expect(opp).toMatchObject({ name: 'Rénovation du hall', company_id: companyId, amount: 4_800_000, stage_id: w.p.proposal, expected_close_date: '2026-03-31', score: 4, lead_id: w.lead, owner_id: w.sam });
    expect(w.db.all(sql`select contact_id as c, is_primary as p from opportunity_contacts where opportunity_id = ${opportunityId}`)).toEqual([{ c: contactId, p: 1 }]);
    expect(leadRow(w.db, w.lead)).toMatchObject({ status_id: w.converted, converted_company_id: companyId, converted_contact_id: contactId, converted_opportunity_id: opportunityId });
    const version = String(leadRow(w.db, w.lead).version);
    expect(updateLead(w.db, w.lead, leadUpdateInput({ lastName: 'X', ownerId: String(w.sam), version }), ctxFor(w.db, w.sam, NOW))).toMatchObject({ ok: false, error: { code: 'leads.errors.converted' } });
    expect(moveLead(w.db, { id: w.lead, statusId: w.marketing, beforeId: null }, ctxFor(w.db, w.sam, NOW))).toMatchObject({ ok: false, error: { code: 'leads.errors.converted' } });
  });

  test('onto an existing company, with an existing contact or none', () => {
    const w = world();
    const existing = makeCompany(w.db, w.sam, { name: 'Lumière Group', type: 'client' });
    const person = makeContact(w.db, w.sam, { lastName: 'Garnier', companyId: String(existing) });
    const r = convertLead(w.db, w.lead, convertForm(w, { companyMode: 'existing', companyId: String(existing), contactMode: 'existing', contactId: String(person) }), ctxFor(w.db, w.sam, NOW));
    expect(r).toEqual({ ok: true, value: { companyId: existing, contactId: person, opportunityId: null } });
    expect(w.db.all(sql`select count(*) as n from companies`)).toEqual([{ n: 1 }]);
    const other = makeLead(w.db, w.sam, { lastName: 'Solo' });
    const none = convertLead(w.db, other, convertSchema.parse({ companyMode: 'existing', companyId: String(existing), contactMode: 'none', version: String(leadRow(w.db, other).version) }), ctxFor(w.db, w.sam, NOW));
    expect(none).toEqual({ ok: true, value: { companyId: existing, contactId: null, opportunityId: null } });
  });

  test('is atomic: a failure in its last step leaves no trace', () => {
    const w = world();
    const before = everything(w);
    expect(() =>
      convertLead(w.db, w.lead, convertForm(w, { createOpportunity: 'on', opportunityName: 'Deal', pipelineId: String(w.p.pipelineId) }), ctxFor(w.db, w.sam, NOW), {
        beforeCommit: () => {
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(everything(w)).toEqual(before);
    // A refused opportunity (a won stage) after the company and the contact were written: nothing either.
    const refused = convertLead(w.db, w.lead, convertForm(w, { createOpportunity: 'on', opportunityName: 'Deal', pipelineId: String(w.p.pipelineId), stageId: String(w.p.won) }), ctxFor(w.db, w.sam, NOW));
    expect(refused).toMatchObject({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { stageId: 'opportunities.errors.useClose' } } });
    expect(everything(w)).toEqual(before);
  });

  test('refuses an archived company, a converted lead, a lead changed since the dialog opened, and read-only users', () => {
    const w = world();
    const archived = makeCompany(w.db, w.sam, { name: 'Old Co' });
    setCompanyArchived(w.db, archived, true, ctxFor(w.db, w.sam, NOW));
    const before = everything(w);
    expect(convertLead(w.db, w.lead, convertForm(w, { companyMode: 'existing', companyId: String(archived) }), ctxFor(w.db, w.sam, NOW))).toMatchObject({
      ok: false,
      error: { fieldErrors: { companyId: 'leads.errors.companyArchived' } },
    });
    expect(convertLead(w.db, w.lead, convertForm(w, {}), ctxFor(w.db, w.rita, NOW))).toMatchObject({ ok: false, error: { code: 'errors.forbidden' } });
    expect(everything(w)).toEqual(before);
    // Two people open the dialog; the first converts, the second is told.
    const first = convertForm(w, {});
    const second = convertForm(w, {});
    expect(convertLead(w.db, w.lead, first, ctxFor(w.db, w.sam, NOW)).ok).toBe(true);
    expect(convertLead(w.db, w.lead, second, ctxFor(w.db, w.tina, NOW + 1))).toMatchObject({ ok: false, error: { code: 'leads.errors.alreadyConverted' } });
    const other = makeLead(w.db, w.sam, { lastName: 'Changed' });
    const stale = convertSchema.parse({ companyMode: 'new', companyName: 'X', contactMode: 'none', version: String(leadRow(w.db, other).version) });
    moveLead(w.db, { id: other, statusId: w.marketing, beforeId: null }, ctxFor(w.db, w.tina, NOW));
    expect(convertLead(w.db, other, stale, ctxFor(w.db, w.sam, NOW))).toMatchObject({ ok: false, error: { code: 'leads.errors.changedSince' } });
  });
});
