import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from './migration-folders.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

/** Opens (creating if needed) the database at `path`, sets the durability pragmas and applies migrations. */
export function openDatabase(path: string): Db {
  let client: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    // Checked before SQLite opens it: SQLite would open a read-only file read-only and leave read-only -wal and
    // -shm files behind, which keep the database read-only after the file itself is fixed.
    if (path !== ':memory:' && existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK);
    client = new Database(path);
    applyPragmas(client);
    const db = drizzle(client, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return db;
  } catch (error) {
    client?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseOpenError(`Cannot open the database at ${path}: ${reason}`);
  }
}

function applyPragmas(client: Database.Database): void {
  client.pragma('journal_mode = WAL');
  // A WAL database opened again starts at NORMAL in this build: FULL must be set on every open.
  client.pragma('synchronous = FULL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  const synchronous = client.pragma('synchronous', { simple: true });
  if (synchronous !== 2) throw new Error(`synchronous is ${String(synchronous)}, expected FULL (2)`);
  client.prepare('SELECT count(*) FROM sqlite_master').get();
  // A read-only file opens without complaint and fails every later write: fail now instead, with the reason.
  client.pragma(`user_version = ${Number(client.pragma('user_version', { simple: true }))}`);
}

/** Runs `work` in an immediate write transaction (no read-to-write upgrade, so no SQLITE_BUSY mid-way). */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work).immediate();
}
