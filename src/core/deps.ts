import type { Registry } from './command-kit/registry.js';
import type { Content } from './content/content.js';
import type { Logger } from './logger.js';
import type { PlatformProfile, PlatformProfiles } from './platform.js';
import type { Ports } from './ports.js';
import type { SessionChanges } from './stream/session-changes.js';

/** Tunable behaviour, from configuration. */
export interface Settings {
  stream: { perUserPerMinute: number; perUserPerSession: number };
  daily: { graceMinutes: number; answerMinutes: number };
  /** Where the web pages are reached, for the links the bot hands out (e.g. https://bot.example.org). */
  publicUrl?: string | undefined;
}

/** What every command and job receives. */
export interface Deps {
  registry: Registry;
  content: Content;
  store: Ports;
  log: Logger;
  /** A seeded source in [0, 1); tests and benchmarks make picks repeatable with it. */
  random: () => number;
  settings: Settings;
  /** Told of every session a command changed; absent where nothing follows sessions live. */
  changes?: SessionChanges;
  /** What each platform's adapter says it is. */
  platforms: PlatformProfiles;
}

export function profileOf(deps: Pick<Deps, 'platforms'>, invocation: { platform: keyof PlatformProfiles }): PlatformProfile {
  return deps.platforms[invocation.platform];
}
