// `npm run db:backup -- <file>`: a consistent copy of the live database (SQLite online backup API),
// safe while Suivi is running. Restore by stopping Suivi and copying the file back to DATABASE_PATH.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const source = process.env.DATABASE_PATH || path.join(process.cwd(), 'data', 'suivi.db');
const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run db:backup -- <backup-file>');
  process.exit(2);
}
if (!fs.existsSync(source)) {
  console.error(`No database at ${source} (set DATABASE_PATH).`);
  process.exit(1);
}
if (fs.existsSync(target)) {
  console.error(`${target} already exists: choose a new file name.`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
try {
  await db.backup(target);
  const check = new Database(target, { readonly: true });
  const ok = check.pragma('integrity_check', { simple: true });
  check.close();
  if (ok !== 'ok') throw new Error(`integrity check of the copy failed: ${ok}`);
  console.log(`Backed up ${source} to ${target} (${(fs.statSync(target).size / 1024).toFixed(0)} KB).`);
} catch (e) {
  console.error(`Backup failed: ${e.message}`);
  fs.rmSync(target, { force: true });
  process.exit(1);
} finally {
  db.close();
}
