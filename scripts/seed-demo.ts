// `npm run seed:demo`: fills an EMPTY database (DATABASE_PATH) with a demo organisation and prints the accounts.
import { databasePath, openDatabase } from '@/db/client';
import { printDemoAccounts, seedDemo } from '@/lib/demo/seed';

async function main() {
  const { db, sqlite } = openDatabase(databasePath());
  try {
    printDemoAccounts(await seedDemo(db, Date.now()));
    console.log(`Database: ${databasePath()}. Start Suivi with npm start and sign in.`);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 1;
  } finally {
    sqlite.close();
  }
}

void main();
