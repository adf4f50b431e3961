import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import {
  SESSION_ABSOLUTE_MS,
  SESSION_SLIDING_MS,
  createSession,
  deleteExpiredSessions,
  invalidateSession,
  invalidateUserSessions,
  loadViewer,
  validateSessionToken,
} from '@/lib/auth/session';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { T0, makeTeam, makeUser, testDb } from '../../helpers/db';

const DAY = 24 * 60 * 60 * 1000;

describe('tokens', () => {
  test('a token is 52 lowercase base32 characters carrying 256 bits', () => {
    const token = generateToken();
    expect(token).toMatch(/^[a-z2-7]{52}$/);
    // 52 base32 characters hold 260 bits: 32 bytes (256 bits) plus 4 padding bits.
    expect(Math.floor((token.length * 5) / 8)).toBe(32);
  });

  test('tokens are unique', () => {
    const seen = new Set(Array.from({ length: 500 }, generateToken));
    expect(seen.size).toBe(500);
  });

  test('hashToken is the hex SHA-256 of the token', () => {
    // SHA-256("abc"), a published test vector.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
  });
});

describe('sessions', () => {
  const t = testDb();
  const { db, sqlite } = t;

  function newSession(userId: number, now = T0) {
    const token = generateToken();
    const session = createSession(db, token, userId, now);
    return { token, session };
  }

  test('only the SHA-256 of the token is stored', () => {
    const userId = makeUser(db);
    const { token, session } = newSession(userId);
    expect(session.id).toBe(hashToken(token));
    const rows = sqlite.prepare('select * from sessions where user_id = ?').all(userId);
    expect(rows).toHaveLength(1);
    const dump = JSON.stringify(sqlite.prepare('select * from sessions').all());
    expect(dump).not.toContain(token);
    expect(dump).toContain(hashToken(token));
  });

  test('a fresh session lasts the sliding window', () => {
    const userId = makeUser(db);
    const { session } = newSession(userId);
    expect(session.createdAt).toBe(T0);
    expect(session.expiresAt).toBe(T0 + SESSION_SLIDING_MS);
    expect(SESSION_SLIDING_MS).toBe(30 * DAY);
    expect(SESSION_ABSOLUTE_MS).toBe(90 * DAY);
  });

  test('a valid token gives the session and the user with role and teams', () => {
    const team = makeTeam(db);
    const userId = makeUser(db, { role: 'manager', teams: [team], locale: 'en', name: 'Ana' });
    const { token, session } = newSession(userId);
    const v = validateSessionToken(db, token, T0 + 1000);
    expect(v).not.toBeNull();
    expect(v!.session.id).toBe(session.id);
    expect(v!.refreshed).toBe(false);
    expect(v!.user).toMatchObject({ id: userId, role: 'manager', active: true, teamIds: [team], locale: 'en', name: 'Ana' });
  });

  test('tampered, garbage and unknown tokens are refused', () => {
    const userId = makeUser(db);
    const { token } = newSession(userId);
    const flipped = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    expect(validateSessionToken(db, flipped, T0)).toBeNull();
    expect(validateSessionToken(db, token.toUpperCase(), T0)).toBeNull();
    expect(validateSessionToken(db, token + 'a', T0)).toBeNull();
    expect(validateSessionToken(db, token.slice(1), T0)).toBeNull();
    expect(validateSessionToken(db, '', T0)).toBeNull();
    expect(validateSessionToken(db, "' or 1=1 --", T0)).toBeNull();
    expect(validateSessionToken(db, generateToken(), T0)).toBeNull();
    // The stored hash itself is not a token.
    expect(validateSessionToken(db, hashToken(token), T0)).toBeNull();
    // The real one still works.
    expect(validateSessionToken(db, token, T0)).not.toBeNull();
  });

  test('an expired session is refused and its row deleted', () => {
    const userId = makeUser(db);
    const { token, session } = newSession(userId);
    expect(validateSessionToken(db, token, session.expiresAt - 1)).not.toBeNull();
    const again = newSession(userId);
    expect(validateSessionToken(db, again.token, again.session.expiresAt)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, again.session.id)).get()).toBeUndefined();
  });

  test('no extension during the first half of the window', () => {
    const userId = makeUser(db);
    const { token, session } = newSession(userId);
    const v = validateSessionToken(db, token, T0 + SESSION_SLIDING_MS / 2 - 1);
    expect(v!.refreshed).toBe(false);
    expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()!.expiresAt).toBe(T0 + SESSION_SLIDING_MS);
  });

  test('past half of the window the session slides to now + window', () => {
    const userId = makeUser(db);
    const { token, session } = newSession(userId);
    const now = T0 + SESSION_SLIDING_MS / 2 + 1;
    const v = validateSessionToken(db, token, now);
    expect(v!.refreshed).toBe(true);
    expect(v!.session.expiresAt).toBe(now + SESSION_SLIDING_MS);
    expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()!.expiresAt).toBe(now + SESSION_SLIDING_MS);
  });

  test('sliding never goes beyond the absolute lifetime, which ends the session', () => {
    const userId = makeUser(db);
    const { token, session } = newSession(userId);
    // Use the session every 20 days: it keeps sliding.
    let now = T0;
    let expiresAt = session.expiresAt;
    for (let i = 0; i < 4; i++) {
      now += 20 * DAY;
      const v = validateSessionToken(db, token, now);
      expect(v).not.toBeNull();
      expect(v!.session.expiresAt).toBeLessThanOrEqual(T0 + SESSION_ABSOLUTE_MS);
      expiresAt = v!.session.expiresAt;
    }
    // At day 80 the window is capped by the absolute lifetime (day 90), not day 110.
    expect(now).toBe(T0 + 80 * DAY);
    expect(expiresAt).toBe(T0 + SESSION_ABSOLUTE_MS);
    expect(validateSessionToken(db, token, T0 + SESSION_ABSOLUTE_MS - 1)).not.toBeNull();
    expect(validateSessionToken(db, token, T0 + SESSION_ABSOLUTE_MS)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()).toBeUndefined();
  });

  test('a row whose expiry was pushed past the absolute lifetime is still refused', () => {
    const userId = makeUser(db);
    const { token, session } = newSession(userId);
    db.update(sessions).set({ expiresAt: T0 + 365 * DAY }).where(eq(sessions.id, session.id)).run();
    expect(validateSessionToken(db, token, T0 + SESSION_ABSOLUTE_MS)).toBeNull();
  });

  test("a deactivated user's session is refused and deleted", () => {
    const userId = makeUser(db);
    const { token, session } = newSession(userId);
    db.update(users).set({ active: false }).where(eq(users.id, userId)).run();
    expect(validateSessionToken(db, token, T0 + 1)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()).toBeUndefined();
  });

  test('invalidateSession ends one session', () => {
    const userId = makeUser(db);
    const a = newSession(userId);
    const b = newSession(userId);
    invalidateSession(db, a.session.id);
    expect(validateSessionToken(db, a.token, T0)).toBeNull();
    expect(validateSessionToken(db, b.token, T0)).not.toBeNull();
  });

  test('invalidateUserSessions ends all sessions of that user only', () => {
    const userId = makeUser(db);
    const otherId = makeUser(db);
    const a = newSession(userId);
    const b = newSession(userId);
    const other = newSession(otherId);
    invalidateUserSessions(db, userId);
    expect(validateSessionToken(db, a.token, T0)).toBeNull();
    expect(validateSessionToken(db, b.token, T0)).toBeNull();
    expect(validateSessionToken(db, other.token, T0)).not.toBeNull();
  });

  test('invalidateUserSessions with an exception keeps that one session', () => {
    const userId = makeUser(db);
    const current = newSession(userId);
    const a = newSession(userId);
    const b = newSession(userId);
    invalidateUserSessions(db, userId, current.session.id);
    expect(validateSessionToken(db, current.token, T0)).not.toBeNull();
    expect(validateSessionToken(db, a.token, T0)).toBeNull();
    expect(validateSessionToken(db, b.token, T0)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, userId)).all()).toHaveLength(1);
  });

  test('deleteExpiredSessions removes only expired rows', () => {
    const userId = makeUser(db);
    const old = newSession(userId, T0 - 40 * DAY);
    const fresh = newSession(userId, T0);
    deleteExpiredSessions(db, T0);
    expect(db.select().from(sessions).where(eq(sessions.id, old.session.id)).get()).toBeUndefined();
    expect(db.select().from(sessions).where(eq(sessions.id, fresh.session.id)).get()).toBeDefined();
  });

  test('loadViewer of an unknown user is null', () => {
    expect(loadViewer(db, 999_999)).toBeNull();
  });
});
