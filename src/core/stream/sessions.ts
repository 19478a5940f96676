import { formatCommandLine } from '../command-kit/command-line.js';
import { showInstant } from '../daily/time.js';
import { channelZone } from '../daily/zone.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { channel, command, lines, type RichPart, rich } from '../rich-text.js';
import { cleanLine, plural } from '../text.js';
import type { Message, View } from '../view.js';
import { boardView, LIST_PAGE_SIZE, loadBoard, summaryBoardView, visibleStatuses, voteSelect } from './board.js';
import { toMarkdown } from './export.js';
import { openSessionOrFail, resolveSession } from './lookup.js';
import type { ModerationMode, StreamSession } from './ports.js';
import { resemblances } from './similar.js';
import { QUEUE_PAGE_SIZE, queueView, quotedText, statusView } from './views.js';

export const TITLE_MAX = 100;

/** A channel option as typed or mentioned (`<#123>`), as the platform's id. */
function channelId(raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw.trim() === '') return fallback;
  const id = /^<#([\w-]+)(?:\|[^>]*)?>$/.exec(raw.trim())?.[1] ?? raw.trim().replace(/^#/, '');
  if (!/^[\w.-]{1,64}$/.test(id)) throw new UserError('channel-bad', 'The channel must be a channel mention or id.');
  return id;
}

function place(where: string, invocation: Invocation): RichPart {
  return where === invocation.channel ? 'in this channel' : rich('in ', channel(where));
}

export async function startSession(
  invocation: Invocation,
  deps: Deps,
  rawTitle: string,
  rawChannel: string | undefined,
  moderation: ModerationMode = 'pre',
): Promise<Message[]> {
  const title = cleanLine(rawTitle);
  if (title.length < 2 || title.length > TITLE_MAX) {
    throw new UserError('title-length', `A session title needs 2-${TITLE_MAX} characters.`);
  }
  const target = { ...invocation, channel: channelId(rawChannel, invocation.channel) };
  return await deps.store.stream.atomically(async () => {
    const seen = await deps.store.directory.touch(target);
    const existing = await deps.store.stream.openSession(seen.channelId);
    if (existing) {
      throw new UserError(
        'session-open',
        rich(
          'A session is already open ',
          place(existing.channel, invocation),
          `: "${existing.title}" (session #${existing.id}, started `,
          showInstant(existing.startedAt, await channelZone(deps, seen.channelId)),
          '); end it with ',
          command('stream end'),
          ' before starting another.',
        ),
      );
    }
    const limits = { ...deps.settings.stream };
    const id = await deps.store.stream.startSession({
      channelId: seen.channelId,
      title,
      moderation,
      startedBy: seen.userId,
      limits,
      now: invocation.now,
    });
    await deps.store.stream.recordAction({
      tenantId: seen.tenantId,
      submissionId: undefined,
      moderatorId: seen.userId,
      action: 'start',
      detail: { sessionId: id, title, channel: target.channel, moderation },
      at: invocation.now,
    });
    const session = await deps.store.stream.sessionById(id);
    if (!session) throw new Error(`session ${id} was not stored`);
    const listing = moderation === 'post' ? 'questions are listed at once' : 'questions are listed once approved';
    return [
      {
        kind: 'reply',
        view: {
          text: rich(
            `Session #${id} "${title}" is open `,
            place(target.channel, invocation),
            ` (${listing}). Review questions with `,
            command('stream queue'),
            '; close it with ',
            command('stream end'),
            '.',
          ),
          tone: 'success',
          ephemeral: true,
        },
      },
      {
        kind: 'post',
        channel: target.channel,
        view: boardView(await loadBoard(deps, session)),
        track: { entity: 'stream_session', id },
        pin: true,
        nonce: `stream-session:${id}`,
      },
    ];
  });
}

