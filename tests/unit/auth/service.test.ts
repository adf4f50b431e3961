import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { writeTx } from '@/db/client';
import { auditLog, orgSettings, passwordTokens, sessions, users } from '@/db/schema';
import { hashPassword, passwordProblem, verifyPassword } from '@/lib/auth/password';
import {
  changePassword,
  hasAnyUser,
  issuePasswordToken,
  passwordTokenUser,
  setPasswordWithToken,
  setupFirstAdmin,
  signIn,
  signOut,
} from '@/lib/auth/service';
import { validateSessionToken } from '@/lib/auth/session';
import { hashToken } from '@/lib/auth/tokens';
import { T0, makeUser, tableContents, testDb } from '../../helpers/db';

const GOOD = 'correct horse battery staple';
const ctx = (now = T0, ip: string | null = '192.0.2.1') => ({ now, ip });
const DAY = 24 * 60 * 60 * 1000;

function auditActions(db: ReturnType<typeof testDb>['db']) {
  return db.select().from(auditLog).orderBy(auditLog.id).all();
}

describe('passwords', () => {
  test('hash and verify (argon2id), with NFKC normalisation', async () => {
    const h = await hashPassword('ｐａｓｓｗｏｒｄ long enough');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'password long enough')).toBe(true);
    expect(await verifyPassword(h, 'password long enougH')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  test('passwordProblem: too short, too long, too common, fine', () => {
    expect(passwordProblem('short')).toBe('tooShort');
    expect(passwordProblem('x'.repeat(257))).toBe('tooLong');
    expect(passwordProblem('qwertyuiop')).toBe('tooCommon');
    expect(passwordProblem('QwertyUiop')).toBe('tooCommon');
    expect(passwordProblem(GOOD)).toBeNull();
  });
});

describe('setupFirstAdmin', () => {
  const input = { organisation: 'Acme', name: 'Ada Admin', email: 'ada@example.test', password: GOOD };

  test('works once: admin, organisation, session and audit row', async () => {
    const { db } = testDb();
    expect(hasAnyUser(db)).toBe(false);
    const r = await setupFirstAdmin(db, input, ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const user = db.select().from(users).where(eq(users.id, r.value.userId)).get()!;
    expect(user).toMatchObject({ email: 'ada@example.test', name: 'Ada Admin', role: 'admin', active: true });
    expect(await verifyPassword(user.passwordHash!, GOOD)).toBe(true);
    expect(db.select().from(orgSettings).get()).toMatchObject({ id: 1, name: 'Acme' });
    expect(validateSessionToken(db, r.value.token, T0)?.user.id).toBe(user.id);
    expect(auditActions(db).map((a) => a.action)).toEqual(['setup.first_admin']);
    expect(hasAnyUser(db)).toBe(true);
  });

  test("a second call is refused with 'errors.setupDone' and creates no second user", async () => {
    const t = testDb();
    expect((await setupFirstAdmin(t.db, input, ctx())).ok).toBe(true);
    const before = tableContents(t);
    const r = await setupFirstAdmin(t.db, { ...input, email: 'mallory@example.test', organisation: 'Evil' }, ctx(T0 + 1));
    expect(r).toEqual({ ok: false, error: { code: 'errors.setupDone', fieldErrors: undefined } });
    expect(t.db.select().from(users).all()).toHaveLength(1);
    expect(tableContents(t)).toEqual(before);
  });

  test('two racing setups: only one wins', async () => {
    const { db } = testDb();
    const [a, b] = await Promise.all([
      setupFirstAdmin(db, input, ctx()),
      setupFirstAdmin(db, { ...input, email: 'bob@example.test' }, ctx()),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(db.select().from(users).all()).toHaveLength(1);
  });

  test("a common password is refused with 'errors.passwordTooCommon'", async () => {
    const t = testDb();
    const r = await setupFirstAdmin(t.db, { ...input, password: 'qwertyuiop' }, ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('errors.invalidForm');
    expect(r.error.fieldErrors).toEqual({ password: 'errors.passwordTooCommon' });
    expect(hasAnyUser(t.db)).toBe(false);
  });

  test("a short password is refused with 'errors.passwordTooShort'", async () => {
    const t = testDb();
    const r = await setupFirstAdmin(t.db, { ...input, password: 'abc123' }, ctx());
    expect(r.ok ? null : r.error.fieldErrors).toEqual({ password: 'errors.passwordTooShort' });
    expect(hasAnyUser(t.db)).toBe(false);
  });
});

describe('signIn', () => {
  async function withUser(o: { active?: boolean } = {}) {
    const t = testDb();
    const id = makeUser(t.db, { email: 'sam@example.test', passwordHash: await hashPassword(GOOD), active: o.active });
    return { t, id };
  }

  function expectFailedSignInOnlyAudited(t: ReturnType<typeof testDb>, before: ReturnType<typeof tableContents>, reason: string) {
    const after = tableContents(t);
    for (const table of ['users', 'teams', 'team_members', 'sessions', 'password_tokens', 'org_settings']) {
      expect(after[table], table).toEqual(before[table]);
    }
    const newAudit = after.audit_log.slice(before.audit_log.length) as { action: string; data: string; ip: string }[];
    expect(newAudit).toHaveLength(1);
    expect(newAudit[0].action).toBe('auth.sign_in_failed');
    expect(JSON.parse(newAudit[0].data)).toMatchObject({ reason });
    expect(newAudit[0].ip).toBe('192.0.2.1');
  }

  test("a wrong password gives 'errors.badCredentials', is audited and changes nothing else", async () => {
    const { t } = await withUser();
    const before = tableContents(t);
    const r = await signIn(t.db, { email: 'sam@example.test', password: 'wrong password!' }, ctx());
    expect(r.ok ? null : r.error.code).toBe('errors.badCredentials');
    expectFailedSignInOnlyAudited(t, before, 'password');
  });

  test("an unknown user gives the same 'errors.badCredentials'", async () => {
    const { t } = await withUser();
    const before = tableContents(t);
    const r = await signIn(t.db, { email: 'nobody@example.test', password: GOOD }, ctx());
    expect(r.ok ? null : r.error.code).toBe('errors.badCredentials');
    expectFailedSignInOnlyAudited(t, before, 'unknown');
  });

  test("a deactivated user with the right password gets 'errors.badCredentials'", async () => {
    const { t } = await withUser({ active: false });
    const before = tableContents(t);
    const r = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx());
    expect(r.ok ? null : r.error.code).toBe('errors.badCredentials');
    expectFailedSignInOnlyAudited(t, before, 'inactive');
  });

  test('a user without a password yet cannot sign in', async () => {
    const t = testDb();
    makeUser(t.db, { email: 'new@example.test' });
    const r = await signIn(t.db, { email: 'new@example.test', password: GOOD }, ctx());
    expect(r.ok ? null : r.error.code).toBe('errors.badCredentials');
    expect(t.db.select().from(sessions).all()).toHaveLength(0);
  });

  test("success writes 'auth.sign_in' and creates a session", async () => {
    const { t, id } = await withUser();
    const r = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.userId).toBe(id);
    expect(t.db.select().from(sessions).all()).toEqual([expect.objectContaining({ id: hashToken(r.value.token), userId: id })]);
    expect(validateSessionToken(t.db, r.value.token, T0)?.user.id).toBe(id);
    expect(auditActions(t.db).map((a) => [a.action, a.actorId, a.entityId])).toEqual([['auth.sign_in', id, id]]);
  });

  test('throttling kicks in after repeated failures, even with the right password', async () => {
    const { t } = await withUser();
    for (let i = 0; i < 5; i++) {
      const r = await signIn(t.db, { email: 'sam@example.test', password: `wrong ${i}` }, ctx(T0 + i));
      expect(r.ok ? null : r.error.code).toBe('errors.badCredentials');
    }
    const auditCount = auditActions(t.db).length;
    const blocked = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx(T0 + 10));
    expect(blocked.ok).toBe(false);
    if (blocked.ok) return;
    expect(blocked.error.code).toBe('errors.tooManyAttempts');
    expect(Number(blocked.error.fieldErrors?._wait)).toBeGreaterThanOrEqual(1);
    expect(t.db.select().from(sessions).all()).toHaveLength(0);
    expect(auditActions(t.db)).toHaveLength(auditCount);
    // Same account from another IP is still throttled (per account)…
    const otherIp = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx(T0 + 10, '198.51.100.7'));
    expect(otherIp.ok ? null : otherIp.error.code).toBe('errors.tooManyAttempts');
    // …and once the wait is over the right password works and clears the account counter.
    const later = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx(T0 + 10 + 60_000));
    expect(later.ok).toBe(true);
    const next = await signIn(t.db, { email: 'sam@example.test', password: 'wrong again' }, ctx(T0 + 70_000));
    expect(next.ok ? null : next.error.code).toBe('errors.badCredentials');
    const after = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx(T0 + 70_001));
    expect(after.ok).toBe(true);
  });

  test('a burst of concurrent guesses gets no more answers than sequential ones', async () => {
    const { t } = await withUser();
    // Twelve guesses sent at once all pass the first throttle check together, before any failure is recorded.
    const guesses = Array.from({ length: 12 }, (_, i) => `wrong guess ${i}`);
    const results = await Promise.all(guesses.map((password) => signIn(t.db, { email: 'sam@example.test', password }, ctx())));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    // The four free failures and the fifth (which starts the wait) are answered; the rest are told to wait.
    expect(codes.filter((c) => c === 'errors.badCredentials')).toHaveLength(5);
    expect(codes.filter((c) => c === 'errors.tooManyAttempts')).toHaveLength(7);
    expect(auditActions(t.db).filter((a) => a.action === 'auth.sign_in_failed')).toHaveLength(5);
  });

  test('the right password sent at the end of a burst is refused too', async () => {
    const { t } = await withUser();
    // argon2 runs on libuv's small FIFO thread pool (4 threads by default): the last guess queued
    // finishes after most of the wrong ones have been recorded.
    const guesses = [...Array.from({ length: 12 }, (_, i) => `wrong guess ${i}`), GOOD];
    const results = await Promise.all(guesses.map((password) => signIn(t.db, { email: 'sam@example.test', password }, ctx())));
    const last = results.at(-1)!;
    expect(last.ok ? 'ok' : last.error.code).toBe('errors.tooManyAttempts');
    expect(t.db.select().from(sessions).all()).toHaveLength(0);
  });

  test('signOut ends that session and is audited', async () => {
    const { t, id } = await withUser();
    const a = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx());
    const b = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx());
    if (!a.ok || !b.ok) throw new Error('sign-in failed');
    signOut(t.db, a.value.session.id, id, ctx());
    expect(validateSessionToken(t.db, a.value.token, T0)).toBeNull();
    expect(validateSessionToken(t.db, b.value.token, T0)).not.toBeNull();
    expect(auditActions(t.db).at(-1)?.action).toBe('auth.sign_out');
  });
});

