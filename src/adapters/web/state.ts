import type { Deps } from '../../core/deps.js';
import type { Platform } from '../../core/invocation.js';
import { mostWantedQuery } from '../../core/stream/board.js';
import type { StreamSession, Submission } from '../../core/stream/ports.js';

/** A question as the pages show it: plain data, the browser writes every string as text. */
interface PageQuestion {
  id: number;
  text: string;
  category: string | null;
  /** Null when asked anonymously. */
  author: string | null;
  votes: number;
  status: 'pending' | 'approved';
  answered: boolean;
  createdAt: number;
}

interface OverlayState {
  title: string;
  open: boolean;
  /** How viewers ask, e.g. "Ask with /ask in #live"; platforms' channel ids mean nothing on screen, so they stay out. */
  callToAction: string;
  onStream: PageQuestion | null;
  next: PageQuestion[];
}

interface HostState extends OverlayState {
  moderation: 'pre' | 'post';
  counts: { pending: number; approved: number; answered: number; rejected: number; merged: number; submitted: number };
  queue: PageQuestion[];
}

/** How many of the most wanted, and of the newest, questions the host screen carries at once. */
const HOST_QUEUE_MAX = 200;

function pageQuestion(item: Submission): PageQuestion {
  return {
    id: item.id,
    text: item.text,
    category: item.category ?? null,
    author: item.anonymous || !item.author ? null : item.author.name,
    votes: item.votes,
    status: item.status === 'approved' ? 'approved' : 'pending',
    answered: item.answeredAt !== undefined,
    createdAt: item.createdAt.getTime(),
  };
}

async function onStreamOf(deps: Deps, session: StreamSession): Promise<Submission | undefined> {
  if (session.highlightedId === undefined) return undefined;
  const item = await deps.store.stream.submission(session.tenantId, session.highlightedId);
  return item && (item.status === 'pending' || item.status === 'approved') ? item : undefined;
}

/** What the overlay shows: the question on stream and the three most wanted after it, as stored now. */
function callToAction(deps: Deps, session: StreamSession, platform: Platform): string {
  const command = `${deps.platforms[platform].commandPrefix}ask`;
  return platform === 'console' ? `Ask with ${command} in #${session.channel}` : `Ask with ${command} in the chat`;
}

export async function overlayState(deps: Deps, session: StreamSession, platform: Platform): Promise<OverlayState> {
  const onStream = await onStreamOf(deps, session);
  const next = (await deps.store.stream.listSubmissions({ ...mostWantedQuery(session), limit: 4 }))
    .filter((item) => item.id !== onStream?.id)
    .slice(0, 3);
  return {
    title: session.title,
    open: session.status === 'open',
    callToAction: callToAction(deps, session, platform),
    onStream: onStream ? pageQuestion(onStream) : null,
    next: next.map(pageQuestion),
  };
}

/** What the host screen shows: the overlay's state, the counts, and every question still to deal with. */
export async function hostState(deps: Deps, session: StreamSession, platform: Platform): Promise<HostState> {
  const stream = deps.store.stream;
  const stats = await stream.sessionStats(session.id);
  // The most wanted and the newest, so that either order the host picks is complete at its top.
  const open = { sessionId: session.id, statuses: ['pending', 'approved'] as const, answered: false, limit: HOST_QUEUE_MAX };
  const queue = new Map<number, Submission>();
  for (const item of await stream.listSubmissions({ ...open, statuses: [...open.statuses], sort: 'votes' }))
    queue.set(item.id, item);
  for (const item of await stream.listSubmissions({ ...open, statuses: [...open.statuses], sort: 'new' }))
    queue.set(item.id, item);
  return {
    ...(await overlayState(deps, session, platform)),
    moderation: session.moderation,
    counts: {
      submitted: stats.submitted,
      pending: stats.pending,
      approved: stats.approved,
      answered: stats.answered,
      rejected: stats.rejected,
      merged: stats.merged,
    },
    queue: [...queue.values()].map(pageQuestion),
  };
}
