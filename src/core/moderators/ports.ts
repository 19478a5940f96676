import type { Platform } from '../invocation.js';

interface GrantedModerator {
  id: string;
  name: string;
}

/** People granted the moderator role inside the bot (on Slack, named by a workspace admin). */
export interface ModeratorsPort {
  list(platform: Platform, tenant: string): Promise<GrantedModerator[]>;
  /** The name last seen for a user, if the bot has met them. */
  knownName(platform: Platform, tenant: string, user: string): Promise<string | undefined>;
}
