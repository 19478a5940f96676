import { submitAnswer } from '../daily/answers.js';
import { ANSWER_MAX_LENGTH } from '../daily/post-view.js';
import { defineCommand } from './define.js';

export const answerCommand = defineCommand({
  name: 'answer',
  description: 'Answer the daily interview question (a later answer replaces yours)',
  options: [
    {
      name: 'text',
      type: 'string',
      description: 'Your answer',
      required: true,
      maxLength: ANSWER_MAX_LENGTH,
    },
    { name: 'post', type: 'integer', description: 'Number of the daily question (default: the latest here)', min: 1 },
  ],
  run: (invocation, deps) => {
    const text = invocation.options.text;
    const post = invocation.options.post;
    return submitAnswer(invocation, deps, typeof text === 'string' ? text : '', typeof post === 'number' ? post : undefined);
  },
});
