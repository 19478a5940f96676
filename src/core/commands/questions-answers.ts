import { type Choice, defineSubcommand, type LeafCommand } from '../command-kit/define.js';
import { ANSWERS_FILE, ANSWERS_FORMATS, exportAnswers } from '../community/export.js';
import { pickAnswer } from '../community/pick.js';
import { showQuestion } from '../community/show-view.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import { command, rich } from '../rich-text.js';
import { plural, trimAtWord } from '../text.js';
import { reply } from '../view.js';

/** Book questions whose number or wording contains what was typed, as "#14 What is crontab?". */
function questionChoices(partial: string, deps: Deps): Choice[] {
  const wanted = partial.trim().toLowerCase();
  return deps.content.questions
    .map((question, index) => ({ name: trimAtWord(`#${index + 1} ${question.text}`, 100), value: String(index + 1) }))
    .filter((choice) => wanted === '' || choice.value === wanted || choice.name.toLowerCase().includes(wanted))
    .slice(0, 25);
}

/** `/questions show`, `/questions pick` and `/questions export`: the community answers. */
export const questionsAnswerSubcommands: LeafCommand[] = [
  defineSubcommand({
    name: 'show',
    description: 'Show a question with its community answer and where the book covers it',
    options: [
      {
        name: 'id',
        type: 'string',
        description: 'The number the question list shows (c3 for community question 3)',
        required: true,
        maxLength: 100,
        autocomplete: questionChoices,
      },
    ],
    run: async (invocation, deps) => await showQuestion(invocation, deps, invocation.options.id),
  }),
  defineSubcommand({
    name: 'pick',
    description: 'Let one kept answer stand as the community answer to its question',
    permission: 'moderator',
    options: [{ name: 'answer', type: 'integer', description: 'Number of the kept answer', required: true, min: 1 }],
    run: async (invocation, deps) => await pickAnswer(invocation, deps, invocation.options.answer),
  }),
  defineSubcommand({
    name: 'export',
    description: 'Download the answered questions in the layout of the Cookbook (Markdown) or as JSON',
    options: [
      {
        name: 'format',
        type: 'string',
        description: 'File format (default markdown)',
        choices: ANSWERS_FORMATS.map((format) => ({ name: format, value: format })),
      },
    ],
    run: async (invocation, deps) => {
      const seen = await deps.store.directory.touch(invocation);
      const format = invocation.options.format ?? 'markdown';
      const file = await exportAnswers(deps, seen.tenantId, format);
      if (file.count === 0) {
        throw new UserError('export-empty', 'No question has a community answer here yet.');
      }
      return reply({
        text: rich(
          `${plural(file.count, 'answered question')}. Answers whose authors did not turn on `,
          command('mydata credit'),
          ' say "the community".',
        ),
        attachments: [{ ...ANSWERS_FILE[format], content: file.content }],
        ephemeral: true,
      });
    },
  }),
];
