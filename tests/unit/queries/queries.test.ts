import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { audit } from '@/lib/audit';
import { AUDIT_PAGE_SIZE, listAudit } from '@/lib/audit/queries';
import { signIn } from '@/lib/auth/service';
import { DEMO_PASSWORD, seedDemo } from '@/lib/demo/seed';
import { getTeam, getUser, listTeams, listUsers } from '@/lib/users/queries';
import { T0, makeTeam, makeUser, testDb, viewerOf } from '../../helpers/db';

function world() {
  const t = testDb();
  const team = makeTeam(t.db, 'North');
  const admin = makeUser(t.db, { role: 'admin', name: 'Ada' });
  const sales = makeUser(t.db, { role: 'sales', teams: [team], name: 'Sam' });
  const gone = makeUser(t.db, { role: 'manager', teams: [team], active: false, name: 'Gus' });
  return { t, db: t.db, team, admin, sales, gone };
}

describe('user and team queries', () => {
  test('listUsers is for administrators only', () => {
    const w = world();
    expect(listUsers(w.db, viewerOf(w.db, w.admin)).map((u) => u.id).sort()).toEqual([w.admin, w.sales, w.gone].sort());
    expect(listUsers(w.db, viewerOf(w.db, w.sales))).toEqual([]);
    expect(listUsers(w.db, viewerOf(w.db, w.gone))).toEqual([]);
  });

  test('getUser: an administrator sees anyone, a user only themselves', () => {
    const w = world();
    expect(getUser(w.db, viewerOf(w.db, w.admin), w.sales)).toMatchObject({ id: w.sales, teamIds: [w.team], hasPassword: false, active: true });
    expect(getUser(w.db, viewerOf(w.db, w.sales), w.sales)?.id).toBe(w.sales);
    expect(getUser(w.db, viewerOf(w.db, w.sales), w.admin)).toBeNull();
    expect(getUser(w.db, viewerOf(w.db, w.admin), 999_999)).toBeNull();
  });

  test('listTeams and getTeam: member counts, for active users only', () => {
    const w = world();
    const empty = makeTeam(w.db, 'Empty');
    const teams = listTeams(w.db, viewerOf(w.db, w.sales));
    expect(teams).toEqual([
      { id: empty, name: 'Empty', members: 0 },
      { id: w.team, name: 'North', members: 2 },
    ]);
    expect(getTeam(w.db, viewerOf(w.db, w.sales), w.team)?.memberNames).toEqual(['Gus', 'Sam']);
    expect(listTeams(w.db, viewerOf(w.db, w.gone))).toEqual([]);
    expect(getTeam(w.db, viewerOf(w.db, w.gone), w.team)).toBeNull();
  });
});

describe('listAudit', () => {
  test('administrators only, newest first, a page at a time', () => {
    const w = world();
    const total = AUDIT_PAGE_SIZE + 7;
    for (let i = 0; i < total; i++) audit(w.db, T0 + i, { actorId: w.admin, action: 'team.created', entityType: 'team', entityId: i, data: { i } });
    expect(listAudit(w.db, viewerOf(w.db, w.sales))).toEqual({ rows: [], nextCursor: null });
    const first = listAudit(w.db, viewerOf(w.db, w.admin));
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0]).toMatchObject({ at: T0 + total - 1, actorName: 'Ada', data: { i: total - 1 } });
    expect(first.nextCursor).not.toBeNull();
    const second = listAudit(w.db, viewerOf(w.db, w.admin), first.nextCursor!);
    expect(second.rows).toHaveLength(7);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});

describe('seedDemo', () => {
  test('fills an empty database whose accounts can sign in, and refuses one with users', async () => {
    const { db } = testDb();
    const accounts = await seedDemo(db, T0);
    expect(accounts.map((a) => a.role)).toEqual(expect.arrayContaining(['admin', 'manager', 'sales', 'read_only']));
    const r = await signIn(db, { email: accounts[0].email, password: DEMO_PASSWORD }, { now: T0, ip: null });
    expect(r.ok).toBe(true);
    // Two pipelines, and opportunities open in several stages, won and lost.
    const byStatus = db.all<{ status: string; n: number }>(sql`select status, count(*) as n from opportunities group by status order by status`);
    expect(byStatus).toEqual([
      { status: 'lost', n: 1 },
      { status: 'open', n: 12 },
      { status: 'won', n: 2 },
    ]);
    // Leads at several statuses, in team queues, one lost and one converted, scored by five rules.
    const leadStates = db.all<{ kind: string; n: number }>(sql`select s.kind as kind, count(*) as n from leads l join lead_statuses s on s.id = l.status_id group by s.kind order by s.kind`);
    expect(leadStates).toEqual([
      { kind: 'converted', n: 1 },
      { kind: 'lost', n: 1 },
      { kind: 'new', n: 6 },
      { kind: 'open', n: 5 },
    ]);
    expect(db.all<{ n: number }>(sql`select count(*) as n from leads where owner_id is null`)[0].n).toBe(3);
    expect(db.all<{ n: number }>(sql`select count(*) as n from leads where computed_score <> 0`)[0].n).toBeGreaterThan(5);
    expect(db.all<{ n: number }>(sql`select count(distinct stage_id) as n from opportunities`)[0].n).toBeGreaterThanOrEqual(6);
    expect(db.all<{ n: number }>(sql`select count(*) as n from pipelines`)[0].n).toBe(2);
    await expect(seedDemo(db, T0)).rejects.toThrow(/already has users/);
  });
});
