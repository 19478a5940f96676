import { formatCommandLine } from '../command-kit/command-line.js';
import { bold, quote, type RichNode, rich } from '../rich-text.js';
import { trimAtWord } from '../text.js';
import type { Action, FormAction, PostMessage, ThreadMessage, View } from '../view.js';
import type { AnswerRecord, PostRecord } from './ports.js';
import type { DailyQuestion } from './questions.js';
import { formatLocalDate, showInstant, showRelative } from './time.js';

/** The longest answer we accept (the limit of a Discord message). */
export const ANSWER_MAX_LENGTH = 2000;

const THREAD_NAME_LIMIT = 100;

export function answerAction(postId: number): FormAction {
  return answerFormOn(formatCommandLine(['answer'], { post: postId }));
}

/** The answer form submitting to the command line `id`. */
export function answerFormOn(id: string, label = 'Answer'): FormAction {
  return {
    type: 'form',
    id,
    label,
    title: 'Your answer',
    fields: [
      {
        name: 'text',
        label: 'Your answer',
        style: 'paragraph',
        required: true,
        minLength: 1,
        maxLength: ANSWER_MAX_LENGTH,
        placeholder: 'Answer as you would in an interview.',
      },
    ],
  };
}

export function hintAction(postId: number, number = 1): Action {
  const options = number === 1 ? { post: postId } : { post: postId, number };
  return {
    type: 'button',
    id: formatCommandLine(['daily', 'hint'], options),
    label: number === 1 ? 'Hint' : 'Another hint',
    style: 'secondary',
  };
}

/** User text as a quote of rich text, shortened at a word. */
export function quoteOf(text: string, max = 300): RichNode {
  return quote(trimAtWord(text, max));
}

export function topicLine(question: DailyQuestion): string | undefined {
  if (question.topics.length === 0) return undefined;
  return question.topics.map((topic) => `${topic.title} (§${topic.sections[0] ?? ''})`).join(', ');
}

/** The question as posted: led by what it is about when it leans on the one before it. */
export function withContext(question: DailyQuestion): string {
  return question.context ? `About ${question.context}: ${question.text}` : question.text;
}

/** The daily post: the question, where it comes from, a hint button and the answer form. */
export function dailyPostMessage(post: PostRecord, question: DailyQuestion, timezone: string, closesAt: Date): PostMessage {
  const fields: View['fields'] = [];
  if (question.category) fields.push({ name: 'Category', value: rich(question.category), inline: true });
  const topics = topicLine(question);
  if (topics) fields.push({ name: 'Topic', value: rich(topics), inline: true });
  if (question.community) {
    const who = question.community.askedBy ?? 'a member';
    fields.push({ name: 'Asked by', value: rich(`${who} (community question)`), inline: true });
  }
  fields.push({
    name: 'Open until',
    value: rich(showInstant(closesAt, timezone), ' (', showRelative(closesAt, post.slotAt), ')'),
  });
  const actions: Action[] = [answerAction(post.id)];
  if (question.hints.length > 0) actions.unshift(hintAction(post.id));
  return {
    kind: 'post',
    channel: post.channel,
    view: {
      title: `Daily question · ${formatLocalDate(post.localDate)}`,
      text: rich(bold(withContext(question))),
      fields,
      actions,
      footer: 'One answer per person: a later answer replaces yours while the question is open. +1 point for answering.',
      tone: 'info',
      ephemeral: false,
    },
    track: { entity: 'daily_post', id: post.id },
    thread: { name: trimAtWord(`${post.localDate}: ${withContext(question)}`, THREAD_NAME_LIMIT) },
    nonce: `daily-${post.id}`,
  };
}

/** An answer as it appears in the post's thread, with the buttons to upvote it or mark it best. */
export function answerThreadMessage(post: PostRecord, answer: AnswerRecord, replaced: boolean): ThreadMessage {
  return {
    kind: 'thread',
    channel: post.channel,
    parent: { entity: 'daily_post', id: post.id },
    view: {
      text: rich(
        bold(answer.authorName),
        ` ${replaced ? 'changed their answer' : 'answered'}:`,
        quoteOf(answer.text, ANSWER_MAX_LENGTH),
      ),
      actions: [
        { type: 'button', id: formatCommandLine(['daily', 'vote'], { answer: answer.id }), label: 'Upvote', style: 'success' },
        {
          type: 'button',
          id: formatCommandLine(['daily', 'best'], { answer: answer.id }),
          label: 'Mark best',
          style: 'secondary',
        },
      ],
      ephemeral: false,
    },
  };
}
