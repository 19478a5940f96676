import { escapeMarkdown, plural } from '../text.js';
import type { View } from '../view.js';
import type { BoardRow } from './queries.js';

export type Period = 'week' | 'month' | 'all';

const DAY = 86_400_000;
const PERIOD_DAYS: Record<Exclude<Period, 'all'>, number> = { week: 7, month: 30 };
const PERIOD_NAMES: Record<Period, string> = { week: 'last 7 days', month: 'last 30 days', all: 'all time' };

export const BOARD_SIZE = 10;

/** The start of a rolling period ending at `now`; undefined for all time. */
export function periodStart(period: Period, now: Date): Date | undefined {
  return period === 'all' ? undefined : new Date(now.getTime() - PERIOD_DAYS[period] * DAY);
}

export interface RankedRow extends BoardRow {
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

export function leaderboardView(ranked: RankedRow[], caller: string, scope: { period: Period; channelLabel?: string }): View {
  const top = ranked.slice(0, BOARD_SIZE);
  const where = scope.channelLabel ? ` in ${scope.channelLabel}` : '';
  const title = `Leaderboard · ${PERIOD_NAMES[scope.period]}${where}`;
  if (top.length === 0) {
    return {
      title,
      text: 'No points yet in this period. Answer the daily question to get on the board.',
      ephemeral: false,
    };
  }
  const lines = top.map((row) => {
    const line = `${row.rank}. ${escapeMarkdown(row.name)} · ${plural(row.points, 'point')}`;
    return row.user === caller ? `**${line}**` : line;
  });
  const own = ranked.find((row) => row.user === caller);
  const footer = own
    ? `Your rank: ${own.rank} of ${ranked.length} with ${plural(own.points, 'point')}.`
    : 'You have no points in this period yet.';
  return { title, text: lines.join('\n'), footer, ephemeral: false };
}
