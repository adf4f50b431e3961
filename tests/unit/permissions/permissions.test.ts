import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { ROLES, teamMembers, type Role } from '@/db/schema';
import { can, canAdminister, canCreate, editableWhere, visibleWhere, type OwnedRecord, type RecordVerb, type Viewer } from '@/lib/permissions';
import { makeTeam, makeUser, testDb, viewerOf } from '../../helpers/db';

// The viewer (id 1) is in team 10. A teammate (id 2) is in team 10; a stranger (id 3) is only in team 20.
const ME = 1;
const TEAMMATE = 2;
const STRANGER = 3;
const MY_TEAM = 10;
const OTHER_TEAM = 20;

const OWNERSHIPS = {
  own: { ownerId: ME, teamId: null, ownerTeamIds: [MY_TEAM] },
  'own, filed under another team': { ownerId: ME, teamId: OTHER_TEAM, ownerTeamIds: [MY_TEAM] },
  'filed under my team (teamId)': { ownerId: STRANGER, teamId: MY_TEAM, ownerTeamIds: [OTHER_TEAM] },
  'owned by a teammate (ownerTeamIds)': { ownerId: TEAMMATE, teamId: null, ownerTeamIds: [MY_TEAM] },
  'owned by a teammate, filed under another team': { ownerId: TEAMMATE, teamId: OTHER_TEAM, ownerTeamIds: [MY_TEAM] },
  'other team': { ownerId: STRANGER, teamId: OTHER_TEAM, ownerTeamIds: [OTHER_TEAM] },
  'other team, ownerTeamIds omitted': { ownerId: STRANGER, teamId: OTHER_TEAM },
  unowned: { ownerId: null, teamId: null },
  'unowned, filed under my team': { ownerId: null, teamId: MY_TEAM },
} satisfies Record<string, OwnedRecord>;
type Ownership = keyof typeof OWNERSHIPS;

const Y = true;
const N = false;
type Row = [view: boolean, edit: boolean, assign: boolean, del: boolean];

/** The whole policy, written out by hand: role → ownership → [view, edit, assign, delete] for an active viewer. */
const EXPECTED: Record<Role, Record<Ownership, Row>> = {
  admin: {
    own: [Y, Y, Y, Y],
    'own, filed under another team': [Y, Y, Y, Y],
    'filed under my team (teamId)': [Y, Y, Y, Y],
    'owned by a teammate (ownerTeamIds)': [Y, Y, Y, Y],
    'owned by a teammate, filed under another team': [Y, Y, Y, Y],
    'other team': [Y, Y, Y, Y],
    'other team, ownerTeamIds omitted': [Y, Y, Y, Y],
    unowned: [Y, Y, Y, Y],
    'unowned, filed under my team': [Y, Y, Y, Y],
  },
  manager: {
    own: [Y, Y, Y, Y],
    'own, filed under another team': [Y, Y, Y, Y],
    'filed under my team (teamId)': [Y, Y, Y, Y],
    'owned by a teammate (ownerTeamIds)': [Y, Y, Y, Y],
    'owned by a teammate, filed under another team': [Y, Y, Y, Y],
    'other team': [N, N, N, N],
    'other team, ownerTeamIds omitted': [N, N, N, N],
    unowned: [N, N, N, N],
    'unowned, filed under my team': [Y, Y, Y, Y],
  },
  sales: {
    own: [Y, Y, Y, Y],
    'own, filed under another team': [Y, Y, Y, Y],
    'filed under my team (teamId)': [Y, Y, N, N],
    'owned by a teammate (ownerTeamIds)': [Y, Y, N, N],
    'owned by a teammate, filed under another team': [Y, Y, N, N],
    'other team': [N, N, N, N],
    'other team, ownerTeamIds omitted': [N, N, N, N],
    unowned: [N, N, N, N],
    'unowned, filed under my team': [Y, Y, N, N],
  },
  read_only: {
    own: [Y, N, N, N],
    'own, filed under another team': [Y, N, N, N],
    'filed under my team (teamId)': [Y, N, N, N],
    'owned by a teammate (ownerTeamIds)': [Y, N, N, N],
    'owned by a teammate, filed under another team': [Y, N, N, N],
    'other team': [N, N, N, N],
    'other team, ownerTeamIds omitted': [N, N, N, N],
    unowned: [N, N, N, N],
    'unowned, filed under my team': [Y, N, N, N],
  },
};

const VERBS: RecordVerb[] = ['view', 'edit', 'assign', 'delete'];

const cases = ROLES.flatMap((role) =>
  (Object.keys(OWNERSHIPS) as Ownership[]).flatMap((ownership) =>
    VERBS.flatMap((verb, i) =>
      [true, false].map((active) => ({
        role,
        ownership,
        verb,
        active,
        // A deactivated user may do nothing at all, whatever the role.
        expected: active ? EXPECTED[role][ownership][i] : false,
      })),
    ),
  ),
);

