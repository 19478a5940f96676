import type { Adapter } from '../src/adapters/adapter.js';
import { createDiscordAdapter } from '../src/adapters/discord/client.js';
import { createSlackAdapter } from '../src/adapters/slack/client.js';
import type { App } from '../src/app.js';
import type { Platform } from '../src/core/invocation.js';
import { silentLogger } from '../src/core/logger.js';
import { FakeDiscord, IDS } from '../test/e2e/discord/fake-discord.js';
import { FakeSlack } from '../test/e2e/slack/fake-slack.js';

/** One post as it reached a fake platform, in arrival order. */
export interface Arrival {
  platform: 'discord' | 'slack';
  channel: string;
  at: number;
}

export interface FanoutPlatforms {
  adapters: Map<Platform, Adapter>;
  /** Channel posts (not thread replies) that reached the fakes, in arrival order. */
  arrivals(): Arrival[];
  /** Requests each fake answered with 429. */
  rateLimited(): { discord: number; slack: number };
  /** Requests the fake Discord received (posts, threads, anything else). */
  discordRequests(): number;
  close(): Promise<void>;
}

/**
 * The real Discord adapter (discord.js logged in over the fake gateway) and the real Slack adapter (Bolt, HTTP mode),
 * against the fakes of test/e2e with the platforms' rate limits, in this process.
 */
export async function startFanoutPlatforms(app: App, discordChannels: string[]): Promise<FanoutPlatforms> {
  const discord = await FakeDiscord.start();
  discord.addTextChannels(discordChannels);
  const slack = new FakeSlack();
  await slack.start();
  const discordAdapter = createDiscordAdapter(
    app.deps,
    { token: discord.token, applicationId: IDS.application, apiUrl: discord.apiUrl },
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
  const known = new Set(discordChannels);
  return {
    adapters: new Map<Platform, Adapter>([
      ['discord', discordAdapter],
      ['slack', slackAdapter],
    ]),
    arrivals: () => [
      ...discord.requests
        .filter((request) => request.method === 'POST' && request.status !== undefined && request.status < 300)
        .flatMap((request): Arrival[] => {
          const channel = /^\/channels\/(\d+)\/messages$/.exec(request.path)?.[1];
          return channel && known.has(channel) ? [{ platform: 'discord', channel, at: request.at }] : [];
        }),
      ...slack
        .callsTo('chat.postMessage')
        .filter((call) => call.params.thread_ts === undefined)
        .map((call): Arrival => ({ platform: 'slack', channel: String(call.params.channel), at: call.at })),
    ],
    rateLimited: () => ({ discord: discord.rateLimits.throttled.length, slack: slack.rateLimits.throttled.length }),
    discordRequests: () => discord.requests.length,
    async close() {
      await discordAdapter.stop();
      await slackAdapter.stop();
      await discord.close();
      await slack.close();
    },
  };
}
