import { resolve } from 'node:path';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Logger, silentLogger } from '../src/core/logger.js';

export const ROOT = resolve(import.meta.dirname, '..');

/** The real app (store, content, registry) on `databasePath`, with a fixed seed and no log output. */
export async function createBenchApp(
  databasePath: string,
  env: Record<string, string> = {},
  log: Logger = silentLogger,
): Promise<App> {
  const config = loadConfig({
    DATABASE_PATH: databasePath,
    CONTENT_DIR: resolve(ROOT, 'content'),
    RANDOM_SEED: '42',
    ...env,
  });
  return await createApp(config, log);
}

/** Rows of a read-only query, on whichever database `app` runs. */
export async function rowsOf<T>(app: App, sql: string): Promise<T[]> {
  if (app.store.dialect === 'postgres') return (await app.store.db.$client.query(sql)).rows as T[];
  return app.store.db.$client.prepare(sql).all() as T[];
}
