import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL server the benchmarks may create databases on. */
export interface BenchPostgres {
  /** A database of its own, dropped by `drop`. */
  fresh(): Promise<{ url: string; drop(): Promise<void> }>;
}

const MACHINE_DEFAULT = 'postgres://root@127.0.0.1:5432/test';

/**
 * The server at BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the machine's own; or why none can be used, for
 * the report. Only a loopback server is used without BENCH_DATABASE_URL.
 */
export async function benchPostgres(): Promise<BenchPostgres | { skipped: string }> {
  const admin = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || MACHINE_DEFAULT;
  try {
    await withClient(admin, (client) => client.query('SELECT 1'));
  } catch (error) {
    return { skipped: `no PostgreSQL at ${new URL(admin).host}: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    async fresh() {
      const name = `cookbook_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
      await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        drop: async () => {
          await withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        },
      };
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
