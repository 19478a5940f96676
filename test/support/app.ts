import { resolve } from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Logger, silentLogger } from '../../src/core/logger.js';
import type { Db } from '../../src/store/open.js';

/** The app on SQLite, with its database at hand for tests that look at the rows. */
export type SqliteApp = App & { db: Db };

/** `app` on SQLite with its database at hand; a test that needs SQLite fails here on any other dialect. */
export function onSqlite(app: App): SqliteApp {
  if (app.store.dialect !== 'sqlite') throw new Error(`this test needs SQLite, not ${app.store.dialect}`);
  return { ...app, db: app.store.db };
}

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** The real app on a fresh in-memory database with the committed migrations and the real content. */
export async function createTestApp(env: Record<string, string> = {}, log: Logger = silentLogger): Promise<SqliteApp> {
  const config = loadConfig({
    DATABASE_PATH: ':memory:',
    CONTENT_DIR: resolve(PROJECT_ROOT, 'content'),
    RANDOM_SEED: '42',
    ...env,
  });
  return onSqlite(await createApp(config, log));
}
