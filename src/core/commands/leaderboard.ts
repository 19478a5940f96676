import { UserError } from '../errors.js';
import { leaderboardView, type Period, periodStart, rankBoard } from '../scores/leaderboard.js';
import { escapeMarkdown } from '../text.js';
import { defineCommand } from './define.js';

/** A channel named as a mention (<#C123>, <#C123|name>) or by its id. */
function channelId(value: string): string {
  return /^<#([A-Za-z0-9_.-]+)(?:\|[^>]*)?>$/.exec(value.trim())?.[1] ?? value.trim().replace(/^#/, '');
}

export const leaderboardCommand = defineCommand({
  name: 'leaderboard',
  description: 'The top 10 by points, and your own rank',
  options: [
    {
      name: 'period',
      type: 'string',
      description: 'week (default), month or all',
      choices: [
        { name: 'week', value: 'week' },
        { name: 'month', value: 'month' },
        { name: 'all', value: 'all' },
      ],
    },
    { name: 'channel', type: 'string', description: 'Only points earned in this channel', maxLength: 100 },
  ],
  run: (invocation, deps) => {
    const period = (typeof invocation.options.period === 'string' ? invocation.options.period : 'week') as Period;
    const seen = deps.store.directory.touch(invocation);
    const wanted = typeof invocation.options.channel === 'string' ? channelId(invocation.options.channel) : undefined;
    let channel: number | undefined;
    if (wanted !== undefined) {
      channel = deps.store.directory.findChannel(invocation.platform, invocation.tenant, wanted)?.channelId;
      if (channel === undefined) {
        throw new UserError('no-channel', `I have no points recorded for the channel "${escapeMarkdown(wanted)}".`);
      }
    }
    const since = periodStart(period, invocation.now);
    const rows = deps.store.scoreQueries.board({
      tenantId: seen.tenantId,
      ...(channel === undefined ? {} : { channelId: channel }),
      ...(since === undefined ? {} : { since }),
    });
    return leaderboardView(rankBoard(rows), invocation.user.id, {
      period,
      ...(wanted === undefined ? {} : { channelLabel: `#${escapeMarkdown(wanted)}` }),
    });
  },
});
