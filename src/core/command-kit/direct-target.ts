import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation, OptionValue } from '../invocation.js';
import type { LeafCommand } from './define.js';

/**
 * An invocation from a direct message runs in the tenant and channel of what it acts on, and only for a person who
 * is a member of that tenant now. Any other invocation is returned as it is.
 */
export async function inTargetTenant(
  invocation: Invocation,
  leaf: LeafCommand,
  options: Record<string, OptionValue>,
  deps: Deps,
): Promise<Invocation> {
  const { membership, ...rest } = invocation;
  if (!membership) return invocation;
  const target = await leaf.targetOf?.(options, deps);
  if (!target || target.platform !== invocation.platform || !(await membership(target.tenant))) {
    throw new UserError('not-in-direct-messages', 'This works only in the server it belongs to, for its members.');
  }
  const { thread: _thread, ...outsideThread } = rest;
  return { ...outsideThread, tenant: target.tenant, channel: target.channel };
}
