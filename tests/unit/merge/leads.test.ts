import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, test } from 'vitest';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { createScoreRule } from '@/lib/leads/rules';
import { scoreRuleSchema } from '@/lib/leads/schema';
import { loseLead } from '@/lib/leads/service';
import { duplicateGroups, GROUPS_PAGE, listMerges, mergePreview } from '@/lib/merge/queries';
import { mergeRecords, undoMerge, type MergeInput } from '@/lib/merge/service';
import { T0, viewerOf } from '../../helpers/db';
import { ctxFor, customerContents, makeCompany, makePeople, makeRefValue, makeTag, seededWorld, type DbHandle } from '../../helpers/customers';
import { leadWorld, makeLead } from '../../helpers/leads';
import { makeOpportunity, refId } from '../../helpers/opportunities';

const NOW = T0 + 10_000;
const rule = (form: Record<string, string>) => scoreRuleSchema.parse({ active: 'on', ...form });

const world = seededWorld((db) => {
  const p = makePeople(db);
  const lw = leadWorld(db);
  const vip = makeTag(db, 'VIP');
  const hot = makeTag(db, 'Hot');
  const webinar = makeRefValue(db, 'origin', 'Webinar');
  const director = createScoreRule(db, rule({ name: 'Director', field: 'jobTitle', operator: 'contains', value: 'director', points: '10' }), ctxFor(db, p.admin, T0));
  const hotRule = createScoreRule(db, rule({ name: 'Hot', field: 'tagId', operator: 'equals', value: String(hot), points: '15' }), ctxFor(db, p.admin, T0));
  if (!director.ok || !hotRule.ok) throw new Error('rules');
  const jean = { firstName: 'Jean', lastName: 'Dupont' };
  const jean1 = makeLead(db, p.salesA1, { ...jean, companyName: 'Acme SA', email: 'jean@acme.fr', phone: '06 12 34 56 78', jobTitle: 'Buyer', tagIds: [String(vip)], manualScore: '2' }, T0 + 1);
  const jean2 = makeLead(
    db,
    p.salesA1,
    { firstName: 'Jean', lastName: 'DUPONT', companyName: 'ACME', email: 'j.dupont@acme.fr', mobile: '+33 6 12 34 56 78', jobTitle: 'Purchasing Director', addressLine1: '1 quai Perrache', postalCode: '69002', city: 'Lyon', country: 'FR', sourceId: String(webinar), tagIds: [String(hot), String(vip)], manualScore: '4' },
    T0 + 2,
  );
  const south = makeLead(db, p.salesB, { ...jean, email: 'jean@acme.fr' }, T0 + 3);
  const tinas = makeLead(db, p.salesA2, { ...jean }, T0 + 4);
  const queue = makeLead(db, p.salesA2, { ...jean, companyName: 'Acme', ownerId: '', teamId: String(p.teamA) }, T0 + 5);
  const converted = makeLead(db, p.salesA1, { ...jean, companyName: 'Acme' }, T0 + 6);
  const company = makeCompany(db, p.salesA1, { name: 'Acme' }, T0 + 7);
  db.run(sql`update leads set status_id = ${lw.converted}, converted_company_id = ${company}, closed_at = ${T0 + 8} where id = ${converted}`);
  const lost = makeLead(db, p.salesA1, { ...jean, companyName: 'Acme', email: 'jean@acme.fr' }, T0 + 9);
  const lose = loseLead(db, lost, { lostReasonId: refId(db, 'lost_reason', 'Price'), comment: null }, ctxFor(db, p.salesA1, T0 + 10));
  if (!lose.ok) throw new Error('lose');
  const deal = makeOpportunity(db, p.salesA1, company, lw.p.pipelineId, {}, T0 + 11);
  db.run(sql`update opportunities set lead_id = ${jean2} where id = ${deal}`);
  return { ...p, ...lw, vip, hot, webinar, director: director.value.id, hotRule: hotRule.value.id, jean1, jean2, south, tinas, queue, converted, lost, company, deal };
});
type H = ReturnType<typeof world>;

