import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Pool } from 'pg';
import { PG_MIGRATIONS_FOLDER } from '../migration-folders.js';
import * as schema from './schema.js';

export type PgDb = NodePgDatabase<typeof schema> & { $client: Pool };

/** Any number, the same in every process: the advisory lock that lets one process at a time migrate. */
const MIGRATION_LOCK = 7_301_415;

export class PostgresOpenError extends Error {
  override readonly name = 'PostgresOpenError';
}

/**
 * Connects to the PostgreSQL database at `url` and applies the migrations of migrations-pg. Several processes may
 * start at once: a session advisory lock makes them migrate one after the other, and the later ones find nothing to
 * do. The driver is imported here, so a SQLite start never loads it.
 */
export async function openPostgres(
  url: string,
  options: { max?: number; onIdleClientError: (error: Error) => void },
): Promise<PgDb> {
  const [{ default: pg }, { drizzle }, { migrate }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that lost its connection reports it here (the pool replaces it on the next checkout). Once the
  // pool is ending, its clients are being closed anyway: the server ending one first is no news.
  pool.on('error', (error) => {
    if (!pool.ending) options.onIdleClientError(error);
  });
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrate(drizzle({ client, schema }), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    return drizzle({ client: pool, schema }) as PgDb;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PostgresOpenError(`Cannot open the PostgreSQL database at ${redactedUrl(url)}: ${messageOf(error)}`);
  }
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the given DATABASE_URL (not a valid URL)';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
