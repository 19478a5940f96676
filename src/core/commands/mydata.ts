import { erasureDoneView, erasurePreview, personalDataView } from '../privacy/view.js';
import type { Action } from '../view.js';
import { formatCommandLine } from './command-line.js';
import { defineCommand } from './define.js';
import { commandPrefix } from './help.js';

const confirmLine = formatCommandLine(['mydata', 'delete'], { confirm: true });

export const mydataCommand = defineCommand({
  name: 'mydata',
  description: 'See or erase what the bot keeps about you',
  subcommands: [
    {
      name: 'show',
      description: 'List everything the bot keeps about you',
      run: (invocation, deps) => {
        const seen = deps.store.directory.touch(invocation);
        const data = deps.store.privacy.collect(seen.userId);
        if (!data) throw new Error(`user ${seen.userId} missing right after touch`);
        const typed = `${commandPrefix(invocation.platform)}${confirmLine.slice(1)}`;
        return personalDataView(data, invocation.platform, typed);
      },
    },
    {
      name: 'delete',
      description: 'Erase your answers, votes, points and name from the bot',
      options: [{ name: 'confirm', type: 'boolean', description: 'true to erase for real; without it you see what goes' }],
      run: (invocation, deps) => {
        if (invocation.options.confirm !== true) {
          const confirm: Action = { type: 'button', id: confirmLine, label: 'Erase my data', style: 'danger' };
          return erasurePreview(invocation.platform, confirm);
        }
        const seen = deps.store.directory.touch(invocation);
        return erasureDoneView(deps.store.privacy.erase(seen.userId, invocation.now));
      },
    },
  ],
});
