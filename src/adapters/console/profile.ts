import type { PlatformProfile } from '../../core/platform.js';

export const consoleProfile: PlatformProfile = {
  commandPrefix: '/',
  tenantNoun: 'console',
  rolesFrom: 'The console says who is an admin when it starts.',
  checksChannels: false,
  capabilities: [],
};