describe('changePassword', () => {
  async function signedInTwice() {
    const t = testDb();
    const id = makeUser(t.db, { email: 'sam@example.test', passwordHash: await hashPassword(GOOD) });
    const current = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx());
    const other = await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx());
    const someoneElse = makeUser(t.db, { email: 'zoe@example.test', passwordHash: await hashPassword(GOOD) });
    const zoe = await signIn(t.db, { email: 'zoe@example.test', password: GOOD }, ctx());
    if (!current.ok || !other.ok || !zoe.ok) throw new Error('sign-in failed');
    return { t, id, current: current.value, other: other.value, zoe: zoe.value, someoneElse };
  }

  test('a wrong current password is refused and nothing changes', async () => {
    const { t, id, current } = await signedInTwice();
    const before = tableContents(t);
    const r = await changePassword(t.db, id, current.session.id, { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' }, ctx());
    expect(r).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { currentPassword: 'errors.wrongPassword' } } });
    expect(tableContents(t)).toEqual(before);
  });

  test('a common new password is refused', async () => {
    const { t, id, current } = await signedInTwice();
    const r = await changePassword(t.db, id, current.session.id, { currentPassword: GOOD, newPassword: 'qwertyuiop' }, ctx());
    expect(r.ok ? null : r.error.fieldErrors).toEqual({ newPassword: 'errors.passwordTooCommon' });
  });

  test("success ends the user's other sessions but keeps the current one", async () => {
    const { t, id, current, other, zoe } = await signedInTwice();
    const r = await changePassword(t.db, id, current.session.id, { currentPassword: GOOD, newPassword: 'a brand new passphrase' }, ctx(T0 + 5));
    expect(r).toEqual({ ok: true, value: undefined });
    expect(validateSessionToken(t.db, current.token, T0 + 5)).not.toBeNull();
    expect(validateSessionToken(t.db, other.token, T0 + 5)).toBeNull();
    expect(validateSessionToken(t.db, zoe.token, T0 + 5)).not.toBeNull();
    expect(auditActions(t.db).at(-1)).toMatchObject({ action: 'user.password_changed', actorId: id, entityId: id });
    expect((await signIn(t.db, { email: 'sam@example.test', password: GOOD }, ctx(T0 + 6))).ok).toBe(false);
    expect((await signIn(t.db, { email: 'sam@example.test', password: 'a brand new passphrase' }, ctx(T0 + 7))).ok).toBe(true);
  });
});

