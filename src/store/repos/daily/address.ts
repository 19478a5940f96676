import { channels, tenants } from '../../schema.js';

export const address = {
  tenantId: tenants.id,
  platform: tenants.platform,
  tenant: tenants.externalId,
  channel: channels.externalId,
};
