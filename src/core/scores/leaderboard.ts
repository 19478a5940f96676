import { addDays, localTime, weekdayOf, zonedInstant } from '../daily/time.js';
import { bold, lines, rich } from '../rich-text.js';
import { plural } from '../text.js';
import type { Action, View } from '../view.js';
import type { PointReason } from './ports.js';
import type { BoardQuery, BoardRow } from './queries.js';

type Period = 'week' | 'month' | 'all';
export const PERIODS: readonly Period[] = ['week', 'month', 'all'];

/** Where points were earned: one channel (its daily question and quiz), every channel, or the live streams. */
type Scope = 'channel' | 'server' | 'stream';
export const SCOPES: readonly Scope[] = ['channel', 'server', 'stream'];

/** Points a channel earns itself; live-stream points belong to the stream's board. */
const CHANNEL_REASONS: readonly PointReason[] = ['answer', 'upvote', 'best-answer', 'quiz'];
const STREAM_REASONS: readonly PointReason[] = ['submission-approved', 'submission-answered'];

const BOARD_SIZE = 10;

/**
 * The start of the calendar period containing `now` in `zone`: Monday 00:00 for a week, the 1st at 00:00 for a
 * month, so each board starts again by itself; undefined for all time.
 */
function periodStart(period: Period, now: Date, zone = 'UTC'): Date | undefined {
  if (period === 'all') return undefined;
  const today = localTime(now, zone).date;
  const first = period === 'week' ? addDays(today, -((weekdayOf(today) + 6) % 7)) : `${today.slice(0, 8)}01`;
  return zonedInstant(zone, first, 0);
}

const MONTHS = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAYS = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "this week (since Mon 30 Nov)", "December 2026", "all time". */
export function periodName(period: Period, now: Date, zone = 'UTC'): string {
  if (period === 'all') return 'all time';
  const start = periodStart(period, now, zone) as Date;
  const local = new Date(`${localTime(start, zone).date}T00:00:00Z`);
  return period === 'month' ? MONTHS.format(local) : `this week (since ${DAYS.format(local).replace(',', '')})`;
}

/** The ledger query of a board. */
export function boardQuery(
  tenantId: number,
  scope: Scope,
  period: Period,
  now: Date,
  zone: string,
  channelId?: number,
): BoardQuery {
  const since = periodStart(period, now, zone);
  return {
    tenantId,
    ...(scope === 'channel' && channelId !== undefined ? { channelId, reasons: CHANNEL_REASONS } : {}),
    ...(scope === 'stream' ? { reasons: STREAM_REASONS } : {}),
    ...(since === undefined ? {} : { since }),
  };
}

interface RankedRow extends BoardRow {
  rank: number;
}

/** Standard competition ranking: equal points share a rank, the next rank skips (1, 2, 2, 4). */
export function rankBoard(rows: BoardRow[]): RankedRow[] {
  let rank = 0;
  let previous: number | undefined;
  return rows.map((row, index) => {
    if (row.points !== previous) rank = index + 1;
    previous = row.points;
    return { ...row, rank };
  });
}

const EMPTY: Record<Scope, string> = {
  channel: 'No points here yet in this period. Answer the daily question to get on the board.',
  server: 'No points yet in this period. Answer the daily question to get on the board.',
  stream: 'No live-stream points yet in this period. Submit questions during a stream to get on the board.',
};

export function leaderboardView(
  ranked: RankedRow[],
  caller: string,
  board: { scope: Scope; periodName: string; place: string; actions?: Action[] },
): View {
  const top = ranked.slice(0, BOARD_SIZE);
  const title = `Leaderboard · ${board.place} · ${board.periodName}`;
  const actions = board.actions && board.actions.length > 0 ? { actions: board.actions } : {};
  if (top.length === 0) return { title, text: rich(EMPTY[board.scope]), ...actions, ephemeral: true };
  const rows = top.map((row) => {
    const line = `${row.rank}. ${row.name} · ${plural(row.points, 'point')}`;
    return row.user === caller ? bold(line) : line;
  });
  const own = ranked.find((row) => row.user === caller);
  const footer = own
    ? `Your rank: ${own.rank} of ${ranked.length} with ${plural(own.points, 'point')}.`
    : 'You have no points on this board yet.';
  return { title, text: lines(rows), footer, ...actions, ephemeral: true };
}
