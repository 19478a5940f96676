import { formatCommandLine } from '../command-kit/command-line.js';
import { type Choice, defineCommand, defineSubcommand } from '../command-kit/define.js';
import { answeredIds } from '../community/answered.js';
import { questionRef, tenantQuestions } from '../community/catalog.js';
import type { Question } from '../content/types.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { command, italic, lines, list, rich } from '../rich-text.js';
import { type Action, reply, type View } from '../view.js';
import { questionsAnswerSubcommands } from './questions-answers.js';
import { questionsCountSubcommand } from './questions-count.js';
import { topicChoices } from './topic.js';

const PAGE_SIZE = 10;

function categoryChoices(partial: string, deps: Deps): Choice[] {
  const lower = partial.trim().toLowerCase();
  return deps.content.categories
    .filter((category) => category.name.toLowerCase().includes(lower) || category.id.includes(lower))
    .slice(0, 25)
    .map((category) => ({ name: category.name, value: category.name }));
}

/** Book questions filtered by category and topic; unknown filters are refused with what exists. */
function filterQuestions(
  deps: Deps,
  category: string | undefined,
  topic: string | undefined,
): { questions: Question[]; label: string } {
  let questions = deps.content.questions;
  const labels: string[] = [];
  if (category) {
    const found =
      deps.content.category(category) ?? deps.content.categories.find((c) => c.name.toLowerCase() === category.toLowerCase());
    if (!found) {
      throw new UserError(
        'unknown-category',
        rich(`There is no category "${category}". Categories: ${deps.content.categories.map((c) => c.name).join(', ')}.`),
      );
    }
    questions = questions.filter((q) => q.categoryId === found.id);
    labels.push(found.name);
  }
  if (topic) {
    const hit = deps.content.index.search(topic, 1)[0];
    if (!hit || !deps.content.index.isConfident(hit))
      throw new UserError('no-topic', rich(`No topic matches "${topic}". Try `, command('topic'), ' to find one.'));
    questions = questions.filter((q) => q.topics.includes(hit.topic.id));
    labels.push(hit.topic.title);
  }
  return { questions, label: labels.join(', ') };
}

interface Listed {
  ref: string;
  text: string;
  category: string | undefined;
  answered: boolean;
}

/** The questions a list shows: the book's, or with `answered` the tenant's whole catalogue filtered by it. */
type ListInvocation = Invocation<{ category?: string; topic?: string; answered?: boolean; page?: number }>;

async function listed(
  invocation: ListInvocation,
  deps: Deps,
  questions: Question[],
  answered: boolean | undefined,
): Promise<Listed[]> {
  const seen = await deps.store.directory.touch(invocation);
  const withAnswer = await answeredIds(deps, seen.tenantId);
  if (answered === undefined) {
    return questions.map((q) => ({
      ref: questionRef(deps.content, q.id),
      text: q.text,
      category: q.category,
      answered: withAnswer.has(q.id),
    }));
  }
  const allowed = new Set(questions.map((q) => q.id));
  const filtered = invocation.options.category !== undefined || invocation.options.topic !== undefined;
  return (await tenantQuestions(deps, seen.tenantId))
    .filter((q) => (q.community ? !filtered : allowed.has(q.id)))
    .filter((q) => withAnswer.has(q.id) === answered)
    .map((q) => ({ ref: q.ref, text: q.text, category: q.category, answered: withAnswer.has(q.id) }));
}