describe('can(viewer, verb, record): role × verb × ownership × active', () => {
  test('the matrix covers every role, verb, ownership and active flag', () => {
    expect(cases).toHaveLength(ROLES.length * VERBS.length * Object.keys(OWNERSHIPS).length * 2);
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES].sort());
  });

  test.each(cases)('$role (active: $active) $verb on "$ownership" → $expected', ({ role, ownership, verb, active, expected }) => {
    const viewer: Viewer = { id: ME, role, active, teamIds: [MY_TEAM] };
    expect(can(viewer, verb, OWNERSHIPS[ownership])).toBe(expected);
  });

  test('a viewer without any team sees only their own records (non-admin)', () => {
    for (const role of ['manager', 'sales', 'read_only'] as const) {
      const viewer: Viewer = { id: ME, role, active: true, teamIds: [] };
      expect(can(viewer, 'view', { ownerId: ME, teamId: null })).toBe(true);
      expect(can(viewer, 'view', { ownerId: TEAMMATE, teamId: MY_TEAM, ownerTeamIds: [MY_TEAM] })).toBe(false);
      expect(can(viewer, 'view', { ownerId: null, teamId: null })).toBe(false);
    }
  });

  test('canCreate and canAdminister', () => {
    const v = (role: Role, active = true): Viewer => ({ id: ME, role, active, teamIds: [] });
    expect(ROLES.map((r) => canCreate(v(r)))).toEqual([true, true, true, false]);
    expect(ROLES.map((r) => canCreate(v(r, false)))).toEqual([false, false, false, false]);
    expect(ROLES.map((r) => canAdminister(v(r)))).toEqual([true, false, false, false]);
    expect(ROLES.map((r) => canAdminister(v(r, false)))).toEqual([false, false, false, false]);
  });
});

// A throwaway table shaped like every owned record of the CRM.
const records = sqliteTable('records', {
  id: integer('id').primaryKey(),
  ownerId: integer('owner_id'),
  teamId: integer('team_id'),
});

describe('visibleWhere / editableWhere agree with can()', () => {
  const t = testDb();
  const { db, sqlite } = t;
  sqlite.exec('create table records (id integer primary key, owner_id integer, team_id integer)');

  const teamA = makeTeam(db, 'A');
  const teamB = makeTeam(db, 'B');
  const teamC = makeTeam(db, 'C (nobody)');
  const memberships: number[][] = [[teamA], [teamB], [teamA, teamB], []];
  const userIds: number[] = [];
  for (const role of ROLES) {
    for (const teams of memberships) {
      for (const active of [true, false]) userIds.push(makeUser(db, { role, teams, active }));
    }
  }

  // Every owner (and nobody) × every team (and none).
  let nextId = 1;
  for (const ownerId of [...userIds, null]) {
    for (const teamId of [teamA, teamB, teamC, null]) {
      db.insert(records).values({ id: nextId++, ownerId, teamId }).run();
    }
  }

  const teamsOf = new Map<number, number[]>();
  for (const m of db.select().from(teamMembers).all()) teamsOf.set(m.userId, [...(teamsOf.get(m.userId) ?? []), m.teamId]);
  const all = db.select().from(records).all();
  const asOwned = (r: (typeof all)[number]): OwnedRecord => ({
    ownerId: r.ownerId,
    teamId: r.teamId,
    ownerTeamIds: r.ownerId === null ? [] : (teamsOf.get(r.ownerId) ?? []),
  });

  const viewers = userIds.map((id) => viewerOf(db, id));

  test('the fixture has records and viewers of every kind', () => {
    expect(all).toHaveLength((userIds.length + 1) * 4);
    expect(viewers).toHaveLength(ROLES.length * memberships.length * 2);
  });

  test.each(viewers.map((v) => ({ v, label: `${v.role} #${v.id} teams=[${v.teamIds}] active=${v.active}` })))(
    'visibleWhere = can(view) for $label',
    ({ v }) => {
      const sqlIds = db.select({ id: records.id }).from(records).where(visibleWhere(v, records)).all().map((r) => r.id).sort((a, b) => a - b);
      const jsIds = all.filter((r) => can(v, 'view', asOwned(r))).map((r) => r.id);
      expect(sqlIds).toEqual(jsIds);
    },
  );

  test.each(viewers.map((v) => ({ v, label: `${v.role} #${v.id} teams=[${v.teamIds}] active=${v.active}` })))(
    'editableWhere = can(edit) for $label',
    ({ v }) => {
      const sqlIds = db.select({ id: records.id }).from(records).where(editableWhere(v, records)).all().map((r) => r.id).sort((a, b) => a - b);
      const jsIds = all.filter((r) => can(v, 'edit', asOwned(r))).map((r) => r.id);
      expect(sqlIds).toEqual(jsIds);
    },
  );

  test('the filters are not trivial: an active sales user in team A sees some but not all records', () => {
    const sales = viewers.find((v) => v.role === 'sales' && v.active && v.teamIds.join() === String(teamA))!;
    const seen = db.select({ id: records.id }).from(records).where(visibleWhere(sales, records)).all();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(all.length);
    // Leaving the team leaves only the user's own records (one per team column value).
    db.delete(teamMembers).where(eq(teamMembers.userId, sales.id)).run();
    const after = viewerOf(db, sales.id);
    const own = db.select({ id: records.id }).from(records).where(visibleWhere(after, records)).all();
    expect(own).toHaveLength(4);
  });
});
