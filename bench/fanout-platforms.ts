import type { Adapter } from '../src/adapters/adapter.js';
import { createDiscordAdapter } from '../src/adapters/discord/client.js';
import { createSlackAdapter } from '../src/adapters/slack/client.js';
import type { App } from '../src/app.js';
import type { Platform } from '../src/core/invocation.js';
import { silentLogger } from '../src/core/logger.js';
import { IDS } from '../test/e2e/discord/fake-discord.js';
import { FakeSlack } from '../test/e2e/slack/fake-slack.js';
import type { DiscordPlatformReady, DiscordPlatformRequest, DiscordPlatformSummary } from './discord-platform.js';
import { PlatformWorker } from './platform-worker.js';

/** One post as it reached a fake platform, in arrival order. */
export interface Arrival {
  platform: 'discord' | 'slack';
  channel: string;
  at: number;
}

export interface FanoutPlatforms {
  adapters: Map<Platform, Adapter>;
  /** Channel posts (not thread replies) the fakes took, in arrival order. */
  arrivals(): Promise<Arrival[]>;
  /** Requests each fake answered with 429. */
  rateLimited(): Promise<{ discord: number; slack: number }>;
  /** Requests the fake Discord received (posts, threads, anything else). */
  discordRequests(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real Discord adapter (discord.js logged in over the fake gateway) and the real Slack adapter (Bolt, HTTP mode),
 * against the fakes of test/e2e with the platforms' rate limits: the fake Discord in a worker thread, the fake Slack
 * in this process.
 */
export async function startFanoutPlatforms(app: App, discordChannels: string[]): Promise<FanoutPlatforms> {
  const discord = new PlatformWorker<DiscordPlatformRequest>(new URL('./discord-platform.ts', import.meta.url), {
    channels: discordChannels,
  });
  const ready = await discord.next<DiscordPlatformReady>('ready');
  const summary = () => discord.request<DiscordPlatformSummary>({ type: 'summary' });
  const slack = new FakeSlack();
  await slack.start();
  const discordAdapter = createDiscordAdapter(
    app.deps,
    { token: ready.token, applicationId: IDS.application, apiUrl: ready.apiUrl },
    silentLogger,
  );
  const slackAdapter = createSlackAdapter(
    app.deps,
    { botToken: 'xoxb-1-bench-bot-token', signingSecret: 'bench-signing-secret', apiUrl: slack.apiUrl, port: 0 },
    silentLogger,
    { host: '127.0.0.1' },
  );
  await discordAdapter.start();
  await slackAdapter.start();
  return {
    adapters: new Map<Platform, Adapter>([
      ['discord', discordAdapter],
      ['slack', slackAdapter],
    ]),
    arrivals: async () => [
      ...(await summary()).posts.map((post): Arrival => ({ platform: 'discord', ...post })),
      ...slack
        .callsTo('chat.postMessage')
        .filter((call) => call.params.thread_ts === undefined)
        .map((call): Arrival => ({ platform: 'slack', channel: String(call.params.channel), at: call.at })),
    ],
    rateLimited: async () => ({ discord: (await summary()).rateLimited, slack: slack.rateLimits.throttled.length }),
    discordRequests: async () => (await summary()).requests,
    async close() {
      await discordAdapter.stop();
      await slackAdapter.stop();
      await discord.close();
      await slack.close();
    },
  };
}
