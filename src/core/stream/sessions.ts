import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { cleanLine, escapeMarkdown, plural } from '../text.js';
import type { Message, View } from '../view.js';
import { toMarkdown } from './export.js';
import { openSessionOrFail, resolveSession, utcTime } from './lookup.js';
import type { StreamSession, Submission } from './ports.js';
import { resemblances } from './similar.js';
import { QUEUE_PAGE_SIZE, queueView, sessionStartView, statusView, summaryView } from './views.js';

export const TITLE_MAX = 100;

/** A channel option as typed or mentioned (`<#123>`), as the platform's id. */
function channelId(raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw.trim() === '') return fallback;
  const id = /^<#([\w-]+)(?:\|[^>]*)?>$/.exec(raw.trim())?.[1] ?? raw.trim().replace(/^#/, '');
  if (!/^[\w.-]{1,64}$/.test(id)) throw new UserError('channel-bad', 'The channel must be a channel mention or id.');
  return id;
}

function place(channel: string, invocation: Invocation): string {
  return channel === invocation.channel ? 'in this channel' : `in <#${channel}>`;
}

export function startSession(invocation: Invocation, deps: Deps, rawTitle: string, rawChannel: string | undefined): Message[] {
  const title = cleanLine(rawTitle);
  if (title.length < 2 || title.length > TITLE_MAX) {
    throw new UserError('title-length', `A session title needs 2-${TITLE_MAX} characters.`);
  }
  const target = { ...invocation, channel: channelId(rawChannel, invocation.channel) };
  return deps.store.stream.atomically(() => {
    const seen = deps.store.directory.touch(target);
    const existing = deps.store.stream.openSession(seen.channelId);
    if (existing) {
      throw new UserError(
        'session-open',
        `A session is already open ${place(existing.channel, invocation)}: "${escapeMarkdown(existing.title)}" (session #${existing.id}, started ${utcTime(existing.startedAt)}); end it with /stream end before starting another.`,
      );
    }
    const limits = { ...deps.settings.stream };
    const id = deps.store.stream.startSession({
      channelId: seen.channelId,
      title,
      startedBy: seen.userId,
      limits,
      now: invocation.now,
    });
    deps.store.stream.recordAction({
      tenantId: seen.tenantId,
      submissionId: undefined,
      moderatorId: seen.userId,
      action: 'start',
      detail: { sessionId: id, title, channel: target.channel },
      at: invocation.now,
    });
    return [
      {
        kind: 'reply',
        view: {
          text: `Session #${id} "${escapeMarkdown(title)}" is open ${place(target.channel, invocation)}. Review questions with /stream queue; close it with /stream end.`,
          tone: 'success',
          ephemeral: true,
        },
      },
      {
        kind: 'post',
        channel: target.channel,
        view: sessionStartView({ id, title, limits }),
        track: { entity: 'stream_session', id },
        pin: true,
        nonce: `stream-session:${id}`,
      },
    ];
  });
}

function mostWanted(deps: Deps, sessionId: number, limit: number): Submission[] {
  return deps.store.stream
    .listSubmissions({ sessionId, statuses: ['pending', 'approved'], sort: 'votes', limit })
    .filter((submission) => submission.votes > 0);
}

export function endSession(invocation: Invocation, deps: Deps): Message[] {
  return deps.store.stream.atomically(() => {
    const seen = deps.store.directory.touch(invocation);
    const session = openSessionOrFail(deps, seen);
    deps.store.stream.endSession(session.id, invocation.now);
    deps.store.stream.setHighlight(session.id, null);
    deps.store.stream.recordAction({
      tenantId: seen.tenantId,
      submissionId: undefined,
      moderatorId: seen.userId,
      action: 'end',
      detail: { sessionId: session.id },
      at: invocation.now,
    });
    const stats = deps.store.stream.sessionStats(session.id);
    const markdown = toMarkdown(deps.store.stream.approvedQuestions({ sessionId: session.id }), deps.content);
    const closed: StreamSession = { ...session, status: 'closed', endedAt: invocation.now, highlightedId: undefined };
    return [
      {
        kind: 'reply',
        view: {
          text:
            stats.pending > 0
              ? `Session #${session.id} has ended; ${plural(stats.pending, 'question')} still ${stats.pending === 1 ? 'waits' : 'wait'} in /stream queue session:${session.id}.`
              : `Session #${session.id} has ended; every question has been reviewed.`,
          tone: 'success',
          ephemeral: true,
        },
      },
      {
        kind: 'post',
        channel: session.channel,
        view: summaryView(closed, stats, mostWanted(deps, session.id, 5), markdown),
        nonce: `stream-summary:${session.id}`,
      },
    ];
  });
}

export function sessionStatus(invocation: Invocation, deps: Deps, sessionId: number | undefined): View {
  const seen = deps.store.directory.touch(invocation);
  const session = resolveSession(deps, seen, sessionId);
  const highlighted =
    session.highlightedId === undefined ? undefined : deps.store.stream.submission(seen.tenantId, session.highlightedId);
  const answered = deps.store.stream
    .listSubmissions({ sessionId: session.id, statuses: ['approved'], sort: 'old' })
    .filter((submission) => submission.answeredAt !== undefined)
    .slice(-5);
  return statusView(session, deps.store.stream.sessionStats(session.id), highlighted, mostWanted(deps, session.id, 3), answered);
}

export function reviewQueue(
  invocation: Invocation,
  deps: Deps,
  options: { sort: 'votes' | 'new'; page: number; sessionId: number | undefined },
): View {
  const seen = deps.store.directory.touch(invocation);
  const session = resolveSession(deps, seen, options.sessionId);
  const query = { sessionId: session.id, statuses: ['pending' as const] };
  const total = deps.store.stream.countSubmissions(query);
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pages);
  const items = deps.store.stream.listSubmissions({
    ...query,
    sort: options.sort,
    limit: QUEUE_PAGE_SIZE,
    offset: (page - 1) * QUEUE_PAGE_SIZE,
  });
  const highlighted =
    session.highlightedId === undefined ? undefined : deps.store.stream.submission(seen.tenantId, session.highlightedId);
  const similar = resemblances(deps.store.stream, deps.content, items);
  return queueView({ session, highlighted, items, total, page, sort: options.sort, similar });
}
