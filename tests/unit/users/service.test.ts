import { describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, orgSettings, passwordTokens, sessions, teamMembers, teams, users } from '@/db/schema';
import { passwordTokenUser } from '@/lib/auth/service';
import { createSession, validateSessionToken } from '@/lib/auth/session';
import { generateToken } from '@/lib/auth/tokens';
import { updateOrgSettings } from '@/lib/settings/service';
import {
  createTeam,
  createUser,
  deleteTeam,
  renameTeam,
  resetPasswordLink,
  setUserActive,
  updateProfile,
  updateUser,
  type Ctx,
} from '@/lib/users/service';
import { T0, makeTeam, makeUser, tableContents, testDb, viewerOf } from '../../helpers/db';

/** An organisation with one user of each kind, two teams (one empty) and a session for the sales user. */
function world() {
  const t = testDb();
  const { db } = t;
  const team = makeTeam(db, 'North');
  const emptyTeam = makeTeam(db, 'Empty');
  const admin = makeUser(db, { role: 'admin', email: 'admin@example.test' });
  const manager = makeUser(db, { role: 'manager', teams: [team], email: 'manager@example.test' });
  const sales = makeUser(db, { role: 'sales', teams: [team], email: 'sales@example.test' });
  const readOnly = makeUser(db, { role: 'read_only', teams: [team], email: 'ro@example.test' });
  const oldAdmin = makeUser(db, { role: 'admin', active: false, email: 'old-admin@example.test' });
  const salesToken = generateToken();
  createSession(db, salesToken, sales, T0);
  const ctxOf = (id: number, now = T0 + 1000): Ctx => ({ user: viewerOf(db, id), now, ip: '192.0.2.5' });
  const audits = () => db.select().from(auditLog).orderBy(auditLog.id).all();
  return { t, db, team, emptyTeam, admin, manager, sales, readOnly, oldAdmin, salesToken, ctxOf, audits };
}

type World = ReturnType<typeof world>;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const settingsInput = { name: 'Acme', defaultLocale: 'en' as const, timeZone: 'Europe/London', currency: 'GBP' };

/** Every administrative operation, run as `actor` against the world. */
const OPERATIONS: Record<string, (w: World, ctx: Ctx) => { ok: boolean; error?: { code: string } }> = {
  createUser: (w, ctx) => createUser(w.db, { name: 'Eve', email: 'eve@example.test', role: 'admin', teamIds: [w.team] }, ctx),
  updateUser: (w, ctx) =>
    updateUser(w.db, w.sales, { name: 'Promoted', email: 'sales@example.test', role: 'admin', teamIds: [], departureDate: null }, ctx),
  'setUserActive (deactivate)': (w, ctx) => setUserActive(w.db, w.sales, false, ctx),
  'setUserActive (reactivate)': (w, ctx) => setUserActive(w.db, w.oldAdmin, true, ctx),
  resetPasswordLink: (w, ctx) => resetPasswordLink(w.db, w.sales, ctx),
  createTeam: (w, ctx) => createTeam(w.db, { name: 'South' }, ctx),
  renameTeam: (w, ctx) => renameTeam(w.db, w.team, { name: 'Renamed' }, ctx),
  deleteTeam: (w, ctx) => deleteTeam(w.db, w.emptyTeam, ctx),
  updateOrgSettings: (w, ctx) => updateOrgSettings(w.db, settingsInput, { type: 'image/png', bytes: PNG }, ctx),
  'updateOrgSettings (remove logo)': (w, ctx) => updateOrgSettings(w.db, settingsInput, 'remove', ctx),
};

const ACTORS = ['manager', 'sales', 'readOnly', 'oldAdmin'] as const;

