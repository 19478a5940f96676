/**
 * The fake Discord of the fan-out, in a worker thread (see platform-worker.ts): the fake of test/e2e/discord with
 * Discord's rate limits and the fan-out's text channels in its guild. It reports the posts it took and the
 * requests it refused.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FakeDiscord } from '../test/e2e/discord/fake-discord.js';

export interface DiscordPlatformRequest {
  type: 'summary' | 'close';
}

export interface DiscordPlatformReady {
  type: 'ready';
  token: string;
  apiUrl: string;
}

export interface DiscordPlatformSummary {
  type: 'summary';
  /** Channel posts the fake took (status below 300), in arrival order. */
  posts: { channel: string; at: number }[];
  requests: number;
  rateLimited: number;
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const fake = await FakeDiscord.start();
  const channels = new Set<string>((workerData as { channels: string[] }).channels);
  fake.addTextChannels([...channels]);
  port.postMessage({ type: 'ready', token: fake.token, apiUrl: fake.apiUrl } satisfies DiscordPlatformReady);
  port.on('message', (request: DiscordPlatformRequest) => {
    void (async () => {
      if (request.type === 'summary') {
        const posts = fake.requests.flatMap((recorded) => {
          const channel = /^\/channels\/(\d+)\/messages$/.exec(recorded.path)?.[1];
          const took = recorded.method === 'POST' && recorded.status !== undefined && recorded.status < 300;
          return took && channel && channels.has(channel) ? [{ channel, at: recorded.at }] : [];
        });
        port.postMessage({
          type: 'summary',
          posts,
          requests: fake.requests.length,
          rateLimited: fake.rateLimits.throttled.length,
        } satisfies DiscordPlatformSummary);
        return;
      }
      await fake.close();
      port.postMessage({ type: 'closed' });
      port.close();
    })();
  });
}

if (!isMainThread) await serve();
