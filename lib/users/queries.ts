import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { teamMembers, teams, users, type Role } from '@/db/schema';
import { canAdminister, type Viewer } from '@/lib/permissions';

export type UserRow = {
  id: number;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  departureDate: string | null;
  hasPassword: boolean;
  teamIds: number[];
};

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  departureDate: users.departureDate,
  hasPassword: sql<number>`${users.passwordHash} is not null`,
  teamIds: sql<string | null>`(select group_concat(team_id) from team_members where user_id = ${users.id})`,
};

type RawUser = { [K in keyof typeof userColumns]: unknown };
function toUserRow(r: RawUser): UserRow {
  return {
    id: r.id as number,
    name: r.name as string,
    email: r.email as string,
    role: r.role as Role,
    active: Boolean(r.active),
    departureDate: (r.departureDate as string | null) ?? null,
    hasPassword: Boolean(r.hasPassword),
    teamIds: r.teamIds ? String(r.teamIds).split(',').map(Number) : [],
  };
}

/** Every user of the organisation (teams are 2–50 people), for administrators only. */
export function listUsers(db: Db, viewer: Viewer): UserRow[] {
  if (!canAdminister(viewer)) return [];
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  return db
    .select(userColumns)
    .from(users)
    .limit(500)
    .all()
    .map(toUserRow)
    .sort((a, b) => Number(b.active) - Number(a.active) || collator.compare(a.name, b.name));
}

/** One user: administrators see anyone, a user sees themselves. */
export function getUser(db: Db, viewer: Viewer, id: number): UserRow | null {
  if (!canAdminister(viewer) && viewer.id !== id) return null;
  const r = db.select(userColumns).from(users).where(eq(users.id, id)).get();
  return r ? toUserRow(r) : null;
}

export type TeamRow = { id: number; name: string; members: number };

/** Teams with their member counts; everyone signed in may list them (pickers, filters). */
export function listTeams(db: Db, viewer: Viewer): TeamRow[] {
  if (!viewer.active) return [];
  return db
    .select({ id: teams.id, name: teams.name, members: count(teamMembers.userId) })
    .from(teams)
    .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .groupBy(teams.id)
    .orderBy(asc(teams.name))
    .all();
}

export function getTeam(db: Db, viewer: Viewer, id: number): (TeamRow & { memberNames: string[] }) | null {
  if (!viewer.active) return null;
  const t = listTeams(db, viewer).find((x) => x.id === id);
  if (!t) return null;
  const memberNames = db
    .select({ name: users.name })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, id))
    .orderBy(asc(users.name))
    .all()
    .map((r) => r.name);
  return { ...t, memberNames };
}
