import { questionProgress } from '../stream/progress.js';
import type { LeafCommand } from './define.js';

/** `/questions count`: progress toward the book's goal of 1001 interview questions. */
export const questionsCountSubcommand: LeafCommand = {
  name: 'count',
  description: 'Progress toward 1001 interview questions (book plus approved community questions)',
  run: (invocation, deps) => questionProgress(invocation, deps),
};
