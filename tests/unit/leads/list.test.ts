import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, test } from 'vitest';
import * as schema from '@/db/schema';
import type { Db } from '@/db/client';
import { DEFAULT_LEAD_SORT, listLeads, mayTake, PAGE_SIZE, type LeadFilters, type LeadSort, type LeadState } from '@/lib/leads/list';
import { getLead } from '@/lib/leads/queries';
import { T0, viewerOf } from '../../helpers/db';
import { makeCompany, makePeople, makeRefValue, makeTag, seededWorld, type DbHandle } from '../../helpers/customers';
import { leadWorld, makeLead } from '../../helpers/leads';

const DAY = 86_400_000;
const N = 2 * PAGE_SIZE + 7;

/** Sets columns the services compute (score, creation time, status) straight in the table, to build exact fixtures. */
function set(db: Db, id: number, cols: Record<string, number | string | null>) {
  for (const [k, v] of Object.entries(cols)) db.run(sql`update leads set ${sql.raw(k)} = ${v} where id = ${id}`);
}

/** An open status an administrator marked closed (e.g. "Not interested"): listed with the closed leads. */
function closedOpenStatus(db: Db): number {
  return db.all<{ id: number }>(sql`insert into lead_statuses (name, kind, closed, color, position, created_at) values ('Archive', 'open', 1, 'slate', 4, ${T0}) returning id`)[0].id;
}

// The paging set: leads of several statuses and owners, with ties on every key.
const pagingWorld = seededWorld((db) => {
  const p = makePeople(db);
  const s = leadWorld(db);
  const archive = closedOpenStatus(db);
  const co = makeCompany(db, p.admin, { name: 'Converted Co' });
  const statuses = [s.toHandle, s.marketing, s.sales, s.nurturing, s.lost, s.converted, archive];
  const ids: number[] = [];
  for (let i = 0; i < N; i++) {
    const owner = i % 5 === 0 ? '' : String(i % 3 === 0 ? p.salesA2 : p.salesA1);
    const id = makeLead(db, p.admin, { lastName: `Lead ${String(i % 30).padStart(2, '0')}`, ownerId: owner, teamId: String(p.teamA) });
    const status = statuses[i % statuses.length];
    set(db, id, {
      status_id: status,
      computed_score: (i % 7) * 5 - 10,
      created_at: T0 + Math.floor(i / 4) * 1000,
      closed_at: status === s.lost || status === s.converted ? T0 + i : null,
      converted_company_id: status === s.converted ? co : null,
    });
    ids.push(id);
  }
  // Another team's lead and queue lead: never seen by team A's users.
  const other = makeLead(db, p.salesB, { lastName: 'Lead 00' });
  const otherQueue = makeLead(db, p.salesB, { lastName: 'Lead 00', ownerId: '', teamId: String(p.teamB) });
  return { ...p, ...s, archive, ids, other, otherQueue };
});
type PH = ReturnType<typeof pagingWorld>;

type Raw = { id: number; status_id: number; sort_name: string; created_at: number; computed_score: number; owner_id: number | null; team_id: number | null };

/** The expected order, worked out from the table alone: the statuses of the state, key then id in the key's direction. */
function expectedOrder(h: PH, state: LeadState, sort: LeadSort, keep: (r: Raw) => boolean = () => true): number[] {
  const closed = new Set(h.sqlite.prepare('select id from lead_statuses where closed = 1').all().map((r) => (r as { id: number }).id));
  const rows = (h.sqlite.prepare('select * from leads').all() as Raw[]).filter((r) => (state === 'all' ? true : closed.has(r.status_id) === (state === 'closed')) && keep(r));
  const key: Record<LeadSort, [(r: Raw) => string | number, 1 | -1]> = { name: [(r) => r.sort_name, 1], created: [(r) => r.created_at, -1], score: [(r) => r.computed_score, -1] };
  const [read, dir] = key[sort];
  return rows.sort((a, b) => (read(a) !== read(b) ? (read(a) < read(b) ? -1 : 1) * dir : (a.id - b.id) * dir)).map((r) => r.id);
}

