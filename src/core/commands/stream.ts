import { checkedChannelOption } from '../command-kit/channel-option.js';
import {
  type Choice,
  defineCommand,
  defineSubcommand,
  type FormPlace,
  type IntegerOption,
  type StringOption,
} from '../command-kit/define.js';
import { type Deps, profileOf } from '../deps.js';
import { UserError } from '../errors.js';
import { command, rich } from '../rich-text.js';
import { bookRejectionReason } from '../stream/book-refusal.js';
import { ADDED_CATEGORIES } from '../stream/categories.js';
import { CATEGORY_MAX } from '../stream/classify.js';
import { EXPORT_FILE, EXPORT_FORMATS, exportApproved } from '../stream/export.js';
import { issueLinks, revokeLinks } from '../stream/links.js';
import { findSubmission, resolveSession } from '../stream/lookup.js';
import { approve, edit, highlight, markAnswered, merge, REASON_MAX, reject } from '../stream/moderation.js';
import type { Submission } from '../stream/ports.js';
import { MODERATION_MODES } from '../stream/ports.js';
import { QUESTION_MAX } from '../stream/question-text.js';
import { endSession, listQuestions, reviewQueue, sessionStatus, startSession, TITLE_MAX } from '../stream/sessions.js';
import { editForm, mergeForm, rejectForm } from '../stream/views.js';
import { voteFor, withdrawVote } from '../stream/vote.js';
import { plural } from '../text.js';
import { reply } from '../view.js';

const idOption = {
  name: 'id',
  type: 'integer',
  description: 'Number of the question, e.g. 4',
  required: true,
  min: 1,
} as const satisfies IntegerOption;
const sessionOption = {
  name: 'session',
  type: 'integer',
  description: 'Session number',
  min: 1,
} as const satisfies IntegerOption;

export const categoryOption = {
  name: 'category',
  type: 'string',
  description: 'Category, e.g. Kafka (a book category or a new one)',
  maxLength: CATEGORY_MAX,
  autocomplete: (partial, deps) => {
    const needle = partial.trim().toLowerCase();
    return [...deps.content.categories.map((category) => category.name), ...ADDED_CATEGORIES]
      .filter((name) => name.toLowerCase().includes(needle))
      .sort((a, b) => Number(!a.toLowerCase().startsWith(needle)) - Number(!b.toLowerCase().startsWith(needle)))
      .slice(0, 25)
      .map((name): Choice => ({ name, value: name }));
  },
} as const satisfies StringOption;

function bookTopicChoices(partial: string, deps: Deps): Choice[] {
  return deps.content.index.search(partial, 25).map((hit) => ({ name: hit.topic.title.slice(0, 100), value: hit.topic.id }));
}

/** The question a form is about: a form's line fills only some options, and these forms need the number. */
function formQuestion(options: { id?: number }): number {
  if (options.id === undefined) throw new UserError('missing-option', 'The form needs the number of the question.');
  return options.id;
}

/** The question as it stands, for a form opened where it was asked (any tenant's number means nothing here). */
async function submissionAt(where: FormPlace, submissionId: number, deps: Deps): Promise<Submission> {
  const place = await deps.store.directory.findChannel(where.platform, where.tenant, where.channel);
  if (!place) {
    throw new UserError(
      'submission-unknown',
      rich(`There is no question #${submissionId} here; `, command('stream queue'), ' lists them.'),
    );
  }
  return await findSubmission(deps, place.tenantId, submissionId);
}

