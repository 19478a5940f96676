import { and, asc, count, eq, gt, or, type SQL } from 'drizzle-orm';
import type { MatchCandidate } from '../../../core/stream/ports.js';
import { submissions, tenants } from '../schema.js';
import type { PgSession } from '../session.js';

interface Cached {
  candidates: MatchCandidate[];
  revision: number;
  /** Highest candidate id in the list. */
  lastId: number;
}

const MAX_CACHED_SESSIONS = 64;

const candidateColumns = {
  id: submissions.id,
  sessionId: submissions.sessionId,
  authorId: submissions.userId,
  normalized: submissions.normalized,
  category: submissions.category,
  status: submissions.status,
};

/**
 * The questions a new one is judged against (approved ones of the tenant, waiting ones of the session), kept per
 * session between submissions, as on SQLite. Any change to a stored question raises the tenant's revision (the
 * triggers of migrations-pg/0001, in the writer's own transaction) and the list is read again. While the revision
 * stands, only new questions can have come; with several writers their ids do not commit in order (a lower id can
 * commit after a higher one was read), so the new rows are read by id and the list is kept only when its length
 * plus theirs is the count the database holds; anything else reads the whole list again.
 */
export function matchCandidateReaderPg(
  session: PgSession,
): (tenantId: number, sessionId: number) => Promise<readonly MatchCandidate[]> {
  const db = () => session.executor();
  const cache = new Map<string, Cached>();
  const listed = (tenantId: number, sessionId: number): SQL | undefined =>
    and(
      eq(submissions.tenantId, tenantId),
      or(eq(submissions.status, 'approved'), and(eq(submissions.sessionId, sessionId), eq(submissions.status, 'pending'))),
    );

  const load = async (tenantId: number, sessionId: number, revision: number): Promise<Cached> => {
    const rows = await db()
      .select(candidateColumns)
      .from(submissions)
      .where(listed(tenantId, sessionId))
      .orderBy(asc(submissions.id));
    const candidates = rows.map(toCandidate);
    return { candidates, revision, lastId: candidates.at(-1)?.id ?? 0 };
  };

  const grown = async (cached: Cached, tenantId: number, sessionId: number): Promise<boolean> => {
    const [rows, [total]] = await Promise.all([
      db()
        .select(candidateColumns)
        .from(submissions)
        .where(and(listed(tenantId, sessionId), gt(submissions.id, cached.lastId)))
        .orderBy(asc(submissions.id)),
      db().select({ count: count() }).from(submissions).where(listed(tenantId, sessionId)),
    ]);
    if (cached.candidates.length + rows.length !== Number(total?.count ?? 0)) return false;
    for (const row of rows) cached.candidates.push(toCandidate(row));
    cached.lastId = cached.candidates.at(-1)?.id ?? cached.lastId;
    return true;
  };

  return async (tenantId, sessionId) => {
    const key = `${tenantId}:${sessionId}`;
    const [tenant] = await db().select({ revision: tenants.submissionsRevision }).from(tenants).where(eq(tenants.id, tenantId));
    const revision = tenant?.revision ?? 0;
    let cached = cache.get(key);
    if (!cached || cached.revision !== revision || !(await grown(cached, tenantId, sessionId))) {
      cached = await load(tenantId, sessionId, revision);
    }
    cache.delete(key);
    cache.set(key, cached);
    if (cache.size > MAX_CACHED_SESSIONS) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    return cached.candidates;
  };
}

function toCandidate(row: {
  id: number;
  sessionId: number;
  authorId: number | null;
  normalized: string;
  category: string | null;
  status: MatchCandidate['status'];
}): MatchCandidate {
  return {
    id: row.id,
    sessionId: row.sessionId,
    authorId: row.authorId ?? undefined,
    normalized: row.normalized,
    category: row.category ?? undefined,
    status: row.status,
  };
}
