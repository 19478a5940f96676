import { createInterface } from 'node:readline';
import type { Deps } from '../../core/deps.js';
import { resolveRefreshes } from '../../core/refresh/render-tracked.js';
import type { Message } from '../../core/view.js';
import type { Adapter } from '../adapter.js';
import { renderMessage } from './render.js';
import { CONSOLE_TENANT, type ConsoleIdentity, recordConsoleDeliveries, runConsoleLine } from './routes.js';

interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  identity: ConsoleIdentity;
  /** Called when the person quits (Ctrl-D, /quit or end of input). */
  onClose: () => void;
}

/** An interactive terminal chat: type commands, read the bot's replies. */
export function createConsoleAdapter(deps: Deps, options: ConsoleOptions): Adapter {
  const write = (text: string) => options.output.write(`${text}\n`);
  let closed = false;
  let quitting = false;
  let rl: ReturnType<typeof createInterface> | undefined;
  let queue = Promise.resolve();

  const handle = async (line: string) => {
    const trimmed = line.trim();
    if (trimmed === '' || quitting) return;
    if (trimmed === '/quit' || trimmed === '/exit') {
      quitting = true;
      rl?.close();
      return;
    }
    const result = await runConsoleLine(trimmed, options.identity, deps, new Date());
    for (const message of result.messages) write(renderMessage(message));
  };

  return {
    platform: 'console',
    async start() {
      const interactive = 'isTTY' in options.input && Boolean(options.input.isTTY);
      rl = createInterface({ input: options.input, output: options.output, terminal: interactive });
      if (interactive) {
        write('Cookbook bot console. Type /help for commands, /quit or Ctrl-D to leave.');
        rl.setPrompt('> ');
        rl.prompt();
      }
      rl.on('line', (line) => {
        queue = queue
          .then(() => handle(line))
          .catch((error: unknown) => deps.log.error({ err: error }, 'console line failed'))
          .then(() => {
            if (interactive && !closed) rl?.prompt();
          });
      });
      rl.on('close', () => {
        void queue.then(() => {
          closed = true;
          options.onClose();
        });
      });
    },
    async stop() {
      if (!closed) rl?.close();
      await queue;
    },
    async roleOf(tenant: string, _channel: string, userId: string) {
      return tenant === CONSOLE_TENANT && userId === options.identity.userId ? options.identity.role : 'everyone';
    },
    async deliver(_tenant: string, messages: Message[]) {
      const resolved = await resolveRefreshes(messages, deps);
      await recordConsoleDeliveries(resolved, deps, new Date());
      for (const message of resolved) write(renderMessage(message));
    },
  };
}