type Page = { rows: { id: number }[]; nextCursor: string | null };
function walk(list: (cursor: string | null) => Page): number[] {
  const out: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page = list(cursor);
    expect(page.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
    out.push(...page.rows.map((r) => r.id));
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

describe('keyset paging across statuses', () => {
  const states: LeadState[] = ['open', 'closed', 'all'];
  const sorts: LeadSort[] = ['name', 'created', 'score'];
  test.each(states.flatMap((s) => sorts.map((o) => [s, o] as const)))('state %s, sort %s: every lead exactly once, in order, across pages', (state, sort) => {
    const h = pagingWorld();
    const ids = walk((c) => listLeads(h.db, viewerOf(h.db, h.w.admin), { state, sort }, c));
    const expected = expectedOrder(h, state, sort);
    expect(expected.length).toBeGreaterThan(state === 'closed' ? 20 : PAGE_SIZE);
    expect(ids).toEqual(expected);
  });

  test('as a sales user: the same walk over what they see (their team’s, its queue included)', () => {
    const h = pagingWorld();
    const teamA = (r: Raw) => r.team_id === h.w.teamA;
    for (const sort of sorts) {
      const ids = walk((c) => listLeads(h.db, viewerOf(h.db, h.w.salesA1), { state: 'all', sort }, c));
      expect(ids).toEqual(expectedOrder(h, 'all', sort, teamA));
    }
  });

  test('two sales users of different teams on one connection (one query shape): each walks their own', () => {
    const h = pagingWorld();
    const north = walk((c) => listLeads(h.db, viewerOf(h.db, h.w.salesA1), { state: 'all' }, c));
    const south = walk((c) => listLeads(h.db, viewerOf(h.db, h.w.salesB), { state: 'all' }, c));
    const again = walk((c) => listLeads(h.db, viewerOf(h.db, h.w.salesA2), { state: 'all' }, c));
    expect(north).toEqual(expectedOrder(h, 'all', 'name', (r) => r.team_id === h.w.teamA));
    expect(south).toEqual(expectedOrder(h, 'all', 'name', (r) => r.team_id === h.w.teamB || r.owner_id === h.w.salesB));
    expect(south.length).toBe(2);
    expect(again).toEqual(north);
  });

  test('a filtered walk (owner) pages without gaps or repeats', () => {
    const h = pagingWorld();
    const mine = (r: Raw) => r.owner_id === h.w.salesA1;
    const ids = walk((c) => listLeads(h.db, viewerOf(h.db, h.w.admin), { state: 'all', owner: h.w.salesA1, sort: 'created' }, c));
    expect(ids).toEqual(expectedOrder(h, 'all', 'created', mine));
  });

  test('the default order is by name; a cursor of another order, or junk, starts from the first page', () => {
    expect(DEFAULT_LEAD_SORT).toBe('name');
    const h = pagingWorld();
    const v = viewerOf(h.db, h.w.admin);
    const first = listLeads(h.db, v, { state: 'all' });
    expect(first.rows.map((r) => r.id)).toEqual(expectedOrder(h, 'all', 'name').slice(0, PAGE_SIZE));
    const other = listLeads(h.db, v, { state: 'all', sort: 'score' }).nextCursor;
    expect(listLeads(h.db, v, { state: 'all' }, other).rows[0]).toEqual(first.rows[0]);
    expect(listLeads(h.db, v, { state: 'all' }, 'not-a-cursor').rows[0]).toEqual(first.rows[0]);
  });
});

// The filter set: one lead of each kind.
const filterWorld = seededWorld((db) => {
  const p = makePeople(db);
  const s = leadWorld(db);
  const archive = closedOpenStatus(db);
  const web = makeRefValue(db, 'origin', 'Web form');
  const referral = makeRefValue(db, 'origin', 'Referral');
  const hot = makeTag(db, 'Hot');
  const co = makeCompany(db, p.admin, { name: 'Converted Co' });
  const f = (name: string, by: number, form: Record<string, string | string[]>, cols: Record<string, number | string | null>) => {
    const id = makeLead(db, by, { lastName: name, ...form });
    set(db, id, cols);
    return id;
  };
  const at = (d: number) => T0 + d * DAY;
  const one = f('Fixture one', p.salesA1, { sourceId: String(web), tagIds: [String(hot)], companyName: 'Acme', city: 'Lyon', phone: '01 02 03 04 05' }, { computed_score: 30, created_at: at(1) });
  const two = f('Fixture two', p.salesA2, { sourceId: String(referral) }, { computed_score: 10, created_at: at(2), status_id: s.marketing });
  const three = f('Fixture three', p.salesA1, { ownerId: '', teamId: String(p.teamA) }, { computed_score: 50, created_at: at(3) });
  const four = f('Fixture four', p.salesB, { ownerId: '', teamId: String(p.teamB) }, { computed_score: -5, created_at: at(4), status_id: s.sales });
  const five = f('Fixture five', p.salesB, {}, { computed_score: 20, created_at: at(5), status_id: s.nurturing });
  const six = f('Fixture six', p.salesA1, {}, { computed_score: 40, created_at: at(6), status_id: s.lost, closed_at: at(6) });
  const seven = f('Fixture seven', p.salesA1, {}, { computed_score: 0, created_at: at(7), status_id: s.converted, closed_at: at(7), converted_company_id: co });
  const eight = f('Fixture eight', p.managerA, { tagIds: [String(hot)] }, { computed_score: 5, created_at: at(8), status_id: archive });
  return { ...p, ...s, archive, web, referral, hot, fx: { one, two, three, four, five, six, seven, eight } };
});
type FH = ReturnType<typeof filterWorld>;

describe('filters', () => {
  const names = (h: FH, f: LeadFilters, who: keyof FH['w'] = 'admin') =>
    listLeads(h.db, viewerOf(h.db, h.w[who] as number), { sort: 'name', ...f }).rows.map((r) => r.name.replace('Fixture ', ''));

  test('state: open (status not closed), closed (converted, lost and statuses marked closed), all', () => {
    const h = filterWorld();
    expect(names(h, {})).toEqual(['five', 'four', 'one', 'three', 'two']);
    expect(names(h, { state: 'open' })).toEqual(['five', 'four', 'one', 'three', 'two']);
    expect(names(h, { state: 'closed' })).toEqual(['eight', 'seven', 'six']);
    expect(names(h, { state: 'all' })).toHaveLength(8);
  });

  test('status: one status, whatever the state', () => {
    const h = filterWorld();
    expect(names(h, { statusId: h.w.toHandle })).toEqual(['one', 'three']);
    expect(names(h, { statusId: h.w.lost })).toEqual(['six']);
    expect(names(h, { statusId: h.w.archive, state: 'open' })).toEqual(['eight']);
    expect(names(h, { statusId: 9999 })).toEqual([]);
  });

  test('owner: a user, unassigned (every queue the viewer sees)', () => {
    const h = filterWorld();
    expect(names(h, { owner: h.w.salesA1, state: 'all' })).toEqual(['one', 'seven', 'six']);
    expect(names(h, { owner: 'unassigned' })).toEqual(['four', 'three']);
    expect(names(h, { owner: 'unassigned' }, 'salesA2')).toEqual(['three']);
  });

  test('team, source, tag', () => {
    const h = filterWorld();
    expect(names(h, { teamId: h.w.teamB })).toEqual(['five', 'four']);
    expect(names(h, { sourceId: h.w.web })).toEqual(['one']);
    expect(names(h, { sourceId: h.w.referral })).toEqual(['two']);
    expect(names(h, { tagId: h.w.hot, state: 'all' })).toEqual(['eight', 'one']);
  });

  test('minimum computed score (inclusive, negative allowed) and creation range [from, to)', () => {
    const h = filterWorld();
    expect(names(h, { minScore: 30 })).toEqual(['one', 'three']);
    expect(names(h, { minScore: 30, state: 'all' })).toEqual(['one', 'six', 'three']);
    expect(names(h, { minScore: -5 })).toHaveLength(5);
    expect(names(h, { minScore: -4 })).toEqual(['five', 'one', 'three', 'two']);
    expect(names(h, { createdFrom: T0 + 2 * DAY, createdTo: T0 + 4 * DAY })).toEqual(['three', 'two']);
    expect(names(h, { createdFrom: T0 + 5 * DAY, state: 'all' })).toEqual(['eight', 'five', 'seven', 'six']);
  });

  test('filters combine', () => {
    const h = filterWorld();
    expect(names(h, { owner: h.w.salesA1, minScore: 35, state: 'all' })).toEqual(['six']);
    expect(names(h, { teamId: h.w.teamA, tagId: h.w.hot })).toEqual(['one']);
  });
});

describe('sorts', () => {
  const sorted = (h: FH, sort: LeadSort, state: LeadState = 'all') => listLeads(h.db, viewerOf(h.db, h.w.admin), { sort, state }).rows.map((r) => r.name.replace('Fixture ', ''));

  test('name (A→Z), created (newest first), computed score (highest first)', () => {
    const h = filterWorld();
    expect(sorted(h, 'name')).toEqual(['eight', 'five', 'four', 'one', 'seven', 'six', 'three', 'two']);
    expect(sorted(h, 'created')).toEqual(['eight', 'seven', 'six', 'five', 'four', 'three', 'two', 'one']);
    expect(sorted(h, 'score')).toEqual(['three', 'six', 'one', 'five', 'two', 'eight', 'seven', 'four']);
    expect(sorted(h, 'score', 'open')).toEqual(['three', 'one', 'five', 'two', 'four']);
  });
});

describe('the row', () => {
  test('company, phone, city, status with its colour and kind, owner, team, scores, source, tags', () => {
    const h = filterWorld();
    const rows = listLeads(h.db, viewerOf(h.db, h.w.admin), { state: 'all' }).rows;
    const by = (n: string) => rows.find((r) => r.name === `Fixture ${n}`)!;
    expect(by('one')).toMatchObject({
      id: h.w.fx.one,
      companyName: 'Acme',
      phone: '01 02 03 04 05',
      city: 'Lyon',
      statusId: h.w.toHandle,
      statusName: 'To handle',
      statusKind: 'new',
      statusClosed: false,
      statusColor: 'sky',
      ownerId: h.w.salesA1,
      ownerName: 'Sam Sales',
      teamId: h.w.teamA,
      teamName: 'North',
      computedScore: 30,
      manualScore: 0,
      sourceName: 'Web form',
      createdAt: T0 + DAY,
      tags: 'Hot',
    });
    expect(by('three')).toMatchObject({ ownerId: null, ownerName: null, teamName: 'North' });
    expect(by('six')).toMatchObject({ statusName: 'Lost', statusKind: 'lost', statusClosed: true, statusColor: 'red', tags: null, sourceName: null });
    expect(by('eight')).toMatchObject({ statusName: 'Archive', statusKind: 'open', statusClosed: true });
  });
});

describe('visibility', () => {
  const ids = (h: FH, who: keyof FH['w']) => listLeads(h.db, viewerOf(h.db, h.w[who] as number), { state: 'all' }).rows.map((r) => r.id).sort((a, b) => a - b);

  test('sales see their own and their team’s leads, the team’s queue included; not another team’s queue', () => {
    const h = filterWorld();
    const { one, two, three, four, five, six, seven, eight } = h.w.fx;
    const teamA = [one, two, three, six, seven, eight].sort((a, b) => a - b);
    expect(ids(h, 'salesA1')).toEqual(teamA);
    expect(ids(h, 'salesA2')).toEqual(teamA);
    expect(ids(h, 'managerA')).toEqual(teamA);
    expect(ids(h, 'readOnlyA')).toEqual(teamA);
    expect(ids(h, 'salesB')).toEqual([four, five]);
    expect(ids(h, 'managerB')).toEqual([four, five]);
    expect(ids(h, 'admin')).toHaveLength(8);
    expect(ids(h, 'deactivated')).toEqual([]);
  });

  test('listing writes nothing', () => {
    const h = filterWorld();
    const before = h.sqlite.prepare('select * from leads order by id').all();
    const audits = h.sqlite.prepare('select count(*) n from audit_log').get();
    for (const who of ['admin', 'salesA1', 'readOnlyA'] as const) listLeads(h.db, viewerOf(h.db, h.w[who]), { state: 'all', sort: 'score' });
    expect(h.sqlite.prepare('select * from leads order by id').all()).toEqual(before);
    expect(h.sqlite.prepare('select count(*) n from audit_log').get()).toEqual(audits);
  });
});

describe('take in charge from the row', () => {
  test('as LeadDetail.can.take, for every role and lead', () => {
    const h = filterWorld();
    for (const who of ['admin', 'managerA', 'salesA1', 'salesA2', 'readOnlyA', 'salesB', 'managerB'] as const) {
      const v = viewerOf(h.db, h.w[who]);
      for (const r of listLeads(h.db, v, { state: 'all' }).rows) {
        expect(r.canTake, `${who} ${r.name}`).toBe(getLead(h.db, v, r.id)!.can.take);
      }
    }
  });

  test('a sales user may take their team’s queue leads only; a manager any of their team; never a closed one', () => {
    const h = filterWorld();
    const takes = (who: keyof FH['w']) =>
      listLeads(h.db, viewerOf(h.db, h.w[who] as number), { state: 'all' })
        .rows.filter((r) => r.canTake)
        .map((r) => r.name.replace('Fixture ', ''))
        .sort();
    expect(takes('salesA2')).toEqual(['three']);
    expect(takes('managerA')).toEqual(['one', 'three', 'two']);
    expect(takes('readOnlyA')).toEqual([]);
    // A status an administrator marked closed is still a working status: its leads may be taken.
    expect(takes('admin')).toEqual(['eight', 'five', 'four', 'one', 'three', 'two']);
    expect(mayTake({ id: 1, role: 'sales', active: false, teamIds: [] }, { ownerId: null, closedAt: null, convertedCompanyId: null })).toBe(false);
  });
});

/** Every list query sent (one per status part, keys only) with the top-level lines of its plan. */
function plansOf(h: DbHandle, fn: (db: Db) => void): { sql: string; top: string[] }[] {
  const logged: { sql: string; params: unknown[] }[] = [];
  const db = drizzle(h.sqlite, { schema, logger: { logQuery: (q, params) => logged.push({ sql: q, params }) } }) as unknown as Db;
  fn(db);
  const lists = logged.filter((l) => l.sql.startsWith('select') && l.sql.includes('from "leads"') && l.sql.includes('order by'));
  if (!lists.length) throw new Error('no list query');
  return lists.map((q) => {
    const rows = h.sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[])) as { parent: number; detail: string }[];
    return { sql: q.sql, top: rows.filter((r) => r.parent === 0).map((r) => r.detail) };
  });
}

