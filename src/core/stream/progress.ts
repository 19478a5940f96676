import type { Deps } from '../deps.js';
import type { Invocation } from '../invocation.js';
import { bold, code, rich } from '../rich-text.js';
import { plural } from '../text.js';
import type { View } from '../view.js';
import { countDistinct } from './distinct-approved.js';

/** The Cookbook's goal: "Ultimately this should reach at least one thousand and one questions." */
const QUESTION_GOAL = 1001;

const BAR_WIDTH = 20;

export function progressBar(done: number, goal: number, width = BAR_WIDTH): string {
  const share = Math.min(1, Math.max(0, done / goal));
  const filled = Math.min(width, Math.round(share * width));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** Book questions plus this community's approved ones, each question counted once, against the goal of 1001. */
export async function questionProgress(invocation: Invocation, deps: Deps): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const book = deps.content.questions.length;
  const approved = (await deps.store.stream.approvedQuestions({ tenantId: seen.tenantId })).map((question) => question.text);
  const { distinct: community, repeats } = countDistinct(approved, deps.content);
  const total = book + community;
  const percent = ((100 * total) / QUESTION_GOAL).toFixed(1);
  return {
    title: 'Toward 1001 interview questions',
    text: rich(code(progressBar(total, QUESTION_GOAL)), ' ', bold(`${total} / ${QUESTION_GOAL}`), ` (${percent}%)`),
    fields: [
      { name: 'In the book', value: rich(String(book)), inline: true },
      { name: 'Approved from live streams', value: rich(String(community)), inline: true },
      { name: 'Still to find', value: rich(String(Math.max(0, QUESTION_GOAL - total))), inline: true },
      ...(repeats > 0
        ? [
            {
              name: 'Counted once',
              value: rich(
                `${plural(repeats, 'approved question')} ${repeats === 1 ? 'asks' : 'ask'} the same as the book or an earlier one and ${repeats === 1 ? 'is' : 'are'} not counted again.`,
              ),
            },
          ]
        : []),
    ],
    footer: 'Send yours during a live stream with /ask.',
    ephemeral: false,
  };
}
