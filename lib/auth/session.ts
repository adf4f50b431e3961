import { and, eq, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { sessions, teamMembers, users } from '@/db/schema';
import { ph, prepared } from '@/lib/db/prepared';
import type { Viewer } from '@/lib/permissions';
import { SESSION_COOKIE, SESSION_SLIDING_MS } from './cookie';
import { hashToken } from './tokens';

export { SESSION_COOKIE, SESSION_SLIDING_MS };

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 90 * DAY;

export type SessionUser = Viewer & { email: string; name: string; locale: 'fr' | 'en' | null };
export type Session = { id: string; userId: number; expiresAt: number; createdAt: number };
export type SessionValidation = { session: Session; user: SessionUser; refreshed: boolean } | null;

export function createSession(db: DbOrTx, token: string, userId: number, now: number): Session {
  const session: Session = {
    id: hashToken(token),
    userId,
    expiresAt: Math.min(now + SESSION_SLIDING_MS, now + SESSION_ABSOLUTE_MS),
    createdAt: now,
  };
  db.insert(sessions).values(session).run();
  return session;
}

// Every signed-in request reads these: built once per connection (lib/db/prepared.ts).
const userById = (db: DbOrTx) => prepared(db, 'auth.user', () => db.select().from(users).where(eq(users.id, ph('id'))).prepare());
const teamsOfUser = (db: DbOrTx) =>
  prepared(db, 'auth.userTeams', () => db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, ph('id'))).prepare());
const sessionById = (db: DbOrTx) => prepared(db, 'auth.session', () => db.select().from(sessions).where(eq(sessions.id, ph('id'))).prepare());

export function loadViewer(db: DbOrTx, userId: number): SessionUser | null {
  const u = userById(db).get({ id: userId });
  if (!u) return null;
  const teamIds = teamsOfUser(db)
    .all({ id: userId })
    .map((r) => r.teamId);
  return { id: u.id, role: u.role, active: u.active, teamIds, email: u.email, name: u.name, locale: u.locale };
}

/**
 * Looks the token up by its hash. Expired sessions, sessions past their absolute lifetime and
 * sessions of deactivated users are deleted and refused. Past half of its sliding window a
 * session is extended (never beyond the absolute lifetime).
 */
export function validateSessionToken(db: DbOrTx, token: string, now: number): SessionValidation {
  if (!/^[a-z2-7]{52}$/.test(token)) return null;
  const id = hashToken(token);
  const row = sessionById(db).get({ id });
  if (!row) return null;
  const user = loadViewer(db, row.userId);
  if (now >= row.expiresAt || now >= row.createdAt + SESSION_ABSOLUTE_MS || !user || !user.active) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  let refreshed = false;
  if (row.expiresAt - now < SESSION_SLIDING_MS / 2) {
    const expiresAt = Math.min(now + SESSION_SLIDING_MS, row.createdAt + SESSION_ABSOLUTE_MS);
    if (expiresAt > row.expiresAt) {
      row.expiresAt = expiresAt;
      db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
      refreshed = true;
    }
  }
  return { session: row, user, refreshed };
}

export function invalidateSession(db: DbOrTx, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends every session of a user, or every other one when `exceptSessionId` is given. */
export function invalidateUserSessions(db: DbOrTx, userId: number, exceptSessionId?: string): void {
  const cond = exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId);
  db.delete(sessions).where(cond).run();
}

export function deleteExpiredSessions(db: DbOrTx, now: number): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}
