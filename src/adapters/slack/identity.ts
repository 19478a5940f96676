import type { webApi } from '@slack/bolt';
import type { Deps } from '../../core/deps.js';
import type { Actor, Role } from '../../core/invocation.js';
import type { Logger } from '../../core/logger.js';
import { cleanLine } from '../../core/text.js';

/**
 * Who is acting, asked of Slack on every invocation so that a revoked admin loses their rights at once:
 * workspace admins and owners are admins; people a workspace admin named with `/cookbook moderators add` are
 * moderators; everyone else is everyone.
 */
export async function resolveActor(
  client: webApi.WebClient,
  deps: Deps,
  log: Logger,
  team: string,
  userId: string,
  fallbackName: string,
): Promise<Actor> {
  let role: Role = 'everyone';
  let name = fallbackName;
  try {
    const { user } = await client.users.info({ user: userId });
    if (user?.is_admin || user?.is_owner || user?.is_primary_owner) role = 'admin';
    name = user?.profile?.display_name || user?.real_name || user?.name || fallbackName;
  } catch (error) {
    log.warn({ err: error, user: userId }, 'users.info failed; acting without workspace role');
  }
  if (role === 'everyone' && deps.store.directory.grantedRole('slack', team, userId) === 'moderator') role = 'moderator';
  return { id: userId, name: cleanLine(name).slice(0, 80) || userId, role };
}
