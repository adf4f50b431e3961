import { getSqlite } from '@/db/client';
import pkg from '@/package.json';

export const dynamic = 'force-dynamic';

export function GET() {
  try {
    const sqlite = getSqlite();
    const row = sqlite.prepare('select sqlite_version() as version, (select count(*) from __drizzle_migrations) as migrations').get() as {
      version: string;
      migrations: number;
    };
    return Response.json({ status: 'ok', version: pkg.version, database: { status: 'ok', sqlite: row.version, migrations: row.migrations } });
  } catch (e) {
    console.error(JSON.stringify({ level: 'error', at: new Date().toISOString(), where: 'health', message: (e as Error).message }));
    return Response.json({ status: 'error', version: pkg.version, database: { status: 'error' } }, { status: 503 });
  }
}
