// Checked by `npm run typecheck`, not run: each `@ts-expect-error` fails the type check when its line compiles.
import { defineCommand, defineSubcommand } from '../../src/core/command-kit/define.js';
import { rich } from '../../src/core/rich-text.js';
import { reply } from '../../src/core/view.js';

defineCommand({
  name: 'typed',
  description: 'Every kind of option',
  options: [
    { name: 'title', type: 'string', description: 'A required text', required: true },
    { name: 'count', type: 'integer', description: 'An optional whole number' },
    { name: 'ratio', type: 'number', description: 'A required number', required: true },
    { name: 'loud', type: 'boolean', description: 'An optional yes or no' },
    { name: 'who', type: 'user', description: 'A required person', required: true },
    { name: 'where', type: 'channel', description: 'An optional channel' },
    {
      name: 'mode',
      type: 'string',
      description: 'One of two',
      choices: [
        { name: 'pre', value: 'pre' },
        { name: 'post', value: 'post' },
      ],
    },
  ],
  run: (invocation) => {
    const title: string = invocation.options.title;
    const ratio: number = invocation.options.ratio;
    const who: string = invocation.options.who;
    const count: number | undefined = invocation.options.count;
    const loud: boolean | undefined = invocation.options.loud;
    const where: string | undefined = invocation.options.where;
    const mode: 'pre' | 'post' | undefined = invocation.options.mode;
    // @ts-expect-error an optional option may be absent
    const sure: number = invocation.options.count;
    // @ts-expect-error a choice is one of its values, not any text
    const other: 'pre' = invocation.options.mode;
    // @ts-expect-error an integer is not text
    const text: string = invocation.options.count ?? '';
    // @ts-expect-error a misspelt option name
    const misspelt = invocation.options.tittle;
    return reply({ text: rich([title, ratio, who, count, loud, where, mode, sure, other, text, misspelt].join(' ')) });
  },
});

defineCommand({
  name: 'bare',
  description: 'No options at all',
  run: (invocation) => {
    // @ts-expect-error a command without options has none to read
    const missing = invocation.options.anything;
    return reply({ text: rich(String(missing)) });
  },
});

defineCommand({
  name: 'group',
  description: 'Subcommands typed one by one',
  subcommands: [
    defineSubcommand({
      name: 'one',
      description: 'Takes a number',
      options: [{ name: 'id', type: 'integer', description: 'Which', required: true }],
      // @ts-expect-error form options are partial: the line may leave `id` open
      form: (options) => ({ type: 'form', id: `${options.id + 1}`, label: 'x', title: 'x', fields: [] }),
      run: (invocation) => {
        const id: number = invocation.options.id;
        // @ts-expect-error `value` belongs to no option of this subcommand
        return reply({ text: `${id} ${invocation.options.value}` });
      },
    }),
  ],
});

defineCommand({
  name: 'on-message',
  description: 'Takes a message text in a declared option',
  options: [{ name: 'question', type: 'string', description: 'The text', required: true }],
  messageOption: 'question',
  run: () => reply({ text: rich('ok') }),
});

// @ts-expect-error the option that takes a message's text must be one of the command's options
defineCommand({
  name: 'misspelt-message-option',
  description: 'Names an option it does not have',
  options: [{ name: 'question', type: 'string', description: 'The text', required: true }],
  messageOption: 'questoin',
  run: () => reply({ text: rich('ok') }),
});
