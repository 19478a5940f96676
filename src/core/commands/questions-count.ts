import { defineSubcommand } from '../command-kit/define.js';
import { withAnsweredProgress } from '../community/progress.js';
import { questionProgress } from '../stream/progress.js';

/** `/questions count`: progress toward the book's goal of 1001 interview questions, and how many are answered. */
export const questionsCountSubcommand = defineSubcommand({
  name: 'count',
  description: 'Progress toward 1001 interview questions, and how many have a community answer',
  run: async (invocation, deps) => await withAnsweredProgress(await questionProgress(invocation, deps), invocation, deps),
});
