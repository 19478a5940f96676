import { deliveryFailureNotice } from '../daily/failure-notice.js';
import { type Deps, profileOf } from '../deps.js';
import { isUserError, UserError } from '../errors.js';
import { type Actor, hasRole, type Invocation, type OptionValue } from '../invocation.js';
import { command, rich } from '../rich-text.js';
import { cleanLine } from '../text.js';
import { type Message, toMessages } from '../view.js';
import { parseCommandLine } from './command-line.js';
import { availableOn } from './define.js';
import { inTargetTenant } from './direct-target.js';
import { coerceOptions } from './options.js';

type DispatchStatus = 'ok' | 'user-error' | 'error' | 'duplicate';

export interface DispatchResult {
  status: DispatchStatus;
  messages: Message[];
}

const ROLE_WORDS = { everyone: 'everyone', moderator: 'moderators', admin: 'admins' } as const;

/** Runs one invocation: finds the command, checks permission and options, runs it, turns failures into replies. */
export async function dispatch(invocation: Invocation, deps: Deps): Promise<DispatchResult> {
  try {
    const found = deps.registry.resolve(invocation.command);
    if (!found || 'group' in found) {
      throw new UserError(
        'unknown-command',
        rich(
          'There is no command "',
          command(invocation.command.join(' ')),
          '". Type ',
          command('help'),
          ' to see every command.',
        ),
      );
    }
    const name = `/${found.path.join(' ')}`;
    const typed = command(found.path.join(' '));
    const definition = deps.registry.definition(found.path[0] as string);
    if (definition && !availableOn(definition, profileOf(deps, invocation))) {
      throw new UserError(
        'not-on-this-platform',
        rich(typed, ' is not available here. Type ', command('help'), ' to see every command.'),
      );
    }
    if (!hasRole(invocation.user, found.permission)) {
      throw new UserError('forbidden', rich(`Only ${ROLE_WORDS[found.permission]} can use `, typed, '.'));
    }
    const options = coerceOptions(found.path, found.leaf.options ?? [], invocation.options);
    const placed = await inTargetTenant(invocation, found.leaf, options, deps);
    const user = { ...placed.user, name: displayName(placed.user) };
    // The delivery claim, the directory and the command's own writes commit together, in a group commit with the
    // commands that arrived alongside: at most one fsync per command. A refusal keeps the claim (a redelivery is not
    // answered twice) and rolls back the command's writes (savepoint); any other failure rolls back the claim too,
    // for the platform's retry.
    let tenantId: number | undefined;
    const ran = await deps.store.inCommitGroup(async () => {
      if (placed.idempotencyKey && !(await deps.store.events.claim(placed.platform, placed.idempotencyKey, placed.now))) {
        return undefined;
      }
      tenantId = (await deps.store.directory.touch({ ...placed, user })).tenantId;
      try {
        return await deps.store.atomically(async () => ({
          outcome: await found.leaf.run({ ...placed, user, command: found.path, options }, deps),
        }));
      } catch (error) {
        if (isUserError(error)) return { refusal: error };
        throw error;
      }
    });
    if (ran === undefined) {
      deps.log.info({ key: invocation.idempotencyKey, command: name }, 'duplicate delivery ignored');
      return { status: 'duplicate', messages: [] };
    }
    if ('refusal' in ran) throw ran.refusal;
    const { outcome } = ran;
    const messages = toMessages(outcome);
    deps.changes?.publish(messages, (error) => deps.log.error({ err: error }, 'a live page could not hear of a change'));
    const notice =
      hasRole(invocation.user, 'moderator') && tenantId !== undefined
        ? await deliveryFailureNotice(tenantId, invocation.now, deps)
        : undefined;
    return { status: 'ok', messages: [...messages, ...(notice ? [notice] : [])] };
  } catch (error) {
    return { status: isUserError(error) ? 'user-error' : 'error', messages: [failureReply(error, invocation, deps)] };
  }
}

/** A platform display name is user text too: cleaned to one line and bounded, the id when nothing is left. */
function displayName(user: Actor): string {
  const name = Array.from(cleanLine(user.name)).slice(0, 80).join('');
  return name === '' ? user.id : name;
}

/** Parses a typed command line (console, Slack's /cookbook, action ids) and dispatches it. */
export async function dispatchLine(
  line: string,
  context: Omit<Invocation, 'command' | 'options'>,
  deps: Deps,
  extra: Record<string, OptionValue> = {},
): Promise<DispatchResult> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(line, deps.registry);
  } catch (error) {
    return { status: isUserError(error) ? 'user-error' : 'error', messages: [failureReply(error, context, deps)] };
  }
  return await dispatch({ ...context, command: parsed.resolved.path, options: { ...parsed.options, ...extra } }, deps);
}

function failureReply(
  error: unknown,
  invocation: Pick<Invocation, 'platform' | 'tenant' | 'user'> & { command?: string[] },
  deps: Deps,
): Message {
  if (isUserError(error)) {
    return {
      kind: 'reply',
      view: { text: error.text, ...(error.hint ? { footer: error.hint } : {}), tone: 'error', ephemeral: true },
    };
  }
  deps.log.error(
    {
      err: error,
      platform: invocation.platform,
      tenant: invocation.tenant,
      user: invocation.user.id,
      command: invocation.command?.join(' '),
    },
    'command failed',
  );
  return {
    kind: 'reply',
    view: {
      text: rich('Sorry, something went wrong on our side. Please try again in a moment.'),
      tone: 'error',
      ephemeral: true,
    },
  };
}