describe('only an active administrator may administer', () => {
  const cases = Object.keys(OPERATIONS).flatMap((op) => ACTORS.map((actor) => ({ op, actor })));

  test.each(cases)("$op by $actor is refused with 'errors.forbidden' and changes nothing", ({ op, actor }) => {
    const w = world();
    const before = tableContents(w.t);
    const r = OPERATIONS[op](w, w.ctxOf(w[actor]));
    expect(r).toEqual({ ok: false, error: { code: 'errors.forbidden', fieldErrors: undefined } });
    expect(tableContents(w.t)).toEqual(before);
  });

  test.each(Object.keys(OPERATIONS))('%s by an active admin succeeds and is audited', (op) => {
    const w = world();
    const r = OPERATIONS[op](w, w.ctxOf(w.admin));
    expect(r.ok).toBe(true);
    const last = w.audits().at(-1)!;
    expect(last).toMatchObject({ actorId: w.admin, at: T0 + 1000, ip: '192.0.2.5' });
  });

  test("updateProfile is refused to a deactivated user with 'errors.forbidden'", () => {
    const w = world();
    const before = tableContents(w.t);
    expect(updateProfile(w.db, { name: 'Ghost', locale: 'en' }, w.ctxOf(w.oldAdmin))).toEqual({
      ok: false,
      error: { code: 'errors.forbidden', fieldErrors: undefined },
    });
    expect(tableContents(w.t)).toEqual(before);
  });
});

