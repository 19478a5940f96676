import type { Deps } from '../deps.js';
import { bold, paragraphs, rich } from '../rich-text.js';
import type { Routed } from '../routed.js';
import { failureCode } from './delivery-failure.js';
import { answerAction, withContext } from './post-view.js';
import { resolveQuestion } from './questions.js';
import { showInstant, showRelative } from './time.js';

/** Reminders go out this long before a question closes. */
const REMIND_BEFORE_MINUTES = 120;

/** The refusal of a direct message to someone who does not accept them (Discord 50007). */
const DIRECT_MESSAGES_CLOSED = '50007';

/**
 * Sends one direct message per opted-in member who has not answered a question that closes within two hours.
 * Each reminder is recorded before it is handed over, so a member is reminded of a question at most once.
 */
export async function sendReminders(now: Date, deps: Deps): Promise<Routed[]> {
  const { posts, reminders, schedules } = deps.store.daily;
  const routed: Routed[] = [];
  for (const post of await posts.closingSoon(now, REMIND_BEFORE_MINUTES)) {
    const pending = await reminders.pending(post.id);
    if (pending.length === 0 || !post.closesAt) continue;
    const question = post.questionId ? await resolveQuestion(post.questionId, post.tenantId, deps.content, posts) : undefined;
    if (!question) continue;
    const zone = (await schedules.ofChannel(post.channelId))?.timezone ?? 'UTC';
    for (const member of pending) {
      if (!(await reminders.markSent(post.id, member.userId, now))) continue;
      routed.push({
        platform: post.platform,
        tenant: post.tenant,
        message: {
          kind: 'dm',
          user: member.user,
          view: {
            title: 'The daily question closes soon',
            text: paragraphs([
              bold(withContext(question)),
              rich(
                'You have not answered yet; it closes ',
                showRelative(post.closesAt, now),
                ' (',
                showInstant(post.closesAt, zone),
                ').',
              ),
            ]),
            actions: [answerAction(post.id)],
            footer: 'Stop these reminders with /daily remind off in the channel.',
            ephemeral: false,
          },
        },
        failed: async (error) => {
          // A member who closed their direct messages would be refused every day: their reminders stop instead.
          if (failureCode(error) !== DIRECT_MESSAGES_CLOSED) return;
          await reminders.set(member.userId, post.channelId, false, now);
          deps.log.warn(
            { postId: post.id, userId: member.userId },
            'reminders turned off: the member does not accept direct messages',
          );
        },
      });
    }
  }
  return routed;
}
