import { inArray, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Role } from '@/db/schema';

/** Who is asking: enough to decide every permission without another query. */
export type Viewer = { id: number; role: Role; active: boolean; teamIds: number[] };

/** A record that belongs to someone: its owner and the team it is filed under. */
export type OwnedRecord = { ownerId: number | null; teamId: number | null; ownerTeamIds?: number[] };

export type RecordVerb = 'view' | 'edit' | 'assign' | 'delete';

/**
 * The one answer to "may this user do this to this record".
 * - admin: everything;
 * - manager: everything on records of their teams (filed under one, or owned by a member) and their own;
 * - sales: views and edits their own and their teams' records; assigns and deletes only their own;
 * - read_only: views what a manager of the same teams would see, changes nothing;
 * - a deactivated user: nothing.
 * Areas may narrow this (e.g. deleting companies is admin-only) but never widen it.
 */
export function can(viewer: Viewer, verb: RecordVerb, record: OwnedRecord): boolean {
  if (!viewer.active) return false;
  if (viewer.role === 'admin') return true;
  const own = record.ownerId === viewer.id;
  const inTeam =
    (record.teamId !== null && viewer.teamIds.includes(record.teamId)) ||
    (record.ownerTeamIds ?? []).some((t) => viewer.teamIds.includes(t));
  switch (viewer.role) {
    case 'manager':
      return own || inTeam;
    case 'sales':
      return verb === 'view' || verb === 'edit' ? own || inTeam : own;
    case 'read_only':
      return verb === 'view' && (own || inTeam);
  }
}

/** May this user create records (owned by themselves, or by someone else when `forOwner` differs)? */
export function canCreate(viewer: Viewer): boolean {
  return viewer.active && viewer.role !== 'read_only';
}

export function canAdminister(viewer: Viewer): boolean {
  return viewer.active && viewer.role === 'admin';
}

/**
 * The SQL twin of `can(viewer, 'view', …)`: the records this viewer may see, for a WHERE clause.
 * `ownerId`/`teamId` are the record's columns; owner team membership is read from team_members.
 */
export function visibleWhere(viewer: Viewer, cols: { ownerId: SQLiteColumn; teamId: SQLiteColumn }): SQL {
  if (!viewer.active) return sql`0`;
  if (viewer.role === 'admin') return sql`1`;
  const own = sql`${cols.ownerId} = ${viewer.id}`;
  if (viewer.teamIds.length === 0) return own;
  const teamList = sql.join(
    viewer.teamIds.map((t) => sql`${t}`),
    sql`, `,
  );
  return or(
    own,
    inArray(cols.teamId, viewer.teamIds),
    sql`${cols.ownerId} in (select user_id from team_members where team_id in (${teamList}))`,
  )!;
}

/** The SQL twin of `can(viewer, 'edit', …)`. */
export function editableWhere(viewer: Viewer, cols: { ownerId: SQLiteColumn; teamId: SQLiteColumn }): SQL {
  if (!viewer.active || viewer.role === 'read_only') return sql`0`;
  return visibleWhere(viewer, cols);
}
