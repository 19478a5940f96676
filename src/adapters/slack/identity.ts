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

/** users.info is Tier 4 (about 100 a minute): the resolver keeps below it instead of collecting 429s. */
const CALLS_PER_MINUTE = 95;
const BURST = 90;

/**
 * Who is acting, asked of Slack on every invocation so that a revoked admin loses their rights at once:
 * workspace admins and owners are admins; people a workspace admin named with `/cookbook moderators add` are
 * moderators; everyone else is everyone.
 *
 * users.info goes through a client of its own that does not wait out rate limits: a busy live stream must not
 * pause every other call. Calls stay inside Tier 4 (a burst of new viewers would exceed it): when Slack is not asked
 * or cannot answer, the last answer it gave for that person is used (none: everyone).
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
  let tokens = BURST;
  let refilledAt = Date.now();
  const mayCall = (now: number): boolean => {
    tokens = Math.min(BURST, tokens + ((now - refilledAt) * CALLS_PER_MINUTE) / 60_000);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
  return async (team, userId, fallbackName) => {
    const key = `${team}:${userId}`;
    let known = lastKnown.get(key);
    const now = Date.now();
    if (mayCall(now)) {
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
    }
    let role: Role = known?.workspaceAdmin ? 'admin' : 'everyone';
    if (role === 'everyone' && (await deps.store.directory.grantedRole('slack', team, userId)) === 'moderator')
      role = 'moderator';
    return { id: userId, name: cleanLine(known?.name ?? fallbackName).slice(0, 80) || userId, role };
  };
}
