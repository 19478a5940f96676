import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/store/pg/open.js';
import { freshPostgresDatabase, withAdmin } from '../support/postgres.js';

const database = await freshPostgresDatabase();

afterAll(async () => {
  await database?.drop();
});

const TERMINATE_OTHERS =
  'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()';

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !condition(); tries += 1) await new Promise((done) => setTimeout(done, 20));
}

describe.skipIf(!database)('GIVEN a pool of PostgreSQL connections', () => {
  it('WHEN the server drops an idle connection while the bot runs THEN it is reported and the next query still works', async () => {
    if (!database) return;
    const errors: Error[] = [];
    const db = await openPostgres(database.url, { max: 2, onIdleClientError: (error) => errors.push(error) });
    try {
      await db.execute(sql`SELECT 1`);
      const terminated = await withAdmin(database.url, (admin) => admin.query(TERMINATE_OTHERS));
      expect(terminated.rowCount).toBeGreaterThan(0);
      await until(() => errors.length > 0);
      expect(errors[0]?.message).toMatch(/terminating connection/);
      const rows = await db.execute<{ answer: number }>(sql`SELECT 42 AS answer`);
      expect(rows.rows[0]?.answer).toBe(42);
    } finally {
      await db.$client.end();
    }
  });

  it('WHEN the pool is closing and the server ends its connections first THEN nothing is reported', async () => {
    if (!database) return;
    const errors: Error[] = [];
    for (let round = 0; round < 10; round += 1) {
      const db = await openPostgres(database.url, { max: 4, onIdleClientError: (error) => errors.push(error) });
      await Promise.all([1, 2, 3, 4].map(() => db.execute(sql`SELECT pg_sleep(0.01)`)));
      // The server's termination and the pool's own goodbye race, as when a test database is dropped at the end.
      await withAdmin(database.url, async (admin) => {
        const terminating = admin.query(TERMINATE_OTHERS);
        await Promise.all([terminating, db.$client.end()]);
      });
    }
    await new Promise((done) => setTimeout(done, 100));
    expect(errors).toEqual([]);
  });
});
