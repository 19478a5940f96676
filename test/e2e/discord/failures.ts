/** Refusals Discord gives for missing rights or things that are gone, with its own codes and HTTP statuses. */
export const REFUSALS = {
  missingPermissions: { status: 403, body: { message: 'Missing Permissions', code: 50013 } },
  missingAccess: { status: 403, body: { message: 'Missing Access', code: 50001 } },
  cannotDm: { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } },
  unknownChannel: { status: 404, body: { message: 'Unknown Channel', code: 10003 } },
} as const;

export type Refusal = keyof typeof REFUSALS;

interface Drop {
  method: string;
  path: RegExp;
  left: number;
}

function take(drops: Drop[], method: string, path: string): boolean {
  const drop = drops.find((candidate) => candidate.left > 0 && candidate.method === method && candidate.path.test(path));
  if (!drop) return false;
  drop.left -= 1;
  return true;
}

/**
 * Refusals on demand: a request whose method and path match a rule is answered with the refusal instead of being
 * served, as Discord does when the bot lacks a permission in that channel or the channel is gone.
 */
export class DiscordFailures {
  private readonly rules: { method: string; path: RegExp; refusal: Refusal }[] = [];
  private readonly drops: Drop[] = [];
  private readonly unserved: Drop[] = [];
  /** Users who do not accept direct messages from server members: a message to them gets 50007. */
  readonly closedDirectMessages = new Set<string>();

  /** The user turned off direct messages from server members (Discord answers 50007 to a DM). */
  closeDirectMessages(userId: string): void {
    this.closedDirectMessages.add(userId);
  }

  /** Refuse `method` requests to paths matching `path` with `refusal` until cleared. */
  refuse(method: string, path: RegExp, refusal: Refusal): void {
    this.rules.push({ method, path, refusal });
  }

  /** Refuse starting threads in a channel (no Create Public Threads permission there). */
  refuseThreads(channelId: string, refusal: Refusal = 'missingPermissions'): void {
    this.refuse('POST', new RegExp(`^/channels/${channelId}/messages/\\d+/threads$`), refusal);
  }

  /** Refuse posting in a channel. */
  refusePosts(channelId: string, refusal: Refusal): void {
    this.refuse('POST', new RegExp(`^/channels/${channelId}/messages$`), refusal);
  }

  /**
   * Serve the next `times` requests matching `method` and `path`, then close the connection instead of answering,
   * as when a connection drops after Discord did the work: the client cannot tell whether it went through.
   */
  dropAnswers(method: string, path: RegExp, times = 1): void {
    this.drops.push({ method, path, left: times });
  }

  /**
   * Close the connection of the next `times` requests matching `method` and `path` before serving them, as when a
   * connection drops on the way: Discord never saw them.
   */
  dropRequests(method: string, path: RegExp, times = 1): void {
    this.unserved.push({ method, path, left: times });
  }

  /** True (and counted) when this request is to be dropped unserved. */
  takeUnserved(method: string, path: string): boolean {
    return take(this.unserved, method, path);
  }

  /** True (and counted) when this request's answer is to be dropped. */
  takeDrop(method: string, path: string): boolean {
    return take(this.drops, method, path);
  }

  clear(): void {
    this.rules.length = 0;
    this.drops.length = 0;
    this.unserved.length = 0;
    this.closedDirectMessages.clear();
  }

  /** The refusal for this request, if a rule matches. */
  match(method: string, path: string): (typeof REFUSALS)[Refusal] | undefined {
    const rule = this.rules.find((candidate) => candidate.method === method && candidate.path.test(path));
    return rule ? REFUSALS[rule.refusal] : undefined;
  }
}