describe('users', () => {
  test("createUser: user, teams, one-time link and 'user.created' audit row", () => {
    const w = world();
    const r = createUser(w.db, { name: 'Eve', email: 'eve@example.test', role: 'manager', teamIds: [w.team, w.emptyTeam] }, w.ctxOf(w.admin));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const u = w.db.select().from(users).where(eq(users.id, r.value.id)).get()!;
    expect(u).toMatchObject({ name: 'Eve', email: 'eve@example.test', role: 'manager', active: true, passwordHash: null });
    expect(viewerOf(w.db, u.id).teamIds.sort()).toEqual([w.team, w.emptyTeam].sort());
    expect(passwordTokenUser(w.db, r.value.token, T0 + 2000)?.id).toBe(u.id);
    expect(w.audits().at(-1)).toMatchObject({
      action: 'user.created',
      entityType: 'user',
      entityId: u.id,
      at: T0 + 1000,
      data: { email: 'eve@example.test', role: 'manager', teamIds: [w.team, w.emptyTeam] },
    });
  });

  test("createUser with a taken email: 'errors.emailTaken', nothing written", () => {
    const w = world();
    const before = tableContents(w.t);
    const r = createUser(w.db, { name: 'Dup', email: 'sales@example.test', role: 'sales', teamIds: [] }, w.ctxOf(w.admin));
    expect(r).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { email: 'errors.emailTaken' } } });
    expect(tableContents(w.t)).toEqual(before);
  });

  test("createUser with unknown team ids: 'errors.invalidChoice', nothing written", () => {
    const w = world();
    const before = tableContents(w.t);
    const r = createUser(w.db, { name: 'Eve', email: 'eve@example.test', role: 'sales', teamIds: [w.team, 9999] }, w.ctxOf(w.admin));
    expect(r).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { teamIds: 'errors.invalidChoice' } } });
    expect(tableContents(w.t)).toEqual(before);
  });

  test('createUser accepts a team listed twice', () => {
    const w = world();
    const r = createUser(w.db, { name: 'Eve', email: 'eve@example.test', role: 'sales', teamIds: [w.team, w.team] }, w.ctxOf(w.admin));
    expect(r.ok).toBe(true);
    if (r.ok) expect(viewerOf(w.db, r.value.id).teamIds).toEqual([w.team]);
  });

  test("updateUser: a role change is audited as 'user.role_changed' with before/after", () => {
    const w = world();
    const r = updateUser(
      w.db,
      w.sales,
      { name: 'Sam', email: 'sam@example.test', role: 'manager', teamIds: [w.emptyTeam], departureDate: '2026-12-31' },
      w.ctxOf(w.admin),
    );
    expect(r).toEqual({ ok: true, value: undefined });
    expect(w.db.select().from(users).where(eq(users.id, w.sales)).get()).toMatchObject({
      name: 'Sam',
      email: 'sam@example.test',
      role: 'manager',
      departureDate: '2026-12-31',
    });
    expect(viewerOf(w.db, w.sales).teamIds).toEqual([w.emptyTeam]);
    expect(w.audits().at(-1)).toMatchObject({
      action: 'user.role_changed',
      entityId: w.sales,
      data: { role: ['sales', 'manager'], email: ['sales@example.test', 'sam@example.test'], teamIds: [[w.team], [w.emptyTeam]] },
    });
  });

  test("updateUser without a role change is 'user.updated'; no change at all writes no audit row", () => {
    const w = world();
    const same = { name: 'User', email: 'sales@example.test', role: 'sales' as const, teamIds: [w.team], departureDate: null };
    expect(updateUser(w.db, w.sales, same, w.ctxOf(w.admin)).ok).toBe(true);
    expect(w.audits().at(-1)).toMatchObject({ action: 'user.updated', data: { name: [expect.any(String), 'User'] } });
    const count = w.audits().length;
    expect(updateUser(w.db, w.sales, same, w.ctxOf(w.admin)).ok).toBe(true);
    expect(w.audits()).toHaveLength(count);
  });

  test("updateUser: another user's email, unknown teams, unknown user", () => {
    const w = world();
    const before = tableContents(w.t);
    const base = { name: 'S', email: 'sales@example.test', role: 'sales' as const, teamIds: [] as number[], departureDate: null };
    expect(updateUser(w.db, w.sales, { ...base, email: 'manager@example.test' }, w.ctxOf(w.admin))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { email: 'errors.emailTaken' } },
    });
    expect(updateUser(w.db, w.sales, { ...base, teamIds: [12345] }, w.ctxOf(w.admin))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { teamIds: 'errors.invalidChoice' } },
    });
    expect(updateUser(w.db, 424242, base, w.ctxOf(w.admin))).toEqual({ ok: false, error: { code: 'errors.notFound', fieldErrors: undefined } });
    expect(tableContents(w.t)).toEqual(before);
  });

  test('the last active administrator cannot be demoted', () => {
    const w = world();
    const before = tableContents(w.t);
    const r = updateUser(
      w.db,
      w.admin,
      { name: 'Admin', email: 'admin@example.test', role: 'manager', teamIds: [], departureDate: null },
      w.ctxOf(w.admin),
    );
    expect(r).toEqual({ ok: false, error: { code: 'errors.invalidForm', fieldErrors: { role: 'errors.lastAdmin' } } });
    expect(tableContents(w.t)).toEqual(before);
  });

  test('with a second active administrator, one may be demoted; a deactivated admin never counts', () => {
    const w = world();
    const second = makeUser(w.db, { role: 'admin', email: 'second@example.test' });
    const demote = { name: 'Second', email: 'second@example.test', role: 'sales' as const, teamIds: [], departureDate: null };
    expect(updateUser(w.db, second, demote, w.ctxOf(w.admin)).ok).toBe(true);
    // Demoting the deactivated admin is fine: it was not counted.
    const demoteOld = { name: 'Old', email: 'old-admin@example.test', role: 'sales' as const, teamIds: [], departureDate: null };
    expect(updateUser(w.db, w.oldAdmin, demoteOld, w.ctxOf(w.admin)).ok).toBe(true);
  });

  test('the last active administrator cannot be deactivated (even through a stale viewer)', () => {
    const w = world();
    const second = makeUser(w.db, { role: 'admin', email: 'second@example.test' });
    // The second admin's request was authorised a moment before the first admin deactivated them.
    const staleCtx = w.ctxOf(second);
    expect(setUserActive(w.db, second, false, w.ctxOf(w.admin)).ok).toBe(true);
    const before = tableContents(w.t);
    expect(setUserActive(w.db, w.admin, false, staleCtx)).toEqual({ ok: false, error: { code: 'errors.lastAdmin', fieldErrors: undefined } });
    expect(tableContents(w.t)).toEqual(before);
  });

  test('nobody can deactivate themselves', () => {
    const w = world();
    makeUser(w.db, { role: 'admin', email: 'second@example.test' });
    const before = tableContents(w.t);
    expect(setUserActive(w.db, w.admin, false, w.ctxOf(w.admin))).toEqual({
      ok: false,
      error: { code: 'errors.cannotDeactivateSelf', fieldErrors: undefined },
    });
    expect(tableContents(w.t)).toEqual(before);
  });

  test("deactivation ends every session at once and is audited; reactivation too", () => {
    const w = world();
    expect(validateSessionToken(w.db, w.salesToken, T0 + 10)).not.toBeNull();
    const otherToken = generateToken();
    createSession(w.db, otherToken, w.sales, T0);
    expect(setUserActive(w.db, w.sales, false, w.ctxOf(w.admin))).toEqual({ ok: true, value: undefined });
    expect(w.db.select().from(sessions).where(eq(sessions.userId, w.sales)).all()).toHaveLength(0);
    expect(validateSessionToken(w.db, otherToken, T0 + 10)).toBeNull();
    expect(w.db.select().from(users).where(eq(users.id, w.sales)).get()?.active).toBe(false);
    expect(w.audits().at(-1)).toMatchObject({ action: 'user.deactivated', entityId: w.sales, at: T0 + 1000 });
    // Deactivating again is a no-op without a second audit row.
    const count = w.audits().length;
    expect(setUserActive(w.db, w.sales, false, w.ctxOf(w.admin)).ok).toBe(true);
    expect(w.audits()).toHaveLength(count);
    expect(setUserActive(w.db, w.sales, true, w.ctxOf(w.admin)).ok).toBe(true);
    expect(w.audits().at(-1)).toMatchObject({ action: 'user.reactivated', entityId: w.sales });
    expect(setUserActive(w.db, 999_999, true, w.ctxOf(w.admin))).toEqual({ ok: false, error: { code: 'errors.notFound', fieldErrors: undefined } });
  });

  test('resetPasswordLink: a fresh link replaces the old one; refused for a deactivated user', () => {
    const w = world();
    const first = resetPasswordLink(w.db, w.sales, w.ctxOf(w.admin));
    const second = resetPasswordLink(w.db, w.sales, w.ctxOf(w.admin));
    if (!first.ok || !second.ok) throw new Error('link refused');
    expect(passwordTokenUser(w.db, first.value.token, T0 + 2000)).toBeNull();
    expect(passwordTokenUser(w.db, second.value.token, T0 + 2000)?.id).toBe(w.sales);
    expect(w.db.select().from(passwordTokens).all()).toHaveLength(1);
    expect(w.audits().at(-1)).toMatchObject({ action: 'user.password_link', entityId: w.sales });
    expect(resetPasswordLink(w.db, w.oldAdmin, w.ctxOf(w.admin))).toEqual({ ok: false, error: { code: 'errors.userInactive', fieldErrors: undefined } });
    expect(resetPasswordLink(w.db, 999_999, w.ctxOf(w.admin))).toEqual({ ok: false, error: { code: 'errors.notFound', fieldErrors: undefined } });
  });

  test('updateProfile changes name and locale of the signed-in user only', () => {
    const w = world();
    expect(updateProfile(w.db, { name: 'Salomé', locale: 'en' }, w.ctxOf(w.readOnly))).toEqual({ ok: true, value: undefined });
    expect(w.db.select().from(users).where(eq(users.id, w.readOnly)).get()).toMatchObject({ name: 'Salomé', locale: 'en' });
    expect(w.db.select().from(users).where(eq(users.id, w.sales)).get()?.locale).toBeNull();
    expect(w.audits().at(-1)).toMatchObject({ action: 'user.profile_updated', actorId: w.readOnly, data: { name: 'Salomé', locale: 'en' } });
  });
});

