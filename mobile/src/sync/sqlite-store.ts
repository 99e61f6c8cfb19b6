import { openDatabaseAsync, type SQLiteDatabase } from 'expo-sqlite';

import type { Store } from './store';

/** The device's store: one SQLite table of keys and JSON values. */
export class SqliteStore implements Store {
  private constructor(private readonly db: SQLiteDatabase) {}

  static async open(name = 'opsflux-sync.db'): Promise<SqliteStore> {
    const db = await openDatabaseAsync(name);
    await db.execAsync(
      'PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);',
    );
    return new SqliteStore(db);
  }

  async get(key: string) {
    const row = await this.db.getFirstAsync<{ value: string }>(
      'SELECT value FROM kv WHERE key = ?',
      key,
    );
    return row?.value ?? null;
  }

  async set(key: string, value: string) {
    await this.db.runAsync(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  async remove(key: string) {
    await this.db.runAsync('DELETE FROM kv WHERE key = ?', key);
  }

  async entries(prefix: string) {
    // Keys are ASCII: every key with the prefix sorts between it and prefix + U+FFFF.
    const rows = await this.db.getAllAsync<{ key: string; value: string }>(
      'SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key',
      prefix,
      `${prefix}\uffff`,
    );
    return rows.map((row): [string, string] => [row.key, row.value]);
  }
}
