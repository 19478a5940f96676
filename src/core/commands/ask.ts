import { defineCommand } from '../command-kit/define.js';
import { QUESTION_MAX, QUESTION_MIN } from '../stream/question-text.js';
import { submitQuestion } from '../stream/submit.js';
import { askForm } from '../stream/views.js';
import { categoryOption } from './stream.js';

export const askCommand = defineCommand({
  name: 'ask',
  description: "Send an interview question to this channel's live-stream session",
  messageOption: 'question',
  options: [
    {
      name: 'question',
      type: 'string',
      description: `Your question (${QUESTION_MIN}-${QUESTION_MAX} characters)`,
      required: true,
      minLength: QUESTION_MIN,
      maxLength: QUESTION_MAX,
    },
    categoryOption,
    { name: 'anonymous', type: 'boolean', description: 'Hide your name from other viewers (moderators still see it)' },
  ],
  form: () => askForm(),
  run: async (invocation, deps) =>
    await submitQuestion(invocation, deps, {
      question: invocation.options.question,
      category: invocation.options.category,
      anonymous: invocation.options.anonymous === true,
    }),
});
