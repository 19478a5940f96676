import type { Deps } from '../deps.js';
import type { Invocation } from '../invocation.js';
import { bold, rich } from '../rich-text.js';
import { reply, type View } from '../view.js';

/** `/mydata credit on|off`: whether community answers and exports name the person or say "the community". */
export async function setCredit(invocation: Invocation, deps: Deps, on: boolean): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  await deps.store.community.setCredit(seen.userId, on, invocation.now);
  return reply({
    text: on
      ? rich(
          'Your community answers are now credited to ',
          bold(invocation.user.name),
          ' (your display name) in answers and exports.',
        )
      : rich('Your community answers are now credited to "the community"; your name is left out of answers and exports.'),
    tone: 'success',
    ephemeral: true,
  });
}