describe('teams', () => {
  test("createTeam writes the team and 'team.created'; names are unique ignoring case", () => {
    const w = world();
    const r = createTeam(w.db, { name: 'South' }, w.ctxOf(w.admin));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(w.db.select().from(teams).where(eq(teams.id, r.value.id)).get()?.name).toBe('South');
    expect(w.audits().at(-1)).toMatchObject({ action: 'team.created', entityType: 'team', entityId: r.value.id, data: { name: 'South' } });
    const before = tableContents(w.t);
    expect(createTeam(w.db, { name: 'south' }, w.ctxOf(w.admin))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { name: 'errors.teamNameTaken' } },
    });
    expect(tableContents(w.t)).toEqual(before);
  });

  test("renameTeam: 'team.renamed' with old and new names; taken name and unknown team refused", () => {
    const w = world();
    expect(renameTeam(w.db, w.team, { name: 'North-East' }, w.ctxOf(w.admin)).ok).toBe(true);
    expect(w.audits().at(-1)).toMatchObject({ action: 'team.renamed', entityId: w.team, data: { name: ['North', 'North-East'] } });
    // Changing only the case of its own name is allowed.
    expect(renameTeam(w.db, w.team, { name: 'NORTH-EAST' }, w.ctxOf(w.admin)).ok).toBe(true);
    expect(renameTeam(w.db, w.team, { name: 'empty' }, w.ctxOf(w.admin))).toEqual({
      ok: false,
      error: { code: 'errors.invalidForm', fieldErrors: { name: 'errors.teamNameTaken' } },
    });
    expect(renameTeam(w.db, 777, { name: 'X' }, w.ctxOf(w.admin))).toEqual({ ok: false, error: { code: 'errors.notFound', fieldErrors: undefined } });
  });

  test('a team with members cannot be deleted; an empty one can', () => {
    const w = world();
    const before = tableContents(w.t);
    expect(deleteTeam(w.db, w.team, w.ctxOf(w.admin))).toEqual({ ok: false, error: { code: 'errors.teamNotEmpty', fieldErrors: undefined } });
    expect(tableContents(w.t)).toEqual(before);
    expect(deleteTeam(w.db, w.emptyTeam, w.ctxOf(w.admin))).toEqual({ ok: true, value: undefined });
    expect(w.db.select().from(teams).where(eq(teams.id, w.emptyTeam)).get()).toBeUndefined();
    expect(w.audits().at(-1)).toMatchObject({ action: 'team.deleted', entityId: w.emptyTeam, data: { name: 'Empty' } });
    expect(deleteTeam(w.db, w.emptyTeam, w.ctxOf(w.admin))).toEqual({ ok: false, error: { code: 'errors.notFound', fieldErrors: undefined } });
    // Members of a deactivated user still count.
    const lonely = makeTeam(w.db, 'Lonely');
    w.db.insert(teamMembers).values({ teamId: lonely, userId: w.oldAdmin }).run();
    expect(deleteTeam(w.db, lonely, w.ctxOf(w.admin)).ok).toBe(false);
  });

  test('the audit row shares the transaction: if it cannot be written, nothing is', () => {
    const w = world();
    w.t.sqlite.exec("create trigger no_audit before insert on audit_log begin select raise(abort, 'audit refused'); end");
    const before = tableContents(w.t);
    expect(() => createTeam(w.db, { name: 'South' }, w.ctxOf(w.admin))).toThrow(/audit refused/);
    expect(() => createUser(w.db, { name: 'E', email: 'e@example.test', role: 'sales', teamIds: [w.team] }, w.ctxOf(w.admin))).toThrow(
      /audit refused/,
    );
    expect(() => setUserActive(w.db, w.sales, false, w.ctxOf(w.admin))).toThrow(/audit refused/);
    expect(() => updateOrgSettings(w.db, settingsInput, null, w.ctxOf(w.admin))).toThrow(/audit refused/);
    expect(tableContents(w.t)).toEqual(before);
  });
});

