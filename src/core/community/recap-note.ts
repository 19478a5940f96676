import { formatCommandLine } from '../command-kit/command-line.js';
import { bold, paragraphs, type RichText, rich } from '../rich-text.js';
import type { View } from '../view.js';
import type { KeptAnswers } from './keep.js';
import { MIN_AUTO_PICK_LENGTH, MIN_GROUP_VOTES } from './quality.js';
import { reasonLabel } from './standing.js';

/** Adds to a recap what became of the question's community answer, with a button to read it. */
export function withCommunityNote(view: View, kept: KeptAnswers | undefined): View {
  if (!kept) return view;
  const show = formatCommandLine(['questions', 'show'], { id: kept.ref });
  let note: RichText;
  if (kept.standing && kept.fromThisPost) {
    note = rich(
      bold('Community answer'),
      `: today's answer (${reasonLabel(kept.standing)}) now stands for question #${kept.ref}.`,
    );
  } else if (kept.standing) {
    note = rich(bold('Community answer'), `: the answer from an earlier day still stands for question #${kept.ref}.`);
  } else if (kept.kept > 0) {
    note = rich(
      bold('Community answer'),
      `: none yet for question #${kept.ref}. A moderator's best mark makes one, or ${MIN_GROUP_VOTES} upvotes on an answer of ${MIN_AUTO_PICK_LENGTH}+ characters that stays on the topic.`,
    );
  } else {
    return view;
  }
  return {
    ...view,
    text: view.text ? paragraphs([view.text, note]) : note,
    actions: [...(view.actions ?? []), { type: 'button', id: show, label: 'Community answer', style: 'secondary' }],
  };
}