/** Every row of the tables a lead merge touches, link tables as sets; without the audit trail and the merges. */
function contents(h: DbHandle) {
  const c = customerContents(h);
  delete c.audit_log;
  for (const t of ['leads', 'lead_tags', 'lead_channels', 'lead_statuses', 'opportunities']) c[t] = h.sqlite.prepare(`select * from ${t} order by rowid`).all();
  for (const k of ['lead_tags', 'lead_channels']) c[k] = c[k].map((r) => JSON.stringify(r)).sort();
  return c;
}
const everything = (h: DbHandle) => ({ ...contents(h), audit_log: h.sqlite.prepare('select * from audit_log').all(), merges: h.sqlite.prepare('select * from merges').all() });
const lead = (h: DbHandle, id: number) => h.sqlite.prepare('select * from leads where id = ?').get(id) as Record<string, unknown> | undefined;
const fts = (h: DbHandle, id: number) => h.sqlite.prepare('select title, body from search_fts where rowid = ?').get(id * 8 + 4) as { title: string; body: string } | undefined;

const merge = (h: H, userId: number, input: Partial<MergeInput> = {}) =>
  mergeRecords(h.db, 'lead', { survivorId: h.w.jean1, mergedIds: [h.w.jean2], choices: {}, ...input }, ctxFor(h.db, userId, NOW));

const groups = (h: H, userId: number, by: string[]) => duplicateGroups(h.db, viewerOf(h.db, userId), 'lead', by).groups.map((g) => [g.field, g.key, g.records.map((r) => r.id)]);

describe('duplicate groups of leads', () => {
  test('by name, company + name, email and phone — open leads only', () => {
    const h = world();
    const { w } = h;
    expect(groups(h, w.admin, ['name'])).toEqual([['name', 'dupontjean', [w.jean1, w.jean2, w.south, w.tinas, w.queue]]]);
    expect(groups(h, w.admin, ['companyName'])).toEqual([['companyName', 'acme dupontjean', [w.jean1, w.jean2, w.queue]]]);
    // The lost lead shares the email: it is left out (reopen it first).
    expect(groups(h, w.admin, ['email'])).toEqual([['email', 'jean@acme.fr', [w.jean1, w.south]]]);
    expect(groups(h, w.admin, ['phone'])).toEqual([['phone', '0612345678', [w.jean1, w.jean2]]]);
    const g = duplicateGroups(h.db, viewerOf(h.db, w.admin), 'lead', ['phone']).groups[0];
    expect(g.records[0]).toEqual({ id: w.jean1, name: 'Jean Dupont (Acme SA)' });
  });

  test('among the leads the viewer may see', () => {
    const h = world();
    const { w } = h;
    expect(groups(h, w.salesA1, ['name', 'email'])).toEqual([['name', 'dupontjean', [w.jean1, w.jean2, w.tinas, w.queue]]]);
    expect(groups(h, w.salesB, ['name', 'companyName', 'email', 'phone'])).toEqual([]);
  });

  test('pages of 50 groups: company + name keys in (company, name) order, none lost or repeated', () => {
    const h = world();
    const { w } = h;
    // "co1" < "co10" < "co2": company keys that are prefixes of one another.
    for (let i = 0; i < GROUPS_PAGE + 5; i++) {
      for (const n of [0, 1]) makeLead(h.db, w.admin, { lastName: 'Same', companyName: `Co${i}`, email: `x${i}.${n}@example.test` }, T0 + 100 + i * 2 + n);
    }
    const v = viewerOf(h.db, w.admin);
    const first = duplicateGroups(h.db, v, 'lead', ['companyName']);
    expect(first.groups).toHaveLength(GROUPS_PAGE);
    const second = duplicateGroups(h.db, v, 'lead', ['companyName'], first.nextCursor);
    expect(second.nextCursor).toBeNull();
    const keys = [...first.groups, ...second.groups].map((g) => g.key);
    expect(keys).toHaveLength(GROUPS_PAGE + 6);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.slice(0, 4)).toEqual(['acme dupontjean', 'co0 same', 'co1 same', 'co10 same']);
  });

  test.each(['admin', 'salesA1', 'managerA'] as const)('read through indexes, never a full scan of leads (%s)', (who) => {
    const h = world();
    const { w } = h;
    const v = viewerOf(h.db, w[who]);
    // Each grouping query, recorded as sent, then explained.
    const plans = ['name', 'companyName', 'email', 'phone'].map((field) => {
      const logged: { q: string; p: unknown[] }[] = [];
      const db = drizzle(h.sqlite, { schema, logger: { logQuery: (q, p) => logged.push({ q, p }) } }) as unknown as Db;
      duplicateGroups(db, v, 'lead', [field]);
      const g = logged.find((l) => l.q.includes('group by'))!;
      return (h.sqlite.prepare(`explain query plan ${g.q}`).all(...g.p) as { detail: string }[]).map((r) => r.detail);
    });
    const shown = plans.map((p) => p.join('\n')).join('\n---\n');
    for (const p of plans) expect(p.filter((l) => /^SCAN (leads|lead_channels)\b/.test(l) && !/USING (COVERING )?INDEX/.test(l)), shown).toEqual([]);
    if (who === 'admin') {
      // Everything visible: the index gives the grouping order too.
      expect(plans[0].some((l) => /leads USING (COVERING )?INDEX leads_name_key_idx/.test(l)), shown).toBe(true);
      for (const p of plans.slice(2)) expect(p.some((l) => /lead_channels USING (COVERING )?INDEX lead_channels_value_idx/.test(l)), shown).toBe(true);
    }
  });
});