describe('set-password links', () => {
  async function userWithLink() {
    const t = testDb();
    const id = makeUser(t.db, { email: 'new@example.test', passwordHash: await hashPassword(GOOD) });
    const old = await signIn(t.db, { email: 'new@example.test', password: GOOD }, ctx());
    if (!old.ok) throw new Error('sign-in failed');
    const token = writeTx(t.db, (tx) => issuePasswordToken(tx, id, T0));
    return { t, id, token, old: old.value };
  }

  test('only the hash of the link token is stored', async () => {
    const { t, token } = await userWithLink();
    const dump = JSON.stringify(t.sqlite.prepare('select * from password_tokens').all());
    expect(dump).not.toContain(token);
    expect(dump).toContain(hashToken(token));
  });

  test('a link works once, signs in and ends older sessions', async () => {
    const { t, id, token, old } = await userWithLink();
    expect(passwordTokenUser(t.db, token, T0 + 1)).toEqual({ id, name: expect.any(String), email: 'new@example.test' });
    const r = await setPasswordWithToken(t.db, token, 'my very own passphrase', ctx(T0 + 1));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.userId).toBe(id);
    expect(validateSessionToken(t.db, r.value.token, T0 + 1)?.user.id).toBe(id);
    expect(validateSessionToken(t.db, old.token, T0 + 1)).toBeNull();
    expect(t.db.select().from(passwordTokens).all()).toHaveLength(0);
    expect(auditActions(t.db).at(-1)).toMatchObject({ action: 'user.password_set', entityId: id });
    expect((await signIn(t.db, { email: 'new@example.test', password: 'my very own passphrase' }, ctx(T0 + 2))).ok).toBe(true);

    const again = await setPasswordWithToken(t.db, token, 'another passphrase here', ctx(T0 + 3));
    expect(again.ok ? null : again.error.code).toBe('errors.linkInvalid');
    expect(passwordTokenUser(t.db, token, T0 + 3)).toBeNull();
    expect((await signIn(t.db, { email: 'new@example.test', password: 'another passphrase here' }, ctx(T0 + 4))).ok).toBe(false);
  });

  test('an expired link is refused and changes nothing', async () => {
    const { t, token } = await userWithLink();
    const expiry = T0 + 7 * DAY;
    expect(passwordTokenUser(t.db, token, expiry - 1)).not.toBeNull();
    expect(passwordTokenUser(t.db, token, expiry)).toBeNull();
    const before = tableContents(t);
    const r = await setPasswordWithToken(t.db, token, 'my very own passphrase', ctx(expiry));
    expect(r.ok ? null : r.error.code).toBe('errors.linkInvalid');
    expect(tableContents(t)).toEqual(before);
  });

  test('a new link replaces the previous one', async () => {
    const { t, id, token } = await userWithLink();
    const newer = writeTx(t.db, (tx) => issuePasswordToken(tx, id, T0 + 10));
    expect(passwordTokenUser(t.db, token, T0 + 11)).toBeNull();
    expect(passwordTokenUser(t.db, newer, T0 + 11)?.id).toBe(id);
  });

  test("a deactivated user's link is refused", async () => {
    const { t, id, token } = await userWithLink();
    t.db.update(users).set({ active: false }).where(eq(users.id, id)).run();
    const r = await setPasswordWithToken(t.db, token, 'my very own passphrase', ctx(T0 + 1));
    expect(r.ok ? null : r.error.code).toBe('errors.linkInvalid');
  });

  test('garbage and common passwords are refused', async () => {
    const { t, token } = await userWithLink();
    expect(passwordTokenUser(t.db, 'not-a-token', T0)).toBeNull();
    const r1 = await setPasswordWithToken(t.db, 'x'.repeat(52), 'my very own passphrase', ctx(T0 + 1));
    expect(r1.ok ? null : r1.error.code).toBe('errors.linkInvalid');
    const r2 = await setPasswordWithToken(t.db, token, 'qwertyuiop', ctx(T0 + 1));
    expect(r2.ok ? null : r2.error.fieldErrors).toEqual({ password: 'errors.passwordTooCommon' });
    // The link survives a refused weak password.
    expect(passwordTokenUser(t.db, token, T0 + 1)).not.toBeNull();
  });
});
