import { formatCommandLine } from '../command-kit/command-line.js';
import type { Content } from '../content/content.js';
import { rich } from '../rich-text.js';
import { trimAtWord } from '../text.js';
import type { Action, Message } from '../view.js';
import type { StreamPort, Submission } from './ports.js';
import { resemblanceToApproved } from './similar.js';
import { describeResemblance, mergeIntoButton } from './similar-view.js';

/**
 * Before a question joins the list: a warning when it is the same as or close to a book question or an approved
 * one, with one click to approve it anyway (or merge it). Undefined when nothing resembles it.
 */
export async function approvalWarning(
  stream: Pick<StreamPort, 'matchCandidates' | 'submission'>,
  content: Content,
  submission: Submission,
): Promise<Message | undefined> {
  const resemblance = await resemblanceToApproved(stream, content, submission);
  if (!resemblance) return undefined;
  const actions: Action[] = [
    {
      type: 'button',
      id: formatCommandLine(['stream', 'approve'], { id: submission.id, anyway: 'true' }),
      label: `Approve #${submission.id} anyway`,
      style: 'success',
    },
  ];
  const merge = mergeIntoButton(submission.id, resemblance);
  if (merge) actions.push(merge);
  const question = `#${submission.id} "${trimAtWord(submission.text, 120)}"`;
  return {
    kind: 'reply',
    view: {
      text: rich(
        `Not approved yet: ${question} is ${describeResemblance(resemblance)}. Approving it anyway would list the question twice.`,
      ),
      actions,
      tone: 'warning',
      ephemeral: true,
    },
  };
}
