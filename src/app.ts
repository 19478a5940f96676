import { resolve } from 'node:path';
import { platformProfiles } from './adapters/profiles.js';
import type { Config } from './config.js';
import { Registry } from './core/command-kit/registry.js';
import { allCommands } from './core/commands/all.js';
import { buildContent } from './core/content/content.js';
import { loadCorpusPreferringSnapshot } from './core/content/snapshot.js';
import type { Deps } from './core/deps.js';
import type { Logger } from './core/logger.js';
import { seededRandom } from './core/random.js';
import { refreshMatchingKeys } from './core/stream/refresh-keys.js';
import { SessionChanges } from './core/stream/session-changes.js';
import { type Db, openDatabase } from './store/open.js';
import { createPorts } from './store/ports.js';

export interface App {
  deps: Deps;
  db: Db;
  close(): void;
}

/** Builds everything the adapters share: store, content, registry. */
export async function createApp(config: Config, log: Logger): Promise<App> {
  const registry = new Registry(allCommands);
  const content = buildContent(loadCorpusPreferringSnapshot(resolve(config.contentDir)));
  const db = openDatabase(config.databasePath);
  const deps: Deps = {
    registry,
    content,
    store: createPorts(db),
    log,
    random: config.seed === undefined ? Math.random : seededRandom(config.seed),
    settings: config.settings,
    changes: new SessionChanges(),
    platforms: platformProfiles,
  };
  await refreshMatchingKeys(deps.store.stream, log, new Date());
  const kept = await deps.store.community.keepEarlierClosed();
  if (kept > 0) log.info({ kept }, 'kept the answers of earlier daily questions as community answers');
  return {
    deps,
    db,
    close: () => {
      if (db.$client.open) db.$client.close();
    },
  };
}
