import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { refValues, tags, teamMembers, teams, users, type RefKind } from '@/db/schema';
import type { OwnedRecord, Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';

/** A record's owner and team, with the owner's teams, as `can` wants it. */
export function ownedRecord(tx: DbOrTx, row: { ownerId: number | null; teamId: number | null }): OwnedRecord {
  const ownerTeamIds = row.ownerId
    ? tx.select({ t: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, row.ownerId)).all().map((r) => r.t)
    : [];
  return { ownerId: row.ownerId, teamId: row.teamId, ownerTeamIds };
}

/**
 * Who may be made owner of a record by this viewer: admins anyone active; managers themselves and the
 * members of their teams; everyone else only themselves.
 */
export function ownerProblem(tx: DbOrTx, viewer: Viewer, ownerId: number): string | null {
  const owner = tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, ownerId)).get();
  if (!owner || !owner.active) return 'errors.invalidChoice';
  if (viewer.role === 'admin' || ownerId === viewer.id) return null;
  if (viewer.role === 'manager' && viewer.teamIds.length) {
    const shared = tx
      .select({ u: teamMembers.userId })
      .from(teamMembers)
      .where(and(eq(teamMembers.userId, ownerId), inArray(teamMembers.teamId, viewer.teamIds)))
      .get();
    if (shared) return null;
  }
  return 'errors.ownerNotAllowed';
}

/** A team to file a record under: admins any; others one of their own teams. */
export function teamProblem(tx: DbOrTx, viewer: Viewer, teamId: number | null): string | null {
  if (teamId === null) return null;
  if (!tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).get()) return 'errors.invalidChoice';
  if (viewer.role !== 'admin' && !viewer.teamIds.includes(teamId)) return 'errors.teamNotAllowed';
  return null;
}

/** The owner's first team, for records created without one. */
export function defaultTeamOf(tx: DbOrTx, ownerId: number): number | null {
  return tx.select({ t: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, ownerId)).orderBy(teamMembers.teamId).get()?.t ?? null;
}

/**
 * A reference value must exist, be of the right list and not be retired — unless the record already had
 * it (retired values stay on old records).
 */
export function refProblem(tx: DbOrTx, kind: RefKind, id: number | null, current: number | null = null): string | null {
  if (id === null || id === current) return null;
  const v = tx.select().from(refValues).where(eq(refValues.id, id)).get();
  if (!v || v.kind !== kind) return 'errors.invalidChoice';
  return v.retired ? 'errors.retiredValue' : null;
}

export function tagsProblem(tx: DbOrTx, tagIds: number[], current: number[] = []): string | null {
  const wanted = [...new Set(tagIds)].filter((t) => !current.includes(t));
  if (!wanted.length) return null;
  const found = tx.select().from(tags).where(inArray(tags.id, wanted)).all();
  if (found.length !== wanted.length) return 'errors.invalidChoice';
  return found.some((t) => t.retired) ? 'errors.retiredValue' : null;
}

/**
 * Checks a new owner (and team) for a record — or for each of a selection — and says which team it lands in:
 * the one chosen, else the new owner's first team. `currentTeamId` is the record's team, kept without a check.
 */
export function planTransfer(
  tx: DbOrTx,
  viewer: Viewer,
  input: { ownerId: number; teamId: number | null },
  currentTeamId?: number | null,
): Result<{ teamId: number | null }> {
  const errors: Record<string, string> = {};
  const op = ownerProblem(tx, viewer, input.ownerId);
  if (op) errors.ownerId = op;
  const tp = input.teamId === currentTeamId ? null : teamProblem(tx, viewer, input.teamId);
  if (tp) errors.teamId = tp;
  if (Object.keys(errors).length) return fail('errors.invalidForm', errors);
  return ok({ teamId: input.teamId ?? defaultTeamOf(tx, input.ownerId) });
}
