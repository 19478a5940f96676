import { formatCommandLine } from '../command-kit/command-line.js';
import { showInstant } from '../daily/time.js';
import { bold, code, lineBreak, lines, list, type RichPart, type RichText, rich } from '../rich-text.js';
import { plural, trimAtWord } from '../text.js';
import type { Action, FormAction, View, ViewField } from '../view.js';
import type { BoardState } from './board.js';
import { CATEGORY_MAX } from './classify.js';
import type { SessionStats, StreamSession, Submission } from './ports.js';
import { QUESTION_MAX, QUESTION_MIN } from './question-text.js';
import type { Resemblance } from './similar.js';
import { describeResemblance, resolveButton } from './similar-view.js';

export const QUEUE_PAGE_SIZE = 4;

const command = (path: string[], options: Record<string, string | number> = {}) => formatCommandLine(path, options);

/** A question as its number and its words, for a text node of rich text. */
export function quotedText(submission: Pick<Submission, 'id' | 'text'>, max = 120): string {
  return `#${submission.id} "${trimAtWord(submission.text, max)}"`;
}

export function askForm(): FormAction {
  return {
    type: 'form',
    id: '/ask',
    label: 'Submit a question',
    title: 'Submit an interview question',
    fields: [
      {
        name: 'question',
        label: 'Your question',
        style: 'paragraph',
        required: true,
        minLength: QUESTION_MIN,
        maxLength: QUESTION_MAX,
        placeholder: 'What is a watermark in stream processing?',
      },
      {
        name: 'category',
        label: 'Category',
        style: 'short',
        required: false,
        maxLength: CATEGORY_MAX,
        placeholder: 'e.g. Kafka',
      },
      { name: 'anonymous', label: 'Hide your name? (yes/no)', style: 'short', required: false, maxLength: 3, placeholder: 'no' },
    ],
  };
}

export function voteButton(submission: Pick<Submission, 'id' | 'votes'>): Action {
  return {
    type: 'button',
    id: command(['stream', 'vote'], { id: submission.id }),
    label: `▲ Upvote (${submission.votes})`,
    style: 'secondary',
  };
}

function credit(submission: Submission, forModerator: boolean): string {
  const name = submission.author ? submission.author.name : 'a former member';
  if (!submission.anonymous) return name;
  return forModerator ? `${name} (anonymous to others)` : 'anonymous';
}

function describeLine(submission: Submission, forModerator: boolean, resemblance?: Resemblance): RichText {
  const parts: RichPart[] = [plural(submission.votes, 'vote'), `by ${credit(submission, forModerator)}`];
  if (submission.category) parts.push(submission.category);
  else if (forModerator) parts.push('no category');
  if (submission.topic) parts.push(rich('topic ', code(submission.topic)));
  else if (forModerator) parts.push('no topic');
  if (submission.status !== 'pending') parts.push(submission.status);
  if (submission.answeredAt) parts.push('answered');
  const details = rich(...parts.flatMap((part, index) => (index === 0 ? [part] : [' · ', part])));
  const similar = resemblance ? [lineBreak, `  ${describeResemblance(resemblance)}`] : [];
  return rich(bold(`#${submission.id}`), ` ${submission.text}`, lineBreak, '  ', details, ...similar);
}

function moderationActions(submission: Submission, resemblance?: Resemblance): Action[] {
  const id = { id: submission.id };
  return [
    { type: 'button', id: command(['stream', 'approve'], id), label: `Approve #${submission.id}`, style: 'success' },
    editForm(submission),
    rejectForm(submission.id),
    resolveButton(submission.id, resemblance) ?? mergeForm(submission.id),
    { type: 'button', id: command(['stream', 'answered'], id), label: `Answered #${submission.id}`, style: 'primary' },
  ];
}

/** The edit form, filled with the question as it stands. */
export function editForm(submission: Pick<Submission, 'id' | 'text' | 'category' | 'topic'>): FormAction {
  return {
    type: 'form',
    id: command(['stream', 'edit'], { id: submission.id }),
    label: `Edit #${submission.id}`,
    title: `Edit question #${submission.id}`,
    fields: [
      {
        name: 'text',
        label: 'Question',
        style: 'paragraph',
        required: true,
        minLength: QUESTION_MIN,
        maxLength: QUESTION_MAX,
        value: submission.text,
      },
      {
        name: 'category',
        label: 'Category',
        style: 'short',
        required: false,
        maxLength: CATEGORY_MAX,
        ...(submission.category ? { value: submission.category } : {}),
      },
      {
        name: 'topic',
        label: 'Book topic (e.g. kafka)',
        style: 'short',
        required: false,
        maxLength: 100,
        ...(submission.topic ? { value: submission.topic } : {}),
      },
    ],
  };
}

