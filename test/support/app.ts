import { resolve } from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { type Logger, silentLogger } from '../../src/core/logger.js';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** The real app on a fresh in-memory database with the committed migrations and the real content. */
export async function createTestApp(env: Record<string, string> = {}, log: Logger = silentLogger): Promise<App> {
  const config = loadConfig({
    DATABASE_PATH: ':memory:',
    CONTENT_DIR: resolve(PROJECT_ROOT, 'content'),
    RANDOM_SEED: '42',
    ...env,
  });
  return await createApp(config, log);
}
