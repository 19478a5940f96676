import type { Platform } from './platform.js';

export type { Platform };

export type Role = 'everyone' | 'moderator' | 'admin';

export interface Actor {
  id: string;
  name: string;
  /** What the platform says this person may do, re-read from the platform on every invocation. */
  role: Role;
}

export type OptionValue = string | number | boolean;

/** `Options` are the option values of the command, typed from its specs where the command is known. */
export interface Invocation<Options extends object = Record<string, OptionValue>> {
  platform: Platform;
  /** A Discord guild, a Slack team, or "console". */
  tenant: string;
  channel: string;
  /** The thread the command was typed in, when there is one. */
  thread?: string;
  user: Actor;
  /** Command path, e.g. ["daily", "schedule"]. */
  command: string[];
  options: Options;
  now: Date;
  /** Platform event or interaction id; the same key is processed once. */
  idempotencyKey?: string;
  /**
   * Whether a channel named in an option is one of this tenant's channels that the invoking person can see; asked
   * of the platform at the time. Absent where the adapter cannot tell: then only the invocation's own channel goes.
   */
  channelAccess?: (channel: string) => Promise<ChannelAccess>;
  /**
   * Present only for an invocation from outside any tenant (a direct message): whether the invoking person is a member
   * of `tenant` now, asked of the platform. Such an invocation runs in the tenant of what it acts on, or not at all.
   */
  membership?: (tenant: string) => Promise<boolean>;
  /**
   * The invoking person's role in another channel of this tenant, as the platform says now. Absent where roles hold
   * in the whole tenant.
   */
  roleIn?: (channel: string) => Role;
}

/** Where an action acts: the platform's tenant and channel of the thing its options name. */
export interface Target {
  platform: Platform;
  tenant: string;
  channel: string;
}

/** "visible": a channel of this tenant the person can see; "hidden": theirs but not visible to them; "unknown": not a channel here. */
export type ChannelAccess = 'visible' | 'hidden' | 'unknown';

const rank: Record<Role, number> = { everyone: 0, moderator: 1, admin: 2 };

export function hasRole(actor: Actor, needed: Role): boolean {
  return rank[actor.role] >= rank[needed];
}
