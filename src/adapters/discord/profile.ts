import type { PlatformProfile } from '../../core/platform.js';

export const discordProfile: PlatformProfile = {
  commandPrefix: '/',
  tenantNoun: 'server',
  rolesFrom: 'Moderators are the members who may manage messages in a channel; admins manage the server.',
  checksChannels: true,
  capabilities: [],
};
