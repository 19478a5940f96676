import type { Deps } from '../deps.js';
import type { Invocation } from '../invocation.js';
import { bold, code, lines, rich } from '../rich-text.js';
import { progressBar } from '../stream/progress.js';
import type { View } from '../view.js';
import { answeredIds } from './answered.js';
import { tenantQuestions } from './catalog.js';

/** Adds to the 1001 progress view how many of the questions have a community answer. */
export async function withAnsweredProgress(view: View, invocation: Invocation, deps: Deps): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const total = (await tenantQuestions(deps, seen.tenantId)).length;
  const answered = (await answeredIds(deps, seen.tenantId)).size;
  const line = rich(
    code(progressBar(answered, Math.max(1, total))),
    ' ',
    bold(`${answered} / ${total}`),
    ' with a community answer',
  );
  return {
    ...view,
    text: view.text ? lines([view.text, line]) : line,
    fields: [...(view.fields ?? []), { name: 'With a community answer', value: rich(String(answered)), inline: true }],
  };
}
