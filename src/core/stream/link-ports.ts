import type { Platform } from '../platform.js';

export type StreamLinkKind = 'overlay' | 'host';

export interface StoredStreamLink {
  id: number;
  tenantId: number;
  sessionId: number;
  kind: StreamLinkKind;
  tokenHash: string;
  /** The moderator who created the link (users.id); the host screen acts as them. */
  createdBy: number;
  revokedAt: Date | undefined;
}

/** Who a link acts as, as the platform knows them. */
export interface LinkOwner {
  platform: Platform;
  tenant: string;
  userId: string;
  name: string;
}

export interface StreamLinksPort {
  add(link: {
    tenantId: number;
    sessionId: number;
    kind: StreamLinkKind;
    tokenHash: string;
    createdBy: number;
    now: Date;
  }): Promise<void>;
  byTokenHash(tokenHash: string): Promise<StoredStreamLink | undefined>;
  /** Revokes every live link of the session; returns how many. */
  revokeSession(sessionId: number, now: Date): Promise<number>;
  owner(link: StoredStreamLink): Promise<LinkOwner | undefined>;
}
