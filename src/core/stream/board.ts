import { formatCommandLine } from '../command-kit/command-line.js';
import type { Deps } from '../deps.js';
import { bold, lines, list, type RichPart, rich } from '../rich-text.js';
import { plural, trimAtWord } from '../text.js';
import type { Action, View } from '../view.js';
import type { SessionStats, StreamSession, Submission, SubmissionQuery, SubmissionStatus } from './ports.js';
import { askForm, quotedText } from './views.js';

/** How many questions the board lists. */
const BOARD_SIZE = 10;
/** Questions per page of the private "Show all" list. */
export const LIST_PAGE_SIZE = 10;

export interface BoardState {
  session: StreamSession;
  stats: SessionStats;
  onStream: Submission | undefined;
  top: Submission[];
  answered: Submission[];
}

/** The statuses a viewer sees listed in the session's moderation mode. */
export function visibleStatuses(session: Pick<StreamSession, 'moderation'>): SubmissionStatus[] {
  return session.moderation === 'post' ? ['pending', 'approved'] : ['approved'];
}

/** The most wanted: listed, not answered yet, by votes. */
export function mostWantedQuery(session: StreamSession): SubmissionQuery {
  return { sessionId: session.id, statuses: visibleStatuses(session), answered: false, sort: 'votes' };
}

export async function loadBoard(deps: Deps, session: StreamSession): Promise<BoardState> {
  const stream = deps.store.stream;
  const onStream =
    session.highlightedId === undefined ? undefined : await stream.submission(session.tenantId, session.highlightedId);
  return {
    session,
    stats: await stream.sessionStats(session.id),
    // Whatever the host put on stream is public, approved or not; rejected and merged questions never are.
    onStream: onStream && (onStream.status === 'pending' || onStream.status === 'approved') ? onStream : undefined,
    top: await stream.listSubmissions({ ...mostWantedQuery(session), limit: BOARD_SIZE }),
    answered: await stream.listSubmissions({ sessionId: session.id, statuses: ['approved'], answered: true, sort: 'old' }),
  };
}

/** The board of the session with this id as it is now, or the summary once the session has ended. */
export async function currentBoardView(deps: Deps, sessionId: number): Promise<View | undefined> {
  const session = await deps.store.stream.sessionById(sessionId);
  if (!session) return undefined;
  const state = await loadBoard(deps, session);
  return session.status === 'open' ? boardView(state) : summaryBoardView(state);
}

const command = (path: string[], options: Record<string, string | number> = {}) => formatCommandLine(path, options);

function rankedLines(items: Submission[], start = 1): string[] {
  return items.map((item, index) => `${start + index}. ${quotedText(item, 150)} · ${plural(item.votes, 'vote')}`);
}

function totalsLine(stats: SessionStats): string {
  return `${plural(stats.submitted, 'question')} asked · ${stats.approved} approved · ${stats.answered} answered`;
}

function modeNote(session: StreamSession): string {
  return session.moderation === 'post'
    ? 'Questions are listed as soon as they are asked; moderators remove what does not belong.'
    : 'Questions are listed once a moderator approves them.';
}

export function voteSelect(items: Submission[]): Action | undefined {
  if (items.length === 0) return undefined;
  return {
    type: 'select',
    id: command(['stream', 'board-vote']),
    placeholder: 'Vote for a question',
    choices: items.map((item) => ({ label: `#${item.id} ${trimAtWord(item.text, 60)}`, value: String(item.id) })),
  };
}

/** The one message a session lives in: what is on stream, the most wanted, the totals, and the ways to take part. */
export function boardView({ session, stats, onStream, top }: BoardState): View {
  const parts: RichPart[] = [];
  if (onStream) {
    parts.push(rich(bold('On stream now:'), ` ${quotedText(onStream, 200)} · ${plural(onStream.votes, 'vote')}`), '');
  }
  parts.push(bold('Most wanted'));
  if (top.length === 0) {
    parts.push(
      session.moderation === 'post'
        ? 'No questions yet: be the first, press Ask.'
        : 'No approved questions yet: press Ask, and moderators will list yours.',
    );
  } else {
    parts.push(...rankedLines(top));
  }
  const actions: Action[] = [askForm()];
  const vote = voteSelect(top);
  if (vote) actions.push(vote);
  actions.push({ type: 'button', id: command(['stream', 'list']), label: 'Show all', style: 'secondary' });
  return {
    title: `${session.title}: live questions`,
    text: lines(parts),
    fields: [{ name: 'Totals', value: rich(totalsLine(stats)) }],
    actions,
    footer: `Session #${session.id} · ${modeNote(session)} · Ask with /ask, vote with /stream vote`,
    tone: 'info',
    ephemeral: false,
  };
}

/** The board once the session has ended: final ranking and what was answered on stream. */
export function summaryBoardView({ session, stats, top, answered }: BoardState): View {
  const fields = [{ name: 'Totals', value: rich(totalsLine(stats)) }];
  if (answered.length > 0) {
    fields.push({ name: 'Answered on stream', value: rich(list(answered.map((item) => quotedText(item, 120)))) });
  }
  return {
    title: `${session.title} has ended: thank you for your questions!`,
    text: top.length > 0 ? lines([bold('Still wanted'), ...rankedLines(top)]) : rich('Every listed question was answered.'),
    fields,
    footer: `Session #${session.id} · approved questions join the community list (/questions)`,
    tone: 'success',
    ephemeral: false,
  };
}
