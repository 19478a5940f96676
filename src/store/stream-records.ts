import type { StoredStreamLink } from '../core/stream/link-ports.js';
import type { StreamSession, Submission } from '../core/stream/ports.js';
import type { channels, streamLinks, streamSessions, submissions, users } from './schema.js';

// Rows as both dialects read them: the PostgreSQL twin of each table has the same columns and column types.
type Channel = typeof channels.$inferSelect;
type User = typeof users.$inferSelect;

type SessionRow = Pick<
  typeof streamSessions.$inferSelect,
  | 'id'
  | 'channelId'
  | 'title'
  | 'status'
  | 'moderation'
  | 'highlightedId'
  | 'perUserPerMinute'
  | 'perUserPerSession'
  | 'startedAt'
  | 'endedAt'
> & { tenantId: Channel['tenantId']; channel: Channel['externalId'] };

export function toSession(row: SessionRow): StreamSession {
  return {
    id: row.id,
    tenantId: row.tenantId,
    channelId: row.channelId,
    channel: row.channel,
    title: row.title,
    status: row.status,
    moderation: row.moderation,
    highlightedId: row.highlightedId ?? undefined,
    limits: { perUserPerMinute: row.perUserPerMinute, perUserPerSession: row.perUserPerSession },
    startedAt: row.startedAt,
    endedAt: row.endedAt ?? undefined,
  };
}

/** A submission joined with its author (absent once erased) and its vote count. */
type SubmissionRow = Omit<typeof submissions.$inferSelect, 'idempotencyKey' | 'updatedAt'> & {
  externalId: User['externalId'] | null;
  name: User['displayName'] | null;
  votes: number;
};

export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    tenantId: row.tenantId,
    sessionId: row.sessionId,
    author:
      row.userId !== null && row.externalId !== null
        ? { userId: row.userId, externalId: row.externalId, name: row.name ?? row.externalId }
        : undefined,
    text: row.text,
    normalized: row.normalized,
    category: row.category ?? undefined,
    topic: row.topic ?? undefined,
    anonymous: row.anonymous,
    status: row.status,
    mergedInto: row.mergedInto ?? undefined,
    rejectReason: row.rejectReason ?? undefined,
    votes: Number(row.votes),
    createdAt: row.createdAt,
    approvedAt: row.approvedAt ?? undefined,
    answeredAt: row.answeredAt ?? undefined,
  };
}

export function toStreamLink(row: typeof streamLinks.$inferSelect): StoredStreamLink {
  return {
    id: row.id,
    tenantId: row.tenantId,
    sessionId: row.sessionId,
    kind: row.kind,
    tokenHash: row.tokenHash,
    createdBy: row.createdBy,
    revokedAt: row.revokedAt ?? undefined,
  };
}
