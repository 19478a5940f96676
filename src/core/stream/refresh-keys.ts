import type { Logger } from '../logger.js';
import type { StreamPort } from './ports.js';
import { matchingKey } from './similarity.js';

/**
 * Brings the stored matching keys of older questions up to the current way of reading questions, so they are
 * compared like new ones. Idempotent: run at start-up, it changes only keys that differ. Returns how many changed.
 */
export async function refreshMatchingKeys(
  stream: Pick<StreamPort, 'atomically' | 'listSubmissions' | 'updateSubmission'>,
  log: Logger,
  now: Date,
): Promise<number> {
  try {
    return await stream.atomically(async () => {
      let changed = 0;
      for (const submission of await stream.listSubmissions({})) {
        const key = matchingKey(submission.text);
        if (key === submission.normalized) continue;
        await stream.updateSubmission(submission.id, { normalized: key }, now);
        changed++;
      }
      if (changed > 0) log.info({ changed }, 'refreshed the matching keys of stored questions');
      return changed;
    });
  } catch (error) {
    log.warn({ err: error }, 'could not refresh the matching keys of stored questions; older ones match less well');
    return 0;
  }
}