describe('merge preview of leads', () => {
  test('values shown by name, status, tags, channels and opportunities, rights', () => {
    const h = world();
    const { w } = h;
    const p = mergePreview(h.db, viewerOf(h.db, w.salesA1), 'lead', [w.jean2, w.jean1]);
    expect(p?.fields).toEqual(expect.arrayContaining(['lastName', 'companyName', 'address', 'sourceId', 'manualScore', 'ownerId']));
    expect(p?.records.map((r) => r.id)).toEqual([w.jean1, w.jean2]);
    expect(p?.records[0]).toMatchObject({
      name: 'Jean Dupont',
      values: { companyName: 'Acme SA', jobTitle: 'Buyer', address: null, manualScore: 2, ownerId: 'Sam Sales', teamId: 'North', doNotCall: false },
      extras: { tags: ['VIP'], channels: expect.arrayContaining(['jean@acme.fr', '0612345678']), opportunities: 0 },
      lead: { status: 'To handle', state: 'open' },
      can: { edit: true, delete: true },
    });
    expect(p?.records[1]).toMatchObject({ values: { address: '1 quai Perrache · 69002 · Lyon · FR', sourceId: 'Webinar' }, extras: { opportunities: 1 } });
    const closed = mergePreview(h.db, viewerOf(h.db, w.salesA1), 'lead', [w.jean1, w.converted, w.lost]);
    expect(closed?.records.map((r) => r.lead?.state)).toEqual(['open', 'converted', 'lost']);
    expect(mergePreview(h.db, viewerOf(h.db, w.salesA1), 'lead', [w.jean1, w.south])).toBeNull();
    expect(mergePreview(h.db, viewerOf(h.db, w.salesA2), 'lead', [w.jean1, w.tinas])?.records.map((r) => r.can)).toEqual([
      { edit: true, delete: false },
      { edit: true, delete: true },
    ]);
  });
});

