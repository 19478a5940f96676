import type { PointReason } from './ports.js';

export interface BoardQuery {
  tenantId: number;
  /** Only points earned in this channel. */
  channelId?: number;
  /** Only points earned at or after this instant. */
  since?: Date;
  /** Only points earned before this instant. */
  until?: Date;
  /** Only points given for these reasons. */
  reasons?: readonly PointReason[];
}

export interface BoardRow {
  userId: number;
  /** The platform's user id. */
  user: string;
  name: string;
  points: number;
}

export interface Member {
  userId: number;
  user: string;
  name: string;
}

/** Read side of the points ledger. */
export interface ScoreQueriesPort {
  /** Everyone with points in the query's scope, most points first (ties: who got there first). */
  board(query: BoardQuery): Promise<BoardRow[]>;
  pointsByReason(tenantId: number, userId: number): Promise<Partial<Record<PointReason, number>>>;
  member(tenantId: number, user: string): Promise<Member | undefined>;
}
