import { UserError } from '../errors.js';
import { hasRole, type Invocation, type Role } from '../invocation.js';

/**
 * Refuses unless the invoking person has `needed` in `channel` (the platform's id of the channel of the session or
 * post acted on), as the platform says now. Roles that hold in the whole tenant, or a channel that is the
 * invocation's own, need no further question.
 */
export function requireRoleIn(invocation: Invocation, channel: string, needed: Role): void {
  const role = channel === invocation.channel || !invocation.roleIn ? invocation.user.role : invocation.roleIn(channel);
  if (hasRole({ ...invocation.user, role }, needed)) return;
  throw new UserError(
    'forbidden-there',
    `Only ${needed === 'admin' ? 'admins' : 'moderators'} of the channel it belongs to can do that.`,
  );
}
