import { checkedChannelOption } from '../command-kit/channel-option.js';
import { defineCommand } from '../command-kit/define.js';
import { type Deps, profileOf } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { rich } from '../rich-text.js';
import { boardQuery, leaderboardView, PERIODS, periodName, rankBoard, SCOPES } from '../scores/leaderboard.js';
import { privateOrShared, shareAction } from '../share.js';

/**
 * The channel a channel-scoped board is about: where the command was typed, or the one named, which must be a channel
 * the person can see: the board of a private channel names its members.
 */
async function boardChannel(
  invocation: Invocation<{ channel?: string }>,
  deps: Deps,
): Promise<{ channelId: number; label: string; external: string }> {
  const named = await checkedChannelOption(invocation, profileOf(deps, invocation), invocation.options.channel);
  const external = named ?? invocation.channel;
  const found = await deps.store.directory.findChannel(invocation.platform, invocation.tenant, external);
  if (!found) {
    throw new UserError('no-channel', rich(`I have no points recorded for the channel "${external}".`));
  }
  return { channelId: found.channelId, label: named ? `#${named}` : 'this channel', external };
}

export const leaderboardCommand = defineCommand({
  name: 'leaderboard',
  description: 'The top 10 by points, and your own rank (only you see it unless you share it)',
  overview: 2,
  options: [
    {
      name: 'scope',
      type: 'string',
      description: "channel (default: this channel's daily question), server (every channel) or stream (live streams)",
      choices: SCOPES.map((scope) => ({ name: scope, value: scope })),
    },
    {
      name: 'period',
      type: 'string',
      description: 'week (default, since Monday), month (since the 1st) or all',
      choices: PERIODS.map((period) => ({ name: period, value: period })),
    },
    { name: 'channel', type: 'string', description: 'Another channel you can see, for scope channel', maxLength: 100 },
    { name: 'share', type: 'boolean', description: 'Post the board in the channel for everyone' },
  ],
  run: async (invocation, deps) => {
    const scope = invocation.options.scope ?? 'channel';
    const period = invocation.options.period ?? 'week';
    const seen = await deps.store.directory.touch(invocation);
    const where = scope === 'channel' ? await boardChannel(invocation, deps) : undefined;
    const zone = (await deps.store.daily.schedules.ofChannel(where?.channelId ?? seen.channelId))?.timezone ?? 'UTC';
    const rows = await deps.store.scoreQueries.board(
      boardQuery(seen.tenantId, scope, period, invocation.now, zone, where?.channelId),
    );
    const place = where?.label ?? (scope === 'stream' ? 'live streams' : 'all channels');
    const view = leaderboardView(rankBoard(rows), invocation.user.id, {
      scope,
      periodName: periodName(period, invocation.now, zone),
      place,
    });
    const options = {
      scope,
      period,
      ...(invocation.options.channel !== undefined && where ? { channel: where.external } : {}),
    };
    return privateOrShared(view, invocation, shareAction(['leaderboard'], options));
  },
});
