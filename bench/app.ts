import { resolve } from 'node:path';
import { type App, createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Logger, silentLogger } from '../src/core/logger.js';
import type { Db } from '../src/store/open.js';

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

/** The SQLite database under `app`, for a bench that reads its rows; any other dialect is a mistake here. */
export function sqliteOf(app: App): Db {
  if (app.store.dialect !== 'sqlite') throw new Error(`this bench reads SQLite rows, not ${app.store.dialect}`);
  return app.store.db;
}
