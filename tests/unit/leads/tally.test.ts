import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { makeTeam, makeUser, testDb } from '../../helpers/db';
import { leadWorld, makeLead } from '../../helpers/leads';

type Row = { status_id: number; owner_key: number; team_key: number; n: number };

/** What lead_status_tally must hold: the open leads counted afresh. */
function recount(h: ReturnType<typeof testDb>): Row[] {
  return h.sqlite
    .prepare('select status_id, coalesce(owner_id, 0) as owner_key, coalesce(team_id, 0) as team_key, count(*) as n from leads where closed_at is null group by 1, 2, 3 order by 1, 2, 3')
    .all() as Row[];
}
function tally(h: ReturnType<typeof testDb>): Row[] {
  return h.sqlite.prepare('select status_id, owner_key, team_key, n from lead_status_tally where n <> 0 order by 1, 2, 3').all() as Row[];
}

describe('lead_status_tally (board counts kept by triggers)', () => {
  test('follows every kind of change to leads: create, move, reassign, queue, close, reopen, delete', () => {
    const h = testDb();
    const w = leadWorld(h.db);
    const teamA = makeTeam(h.db, 'A');
    const teamB = makeTeam(h.db, 'B');
    const users = [makeUser(h.db, { role: 'admin' }), makeUser(h.db, { teams: [teamA] }), makeUser(h.db, { teams: [teamB] })];
    const ids = [
      ...users.map((u, i) => makeLead(h.db, u, {}, 1000 + i)),
      makeLead(h.db, users[0], { teamId: String(teamA) }, 2001),
      makeLead(h.db, users[0], { teamId: String(teamB), ownerId: '' }, 2002),
      makeLead(h.db, users[1], { teamId: String(teamA) }, 2003),
    ];
    expect(tally(h)).toEqual(recount(h));

    // A fixed pseudo-random walk over the columns the triggers watch (and one they don't).
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const statuses = [w.toHandle, w.marketing, w.sales, w.nurturing, w.converted, w.lost];
    const owners = [null, ...users];
    const teams = [null, teamA, teamB];
    for (let step = 0; step < 400; step++) {
      const id = ids[rnd(ids.length)];
      switch (rnd(7)) {
        case 0:
          h.db.run(sql`update leads set status_id = ${statuses[rnd(4)]} where id = ${id}`);
          break;
        case 1:
          h.db.run(sql`update leads set owner_id = ${owners[rnd(owners.length)]} where id = ${id}`);
          break;
        case 2:
          h.db.run(sql`update leads set team_id = ${teams[rnd(teams.length)]}, owner_id = ${owners[rnd(owners.length)]} where id = ${id}`);
          break;
        case 3:
          h.db.run(sql`update leads set status_id = ${statuses[4 + rnd(2)]}, closed_at = ${1000 + step} where id = ${id}`);
          break;
        case 4:
          h.db.run(sql`update leads set status_id = ${statuses[rnd(4)]}, closed_at = null where id = ${id}`);
          break;
        case 5:
          h.db.run(sql`update leads set last_name = ${`Renamed ${step}`}, position = ${step} where id = ${id}`);
          break;
        case 6: {
          h.db.run(sql`delete from leads where id = ${id}`);
          ids.splice(ids.indexOf(id), 1, makeLead(h.db, users[rnd(users.length)], {}, 3000 + step));
          break;
        }
      }
      expect(tally(h), `after step ${step}`).toEqual(recount(h));
    }
  });

  test('migration 0007 fills the tally of a database that already had leads', () => {
    const h = testDb();
    leadWorld(h.db);
    const u = makeUser(h.db, { role: 'admin' });
    for (let i = 0; i < 5; i++) makeLead(h.db, u, {}, 100 + i);
    h.sqlite.exec('delete from lead_status_tally');
    const migration = fs.readFileSync(path.join('db', 'migrations', '0007_lead_status_tally_triggers.sql'), 'utf8');
    h.sqlite.exec(migration.split('--> statement-breakpoint')[0]);
    expect(tally(h)).toEqual(recount(h));
    expect(tally(h).reduce((n, r) => n + r.n, 0)).toBe(5);
  });
});
