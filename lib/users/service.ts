import { and, eq, inArray, ne } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { teamMembers, teams, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { issuePasswordToken } from '@/lib/auth/service';
import { invalidateUserSessions } from '@/lib/auth/session';
import { canAdminister, type Viewer } from '@/lib/permissions';
import { fail, ok, type Result } from '@/lib/result';
import type { CreateUserInput, ProfileInput, TeamInput, UpdateUserInput } from './schema';

export type Ctx = { user: Viewer; now: number; ip?: string | null };

function emailTaken(tx: Tx, email: string, exceptId?: number): boolean {
  const cond = exceptId ? and(eq(users.email, email), ne(users.id, exceptId)) : eq(users.email, email);
  return !!tx.select({ id: users.id }).from(users).where(cond).get();
}

function unknownTeams(tx: Tx, teamIds: number[]): boolean {
  if (teamIds.length === 0) return false;
  const found = tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds)).all();
  return found.length !== new Set(teamIds).size;
}

function setMemberships(tx: Tx, userId: number, teamIds: number[]): void {
  tx.delete(teamMembers).where(eq(teamMembers.userId, userId)).run();
  const unique = [...new Set(teamIds)];
  if (unique.length) tx.insert(teamMembers).values(unique.map((teamId) => ({ teamId, userId }))).run();
}

function activeAdminCount(tx: Tx): number {
  return tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true))).all().length;
}

/** Creates a user without a password and returns the one-time link token to give them. */
export function createUser(db: Db, input: CreateUserInput, ctx: Ctx): Result<{ id: number; token: string }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    if (emailTaken(tx, input.email)) return fail('errors.invalidForm', { email: 'errors.emailTaken' });
    if (unknownTeams(tx, input.teamIds)) return fail('errors.invalidForm', { teamIds: 'errors.invalidChoice' });
    const user = tx
      .insert(users)
      .values({ name: input.name, email: input.email, role: input.role, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: users.id })
      .get();
    setMemberships(tx, user.id, input.teamIds);
    const token = issuePasswordToken(tx, user.id, ctx.now);
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      data: { email: input.email, role: input.role, teamIds: input.teamIds },
      ip: ctx.ip,
    });
    return ok({ id: user.id, token });
  });
}

export function updateUser(db: Db, userId: number, input: UpdateUserInput, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const before = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!before) return fail('errors.notFound');
    if (emailTaken(tx, input.email, userId)) return fail('errors.invalidForm', { email: 'errors.emailTaken' });
    if (unknownTeams(tx, input.teamIds)) return fail('errors.invalidForm', { teamIds: 'errors.invalidChoice' });
    if (before.role === 'admin' && input.role !== 'admin' && before.active && activeAdminCount(tx) <= 1) {
      return fail('errors.invalidForm', { role: 'errors.lastAdmin' });
    }
    const beforeTeams = tx
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(eq(teamMembers.userId, userId))
      .all()
      .map((r) => r.teamId)
      .sort();
    tx.update(users)
      .set({ name: input.name, email: input.email, role: input.role, departureDate: input.departureDate, updatedAt: ctx.now })
      .where(eq(users.id, userId))
      .run();
    setMemberships(tx, userId, input.teamIds);
    const changes: Record<string, unknown> = {};
    if (before.name !== input.name) changes.name = [before.name, input.name];
    if (before.email !== input.email) changes.email = [before.email, input.email];
    if (before.role !== input.role) changes.role = [before.role, input.role];
    if (before.departureDate !== input.departureDate) changes.departureDate = [before.departureDate, input.departureDate];
    const afterTeams = [...new Set(input.teamIds)].sort();
    if (beforeTeams.join() !== afterTeams.join()) changes.teamIds = [beforeTeams, afterTeams];
    if (Object.keys(changes).length) {
      audit(tx, ctx.now, {
        actorId: ctx.user.id,
        action: changes.role ? 'user.role_changed' : 'user.updated',
        entityType: 'user',
        entityId: userId,
        data: changes,
        ip: ctx.ip,
      });
    }
    return ok(undefined);
  });
}

