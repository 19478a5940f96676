import { formatCommandLine } from '../command-kit/command-line.js';
import { defineCommand } from '../command-kit/define.js';
import { submitAnswer } from '../daily/answers.js';
import { ANSWER_MAX_LENGTH, answerFormOn } from '../daily/post-view.js';

export const answerCommand = defineCommand({
  name: 'answer',
  description: 'Answer the daily interview question of this channel or thread',
  options: [
    {
      name: 'text',
      type: 'string',
      description: 'Your answer',
      required: true,
      maxLength: ANSWER_MAX_LENGTH,
    },
    { name: 'post', type: 'integer', description: 'Number of the daily question (default: the open one here)', min: 1 },
    { name: 'replace', type: 'boolean', description: 'Replace your answer even though it has upvotes (they are cleared)' },
  ],
  targetOf: async (options, deps) => {
    const post = options.post === undefined ? undefined : await deps.store.daily.posts.byId(options.post);
    return post?.status === 'sent' ? { platform: post.platform, tenant: post.tenant, channel: post.channel } : undefined;
  },
  form: (options) => answerFormOn(formatCommandLine(['answer'], options), options.replace === true ? 'Replace it' : 'Answer'),
  run: async (invocation, deps) =>
    await submitAnswer(invocation, deps, invocation.options.text, invocation.options.post, invocation.options.replace === true),
});