describe('merging leads', () => {
  test('chosen values, tags united, channels rebuilt, score recomputed, opportunity moved, search and audit', () => {
    const h = world();
    const { w } = h;
    const r = merge(h, w.salesA1, { choices: { lastName: w.jean2, jobTitle: w.jean2, email: w.jean2, address: w.jean2, manualScore: w.jean2, sourceId: w.jean2 } });
    expect(r.ok).toBe(true);
    const mergeId = r.ok ? r.value.mergeId : 0;
    expect(lead(h, w.jean1)).toMatchObject({
      last_name: 'DUPONT',
      sort_name: 'dupont jean',
      name_key: 'dupontjean',
      company_name: 'Acme SA',
      company_key: 'acme',
      job_title: 'Purchasing Director',
      email: 'j.dupont@acme.fr',
      phone: '06 12 34 56 78',
      mobile: null,
      address_line1: '1 quai Perrache',
      postal_code: '69002',
      city: 'Lyon',
      country: 'FR',
      source_id: w.webinar,
      manual_score: 4,
      status_id: w.toHandle,
      computed_score: 25,
      score_breakdown: JSON.stringify([
        { ruleId: w.director, points: 10 },
        { ruleId: w.hotRule, points: 15 },
      ]),
      scored_at: NOW,
      last_activity_at: NOW,
      version: 2,
      updated_at: NOW,
      updated_by: w.salesA1,
    });
    expect(lead(h, w.jean2)).toBeUndefined();
    expect(h.sqlite.prepare('select tag_id from lead_tags where lead_id = ? order by tag_id').all(w.jean1)).toEqual([{ tag_id: w.vip }, { tag_id: w.hot }]);
    expect(h.sqlite.prepare('select count(*) as n from lead_tags where lead_id = ?').get(w.jean2)).toEqual({ n: 0 });
    expect(h.sqlite.prepare('select kind, value from lead_channels where lead_id = ? order by kind, value').all(w.jean1)).toEqual([
      { kind: 'domain', value: 'acme.fr' },
      { kind: 'email', value: 'j.dupont@acme.fr' },
      { kind: 'phone', value: '0612345678' },
    ]);
    expect(h.sqlite.prepare('select lead_id from opportunities where id = ?').get(w.deal)).toEqual({ lead_id: w.jean1 });
    expect(fts(h, w.jean2)).toBeUndefined();
    expect(fts(h, w.jean1)?.body).toContain('j.dupont@acme.fr');
    expect(fts(h, w.jean1)?.body).toContain('Lyon');
    const audits = h.sqlite.prepare("select entity_type, entity_id, data from audit_log where action = 'lead.merged' order by id").all() as { entity_type: string; entity_id: number; data: string }[];
    expect(audits.map((a) => [a.entity_type, a.entity_id, JSON.parse(a.data)])).toEqual([
      ['lead', w.jean1, { mergedIds: [w.jean2], mergeId, fields: ['lastName', 'jobTitle', 'email', 'addressLine1', 'postalCode', 'city', 'country', 'manualScore', 'sourceId'] }],
      ['lead', w.jean2, { survivorId: w.jean1, mergeId }],
    ]);
    expect(h.sqlite.prepare('select kind, survivor_id, merged_ids from merges').get()).toEqual({ kind: 'lead', survivor_id: w.jean1, merged_ids: JSON.stringify([w.jean2]) });
    expect(listMerges(h.db, viewerOf(h.db, w.salesA1), { kind: 'lead' }, NOW)).toMatchObject([{ kind: 'lead', survivorId: w.jean1, survivorName: 'Jean DUPONT', mergedNames: ['Jean DUPONT'], undoable: true }]);
    // The group by phone is gone.
    expect(groups(h, w.admin, ['phone'])).toEqual([]);
  });

  test('an unassigned lead of the team’s queue may be taken by the one who merges into it', () => {
    const h = world();
    const { w } = h;
    const r = mergeRecords(h.db, 'lead', { survivorId: w.queue, mergedIds: [w.tinas], choices: { ownerId: w.tinas } }, ctxFor(h.db, w.salesA2, NOW));
    expect(r.ok).toBe(true);
    expect(lead(h, w.queue)).toMatchObject({ owner_id: w.salesA2, team_id: w.teamA });
  });

  test.each([
    ['a converted lead merged away', (w: H['w']) => ({ survivorId: w.jean1, mergedIds: [w.converted] }), { code: 'merge.errors.leadConverted', fieldErrors: { _name: 'Jean Dupont' } }],
    ['a lost lead kept', (w: H['w']) => ({ survivorId: w.lost, mergedIds: [w.jean1] }), { code: 'merge.errors.leadLost', fieldErrors: { _name: 'Jean Dupont' } }],
    ['a teammate’s lead merged away (no delete right)', (w: H['w']) => ({ survivorId: w.jean1, mergedIds: [w.tinas] }), { code: 'errors.forbidden' }],
    ['a lead of another team', (w: H['w']) => ({ survivorId: w.jean1, mergedIds: [w.south] }), { code: 'errors.notFound' }],
    ['taking another owner without the right to reassign', (w: H['w']) => ({ survivorId: w.tinas, mergedIds: [w.jean1], choices: { ownerId: w.jean1 } }), { code: 'errors.ownerNotAllowed' }],
  ])('refused as salesA1, nothing written: %s', (_, input, error) => {
    const h = world();
    const { w } = h;
    const before = everything(h);
    const r = mergeRecords(h.db, 'lead', { choices: {}, ...input(w) }, ctxFor(h.db, w.salesA1, NOW));
    expect(r).toEqual({ ok: false, error });
    expect(everything(h)).toEqual(before);
  });

  test.each([
    ['read-only', 'readOnlyA', 'errors.forbidden'],
    ['salesperson of the other team', 'salesB', 'errors.notFound'],
    ['teammate who owns neither', 'salesA2', 'errors.forbidden'],
    ['manager of the team', 'managerA', 'ok'],
  ] as const)('permission: %s', (_, who, expected) => {
    const h = world();
    const { w } = h;
    const before = everything(h);
    const r = merge(h, w[who]);
    expect(r.ok ? 'ok' : r.error.code).toBe(expected);
    if (!r.ok) expect(everything(h)).toEqual(before);
  });
});