const subcommands = [
  defineSubcommand({
    name: 'start',
    description: 'Open a question session in this channel (or the one named) and pin a call for questions',
    permission: 'moderator',
    options: [
      { name: 'title', type: 'string', description: 'Title, e.g. "Live #97"', required: true, maxLength: TITLE_MAX },
      { name: 'channel', type: 'string', description: 'Channel to open it in (default: this one)', maxLength: 80 },
      {
        name: 'moderation',
        type: 'string',
        description: 'pre: list questions once approved (default); post: list at once, remove on reject',
        choices: MODERATION_MODES.map((mode) => ({ name: mode, value: mode })),
      },
    ],
    run: async (invocation, deps) =>
      await startSession(
        invocation,
        deps,
        invocation.options.title,
        await checkedChannelOption(invocation, profileOf(deps, invocation), invocation.options.channel),
        invocation.options.moderation,
      ),
  }),
  defineSubcommand({
    name: 'end',
    description: "Close this channel's session and post a summary with the approved questions",
    permission: 'moderator',
    run: async (invocation, deps) => await endSession(invocation, deps),
  }),
  defineSubcommand({
    name: 'status',
    description: 'Show the session of this channel: the question on stream, the most wanted, the answered',
    options: [sessionOption],
    run: async (invocation, deps) => await sessionStatus(invocation, deps, invocation.options.session),
  }),
  defineSubcommand({
    name: 'list',
    description: 'Show every listed question of the session, most votes first (only you see it)',
    options: [{ name: 'page', type: 'integer', description: 'Page number', min: 1 }, sessionOption],
    run: async (invocation, deps) =>
      await listQuestions(invocation, deps, { page: invocation.options.page ?? 1, sessionId: invocation.options.session }),
  }),
  defineSubcommand({
    name: 'queue',
    description: 'Review waiting questions: approve, edit, reject, merge or mark answered',
    permission: 'moderator',
    options: [
      {
        name: 'sort',
        type: 'string',
        description: 'Order: most votes first, or newest first',
        choices: [
          { name: 'votes', value: 'votes' },
          { name: 'new', value: 'new' },
        ],
      },
      { name: 'page', type: 'integer', description: 'Page number', min: 1 },
      sessionOption,
    ],
    run: async (invocation, deps) =>
      await reviewQueue(invocation, deps, {
        sort: invocation.options.sort ?? 'votes',
        page: invocation.options.page ?? 1,
        sessionId: invocation.options.session,
      }),
  }),
  defineSubcommand({
    name: 'approve',
    description: "Approve a question: it joins the community's interview questions",
    permission: 'moderator',
    options: [
      idOption,
      { name: 'anyway', type: 'boolean', description: 'Approve even when it resembles a book or approved question' },
    ],
    run: async (invocation, deps) => await approve(invocation, deps, invocation.options.id, invocation.options.anyway === true),
  }),
  defineSubcommand({
    name: 'reject',
    description: 'Reject a question, with an optional reason sent privately to its author',
    permission: 'moderator',
    options: [
      idOption,
      { name: 'reason', type: 'string', description: 'Why (sent privately)', maxLength: REASON_MAX },
      { name: 'book', type: 'string', description: 'Id of the book question it repeats (the reason names it)', maxLength: 80 },
    ],
    form: (options) => rejectForm(formQuestion(options)),
    run: async (invocation, deps) => {
      const { book, reason } = invocation.options;
      return await reject(
        invocation,
        deps,
        invocation.options.id,
        reason ?? (book ? bookRejectionReason(book, deps.content) : undefined),
      );
    },
  }),
  defineSubcommand({
    name: 'edit',
    description: "Change a question's text, category or topic",
    permission: 'moderator',
    options: [
      idOption,
      { name: 'text', type: 'string', description: 'New text of the question', maxLength: QUESTION_MAX },
      categoryOption,
      {
        name: 'topic',
        type: 'string',
        description: 'Book topic, e.g. kafka',
        maxLength: 100,
        autocomplete: bookTopicChoices,
      },
    ],
    form: async (options, where, deps) => editForm(await submissionAt(where, formQuestion(options), deps)),
    run: async (invocation, deps) => {
      const { id, ...changes } = invocation.options;
      return await edit(invocation, deps, id, changes);
    },
  }),
  defineSubcommand({
    name: 'merge',
    description: 'Merge a question into another; its votes go along',
    permission: 'moderator',
    options: [idOption, { name: 'into', type: 'integer', description: 'Number of the question to keep', required: true, min: 1 }],
    form: (options) => mergeForm(formQuestion(options)),
    run: async (invocation, deps) => await merge(invocation, deps, invocation.options.id, invocation.options.into),
  }),
  defineSubcommand({
    name: 'answered',
    description: 'Mark a question answered on stream',
    permission: 'moderator',
    options: [idOption],
    run: async (invocation, deps) => await markAnswered(invocation, deps, invocation.options.id),
  }),
  defineSubcommand({
    name: 'highlight',
    description: 'Show which question is being discussed on stream now',
    permission: 'moderator',
    options: [idOption],
    run: async (invocation, deps) => await highlight(invocation, deps, invocation.options.id),
  }),
  defineSubcommand({
    name: 'overlay',
    description: 'Links to the OBS overlay and the host screen of this session (only you see them), or revoke them',
    permission: 'moderator',
    options: [
      {
        name: 'action',
        type: 'string',
        description: 'links: make new links (default); revoke: end every link of the session now',
        choices: [
          { name: 'links', value: 'links' },
          { name: 'revoke', value: 'revoke' },
        ],
      },
    ],
    run: (invocation, deps) =>
      invocation.options.action === 'revoke' ? revokeLinks(invocation, deps) : issueLinks(invocation, deps),
  }),
  defineSubcommand({
    name: 'vote',
    description: 'Upvote a question you want answered',
    options: [idOption],
    run: async (invocation, deps) => await voteFor(invocation, deps, invocation.options.id),
  }),
  defineSubcommand({
    name: 'unvote',
    description: 'Take back your vote for a question',
    options: [idOption],
    run: async (invocation, deps) => await withdrawVote(invocation, deps, invocation.options.id),
  }),
  defineSubcommand({
    name: 'board-vote',
    description: 'Vote for the question chosen on the board',
    hidden: true,
    options: [{ name: 'value', type: 'string', description: 'Number of the question', required: true, maxLength: 12 }],
    run: async (invocation, deps) => {
      const chosen = Number.parseInt(invocation.options.value, 10);
      if (!Number.isSafeInteger(chosen) || chosen < 1) throw new UserError('vote-choice', 'Choose a question from the list.');
      return await voteFor(invocation, deps, chosen);
    },
  }),
  defineSubcommand({
    name: 'export',
    description: 'Download the approved questions as Markdown (the Cookbook layout), CSV or JSON',
    options: [
      sessionOption,
      {
        name: 'format',
        type: 'string',
        description: 'File format (default markdown)',
        choices: EXPORT_FORMATS.map((format) => ({ name: format, value: format })),
      },
    ],
    run: async (invocation, deps) => {
      const seen = await deps.store.directory.touch(invocation);
      const sessionId = invocation.options.session;
      const session = sessionId === undefined ? undefined : await resolveSession(deps, seen, sessionId);
      const format = invocation.options.format ?? 'markdown';
      const file = await exportApproved(deps, session ? { sessionId: session.id } : { tenantId: seen.tenantId }, format);
      const scope = session ? `session #${session.id} "${session.title}"` : 'all sessions';
      if (file.count === 0) {
        throw new UserError('export-empty', `There are no approved questions in ${scope} yet.`);
      }
      const filename = `${session ? `questions-session-${session.id}` : 'community-questions'}.${EXPORT_FILE[format].extension}`;
      return reply({
        text: rich(`${plural(file.count, 'approved question')} from ${scope}.`),
        attachments: [{ filename, contentType: EXPORT_FILE[format].contentType, content: file.content }],
        ephemeral: true,
      });
    },
  }),
];

export const streamCommand = defineCommand({
  name: 'stream',
  description: 'Collect interview questions during a live stream',
  subcommands,
});