/** Deactivating ends every session at once; the user's history stays. */
export function setUserActive(db: Db, userId: number, active: boolean, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  if (!active && userId === ctx.user.id) return fail('errors.cannotDeactivateSelf');
  return writeTx(db, (tx) => {
    const before = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!before) return fail('errors.notFound');
    if (before.active === active) return ok(undefined);
    if (!active && before.role === 'admin' && activeAdminCount(tx) <= 1) return fail('errors.lastAdmin');
    tx.update(users).set({ active, updatedAt: ctx.now }).where(eq(users.id, userId)).run();
    if (!active) invalidateUserSessions(tx, userId);
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: active ? 'user.reactivated' : 'user.deactivated',
      entityType: 'user',
      entityId: userId,
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

/** A fresh one-time set-password link (the previous one stops working). */
export function resetPasswordLink(db: Db, userId: number, ctx: Ctx): Result<{ token: string }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const u = tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, userId)).get();
    if (!u) return fail('errors.notFound');
    if (!u.active) return fail('errors.userInactive');
    const token = issuePasswordToken(tx, userId, ctx.now);
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'user.password_link', entityType: 'user', entityId: userId, ip: ctx.ip });
    return ok({ token });
  });
}

/** A user edits their own name and language. */
export function updateProfile(db: Db, input: ProfileInput, ctx: Ctx): Result<void> {
  if (!ctx.user.active) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    tx.update(users).set({ name: input.name, locale: input.locale, updatedAt: ctx.now }).where(eq(users.id, ctx.user.id)).run();
    audit(tx, ctx.now, {
      actorId: ctx.user.id,
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: ctx.user.id,
      data: { name: input.name, locale: input.locale },
      ip: ctx.ip,
    });
    return ok(undefined);
  });
}

function teamNameTaken(tx: Tx, name: string, exceptId?: number): boolean {
  const rows = tx.select({ id: teams.id, name: teams.name }).from(teams).all();
  return rows.some((r) => r.id !== exceptId && r.name.toLocaleLowerCase() === name.toLocaleLowerCase());
}

export function createTeam(db: Db, input: TeamInput, ctx: Ctx): Result<{ id: number }> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    if (teamNameTaken(tx, input.name)) return fail('errors.invalidForm', { name: 'errors.teamNameTaken' });
    const team = tx.insert(teams).values({ name: input.name, createdAt: ctx.now }).returning({ id: teams.id }).get();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'team.created', entityType: 'team', entityId: team.id, data: { name: input.name }, ip: ctx.ip });
    return ok(team);
  });
}

export function renameTeam(db: Db, teamId: number, input: TeamInput, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const before = tx.select().from(teams).where(eq(teams.id, teamId)).get();
    if (!before) return fail('errors.notFound');
    if (teamNameTaken(tx, input.name, teamId)) return fail('errors.invalidForm', { name: 'errors.teamNameTaken' });
    tx.update(teams).set({ name: input.name }).where(eq(teams.id, teamId)).run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'team.renamed', entityType: 'team', entityId: teamId, data: { name: [before.name, input.name] }, ip: ctx.ip });
    return ok(undefined);
  });
}

/** A team can be deleted only when nobody is in it. */
export function deleteTeam(db: Db, teamId: number, ctx: Ctx): Result<void> {
  if (!canAdminister(ctx.user)) return fail('errors.forbidden');
  return writeTx(db, (tx) => {
    const before = tx.select().from(teams).where(eq(teams.id, teamId)).get();
    if (!before) return fail('errors.notFound');
    if (tx.select().from(teamMembers).where(eq(teamMembers.teamId, teamId)).get()) return fail('errors.teamNotEmpty');
    tx.delete(teams).where(eq(teams.id, teamId)).run();
    audit(tx, ctx.now, { actorId: ctx.user.id, action: 'team.deleted', entityType: 'team', entityId: teamId, data: { name: before.name }, ip: ctx.ip });
    return ok(undefined);
  });
}
