import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Adapter } from '../../../src/adapters/adapter.js';
import type { Deps } from '../../../src/core/deps.js';
import type { Message, Tracked } from '../../../src/core/view.js';

export interface PlatformRecord {
  kind: Message['kind'];
  channel: string | undefined;
  nonce: string | undefined;
  track: Tracked | undefined;
}

/**
 * A stand-in for a chat platform: every message it accepts is a JSON line in `file`, synced unless a test that
 * kills nothing says otherwise. Like a real adapter, it
 * records where a tracked post landed only after the platform accepted it.
 */
export function recordingPlatform(deps: Deps, file: string, { sync = true }: { sync?: boolean } = {}): Adapter {
  return {
    platform: 'console',
    async start() {},
    async stop() {},
    async deliver(_tenant, messages) {
      for (const message of messages) {
        const record: PlatformRecord = {
          kind: message.kind,
          channel: 'channel' in message ? message.channel : undefined,
          nonce: message.kind === 'post' ? message.nonce : undefined,
          track: message.kind === 'post' ? message.track : undefined,
        };
        const fd = openSync(file, 'a');
        writeSync(fd, `${JSON.stringify(record)}\n`);
        if (sync) fsyncSync(fd);
        closeSync(fd);
        if (message.kind === 'post' && message.track) {
          const messageId = `message-${message.track.entity}-${message.track.id}`;
          await deps.store.deliveries.record(
            message.track,
            { platform: 'console', channel: message.channel, messageId },
            new Date(),
          );
        }
      }
    },
  };
}

export function readPlatform(file: string): PlatformRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as PlatformRecord);
}