describe('updateOrgSettings', () => {
  test("saves the settings and the sniffed logo type; 'settings.updated' audited", () => {
    const w = world();
    const r = updateOrgSettings(w.db, settingsInput, { type: 'image/jpeg', bytes: PNG }, w.ctxOf(w.admin));
    expect(r).toEqual({ ok: true, value: undefined });
    const row = w.db.select().from(orgSettings).get()!;
    expect(row).toMatchObject({ ...settingsInput, logoType: 'image/png', updatedAt: T0 + 1000 });
    expect(Buffer.from(row.logo!, 'base64')).toEqual(Buffer.from(PNG));
    expect(w.audits().at(-1)).toMatchObject({ action: 'settings.updated', data: { ...settingsInput, logo: 'replaced' } });
    // No upload keeps the logo; 'remove' drops it.
    updateOrgSettings(w.db, { ...settingsInput, name: 'Acme 2' }, null, w.ctxOf(w.admin));
    expect(w.db.select().from(orgSettings).get()).toMatchObject({ name: 'Acme 2', logoType: 'image/png' });
    updateOrgSettings(w.db, settingsInput, 'remove', w.ctxOf(w.admin));
    expect(w.db.select().from(orgSettings).get()).toMatchObject({ logo: null, logoType: null });
    expect(w.audits().at(-1)).toMatchObject({ data: { logo: 'removed' } });
  });
});
