import type { Logger } from '../core/logger.js';
import type { SessionChanges } from '../core/stream/session-changes.js';
import type { Db } from './open.js';

const POLL_MS = 1_000;

/**
 * Live pages hear of changes another process wrote to the same SQLite file (`npm run cli` during a stream). SQLite's
 * data_version moves only when another connection commits; it is read once a second, only while a page follows a
 * session, and a move tells every page to read its session again.
 */
export function watchOtherWriters(db: Db, changes: SessionChanges, log: Logger, pollMs = POLL_MS): { stop(): void } {
  const onError = (error: unknown) => log.error({ err: error }, 'a live page could not hear of a change');
  const version = () => Number(db.$client.pragma('data_version', { simple: true }));
  let seen = version();
  const timer = setInterval(() => {
    if (changes.followers === 0) return;
    try {
      const now = version();
      if (now === seen) return;
      seen = now;
      changes.receiveAny(onError);
    } catch (error) {
      log.warn({ err: error }, 'could not check the database for changes made by another process');
    }
  }, pollMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
