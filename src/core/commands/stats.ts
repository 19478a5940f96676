import { defineCommand } from '../command-kit/define.js';
import { UserError } from '../errors.js';
import { statsView } from '../scores/stats.js';
import { privateOrShared, shareAction } from '../share.js';

export const statsCommand = defineCommand({
  name: 'stats',
  description: 'Points by reason, answers, best answers and streaks of you or another member',
  overview: 1,
  options: [
    { name: 'user', type: 'user', description: 'Whose stats (default: yours)' },
    { name: 'share', type: 'boolean', description: 'Post the stats in the channel for everyone' },
  ],
  run: async (invocation, deps) => {
    const seen = await deps.store.directory.touch(invocation);
    const wanted = invocation.options.user ?? invocation.user.id;
    const member = await deps.store.scoreQueries.member(seen.tenantId, wanted);
    if (!member) throw new UserError('no-member', 'I have not seen that member here yet, so there are no stats to show.');
    return privateOrShared(await statsView(seen.tenantId, member, deps), invocation, shareAction(['stats'], { user: wanted }));
  },
});
