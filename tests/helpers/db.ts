import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { teamMembers, teams, users, type Locale, type Role } from '@/db/schema';
import { loadViewer, type SessionUser } from '@/lib/auth/session';

export type TestDb = ReturnType<typeof openDatabase> & {
  file: string;
  /** Closes the connection and opens the same file again, as after a restart. */
  reopen(): TestDb;
  close(): void;
};

const dirs: string[] = [];
const open: TestDb[] = [];

afterAll(() => {
  for (const d of open.splice(0)) d.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function wrap(file: string): TestDb {
  const handle = openDatabase(file);
  let closed = false;
  const t: TestDb = {
    ...handle,
    file,
    close() {
      if (!closed && handle.sqlite.open) handle.sqlite.close();
      closed = true;
    },
    reopen() {
      t.close();
      return wrap(file);
    },
  };
  open.push(t);
  return t;
}

/** A fresh, migrated SQLite file in its own temp directory, removed after the test file. */
export function testDb(): TestDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-test-'));
  dirs.push(dir);
  return wrap(path.join(dir, 'suivi.db'));
}

export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

let seq = 0;

export type MakeUser = {
  role?: Role;
  teams?: number[];
  active?: boolean;
  email?: string;
  name?: string;
  locale?: Locale | null;
  passwordHash?: string | null;
};

/** Inserts a user directly (no service, no audit) and returns its id. */
export function makeUser(db: Db, o: MakeUser = {}): number {
  seq += 1;
  const user = db
    .insert(users)
    .values({
      email: o.email ?? `user${seq}@example.test`,
      name: o.name ?? `User ${seq}`,
      role: o.role ?? 'sales',
      active: o.active ?? true,
      locale: o.locale ?? null,
      passwordHash: o.passwordHash ?? null,
      createdAt: T0,
      updatedAt: T0,
    })
    .returning({ id: users.id })
    .get();
  if (o.teams?.length) db.insert(teamMembers).values(o.teams.map((teamId) => ({ teamId, userId: user.id }))).run();
  return user.id;
}

export function makeTeam(db: Db, name?: string): number {
  seq += 1;
  return db
    .insert(teams)
    .values({ name: name ?? `Team ${seq}`, createdAt: T0 })
    .returning({ id: teams.id })
    .get().id;
}

/** The viewer as a request would see it (role, active flag, team ids from the database). */
export function viewerOf(db: Db, userId: number): SessionUser {
  const v = loadViewer(db, userId);
  if (!v) throw new Error(`No user ${userId}`);
  return v;
}

/** Every row of every application table, to check that a refused operation changed nothing. */
export function tableContents(t: { sqlite: TestDb['sqlite'] }): Record<string, unknown[]> {
  const tables = ['users', 'teams', 'team_members', 'sessions', 'password_tokens', 'login_throttle', 'audit_log', 'org_settings'];
  return Object.fromEntries(tables.map((name) => [name, t.sqlite.prepare(`select * from ${name} order by rowid`).all()]));
}
