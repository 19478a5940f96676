import type { PlatformProfile } from '../../core/platform.js';

export const slackProfile: PlatformProfile = {
  commandPrefix: '/cookbook ',
  tenantNoun: 'workspace',
  rolesFrom: 'Workspace admins and owners are always moderators.',
  checksChannels: true,
  capabilities: ['moderators-named-in-bot'],
};
