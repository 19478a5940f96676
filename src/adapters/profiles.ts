import type { PlatformProfiles } from '../core/platform.js';
import { consoleProfile } from './console/profile.js';
import { discordProfile } from './discord/profile.js';
import { slackProfile } from './slack/profile.js';

/** What each adapter says its platform is, for the core to ask. */
export const platformProfiles: PlatformProfiles = { discord: discordProfile, slack: slackProfile, console: consoleProfile };
