import { count, eq } from 'drizzle-orm';
import { writeTx, type Db, type Tx } from '@/db/client';
import { orgSettings, passwordTokens, users } from '@/db/schema';
import { audit } from '@/lib/audit';
import { fail, ok, type Result } from '@/lib/result';
import type { ChangePasswordInput, LoginInput, SetupInput } from './schema';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './password';
import { createSession, invalidateSession, invalidateUserSessions, type Session } from './session';
import { recordFailure, recordSuccess, throttleWait } from './throttle';
import { generateToken, hashToken } from './tokens';

export type RequestCtx = { now: number; ip: string | null };

const PASSWORD_PROBLEM_KEYS = {
  tooShort: 'errors.passwordTooShort',
  tooLong: 'errors.tooLong',
  tooCommon: 'errors.passwordTooCommon',
} as const;

function checkNewPassword(password: string, field: string): Result<void> {
  const problem = passwordProblem(password);
  return problem ? fail('errors.invalidForm', { [field]: PASSWORD_PROBLEM_KEYS[problem] }) : ok(undefined);
}

export function hasAnyUser(db: Db): boolean {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) > 0;
}

export type SignedIn = { token: string; session: Session; userId: number };

/**
 * Creates the first administrator and the organisation. Refused for good once any user exists:
 * the check and the insert share one IMMEDIATE transaction, so two racing visitors cannot both win.
 */
export async function setupFirstAdmin(db: Db, input: SetupInput, ctx: RequestCtx): Promise<Result<SignedIn>> {
  const weak = checkNewPassword(input.password, 'password');
  if (!weak.ok) return weak;
  const passwordHash = await hashPassword(input.password);
  const token = generateToken();
  return writeTx(db, (tx) => {
    if ((tx.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return fail('errors.setupDone');
    const user = tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        role: 'admin',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning()
      .get();
    tx.insert(orgSettings)
      .values({ id: 1, name: input.organisation, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: orgSettings.id, set: { name: input.organisation, updatedAt: ctx.now } })
      .run();
    const session = createSession(tx, token, user.id, ctx.now);
    audit(tx, ctx.now, { actorId: user.id, action: 'setup.first_admin', entityType: 'user', entityId: user.id, ip: ctx.ip });
    return ok({ token, session, userId: user.id });
  });
}

/**
 * Signs in with email and password. Unknown email, wrong password and deactivated account all get the
 * same answer; each failure grows the wait for that account and that IP.
 */
export async function signIn(db: Db, input: LoginInput, ctx: RequestCtx): Promise<Result<SignedIn>> {
  const keys = { account: input.email, ip: ctx.ip };
  const wait = throttleWait(db, keys, ctx.now);
  if (wait > 0) return fail('errors.tooManyAttempts', { _wait: String(Math.ceil(wait / 1000)) });
  const user = db.select().from(users).where(eq(users.email, input.email)).get();
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  const token = generateToken();
  return writeTx(db, (tx) => {
    // Tries sent at once all passed the check above before any failure was recorded: look again,
    // so a burst gets no more answers than tries made one after another.
    const waitNow = throttleWait(tx, keys, ctx.now);
    if (waitNow > 0) return fail('errors.tooManyAttempts', { _wait: String(Math.ceil(waitNow / 1000)) });
    if (!user || !valid || !user.active) {
      recordFailure(tx, keys, ctx.now);
      audit(tx, ctx.now, {
        actorId: user?.id ?? null,
        action: 'auth.sign_in_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        data: { email: input.email, reason: !user ? 'unknown' : !valid ? 'password' : 'inactive' },
        ip: ctx.ip,
      });
      return fail('errors.badCredentials');
    }
    recordSuccess(tx, keys);
    const session = createSession(tx, token, user.id, ctx.now);
    audit(tx, ctx.now, { actorId: user.id, action: 'auth.sign_in', entityType: 'user', entityId: user.id, ip: ctx.ip });
    return ok({ token, session, userId: user.id });
  });
}

export function signOut(db: Db, sessionId: string, userId: number, ctx: RequestCtx): void {
  writeTx(db, (tx) => {
    invalidateSession(tx, sessionId);
    audit(tx, ctx.now, { actorId: userId, action: 'auth.sign_out', entityType: 'user', entityId: userId, ip: ctx.ip });
  });
}

/** Changes one's own password after checking the current one; the user's other sessions end. */
export async function changePassword(
  db: Db,
  userId: number,
  currentSessionId: string,
  input: ChangePasswordInput,
  ctx: RequestCtx,
): Promise<Result<void>> {
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return fail('errors.invalidForm', { currentPassword: 'errors.wrongPassword' });
  }
  const weak = checkNewPassword(input.newPassword, 'newPassword');
  if (!weak.ok) return weak;
  const passwordHash = await hashPassword(input.newPassword);
  return writeTx(db, (tx) => {
    tx.update(users).set({ passwordHash, updatedAt: ctx.now }).where(eq(users.id, userId)).run();
    invalidateUserSessions(tx, userId, currentSessionId);
    audit(tx, ctx.now, { actorId: userId, action: 'user.password_changed', entityType: 'user', entityId: userId, ip: ctx.ip });
    return ok(undefined);
  });
}

const PASSWORD_LINK_MS = 7 * 24 * 60 * 60 * 1000;

/** Replaces any earlier link of the user by a new one-time link; returns the token to put in the URL. */
export function issuePasswordToken(tx: Tx, userId: number, now: number): string {
  const token = generateToken();
  tx.delete(passwordTokens).where(eq(passwordTokens.userId, userId)).run();
  tx.insert(passwordTokens).values({ id: hashToken(token), userId, expiresAt: now + PASSWORD_LINK_MS, createdAt: now }).run();
  return token;
}

/** Who a set-password link is for, if it is still valid. */
export function passwordTokenUser(db: Db, token: string, now: number): { id: number; name: string; email: string } | null {
  if (!/^[a-z2-7]{52}$/.test(token)) return null;
  const row = db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active, expiresAt: passwordTokens.expiresAt })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(eq(passwordTokens.id, hashToken(token)))
    .get();
  if (!row || row.expiresAt <= now || !row.active) return null;
  return { id: row.id, name: row.name, email: row.email };
}

/** Uses a one-time link: sets the password, burns the link, ends old sessions and signs in. */
export async function setPasswordWithToken(db: Db, token: string, password: string, ctx: RequestCtx): Promise<Result<SignedIn>> {
  if (!passwordTokenUser(db, token, ctx.now)) return fail('errors.linkInvalid');
  const weak = checkNewPassword(password, 'password');
  if (!weak.ok) return weak;
  const passwordHash = await hashPassword(password);
  const sessionToken = generateToken();
  return writeTx(db, (tx) => {
    const row = tx.select().from(passwordTokens).where(eq(passwordTokens.id, hashToken(token))).get();
    if (!row || row.expiresAt <= ctx.now) return fail('errors.linkInvalid');
    tx.delete(passwordTokens).where(eq(passwordTokens.userId, row.userId)).run();
    tx.update(users).set({ passwordHash, updatedAt: ctx.now }).where(eq(users.id, row.userId)).run();
    invalidateUserSessions(tx, row.userId);
    const session = createSession(tx, sessionToken, row.userId, ctx.now);
    audit(tx, ctx.now, { actorId: row.userId, action: 'user.password_set', entityType: 'user', entityId: row.userId, ip: ctx.ip });
    return ok({ token: sessionToken, session, userId: row.userId });
  });
}