export async function endSession(invocation: Invocation, deps: Deps): Promise<Message[]> {
  return await deps.store.stream.atomically(async () => {
    const seen = await deps.store.directory.touch(invocation);
    const session = await openSessionOrFail(deps, seen);
    await deps.store.stream.endSession(session.id, invocation.now);
    await deps.store.stream.setHighlight(session.id, null);
    await deps.store.stream.recordAction({
      tenantId: seen.tenantId,
      submissionId: undefined,
      moderatorId: seen.userId,
      action: 'end',
      detail: { sessionId: session.id },
      at: invocation.now,
    });
    const closed: StreamSession = { ...session, status: 'closed', endedAt: invocation.now, highlightedId: undefined };
    const state = await loadBoard(deps, closed);
    const { stats } = state;
    const approved = await deps.store.stream.approvedQuestions({ sessionId: session.id });
    const summary = summaryBoardView(state);
    if (approved.length > 0) {
      summary.attachments = [
        {
          filename: `questions-session-${session.id}.md`,
          contentType: 'text/markdown',
          content: toMarkdown(approved, deps.content),
        },
      ];
    }
    return [
      {
        kind: 'reply',
        view: {
          text: rich(
            stats.pending > 0
              ? rich(
                  `Session #${session.id} has ended; ${plural(stats.pending, 'question')} still ${stats.pending === 1 ? 'waits' : 'wait'} in `,
                  command(`stream queue session:${session.id}`),
                  '.',
                )
              : `Session #${session.id} has ended; every question has been reviewed.`,
          ),
          tone: 'success',
          ephemeral: true,
        },
      },
      { kind: 'edit', target: { entity: 'stream_session', id: session.id }, view: summary },
    ];
  });
}

export async function sessionStatus(invocation: Invocation, deps: Deps, sessionId: number | undefined): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const session = await resolveSession(deps, seen, sessionId);
  return statusView(await loadBoard(deps, session), await channelZone(deps, session.channelId));
}

/** "Show all": every listed question of the session, most votes first, a page at a time, privately. */
export async function listQuestions(
  invocation: Invocation,
  deps: Deps,
  options: { page: number; sessionId: number | undefined },
): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const session = await resolveSession(deps, seen, options.sessionId);
  const query = { sessionId: session.id, statuses: visibleStatuses(session), sort: 'votes' as const };
  const total = await deps.store.stream.countSubmissions(query);
  const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pages);
  const items = await deps.store.stream.listSubmissions({ ...query, limit: LIST_PAGE_SIZE, offset: (page - 1) * LIST_PAGE_SIZE });
  const listed = items.map(
    (item, index) =>
      `${(page - 1) * LIST_PAGE_SIZE + index + 1}. ${quotedText(item, 200)} · ${plural(item.votes, 'vote')}${item.answeredAt ? ' · answered' : ''}`,
  );
  const actions: View['actions'] = [];
  const vote = voteSelect(items.filter((item) => !item.answeredAt));
  if (vote && session.status === 'open') actions.push(vote);
  if (page > 1)
    actions.push({
      type: 'button',
      id: formatCommandLine(['stream', 'list'], { page: page - 1, session: session.id }),
      label: 'Previous page',
    });
  if (page < pages)
    actions.push({
      type: 'button',
      id: formatCommandLine(['stream', 'list'], { page: page + 1, session: session.id }),
      label: 'Next page',
    });
  return {
    title: `All questions: ${session.title}`,
    text: listed.length > 0 ? lines(listed) : rich('No questions are listed yet.'),
    actions,
    footer: `${plural(total, 'question')} listed · page ${page} of ${pages} · session #${session.id}`,
    ephemeral: true,
  };
}

export async function reviewQueue(
  invocation: Invocation,
  deps: Deps,
  options: { sort: 'votes' | 'new'; page: number; sessionId: number | undefined },
): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const session = await resolveSession(deps, seen, options.sessionId);
  const query = { sessionId: session.id, statuses: ['pending' as const] };
  const total = await deps.store.stream.countSubmissions(query);
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page), pages);
  const items = await deps.store.stream.listSubmissions({
    ...query,
    sort: options.sort,
    limit: QUEUE_PAGE_SIZE,
    offset: (page - 1) * QUEUE_PAGE_SIZE,
  });
  const highlighted =
    session.highlightedId === undefined ? undefined : await deps.store.stream.submission(seen.tenantId, session.highlightedId);
  const similar = await resemblances(deps.store.stream, deps.content, items);
  return queueView({ session, highlighted, items, total, page, sort: options.sort, similar });
}
