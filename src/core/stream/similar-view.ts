import { formatCommandLine } from '../command-kit/command-line.js';
import { trimAtWord } from '../text.js';
import type { Action } from '../view.js';
import type { Resemblance } from './similar.js';

const quote = (text: string, max = 100) => `"${trimAtWord(text, max)}"`;

/** "similar to #12 "..."" or "same as the book's "..." (Kafka)", for a queue line or a warning: a text node. */
export function describeResemblance(resemblance: Resemblance): string {
  const how = resemblance.same ? 'same as' : 'similar to';
  return resemblance.kind === 'community'
    ? `${how} #${resemblance.submission.id} ${quote(resemblance.submission.text)} (${resemblance.submission.status})`
    : `${how} the book's ${quote(resemblance.question.text)} (${resemblance.question.category})`;
}

/**
 * One click for what a resemblance suggests: merge into the community question, or reject as the book's question
 * (its author is told which one).
 */
export function resolveButton(id: number, resemblance: Resemblance | undefined): Action | undefined {
  if (resemblance?.kind === 'book') {
    return {
      type: 'button',
      id: formatCommandLine(['stream', 'reject'], { id, book: resemblance.question.id }),
      label: `Reject #${id}: in the book`,
      style: 'danger',
    };
  }
  return mergeIntoButton(id, resemblance);
}

/** One click to merge a question into the community question it resembles. */
export function mergeIntoButton(id: number, resemblance: Resemblance | undefined): Action | undefined {
  if (resemblance?.kind !== 'community') return undefined;
  return {
    type: 'button',
    id: formatCommandLine(['stream', 'merge'], { id, into: resemblance.submission.id }),
    label: `Merge #${id} into #${resemblance.submission.id}`,
    style: 'secondary',
  };
}
