import { formatCommandLine } from '../command-kit/command-line.js';
import { defineCommand, defineSubcommand } from '../command-kit/define.js';
import { inlineMarkup } from '../content/markup.js';
import type { QuizItem } from '../content/types.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { pickItem, quizPool } from '../quiz/deal.js';
import type { QuizRound } from '../quiz/ports.js';
import { bold, command, lines, paragraphs, rich } from '../rich-text.js';
import { trimAtWord } from '../text.js';
import { type Action, reply, type View } from '../view.js';
import { topicChoices } from './topic.js';

function questionView(item: QuizItem, round: QuizRound, topicTitle: string | undefined): View {
  const actions: Action[] = round.choiceOrder.map((choice, i) => ({
    type: 'button',
    id: formatCommandLine(['quiz', 'answer'], { round: round.id, choice: i + 1 }),
    label: trimAtWord(`${i + 1}. ${choice}`, 80),
    style: 'secondary',
  }));
  return {
    title: topicTitle ? `Quiz: ${topicTitle}` : 'Quiz',
    text: paragraphs([
      inlineMarkup(item.question),
      lines(round.choiceOrder.map((choice, i) => rich(bold(`${i + 1}.`), ' ', inlineMarkup(choice)))),
    ]),
    actions,
    footer: 'Anyone can answer. Your first answer to a question scores a point when it is right.',
    ephemeral: false,
  };
}

async function startQuiz(invocation: Invocation<{ topic?: string }>, deps: Deps): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const { items, topicTitle } = quizPool(deps.content, invocation.options.topic);
  const cycle = await deps.store.quiz.currentCycle(seen.userId);
  const pick = pickItem(items, await deps.store.quiz.dealt(seen.userId, cycle), cycle, deps.random);
  const round = await deps.store.quiz.deal({
    tenantId: seen.tenantId,
    userId: seen.userId,
    itemId: pick.item.id,
    cycle: pick.cycle,
    choiceOrder: pick.choiceOrder,
    at: invocation.now,
  });
  return questionView(pick.item, round, topicTitle);
}

/** The caller's own round for the clicked question: someone else's button deals the same item to the caller. */
async function roundFor(
  invocation: Invocation<{ round?: number }>,
  deps: Deps,
  tenantId: number,
  userId: number,
): Promise<QuizRound> {
  const roundId = invocation.options.round;
  if (roundId === undefined) {
    const open = await deps.store.quiz.latestOpen(userId);
    if (!open)
      throw new UserError('no-quiz-open', rich('You have no open quiz question. Type ', command('quiz start'), ' to get one.'));
    return open;
  }
  const found = await deps.store.quiz.round(roundId);
  // A round of another server or workspace is as unknown here as one that never existed.
  const clicked = found?.tenantId === tenantId ? found : undefined;
  if (!clicked)
    throw new UserError(
      'unknown-round',
      rich('That quiz question is not known any more. Type ', command('quiz start'), ' for a new one.'),
    );
  if (clicked.userId === userId) return clicked;
  const cycle = await deps.store.quiz.currentCycle(userId);
  return await deps.store.quiz.deal({
    tenantId,
    userId,
    itemId: clicked.itemId,
    cycle,
    choiceOrder: clicked.choiceOrder,
    at: invocation.now,
  });
}

async function answerQuiz(invocation: Invocation<{ choice: number; round?: number }>, deps: Deps): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const round = await roundFor(invocation, deps, seen.tenantId, seen.userId);
  const item = deps.content.quizItem(round.itemId);
  if (!item)
    throw new UserError('unknown-item', rich('That quiz question was retired. Type ', command('quiz start'), ' for a new one.'));
  const choice = invocation.options.choice;
  const chosen = round.choiceOrder[choice - 1];
  if (chosen === undefined) throw new UserError('bad-choice', `Choose a number from 1 to ${round.choiceOrder.length}.`);
  if (round.chosen !== null) {
    throw new UserError(
      'already-answered',
      rich(`You already answered this one (you chose ${round.chosen}). Type `, command('quiz start'), ' for another.'),
    );
  }
  const correct = chosen === item.answer;
  if (!(await deps.store.quiz.answer(round.id, choice, correct, invocation.now))) {
    throw new UserError('already-answered', rich('You already answered this one. Type ', command('quiz start'), ' for another.'));
  }
  const scored =
    correct &&
    !(await deps.store.quiz.answeredBefore(seen.userId, item.id, round.id)) &&
    (await deps.store.scores.award({
      tenantId: seen.tenantId,
      userId: seen.userId,
      channelId: seen.channelId,
      reason: 'quiz',
      source: `quiz:${item.id}`,
      at: invocation.now,
    }));
  const topic = deps.content.topic(item.topic);
  const verdict = correct
    ? scored
      ? 'Correct: +1 point!'
      : 'Correct! No point this time: only your first answer to a question scores.'
    : rich('Not quite. The answer is ', bold(inlineMarkup(item.answer)), '.');
  return reply({
    title: correct ? 'Right answer' : 'Wrong answer',
    text: paragraphs([verdict, inlineMarkup(item.explanation), `From the Cookbook, section ${item.section}.`]),
    tone: correct ? 'success' : 'warning',
    actions: [
      ...(topic
        ? [
            {
              type: 'button' as const,
              id: formatCommandLine(['topic'], { query: topic.id, private: true }),
              label: `Read: ${trimAtWord(topic.title, 60)}`,
              style: 'secondary' as const,
            },
          ]
        : []),
      {
        type: 'button',
        id: formatCommandLine(['quiz', 'start'], { topic: item.topic }),
        label: 'Another question',
        style: 'primary',
      },
    ],
    ephemeral: true,
  });
}

export const quizCommand = defineCommand({
  name: 'quiz',
  description: 'Multiple-choice questions on the book',
  defaultSubcommand: 'start',
  subcommands: [
    defineSubcommand({
      name: 'start',
      description: 'Get a multiple-choice question, optionally on a topic',
      options: [
        {
          name: 'topic',
          type: 'string',
          description: 'A topic such as kafka or spark',
          maxLength: 100,
          autocomplete: topicChoices,
        },
      ],
      run: startQuiz,
    }),
    defineSubcommand({
      name: 'answer',
      description: 'Answer your open quiz question',
      options: [
        { name: 'choice', type: 'integer', description: 'The number of your choice', required: true, min: 1, max: 5 },
        { name: 'round', type: 'integer', description: 'Which question (given by the buttons)', min: 1 },
      ],
      run: answerQuiz,
    }),
  ],
});
