import pg from 'pg';

const MACHINE_DEFAULT = 'postgres://root@127.0.0.1:5432/test';

/**
 * Vitest global setup: finds the PostgreSQL for the PostgreSQL half of the suite once. TEST_DATABASE_URL names it
 * (CI sets it); otherwise the machine's own server is used when one answers on 127.0.0.1:5432. When none can be
 * reached, one line says so and the test files run their SQLite half only.
 */
export default async function setup(): Promise<void> {
  const named = process.env.TEST_DATABASE_URL;
  const url = named || MACHINE_DEFAULT;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env.TEST_DATABASE_URL = url;
  } catch (error) {
    if (named) throw new Error(`TEST_DATABASE_URL names a PostgreSQL that cannot be reached: ${(error as Error).message}`);
    // CI runs both halves: a PostgreSQL that did not start fails the run instead of skipping half of it.
    if (process.env.CI) throw new Error(`CI needs a PostgreSQL for the PostgreSQL half, and none answers at 127.0.0.1:5432.`);
    process.env.TEST_DATABASE_URL = '';
    console.info(`PostgreSQL half skipped: no PostgreSQL at 127.0.0.1:5432 and TEST_DATABASE_URL is not set.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
