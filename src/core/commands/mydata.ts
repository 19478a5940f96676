import { formatCommandLine } from '../command-kit/command-line.js';
import { defineCommand, defineSubcommand } from '../command-kit/define.js';
import { setCredit } from '../community/credit.js';
import { profileOf } from '../deps.js';
import { erasureDoneView, erasurePreview, personalDataView } from '../privacy/view.js';
import type { Action } from '../view.js';

const confirmLine = formatCommandLine(['mydata', 'delete'], { confirm: true });

export const mydataCommand = defineCommand({
  name: 'mydata',
  description: 'See or erase what the bot keeps about you',
  subcommands: [
    defineSubcommand({
      name: 'show',
      description: 'List everything the bot keeps about you',
      run: async (invocation, deps) => {
        const seen = await deps.store.directory.touch(invocation);
        const collected = await deps.store.privacy.collect(seen.userId);
        if (!collected) throw new Error(`user ${seen.userId} missing right after touch`);
        const data = { ...collected, records: [...collected.records, ...(await deps.store.community.held(seen.userId))] };
        const profile = profileOf(deps, invocation);
        const typed = `${profile.commandPrefix}${confirmLine.slice(1)}`;
        return personalDataView(data, profile, typed);
      },
    }),
    defineSubcommand({
      name: 'delete',
      description: 'Erase your answers, votes, points and name from the bot',
      options: [{ name: 'confirm', type: 'boolean', description: 'true to erase for real; without it you see what goes' }],
      run: async (invocation, deps) => {
        if (invocation.options.confirm !== true) {
          const confirm: Action = { type: 'button', id: confirmLine, label: 'Erase my data', style: 'danger' };
          return erasurePreview(profileOf(deps, invocation), confirm);
        }
        const seen = await deps.store.directory.touch(invocation);
        const summary = await deps.store.daily.atomically(async () => {
          const community = await deps.store.community.erase(seen.userId);
          const erased = await deps.store.privacy.erase(seen.userId, invocation.now);
          return { ...erased, deleted: { ...erased.deleted, ...community } };
        });
        return erasureDoneView(summary);
      },
    }),
    defineSubcommand({
      name: 'credit',
      description: 'Be named for your community answers (on) or credited as "the community" (off, the default)',
      options: [
        {
          name: 'state',
          type: 'string',
          description: 'on or off',
          required: true,
          choices: [
            { name: 'on', value: 'on' },
            { name: 'off', value: 'off' },
          ],
        },
      ],
      run: async (invocation, deps) => await setCredit(invocation, deps, invocation.options.state === 'on'),
    }),
  ],
});
