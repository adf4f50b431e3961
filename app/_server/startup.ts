import { databasePath, getDb, SqliteTooOldError } from '@/db/client';
import { hasAnyUser } from '@/lib/auth/service';
import { printDemoAccounts, seedDemo } from '@/lib/demo/seed';
import { rescoreIdleLeads } from '@/lib/leads/service';
import { ensureStarterData } from '@/lib/pipelines/starter';
import { getOrgSettings } from '@/lib/settings/queries';

/** Runs once when the server starts, before it serves: migrations, SQLite check, optional demo data. */
export async function startup(): Promise<void> {
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  try {
    const db = getDb();
    if (process.env.SUIVI_DEMO === '1' && !hasAnyUser(db)) {
      printDemoAccounts(await seedDemo(db, Date.now()));
    }
    // Installs from before opportunities existed get their starter pipeline here; new ones at first sign-up.
    if (hasAnyUser(db)) ensureStarterData(db, getOrgSettings(db).defaultLocale, Date.now());
    startIdleRescoring();
    console.log(`Suivi: database ${databasePath()} ready`);
  } catch (e) {
    if (e instanceof SqliteTooOldError) {
      console.error(`\nSuivi cannot start: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

const HOUR = 3_600_000;
const started = globalThis as typeof globalThis & { __suiviRescoring?: boolean };

/** Lead scores that depend on time ("no activity for N days") are brought up to date now and every hour. */
function startIdleRescoring(): void {
  if (started.__suiviRescoring) return;
  started.__suiviRescoring = true;
  const run = () => {
    try {
      const n = rescoreIdleLeads(getDb(), Date.now());
      if (n) console.log(`Suivi: ${n} idle lead score(s) updated`);
    } catch (e) {
      console.error('Suivi: rescoring idle leads failed', e);
    }
  };
  run();
  setInterval(run, HOUR).unref();
}
