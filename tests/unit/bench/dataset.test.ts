import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '@/db/client';
import { loadViewer } from '@/lib/auth/session';
import { companyTimeline, listCompanyContacts } from '@/lib/companies/queries';
import { listLeads } from '@/lib/leads/list';
import { companyLeads } from '@/lib/leads/record-queries';
import { rescoreLead, writeLeadChannels } from '@/lib/leads/service';
import { companyOpportunities } from '@/lib/opportunities/queries';
import { indexCompany, indexContact, indexLead, indexOpportunity, rowidOf, type SearchKind } from '@/lib/search/index-records';
import { searchAll } from '@/lib/search/queries';
import { generateDataset, manifestPathOf, plannedCounts, type Manifest } from '@/scripts/bench/dataset';

const FACTOR = 0.002;
const AS_OF = Date.UTC(2026, 5, 1);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-bench-'));
const fileA = path.join(dir, 'a.db');
const fileB = path.join(dir, 'b.db');
const fileC = path.join(dir, 'c.db');
let a: Manifest;
let b: Manifest;
let c: Manifest;

beforeAll(async () => {
  a = await generateDataset({ file: fileA, scale: FACTOR, seed: 11, asOf: AS_OF });
  b = await generateDataset({ file: fileB, scale: FACTOR, seed: 11, asOf: AS_OF });
  c = await generateDataset({ file: fileC, scale: FACTOR, seed: 12, asOf: AS_OF });
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every table's row count and a hash of its rows in rowid order (the salted password hash left out). */
function fingerprint(file: string): Record<string, { rows: number; hash: string }> {
  const { sqlite } = openDatabase(file, { migrate: false });
  try {
    const tables = (sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'search_fts%' order by name`).all() as { name: string }[]).map((t) => t.name);
    const out: Record<string, { rows: number; hash: string }> = {};
    for (const t of [...tables, 'search_fts']) {
      const rows = sqlite.prepare(t === 'search_fts' ? 'select rowid, title, body from search_fts order by rowid' : `select * from "${t}" order by rowid`).all() as Record<string, unknown>[];
      const h = crypto.createHash('sha256');
      for (const r of rows) {
        if (t === 'users') delete r.password_hash;
        h.update(JSON.stringify(r));
      }
      out[t] = { rows: rows.length, hash: h.digest('hex') };
    }
    return out;
  } finally {
    sqlite.close();
  }
}

describe('bench dataset', () => {
  test('the same seed and day give the same data; another seed other data', () => {
    const fa = fingerprint(fileA);
    expect(fingerprint(fileB)).toEqual(fa);
    const fc = fingerprint(fileC);
    expect(fc.companies.rows).toBe(fa.companies.rows);
    expect(fc.companies.hash).not.toBe(fa.companies.hash);
    expect(fc.leads.hash).not.toBe(fa.leads.hash);
    const { generatedAt: _a, seconds: _s, fileBytes: _f, ...restA } = a;
    const { generatedAt: _b, seconds: _t, fileBytes: _g, ...restB } = b;
    expect(restB).toEqual(restA);
    expect(JSON.parse(fs.readFileSync(manifestPathOf(fileA), 'utf8'))).toEqual(a);
  });

  test('counts follow the scale; every record has its search row', () => {
    const planned = plannedCounts(FACTOR);
    expect(a.counts).toMatchObject(planned);
    expect(a.counts.fts).toBe(planned.companies + planned.contacts + planned.leads + planned.opportunities);
    expect(a.leadsByKind.converted).toBe(Math.round(planned.leads * 0.1));
    expect(a.leadsByKind.lost).toBe(Math.round(planned.leads * 0.1));
    expect(a.opportunitiesByStatus.open).toBe(Math.round(planned.opportunities * 0.6));
    expect(a.owners).toHaveLength(20);
    expect(new Set(a.owners.map((o) => o.teamId)).size).toBe(4);
    expect(a.leadStatuses.map((s) => s.kind)).toEqual(['new', 'open', 'open', 'open', 'converted', 'lost']);
    expect(a.asOf).toBe('2026-06-01');
  });

  test('the file is consistent: schema from the migrations, foreign keys, board and team rules', () => {
    const fresh = openDatabase(':memory:');
    const { sqlite } = openDatabase(fileA);
    try {
      const schema = (s: typeof sqlite) => (s.prepare(`select type, name, sql from sqlite_master where name not like 'sqlite_stat%' order by name`).all() as object[]).map((r) => JSON.stringify(r));
      expect(schema(sqlite)).toEqual(schema(fresh.sqlite));
      expect(sqlite.prepare('pragma foreign_key_check').all()).toEqual([]);
      expect(sqlite.prepare('pragma quick_check').get()).toEqual({ quick_check: 'ok' });
      const one = (q: string) => (sqlite.prepare(q).get() as { n: number }).n;
      // An opportunity's status mirrors its stage's kind, in its own pipeline; closed ones are dated.
      expect(one(`select count(*) as n from opportunities o join pipeline_stages s on s.id = o.stage_id
        where s.pipeline_id <> o.pipeline_id or o.status <> case s.kind when 'won' then 'won' when 'lost' then 'lost' else 'open' end
          or (o.status = 'open') <> (o.closed_at is null) or (o.status = 'open') <> (o.close_date is null)`)).toBe(0);
      // A lead is closed exactly when converted or lost; converted ones point at their company.
      expect(one(`select count(*) as n from leads l join lead_statuses s on s.id = l.status_id
        where (s.kind in ('converted', 'lost')) <> (l.closed_at is not null) or (s.kind = 'converted') <> (l.converted_company_id is not null)`)).toBe(0);
      // Owned records are filed under their owner's team; queue leads have a team.
      for (const t of ['companies', 'contacts', 'opportunities', 'leads']) {
        expect(one(`select count(*) as n from ${t} r where r.owner_id is not null and r.team_id is not (select min(team_id) from team_members where user_id = r.owner_id)`), t).toBe(0);
      }
      expect(one('select count(*) as n from leads where owner_id is null and team_id is null')).toBe(0);
      // Nothing happens after the day the data is "as of".
      for (const [t, cols] of Object.entries({
        companies: ['created_at', 'updated_at'],
        contacts: ['created_at', 'updated_at'],
        opportunities: ['created_at', 'updated_at', 'closed_at'],
        leads: ['created_at', 'updated_at', 'closed_at', 'last_activity_at', 'scored_at'],
        audit_log: ['at'],
      })) {
        for (const col of cols) expect(one(`select count(*) as n from ${t} where ${col} > ${AS_OF}`), `${t}.${col}`).toBe(0);
      }
      expect(one(`select count(*) as n from opportunities where close_date > '2026-06-01'`)).toBe(0);
      // Opportunity contacts belong to its company.
      expect(one('select count(*) as n from opportunity_contacts oc join opportunities o on o.id = oc.opportunity_id join contacts c on c.id = oc.contact_id where c.company_id is not o.company_id')).toBe(0);
    } finally {
      sqlite.close();
      fresh.sqlite.close();
    }
  });

  test('the big customer has exactly its 20 contacts, 10 leads and 30 opportunities, and a history', () => {
    const { db, sqlite } = openDatabase(fileA);
    try {
      const admin = loadViewer(db, a.admin.id)!;
      const owner = loadViewer(db, a.bigCustomer.ownerId)!;
      for (const viewer of [admin, owner]) {
        expect(listCompanyContacts(db, viewer, a.bigCustomerId)).toHaveLength(20);
        expect(companyLeads(db, viewer, a.bigCustomerId)).toHaveLength(10);
        expect(companyOpportunities(db, viewer, a.bigCustomerId)).toHaveLength(30);
      }
      const relations = companyLeads(db, admin, a.bigCustomerId).map((l) => l.relation);
      expect(relations.filter((r) => r === 'converted')).toHaveLength(4);
      // Created, edited, became a client, its twenty contacts created (some edited).
      expect(companyTimeline(db, admin, a.bigCustomerId, 50).length).toBeGreaterThanOrEqual(26);
    } finally {
      sqlite.close();
    }
  });

  test('search finds generated names; the app list and search queries run on the data', () => {
    const { db, sqlite } = openDatabase(fileA);
    try {
      const hits = (q: string) => (sqlite.prepare('select rowid from search_fts where search_fts match ?').all(q) as { rowid: number }[]).map((r) => r.rowid);
      const contact = sqlite.prepare('select id, last_name as name from contacts where id = 7').get() as { id: number; name: string };
      expect(hits(`"${contact.name.replaceAll('"', '""')}"*`)).toContain(rowidOf('contact', contact.id));
      const company = sqlite.prepare('select id, name from companies where id = 3').get() as { id: number; name: string };
      expect(hits(`"${company.name.split(' ')[0]}"*`)).toContain(rowidOf('company', company.id));
      const lead = sqlite.prepare('select id, last_name as name from leads where id = 5').get() as { id: number; name: string };
      expect(hits(`"${lead.name}"*`)).toContain(rowidOf('lead', lead.id));

      const manager = loadViewer(db, a.manager.id)!;
      const results = searchAll(db, manager, a.searchPrefix, { perKind: 20 });
      expect(results.contacts.length).toBeGreaterThan(0);
      expect(results.contacts.length + results.companies.length + results.opportunities.length + results.leads.length).toBe(
        Math.min(20, a.searchPrefixMatches.companies) + Math.min(20, a.searchPrefixMatches.contacts) + Math.min(20, a.searchPrefixMatches.opportunities) + Math.min(20, a.searchPrefixMatches.leads),
      );
      const owner = loadViewer(db, a.owners[0].id)!;
      const page = listLeads(db, owner, { state: 'open', sort: 'score', owner: owner.id });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.rows.every((r) => r.ownerId === owner.id && !r.statusClosed)).toBe(true);
      const queue = listLeads(db, manager, { owner: 'unassigned', sort: 'created' });
      expect(queue.rows.length).toBeGreaterThan(0);
    } finally {
      sqlite.close();
    }
  });

  test('search rows, lead channels and scores are what the app itself would write', () => {
    const { db, sqlite } = openDatabase(fileB);
    try {
      const row = (kind: SearchKind, id: number) => sqlite.prepare('select title, body from search_fts where rowid = ?').get(rowidOf(kind, id));
      const index = { company: indexCompany, contact: indexContact, opportunity: indexOpportunity, lead: indexLead } as const;
      const lost = sqlite.prepare(`select id from opportunities where competitor is not null limit 1`).get() as { id: number };
      const samples: [SearchKind, number[]][] = [
        ['company', [1, 2, 3, a.bigCustomerId, b.counts.companies]],
        ['contact', [1, 5, 40, b.counts.contacts]],
        ['opportunity', [1, 9, lost.id, b.counts.opportunities]],
        ['lead', [1, 17, 100, b.counts.leads]],
      ];
      for (const [kind, ids] of samples) {
        for (const id of ids) {
          const before = row(kind, id);
          db.transaction((tx) => index[kind](tx, id));
          expect(row(kind, id), `${kind} ${id}`).toEqual(before);
        }
      }
      const channels = sqlite.prepare('select kind, value from lead_channels where lead_id = ? order by kind, value');
      const open = sqlite.prepare(`select id, email, email2, phone, mobile, computed_score as score, score_breakdown as breakdown from leads where closed_at is null order by id limit 40`).all() as {
        id: number; email: string | null; email2: string | null; phone: string | null; mobile: string | null; score: number; breakdown: string;
      }[];
      const scored = sqlite.prepare('select computed_score as score, score_breakdown as breakdown from leads where id = ?');
      for (const l of open) {
        const before = channels.all(l.id);
        db.transaction((tx) => writeLeadChannels(tx, l.id, l));
        expect(channels.all(l.id), `lead ${l.id} channels`).toEqual(before);
        rescoreLead(db, l.id, AS_OF);
        expect(scored.get(l.id), `lead ${l.id} score`).toEqual({ score: l.score, breakdown: l.breakdown });
      }
      const spread = sqlite.prepare('select min(computed_score) as lo, max(computed_score) as hi from leads').get() as { lo: number; hi: number };
      expect(spread.lo).toBeLessThanOrEqual(0);
      expect(spread.hi).toBeGreaterThanOrEqual(50);
    } finally {
      sqlite.close();
    }
  });
});
