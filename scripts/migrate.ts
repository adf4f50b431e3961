// `npm run db:migrate`: applies pending migrations to DATABASE_PATH (the server also does this at start).
import { databasePath, openDatabase } from '@/db/client';

const { sqlite } = openDatabase(databasePath());
console.log(`Migrations applied to ${databasePath()}.`);
sqlite.close();