export function rejectForm(id: number): FormAction {
  return {
    type: 'form',
    id: command(['stream', 'reject'], { id }),
    label: `Reject #${id}`,
    title: `Reject question #${id}`,
    fields: [
      { name: 'reason', label: 'Reason, sent privately to the viewer', style: 'paragraph', required: false, maxLength: 300 },
    ],
  };
}

export function mergeForm(id: number): FormAction {
  return {
    type: 'form',
    id: command(['stream', 'merge'], { id }),
    label: `Merge #${id}`,
    title: `Merge question #${id} into another`,
    fields: [{ name: 'into', label: 'Number of the question to keep', style: 'short', required: true, maxLength: 10 }],
  };
}

interface QueuePage {
  session: StreamSession;
  highlighted: Submission | undefined;
  items: Submission[];
  total: number;
  page: number;
  sort: 'votes' | 'new';
  /** Book or community questions the items resemble, by item id. */
  similar?: Map<number, Resemblance>;
}

export function queueView({ session, highlighted, items, total, page, sort, similar }: QueuePage): View {
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const parts: RichPart[] = [];
  if (highlighted) parts.push(rich(bold('On stream now:'), ' ', describeLine(highlighted, true)), '');
  if (items.length === 0) parts.push('No questions are waiting for review.');
  else parts.push(...items.map((item) => describeLine(item, true, similar?.get(item.id))));
  const actions: Action[] = items.flatMap((item) => moderationActions(item, similar?.get(item.id)));
  if (page > 1) {
    actions.push({ type: 'button', id: command(['stream', 'queue'], { sort, page: page - 1 }), label: 'Previous page' });
  }
  if (page < pages) {
    actions.push({ type: 'button', id: command(['stream', 'queue'], { sort, page: page + 1 }), label: 'Next page' });
  }
  return {
    title: `Review queue: ${session.title}`,
    text: lines(parts),
    actions,
    footer: `${plural(total, 'question')} waiting · sorted by ${sort === 'votes' ? 'votes' : 'newest'} · page ${page} of ${pages} · session #${session.id}${session.status === 'closed' ? ' (ended)' : ''}`,
    ephemeral: true,
  };
}

function statsLine(stats: SessionStats): string {
  return [
    plural(stats.submitted, 'question'),
    `${stats.approved} approved`,
    `${stats.pending} waiting`,
    `${stats.answered} answered`,
    `${stats.merged} merged`,
    `${stats.rejected} rejected`,
    plural(stats.votes, 'vote'),
  ].join(' · ');
}

/** The session privately, for anyone: what is on stream, the most wanted (listed, not answered), the answered. */
/** The session's state for moderators; times in the reader's clock (`zone` on the console). */
export function statusView({ session, stats, onStream, top, answered }: BoardState, zone: string): View {
  const fields: ViewField[] = [
    { name: 'Started', value: rich(showInstant(session.startedAt, zone)) },
    { name: 'So far', value: rich(statsLine(stats)) },
  ];
  if (onStream) fields.unshift({ name: 'On stream now', value: rich(quotedText(onStream, 200)) });
  const wanted = top.slice(0, 5);
  if (wanted.length > 0) {
    fields.push({
      name: 'Most wanted',
      value: rich(list(wanted.map((s) => `${quotedText(s, 150)} (${plural(s.votes, 'vote')})`))),
    });
  }
  const recent = answered.slice(-5);
  if (recent.length > 0) fields.push({ name: 'Answered', value: rich(list(recent.map((s) => quotedText(s, 150)))) });
  return {
    title: `${session.title}${session.status === 'open' ? ' (open)' : ' (ended)'}`,
    fields,
    ...(session.status === 'open' ? { actions: [askForm()] } : {}),
    footer: `Session #${session.id}`,
    ephemeral: true,
  };
}
