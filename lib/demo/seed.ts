import { writeTx, type Db } from '@/db/client';
import { orgSettings, teamMembers, teams, users, type Locale, type Role } from '@/db/schema';
import { audit } from '@/lib/audit';
import { hasAnyUser } from '@/lib/auth/service';
import { hashPassword } from '@/lib/auth/password';
import { seedDemoCustomers } from './customers';
import { seedDemoLeads } from './leads';
import { seedDemoOpportunities } from './opportunities';

export const DEMO_PASSWORD = 'suivi-demo-2026';

export type DemoAccount = { name: string; email: string; role: Role; teams: string[] };

const TEAMS = ['Grands comptes', 'PME Sud-Est', 'Export'];

const PEOPLE: { name: string; email: string; role: Role; locale: Locale | null; teams: string[] }[] = [
  { name: 'Claire Martin', email: 'claire.martin@demo.suivi.app', role: 'admin', locale: 'fr', teams: [] },
  { name: 'Julien Moreau', email: 'julien.moreau@demo.suivi.app', role: 'manager', locale: 'fr', teams: ['Grands comptes'] },
  { name: 'Sophie Lambert', email: 'sophie.lambert@demo.suivi.app', role: 'sales', locale: 'fr', teams: ['Grands comptes'] },
  { name: 'Karim Benali', email: 'karim.benali@demo.suivi.app', role: 'sales', locale: null, teams: ['Grands comptes', 'Export'] },
  { name: 'Émilie Rousseau', email: 'emilie.rousseau@demo.suivi.app', role: 'manager', locale: 'fr', teams: ['PME Sud-Est'] },
  { name: 'Thomas Girard', email: 'thomas.girard@demo.suivi.app', role: 'sales', locale: 'fr', teams: ['PME Sud-Est'] },
  { name: 'Laura Chen', email: 'laura.chen@demo.suivi.app', role: 'sales', locale: 'en', teams: ['Export'] },
  { name: 'David Smith', email: 'david.smith@demo.suivi.app', role: 'manager', locale: 'en', teams: ['Export'] },
  { name: 'Nathalie Petit', email: 'nathalie.petit@demo.suivi.app', role: 'read_only', locale: 'fr', teams: ['Grands comptes', 'PME Sud-Est'] },
];

/**
 * Fills an empty database with a demo organisation. Refuses a database that already has users,
 * so it can never overwrite a real one. Later areas add their records here.
 */
export async function seedDemo(db: Db, now: number): Promise<DemoAccount[]> {
  if (hasAnyUser(db)) throw new Error('The database already has users: the demo only fills an empty database.');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = writeTx(db, (tx) => {
    tx.insert(orgSettings)
      .values({ id: 1, name: 'Atelier Lumière (démo)', defaultLocale: 'fr', timeZone: 'Europe/Paris', currency: 'EUR', updatedAt: now })
      .onConflictDoNothing()
      .run();
    const teamIds = new Map<string, number>();
    for (const name of TEAMS) {
      teamIds.set(name, tx.insert(teams).values({ name, createdAt: now }).returning({ id: teams.id }).get().id);
    }
    for (const p of PEOPLE) {
      const { id } = tx
        .insert(users)
        .values({ name: p.name, email: p.email, role: p.role, locale: p.locale, passwordHash, createdAt: now, updatedAt: now })
        .returning({ id: users.id })
        .get();
      for (const t of p.teams) tx.insert(teamMembers).values({ teamId: teamIds.get(t)!, userId: id }).run();
      audit(tx, now, { actorId: null, action: 'demo.user_created', entityType: 'user', entityId: id });
    }
    return PEOPLE.map(({ name, email, role, teams }) => ({ name, email, role, teams }));
  });
  seedDemoCustomers(db, now);
  seedDemoOpportunities(db, now);
  seedDemoLeads(db, now);
  return accounts;
}

export function printDemoAccounts(accounts: DemoAccount[]): void {
  console.log('\nSuivi demo organisation ready. Sign in with any of these accounts:');
  console.log(`  password for all: ${DEMO_PASSWORD}\n`);
  for (const a of accounts) {
    console.log(`  ${a.role.padEnd(9)} ${a.email.padEnd(34)} ${a.name}${a.teams.length ? ` (${a.teams.join(', ')})` : ''}`);
  }
  console.log('');
}