const fullScan = (l: string) => /^SCAN leads\b/.test(l) && !/USING (COVERING )?INDEX/.test(l);

describe('the queries read leads through an index', () => {
  test.each([
    ['open', 'name', 'leads_status_sort_idx'],
    ['closed', 'name', 'leads_status_sort_idx'],
    ['open', 'created', 'leads_status_created_idx'],
    ['all', 'created', 'leads_status_created_idx'],
    ['open', 'score', 'leads_status_score_idx'],
    ['closed', 'score', 'leads_status_score_idx'],
  ] as const)('state %s sorted by %s: one %s range per status, nothing sorted, no OFFSET, also on the next page', (state, sort, index) => {
    const h = pagingWorld();
    const v = viewerOf(h.db, h.w.admin);
    const next = listLeads(h.db, v, { state, sort }).nextCursor;
    for (const cursor of [null, next]) {
      const qs = plansOf(h, (db) => listLeads(db, v, { state, sort }, cursor));
      const statuses = h.sqlite.prepare(`select count(*) n from lead_statuses where ${state === 'all' ? '1' : `closed = ${state === 'closed' ? 1 : 0}`}`).get() as { n: number };
      expect(qs).toHaveLength(statuses.n);
      for (const q of qs) {
        const shown = `${q.sql}\n${q.top.join('\n')}`;
        expect(q.sql).not.toMatch(/\boffset\b/i);
        expect(q.top.some((l) => new RegExp(`^SEARCH leads USING (COVERING )?INDEX ${index} \\(status_id=\\?`).test(l)), shown).toBe(true);
        expect(q.top.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
      }
    }
  });

  test('"My leads" (owner, open, by name) reads the owner index in order, as a sales user too', () => {
    const h = pagingWorld();
    for (const who of ['admin', 'salesA1'] as const) {
      for (const q of plansOf(h, (db) => listLeads(db, viewerOf(h.db, h.w[who]), { owner: h.w.salesA1 }))) {
        const shown = q.top.join('\n');
        expect(q.top.some((l) => /^SEARCH leads USING (COVERING )?INDEX leads_owner_idx \(owner_id=\? AND status_id=\?\)/.test(l)), shown).toBe(true);
        expect(q.top.filter((l) => l.includes('TEMP B-TREE')), shown).toEqual([]);
      }
    }
  });

  test('a team by name reads the team index in order', () => {
    const h = pagingWorld();
    for (const q of plansOf(h, (db) => listLeads(db, viewerOf(h.db, h.w.admin), { teamId: h.w.teamA }))) {
      expect(q.top.some((l) => /^SEARCH leads USING (COVERING )?INDEX leads_team_idx \(team_id=\? AND status_id=\?\)/.test(l)), q.top.join('\n')).toBe(true);
      expect(q.top.filter((l) => l.includes('TEMP B-TREE'))).toEqual([]);
    }
  });

  test('the minimum score with the score order is a range of the score index', () => {
    const h = pagingWorld();
    for (const q of plansOf(h, (db) => listLeads(db, viewerOf(h.db, h.w.admin), { minScore: 10, sort: 'score' }))) {
      expect(q.top.some((l) => /leads_status_score_idx \(status_id=\? AND computed_score>\?\)/.test(l)), q.top.join('\n')).toBe(true);
    }
  });

  test.each<[string, (h: PH) => LeadFilters]>([
    ['unassigned', () => ({ owner: 'unassigned' })],
    ['team, newest first', (h) => ({ teamId: h.w.teamA, sort: 'created' })],
    ['source', () => ({ sourceId: 1 })],
    ['tag', () => ({ tagId: 1, state: 'all' })],
    ['min score, by name', () => ({ minScore: 10 })],
    ['created range', () => ({ createdFrom: T0, createdTo: T0 + DAY, sort: 'created' })],
    ['status', (h) => ({ statusId: h.w.marketing, sort: 'score' })],
  ])('filter %s: read through an index, no full scan of leads, as admin and as a sales user', (_name, f) => {
    const h = pagingWorld();
    for (const who of ['admin', 'salesA1'] as const) {
      for (const q of plansOf(h, (db) => listLeads(db, viewerOf(h.db, h.w[who]), f(h)))) {
        const shown = `${q.sql}\n${q.top.join('\n')}`;
        expect(q.top.filter(fullScan), shown).toEqual([]);
        expect(q.top.some((l) => /^SEARCH leads USING/.test(l)), shown).toBe(true);
      }
    }
  });
});
