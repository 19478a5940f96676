import { UserError } from '../errors.js';
import { cleanLine } from '../text.js';

export const QUESTION_MIN = 10;
export const QUESTION_MAX = 300;

const PINGS =
  /@everyone|@here|<@[!&]?[\w-]+(?:\|[^>]*)?>|<!(?:channel|here|everyone)(?:\|[^>]*)?>|<!subteam\^[\w-]+(?:\|[^>]*)?>/i;
const LINKS = /\b(?:https?:\/\/|www\.)\S+/gi;

/**
 * Cleans a submitted question (normalised, control and zero-width characters removed, whitespace folded into one
 * line) and checks it; each refusal is one sentence the viewer can act on.
 */
export function checkQuestionText(raw: string): string {
  const text = cleanLine(raw);
  if (text === '') throw new UserError('question-empty', 'Your question is empty; write it in the "question" option.');
  if (PINGS.test(text)) {
    throw new UserError(
      'question-ping',
      'Questions cannot contain mentions such as @everyone, @here or a user or role mention; write names without them.',
    );
  }
  if (!/\p{L}{2}/u.test(text.replace(LINKS, ''))) {
    throw new UserError(
      'question-link-only',
      'A question needs words, not only a link or symbols; write out what you want to ask.',
    );
  }
  const length = [...text].length;
  if (length < QUESTION_MIN) {
    throw new UserError('question-short', `A question needs at least ${QUESTION_MIN} characters (yours has ${length}).`);
  }
  if (length > QUESTION_MAX) {
    throw new UserError('question-long', `A question can have at most ${QUESTION_MAX} characters (yours has ${length}).`);
  }
  return text;
}