describe('undoing a lead merge', () => {
  test('restores every table exactly: rows, tags, channels, score, opportunity, search index', () => {
    const h = world();
    const { w } = h;
    const before = contents(h);
    const r = merge(h, w.salesA1, { choices: { jobTitle: w.jean2, email: w.jean2, mobile: w.jean2, ownerId: w.jean2 } });
    if (!r.ok) throw new Error(r.error.code);
    expect(contents(h)).not.toEqual(before);
    const u = undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA1, NOW + 1000));
    expect(u).toEqual({ ok: true, value: { kind: 'lead', survivorId: w.jean1 } });
    expect(contents(h)).toEqual(before);
    expect(h.sqlite.prepare("select entity_type, entity_id from audit_log where action = 'lead.merge_undone' order by id").all()).toEqual([
      { entity_type: 'lead', entity_id: w.jean1 },
      { entity_type: 'lead', entity_id: w.jean2 },
    ]);
    expect(listMerges(h.db, viewerOf(h.db, w.salesA1), { kind: 'lead' }, NOW + 2000)[0]).toMatchObject({ undoneAt: NOW + 1000, undoable: false });
  });

  test('scores are recomputed when the rules changed meanwhile', () => {
    const h = world();
    const { w } = h;
    const r = merge(h, w.salesA1);
    if (!r.ok) throw new Error(r.error.code);
    const lyon = createScoreRule(h.db, rule({ name: 'Lyon', field: 'city', operator: 'equals', value: 'Lyon', points: '5' }), ctxFor(h.db, w.admin, NOW + 1));
    if (!lyon.ok) throw new Error('rule');
    expect(undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA1, NOW + 2)).ok).toBe(true);
    expect(lead(h, w.jean2)).toMatchObject({ computed_score: 30, scored_at: NOW + 2 });
    expect(lead(h, w.jean1)).toMatchObject({ computed_score: 0 });
  });

  test('refused once the survivor changed, and by someone who could not have merged', () => {
    const h = world();
    const { w } = h;
    const r = merge(h, w.salesA1);
    if (!r.ok) throw new Error(r.error.code);
    const refused = undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA2, NOW + 1));
    expect(!refused.ok && refused.error.code).toBe('errors.forbidden');
    expect(loseLead(h.db, w.jean1, { lostReasonId: refId(h.db, 'lost_reason', 'Price'), comment: null }, ctxFor(h.db, w.salesA1, NOW + 2)).ok).toBe(true);
    const before = everything(h);
    const stale = undoMerge(h.db, r.value.mergeId, ctxFor(h.db, w.salesA1, NOW + 3));
    expect(!stale.ok && stale.error.code).toBe('merge.errors.changedSince');
    expect(everything(h)).toEqual(before);
  });
});
