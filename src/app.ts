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
import { openStore, type Store } from './store/open-store.js';
import { watchOtherWriters } from './store/other-writers.js';

export interface App {
  deps: Deps;
  store: Store;
  close(): Promise<void>;
}

/** Builds everything the adapters share: store, content, registry. */
export async function createApp(config: Config, log: Logger): Promise<App> {
  const registry = new Registry(allCommands);
  const content = buildContent(loadCorpusPreferringSnapshot(resolve(config.contentDir)));
  const store = await openStore(config.database, log);
  const changes = new SessionChanges();
  const deps: Deps = {
    registry,
    content,
    store: store.ports,
    log,
    random: config.seed === undefined ? Math.random : seededRandom(config.seed),
    settings: config.settings,
    changes,
    platforms: platformProfiles,
  };
  let relay: { stop(): Promise<void> } | undefined;
  try {
    if (store.dialect === 'postgres') {
      const { relaySessionChanges } = await import('./store/pg/change-relay.js');
      relay = await relaySessionChanges(store.db, changes, log);
    } else {
      const watch = watchOtherWriters(store.db, changes, log);
      relay = { stop: async () => watch.stop() };
    }
    await refreshMatchingKeys(deps.store.stream, log, new Date());
    const kept = await deps.store.community.keepEarlierClosed();
    if (kept > 0) log.info({ kept }, 'kept the answers of earlier daily questions as community answers');
  } catch (error) {
    await relay?.stop();
    await store.close();
    throw error;
  }
  return {
    deps,
    store,
    close: async () => {
      await relay?.stop();
      await store.close();
    },
  };
}
