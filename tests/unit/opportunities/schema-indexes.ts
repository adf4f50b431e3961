import type Database from 'better-sqlite3';
import { getTableConfig, SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * Gives `table` in a test database the indexes its schema declares (created, or re-created when their columns
 * differ), so plan tests see the indexes the queries are written for even before the migration that makes them is
 * generated. Once it is, this changes nothing.
 */
export function schemaIndexes(sqlite: Database.Database, table: SQLiteTable): void {
  const { name: tableName, indexes } = getTableConfig(table);
  for (const { config } of indexes) {
    if (config.where) throw new Error(`${config.name}: partial indexes are not handled here`);
    const columns = config.columns.map((c) => {
      if (!(c instanceof SQLiteColumn)) throw new Error(`${config.name}: expression indexes are not handled here`);
      return c.name;
    });
    const existing = (sqlite.prepare('select name from pragma_index_info(?) order by seqno').all(config.name) as { name: string }[]).map((r) => r.name);
    if (existing.join(',') === columns.join(',')) continue;
    if (existing.length) sqlite.exec(`drop index "${config.name}"`);
    sqlite.exec(`create ${config.unique ? 'unique ' : ''}index "${config.name}" on "${tableName}" (${columns.map((c) => `"${c}"`).join(', ')})`);
  }
}