async function listQuestions(invocation: ListInvocation, deps: Deps): Promise<View> {
  const { category, topic, answered } = invocation.options;
  const { questions: book, label: filterLabel } = filterQuestions(deps, category, topic);
  const questions = await listed(invocation, deps, book, answered);
  const label = [filterLabel, answered === undefined ? '' : answered ? 'answered' : 'not answered yet']
    .filter(Boolean)
    .join(', ');
  if (questions.length === 0) throw new UserError('no-questions', `No interview questions${label ? ` (${label})` : ''} yet.`);
  const pages = Math.ceil(questions.length / PAGE_SIZE);
  const page = Math.min(invocation.options.page ?? 1, pages);
  const shown = questions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const filters = {
    ...(category ? { category } : {}),
    ...(topic ? { topic } : {}),
    ...(answered === undefined ? {} : { answered }),
  };
  const actions: Action[] = shown.map((q) => ({
    type: 'button',
    id: formatCommandLine(['questions', 'show'], { id: q.ref }),
    label: `#${q.ref}`,
    style: q.answered ? 'success' : 'secondary',
  }));
  if (page > 1)
    actions.push({
      type: 'button',
      id: formatCommandLine(['questions', 'list'], { ...filters, page: page - 1 }),
      label: 'Previous',
      style: 'secondary',
    });
  if (page < pages)
    actions.push({
      type: 'button',
      id: formatCommandLine(['questions', 'list'], { ...filters, page: page + 1 }),
      label: 'Next',
      style: 'secondary',
    });
  const line = (q: Listed) =>
    rich(`${q.ref}. ${q.text}`, q.category ? rich(' ', italic(`(${q.category})`)) : '', q.answered ? ' · answered' : '');
  return reply({
    title: `Interview questions${label ? `: ${label}` : ''}`,
    text: lines(shown.map(line)),
    footer: `Page ${page} of ${pages} · ${questions.length} questions · /questions show id:<number> for the community answer · from The Data Engineering Cookbook (Apache-2.0)`,
    actions,
    ephemeral: true,
  });
}

function randomQuestion(invocation: Invocation<{ category?: string }>, deps: Deps): View {
  const category = invocation.options.category;
  const { questions } = filterQuestions(deps, category, undefined);
  const question = questions[Math.floor(deps.random() * questions.length)];
  if (!question) throw new UserError('no-questions', 'No interview questions there yet.');
  const topics = question.topics.map((id) => deps.content.topic(id)?.title ?? id);
  return reply({
    title: 'Interview question',
    text: rich(question.text),
    fields: [
      { name: 'Category', value: rich(question.category), inline: true },
      { name: 'Read', value: rich(topics.join(', ')), inline: true },
    ],
    actions: [
      ...(question.hints.length > 0
        ? [
            {
              type: 'button' as const,
              id: formatCommandLine(['questions', 'hint'], { id: question.id }),
              label: 'Hint',
              style: 'secondary' as const,
            },
          ]
        : []),
      {
        type: 'button',
        id: formatCommandLine(['questions', 'random'], category ? { category } : {}),
        label: 'Another one',
        style: 'primary',
      },
    ],
    footer: 'From The Data Engineering Cookbook by Andreas Kretz (Apache-2.0).',
  });
}

function hint(invocation: Invocation<{ id: string }>, deps: Deps): View {
  const question = deps.content.question(invocation.options.id);
  if (!question) throw new UserError('unknown-question', 'That question is not known.');
  if (question.hints.length === 0) throw new UserError('no-hint', 'This question has no hint yet.');
  return reply({ title: 'Hint', text: rich(list(question.hints)), ephemeral: true });
}

export const questionsCommand = defineCommand({
  name: 'questions',
  description: 'Browse the interview questions of the Cookbook',
  aliases: ['question'],
  defaultSubcommand: 'list',
  subcommands: [
    defineSubcommand({
      name: 'list',
      description: 'List interview questions, by category or topic',
      options: [
        {
          name: 'category',
          type: 'string',
          description: 'A category such as Kafka or Apache Spark',
          maxLength: 60,
          autocomplete: categoryChoices,
        },
        { name: 'topic', type: 'string', description: 'A topic such as hdfs', maxLength: 100, autocomplete: topicChoices },
        { name: 'answered', type: 'boolean', description: 'true: only questions with a community answer; false: only without' },
        { name: 'page', type: 'integer', description: 'Page number', min: 1, max: 1000 },
      ],
      run: listQuestions,
    }),
    defineSubcommand({
      name: 'random',
      description: 'Draw one interview question',
      options: [
        {
          name: 'category',
          type: 'string',
          description: 'A category such as Kafka',
          maxLength: 60,
          autocomplete: categoryChoices,
        },
      ],
      run: randomQuestion,
    }),
    defineSubcommand({
      name: 'hint',
      description: 'Show the hints of a question',
      hidden: true,
      options: [{ name: 'id', type: 'string', description: 'The question id', required: true, maxLength: 100 }],
      run: hint,
    }),
    questionsCountSubcommand,
    ...questionsAnswerSubcommands,
  ],
});
