import { webApi } from '@slack/bolt';
import type { Deps } from '../../core/deps.js';
import type { Actor, Role } from '../../core/invocation.js';
import type { Logger } from '../../core/logger.js';
import { cleanLine } from '../../core/text.js';

export type ResolveActor = (team: string, userId: string, fallbackName: string) => Promise<Actor>;

interface Known {
  workspaceAdmin: boolean;
  name: string;
}

/**
 * Who is acting, asked of Slack on every invocation so that a revoked admin loses their rights at once:
 * workspace admins and owners are admins; people a workspace admin named with `/cookbook moderators add` are
 * moderators; everyone else is everyone.
 *
 * users.info goes through a client of its own that does not wait out rate limits: a busy live stream must not
 * pause every other call. When Slack cannot answer, the last answer it gave for that person is used.
 */
export function createActorResolver(
  botToken: string,
  clientOptions: webApi.WebClientOptions,
  deps: Deps,
  log: Logger,
): ResolveActor {
  const client = new webApi.WebClient(botToken, {
    ...clientOptions,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  const lastKnown = new Map<string, Known>();
  return async (team, userId, fallbackName) => {
    const key = `${team}:${userId}`;
    let known = lastKnown.get(key);
    try {
      const { user } = await client.users.info({ user: userId });
      known = {
        workspaceAdmin: Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
        name: user?.profile?.display_name || user?.real_name || user?.name || fallbackName,
      };
      lastKnown.set(key, known);
    } catch (error) {
      log.warn({ err: error, user: userId, fallback: known ? 'last known' : 'everyone' }, 'users.info failed');
    }
    let role: Role = known?.workspaceAdmin ? 'admin' : 'everyone';
    if (role === 'everyone' && deps.store.directory.grantedRole('slack', team, userId) === 'moderator') role = 'moderator';
    return { id: userId, name: cleanLine(known?.name ?? fallbackName).slice(0, 80) || userId, role };
  };
}
