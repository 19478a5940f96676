import { defineCommand } from '../../../src/core/command-kit/define.js';
import { rich } from '../../../src/core/rich-text.js';
import { type FormAction, type Message, reply } from '../../../src/core/view.js';

export const SLOW_MS = 700;

/** The form of /fixture echo, with its own title, labels and a prefilled value. */
const echoForm: FormAction = {
  type: 'form',
  id: '/fixture echo count:3',
  label: 'Write something',
  title: 'Write something',
  fields: [
    { name: 'text', label: 'Your text', style: 'paragraph', required: true, maxLength: 500, value: 'prefilled' },
    { name: 'value', label: 'A value', style: 'short', required: false, maxLength: 20 },
  ],
};

/** Commands that exist only in the Discord tests, to reach every path of the adapter with known views. */
export const fixtureCommand = defineCommand({
  name: 'fixture',
  description: 'Commands that exist only in tests',
  subcommands: [
    {
      name: 'echo',
      description: 'Shows who asked, where, and the options it got',
      options: [
        { name: 'text', type: 'string', description: 'Some text' },
        { name: 'value', type: 'string', description: 'A chosen value' },
        { name: 'count', type: 'integer', description: 'A number' },
        { name: 'private', type: 'boolean', description: 'Only for you' },
        { name: 'who', type: 'user', description: 'Someone' },
      ],
      form: () => echoForm,
      run: (invocation) =>
        reply({
          text: rich(
            `${invocation.user.role} in ${invocation.channel}/${invocation.thread ?? '-'} sent ${JSON.stringify(invocation.options)}`,
          ),
          ephemeral: invocation.options.private === true,
        }),
    },
    {
      name: 'slow',
      description: 'Answers after a while',
      options: [{ name: 'private', type: 'boolean', description: 'Only for you' }],
      run: async (invocation) => {
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        return reply({ title: 'Slow answer', text: rich('Worth the wait.'), ephemeral: invocation.options.private === true });
      },
    },
    {
      name: 'controls',
      description: 'A message with a button, a select and a form',
      run: () =>
        reply({
          text: rich('Try these.'),
          actions: [
            { type: 'button', id: '/fixture echo text:clicked', label: 'Click me', style: 'primary' },
            {
              type: 'select',
              id: '/fixture echo',
              placeholder: 'Choose a tool',
              choices: [
                { label: 'Kafka', value: 'kafka' },
                { label: 'Spark', value: 'spark', description: 'Batch and streams' },
              ],
            },
            echoForm,
          ],
          ephemeral: false,
        }),
    },
    {
      name: 'late',
      description: 'Posts in the channel and answers, after a while',
      run: async (invocation): Promise<Message[]> => {
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        return [
          { kind: 'reply', view: reply({ text: rich('Done late.') }) },
          { kind: 'post', channel: invocation.channel, view: reply({ text: rich('The late post.') }) },
        ];
      },
    },
    {
      name: 'announce',
      description: 'Posts with a thread and a pin, writes in the thread and sends a DM',
      permission: 'moderator',
      run: (invocation): Message[] => [
        {
          kind: 'post',
          channel: invocation.channel,
          view: reply({ title: 'Daily question', text: rich('What is a watermark?') }),
          thread: { name: 'Answers: what is a watermark?' },
          pin: true,
          track: { entity: 'recap', id: 7 },
          nonce: 'recap-7',
        },
        {
          kind: 'thread',
          channel: invocation.channel,
          parent: { entity: 'recap', id: 7 },
          view: reply({ text: rich('First hint.') }),
        },
        { kind: 'dm', user: invocation.user.id, view: reply({ text: rich('You announced something.') }) },
        { kind: 'reply', view: reply({ text: rich('Posted.'), ephemeral: true }) },
      ],
    },
    {
      name: 'say',
      description: 'Posts the text into the channel as written',
      options: [{ name: 'text', type: 'string', description: 'The text', required: true }],
      run: (invocation): Message[] => [
        { kind: 'post', channel: invocation.channel, view: reply({ text: rich(String(invocation.options.text)) }) },
        { kind: 'reply', view: reply({ title: 'You said', text: rich(String(invocation.options.text)) }) },
      ],
    },
    {
      name: 'export',
      description: 'Answers with a file',
      run: () =>
        reply({
          text: rich('The export:'),
          attachments: [{ filename: 'questions.md', contentType: 'text/markdown', content: '# Questions\n\n- What is Kafka?\n' }],
          ephemeral: true,
        }),
    },
    {
      name: 'long',
      description: 'Answers with more than one message can hold',
      run: () =>
        reply({
          title: 'A long answer',
          text: rich('word '.repeat(1500).trim()),
          fields: Array.from({ length: 30 }, (_, index) => ({
            name: `Field ${index + 1}`,
            value: rich('value '.repeat(300).trim()),
          })),
          footer: 'The end.',
        }),
    },
    {
      name: 'crash',
      description: 'Fails unexpectedly',
      run: () => {
        throw new Error('the disk is on fire');
      },
    },
    {
      name: 'quiet',
      description: 'Posts to a channel without any reply',
      run: (): Message[] => [{ kind: 'post', channel: '300000000000000002', view: reply({ text: rich('Quiet post.') }) }],
    },
    {
      name: 'lost',
      description: 'Posts to a channel that does not exist',
      run: (): Message[] => [
        { kind: 'post', channel: '399999999999999999', view: reply({ text: rich('Into the void.') }) },
        { kind: 'reply', view: reply({ text: rich('Sent.'), ephemeral: true }) },
      ],
    },
  ],
});
