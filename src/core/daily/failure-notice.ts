import type { Deps } from '../deps.js';
import { command, rich } from '../rich-text.js';
import { plural } from '../text.js';
import { type Message, reply } from '../view.js';
import { explainFailure } from './delivery-failure.js';

/**
 * Tells a moderator, once per failure, that scheduled posts of this tenant were refused by the platform; undefined
 * when there is nothing new to tell.
 */
export async function deliveryFailureNotice(tenantId: number, now: Date, deps: Deps): Promise<Message | undefined> {
  try {
    return await notice(tenantId, now, deps);
  } catch (error) {
    // The command itself succeeded; its reply must not turn into an apology because the notice could not be read.
    deps.log.error({ err: error, tenantId }, 'reading delivery failures for the notice failed');
    return undefined;
  }
}

async function notice(tenantId: number, now: Date, deps: Deps): Promise<Message | undefined> {
  const failures = await deps.store.daily.posts.unnoticedFailures(tenantId);
  if (failures.length === 0) return undefined;
  await deps.store.daily.posts.markFailureNoticed(
    failures.map((post) => post.id),
    now,
  );
  const first = explainFailure(failures[0]?.failureCode ?? 'unknown');
  const text = rich(
    `Notice: the platform refused ${plural(failures.length, 'scheduled daily question')}: ${first.problem}. Fix: `,
    first.fix,
    '. ',
    command('daily status'),
    ' in that channel shows the details.',
  );
  return { kind: 'reply', view: reply({ text, tone: 'warning', ephemeral: true }) };
}
