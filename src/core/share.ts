import { formatCommandLine } from './command-kit/command-line.js';
import type { Invocation, OptionValue } from './invocation.js';
import { rich } from './rich-text.js';
import { type Action, type Message, reply, type View } from './view.js';

const SHARE_OPTION = 'share';

/** The button that runs the same command again with share:true, posting the answer in the channel. */
export function shareAction(path: string[], options: Record<string, OptionValue>): Action {
  return {
    type: 'button',
    id: formatCommandLine(path, { ...options, [SHARE_OPTION]: true }),
    label: 'Share',
    style: 'secondary',
  };
}

function isShare(action: Action): boolean {
  return action.type === 'button' && action.id.includes(` ${SHARE_OPTION}:true`);
}

/** The view without its Share button, for places that are private anyway (e.g. a Home tab). */
export function withoutShare(view: View): View {
  const actions = (view.actions ?? []).filter((action) => !isShare(action));
  const { actions: _dropped, ...rest } = view;
  return actions.length > 0 ? { ...rest, actions } : rest;
}

/** An invocation of a command with a `share` option. */
type Shareable = Invocation<{ share?: boolean }>;

function wantsShare(invocation: Shareable): boolean {
  return invocation.options.share === true;
}

/**
 * A private answer with a Share button, or, when the member chose to share, the same answer posted in the channel
 * (with who shared it) and a private note that it was.
 */
export function privateOrShared(view: View, invocation: Shareable, share: Action): Message[] {
  if (!wantsShare(invocation)) {
    return [{ kind: 'reply', view: { ...view, actions: [...(view.actions ?? []), share], ephemeral: true } }];
  }
  const { footer, ...rest } = withoutShare(view);
  const sharedBy = `Shared by ${invocation.user.name}.`;
  return [
    {
      kind: 'post',
      channel: invocation.channel,
      view: { ...rest, footer: footer ? `${footer} · ${sharedBy}` : sharedBy, mentions: [], ephemeral: false },
    },
    { kind: 'reply', view: reply({ text: rich('Shared in the channel.'), tone: 'success', ephemeral: true }) },
  ];
}
