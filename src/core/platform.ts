/** Every platform the bot speaks on. This is the one list; the database enum and the `Platform` type come from it. */
export const platforms = ['discord', 'slack', 'console'] as const;

export type Platform = (typeof platforms)[number];

/** What a platform offers beyond what every platform has; a command that needs one is offered only there. */
export type Capability = 'moderators-named-in-bot';

/** What an adapter says about its platform. The core asks this and never branches on a platform's name. */
export interface PlatformProfile {
  /** What a person types before a command's name: "/" or "/cookbook ". */
  commandPrefix: string;
  /** What the platform calls a tenant: "server", "workspace". */
  tenantNoun: string;
  /** Where a person's role comes from, as a sentence for the people who manage moderators. */
  rolesFrom: string;
  /**
   * Whether a channel named in an option must be one the platform knows and the person can see; where channels are
   * just names a person types (the console), any name goes.
   */
  checksChannels: boolean;
  capabilities: readonly Capability[];
}

export type PlatformProfiles = Readonly<Record<Platform, PlatformProfile>>;

export function offers(profile: PlatformProfile, capability: Capability): boolean {
  return profile.capabilities.includes(capability);
}
