import { formatCommandLine } from '../command-kit/command-line.js';
import { firstParagraph, trimRich } from '../rich-text.js';
import type { Action, View } from '../view.js';

/** How much of the summary a first answer shows; with the title, section and credit it stays near 700 characters. */
const BRIEF_TEXT = 450;

/** The first part of a topic's answer, with a "Read more" button for the whole of it. */
export function topicBrief(full: View, topicId: string): View {
  const brief = trimRich(firstParagraph(full.text ?? []), BRIEF_TEXT);
  const fields = (full.fields ?? []).filter((field) => field.inline).slice(0, 1);
  const readMore: Action = {
    type: 'button',
    id: formatCommandLine(['topic'], { query: topicId, more: true }),
    label: 'Read more',
    style: 'primary',
  };
  const quiz = (full.actions ?? []).filter((action) => action.id.startsWith('/quiz')).slice(0, 1);
  return { ...full, text: brief, fields, actions: [readMore, ...quiz] };
}
