import { once } from 'node:events';
import { Client, DiscordjsError, DiscordjsErrorCodes, Events, GatewayIntentBits } from 'discord.js';
import type { Deps } from '../../core/deps.js';
import type { Logger } from '../../core/logger.js';
import type { Message } from '../../core/view.js';
import type { Adapter } from '../adapter.js';
import { handleInteraction } from './interactions.js';
import { RecentIds } from './recent-ids.js';
import { memberRoleIn } from './role-in.js';
import { createSender, DISCORD_PACING, type SenderTuning } from './send.js';

interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Base of the REST API, e.g. http://127.0.0.1:PORT/api for a local Discord; Discord's own when unset. */
  apiUrl?: string | undefined;
  /** Work slower than this is deferred; Discord wants a first answer within 3 s. */
  replyWithinMs?: number;
  /** Pacing of channel traffic and of live-board edits; Discord's own limits when absent. */
  sending?: SenderTuning;
  /** The gateway shards this process runs, of how many; discord.js's automatic choice when absent. */
  sharding?: { ids: number[]; count: number } | undefined;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_WAIT_MS = 5_000;

/** The bot on Discord: the Guilds intent only, and nothing it sends can ping anyone unless a view says so. */
export function createDiscordAdapter(deps: Deps, config: DiscordConfig, log: Logger): Adapter {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // Discord's global limit does not bind interaction callbacks and their webhooks, and the sender paces every
    // other request below it (send.ts): discord.js's own global queue would only hold replies back behind posts.
    rest: { globalRequestsPerSecond: 1_000, ...(config.apiUrl ? { api: config.apiUrl } : {}) },
    ...(config.sharding ? { shards: config.sharding.ids, shardCount: config.sharding.count } : {}),
  });
  const sender = createSender(client, deps, log, config.sending ?? shareOfPacing(config.sharding));
  const handler = { deps, log, sender, replyWithinMs: config.replyWithinMs ?? 1_500 };
  const inFlight = new Set<Promise<void>>();
  const taken = new RecentIds();

  client.on(Events.InteractionCreate, (interaction) => {
    if (!taken.take(interaction.id)) {
      log.info({ interaction: interaction.id }, 'duplicate delivery ignored');
      return;
    }
    const work = handleInteraction(interaction, handler).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.rest.on('rateLimited', (info) => log.warn({ route: info.route, retryAfter: info.retryAfter }, 'rate limited'));

  return {
    platform: 'discord',
    async start(signal?: AbortSignal) {
      const abort = new AbortController();
      signal?.addEventListener('abort', () => abort.abort(), { once: true });
      const ready = once(client, Events.ClientReady, { signal: abort.signal });
      ready.catch(() => undefined);
      const timer = setTimeout(() => abort.abort(), READY_TIMEOUT_MS);
      try {
        await client.login(config.token);
        await ready;
      } catch (error) {
        abort.abort();
        await client.destroy().catch(() => undefined);
        throw new Error(startFailure(error, config));
      } finally {
        clearTimeout(timer);
      }
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
    },
    async stop() {
      client.removeAllListeners(Events.InteractionCreate);
      const settled = Promise.allSettled([...inFlight]);
      await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
      await Promise.race([sender.stop(), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
      await client.destroy();
    },
    roleOf: (tenant: string, channel: string, userId: string) => memberRoleIn(client, tenant, channel, userId),
    async deliver(_tenant: string, messages: Message[]) {
      const { failures } = await sender.deliver(messages);
      const [first] = failures;
      if (first) {
        throw new Error(`${failures.length} of ${messages.length} Discord messages were not delivered`, { cause: first.error });
      }
    },
  };
}

/**
 * Discord's global limit counts every request of the bot, whichever process sends it: a process that runs some of
 * the shards keeps to its share, so that all processes together stay below the limit.
 */
function shareOfPacing(sharding: DiscordConfig['sharding']): SenderTuning | undefined {
  if (!sharding || sharding.ids.length >= sharding.count || !DISCORD_PACING.global) return undefined;
  const share = Math.max(1, Math.floor((DISCORD_PACING.global.limit * sharding.ids.length) / sharding.count));
  return { pacing: { ...DISCORD_PACING, global: { ...DISCORD_PACING.global, limit: share } } };
}

/** One line saying what went wrong at start-up and what to do about it. */
function startFailure(error: unknown, config: DiscordConfig): string {
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return 'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot > Reset Token).';
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return `Discord did not report the bot ready within ${READY_TIMEOUT_MS / 1000} s.`;
  }
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const where = config.apiUrl ?? 'https://discord.com/api';
  return `Discord is not reachable at ${where}: ${reason}`;
}
