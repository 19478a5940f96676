import type { Database } from 'better-sqlite3';
import type { MatchCandidate } from '../../core/stream/ports.js';

interface Cached {
  candidates: MatchCandidate[];
  revision: number;
  /** Highest submission id read so far, of any tenant. */
  lastId: number;
}

const MAX_CACHED_SESSIONS = 64;

/**
 * The questions a new one is judged against (approved ones of the tenant, waiting ones of the session), kept per
 * session between submissions. Questions added since are read by id; any change to a stored question raises the
 * tenant's revision (database triggers, so changes by other connections count too) and the list is read again.
 * The same array is returned and grown while nothing changed, so callers can index it incrementally.
 */
export function matchCandidateReader(client: Database): (tenantId: number, sessionId: number) => readonly MatchCandidate[] {
  const revisionOf = client.prepare('select submissions_revision from tenants where id = ?').pluck();
  const lastIdOf = client.prepare('select coalesce(max(id), 0) from submissions').pluck();
  const all = client
    .prepare(
      `select id, session_id, user_id, normalized, category, status from submissions
       where tenant_id = ? and (status = 'approved' or (session_id = ? and status = 'pending')) order by id`,
    )
    .raw(true);
  const newer = client
    .prepare('select id, session_id, user_id, normalized, category, status, tenant_id from submissions where id > ? order by id')
    .raw(true);
  const cache = new Map<string, Cached>();

  const load = (tenantId: number, sessionId: number, revision: number): Cached => {
    const lastId = Number(lastIdOf.get());
    const candidates = (all.all(tenantId, sessionId) as unknown[][]).map(toCandidate);
    return { candidates, revision, lastId };
  };

  return (tenantId, sessionId) => {
    const key = `${tenantId}:${sessionId}`;
    const revision = Number(revisionOf.get(tenantId) ?? 0);
    let cached = cache.get(key);
    // Fewer rows than were read means a transaction that added some was rolled back: read again.
    if (!cached || cached.revision !== revision || Number(lastIdOf.get()) < cached.lastId) {
      cached = load(tenantId, sessionId, revision);
    } else {
      for (const row of newer.all(cached.lastId) as unknown[][]) {
        cached.lastId = row[0] as number;
        const candidate = toCandidate(row);
        const listed =
          row[6] === tenantId &&
          (candidate.status === 'approved' || (candidate.sessionId === sessionId && candidate.status === 'pending'));
        if (listed) cached.candidates.push(candidate);
      }
    }
    cache.delete(key);
    cache.set(key, cached);
    if (cache.size > MAX_CACHED_SESSIONS) cache.delete(cache.keys().next().value as string);
    return cached.candidates;
  };
}

function toCandidate([id, session, author, normalized, category, status]: unknown[]): MatchCandidate {
  return {
    id: id as number,
    sessionId: session as number,
    authorId: (author as number | null) ?? undefined,
    normalized: normalized as string,
    category: (category as string | null) ?? undefined,
    status: status as MatchCandidate['status'],
  };
}
