import { createHash } from 'node:crypto';
import {
  type Client,
  DiscordAPIError,
  type Message as DiscordMessage,
  RESTJSONErrorCodes,
  type SendableChannels,
  SnowflakeUtil,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import { failureCode } from '../../core/daily/delivery-failure.js';
import type { Deps } from '../../core/deps.js';
import type { Logger } from '../../core/logger.js';
import { EditCoalescer } from '../../core/refresh/edit-coalescer.js';
import { renderTracked } from '../../core/refresh/render-tracked.js';
import type { DirectMessage, EditMessage, Message, PostMessage, ThreadMessage } from '../../core/view.js';
import { type PacerRules, RatePacer } from '../shared/rate-pacer.js';
import { sendOptions } from './payload.js';
import { renderView, threadName } from './render.js';

const MAX_NONCE = 25;

interface DeliveryFailure {
  message: Message;
  error: unknown;
}

/** What became of a batch: messages that did not go out, and channels whose post went out without its thread. */
interface DeliveryReport {
  failures: DeliveryFailure[];
  threadsRefused: string[];
}

/** Sends messages no interaction is waiting for: channel posts, thread messages and direct messages. */
export interface Sender {
  /** Tries every message; reports those that could not be sent. Refreshes of live boards are coalesced. */
  deliver(messages: Message[]): Promise<DeliveryReport>;
  /** Resolves once every board change so far has reached an edit. */
  settled(): Promise<void>;
  /** Sends the board edits still pending. */
  stop(): Promise<void>;
}

export interface SenderTuning {
  /** Discord's limits for channel traffic; the defaults keep under 5 per 5 s per channel and 50 per second overall. */
  pacing?: PacerRules;
  /** Least time between two edits of one live board. */
  boardIntervalMs?: number;
}

/**
 * Discord allows about 5 messages or edits per 5 s in a channel and 50 requests a second per bot. Channel traffic
 * stays below both, leaving room for interaction follow-ups, which never wait behind it.
 */
export const DISCORD_PACING: PacerRules = {
  perKey: { limit: 5, windowMs: 5_000 },
  // Discord counts its global 50 a second in windows that start with a request's arrival: a window of ours may
  // only reopen once the requests of the last one have surely arrived (a short margin), and 2 of the 50 are kept
  // for requests that arrive closer together than they left.
  global: { limit: 48, windowMs: 1_000, marginMs: 50 },
  marginMs: 150,
};

export function createSender(client: Client, deps: Deps, log: Logger, tuning: SenderTuning = {}): Sender {
  const pacer = new RatePacer(tuning.pacing ?? DISCORD_PACING);
  /** Requests a call makes: one more when the channel must be fetched first. */
  const cost = (channelId: string, requests = 1) => requests + (client.channels.cache.has(channelId) ? 0 : 1);
  const inChannel = <T>(channelId: string, work: (channel: SendableChannels) => Promise<T>, key = channelId, requests = 1) =>
    pacer.run(key, async () => work(await sendable(channelId)), cost(channelId, requests));

  const sendable = async (channelId: string): Promise<SendableChannels> => {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new Error(`Channel ${channelId} does not take messages.`);
    return channel;
  };

  /**
   * A connection lost on the way leaves unknown whether Discord took the message; the same nonce makes a second send
   * return the first message if it did, so one more try cannot post twice.
   */
  const sendWithNonce = async (
    send: (nonce: string) => Promise<DiscordMessage>,
    nonce: string,
    where: Record<string, string>,
  ): Promise<DiscordMessage> =>
    await send(nonce).catch((error: unknown) => {
      if (failureCode(error) !== 'network') throw error;
      log.warn({ err: error, ...where }, 'the connection was lost while posting; posting again');
      return send(nonce);
    });

  /** Sends the post; false when it went out but Discord refused to open its thread. */
  const post = async (message: PostMessage): Promise<boolean> => {
    const sent = await sendWithNonce(
      (nonce) =>
        inChannel(
          message.channel,
          (channel): Promise<DiscordMessage> =>
            channel.send({ ...sendOptions(renderView(message.view)), nonce, enforceNonce: true }),
        ),
      nonceFor(message),
      { channel: message.channel },
    );
    // The post went out: a thread Discord refuses (no Create Public Threads) leaves it delivered, and answers go to
    // the channel instead of the thread.
    const threadId = message.thread
      ? await pacer
          .run(`threads:${message.channel}`, () => openThread(sent, message.thread?.name ?? ''))
          .catch((error: unknown) => {
            log.warn(
              { err: error, channel: message.channel },
              'could not open a thread on the post (the bot needs Create Public Threads); answers go to the channel',
            );
            return undefined;
          })
      : undefined;
    if (message.pin) {
      await pacer
        .run(`pins:${message.channel}`, () => sent.pin())
        .catch((error: unknown) => {
          log.warn(
            { err: error, channel: message.channel },
            'could not pin the post (the bot needs the Pin Messages permission)',
          );
        });
    }
    if (message.track) {
      await deps.store.deliveries.record(
        message.track,
        { platform: 'discord', channel: message.channel, messageId: sent.id, ...(threadId ? { threadId } : {}) },
        new Date(),
      );
    }
    return message.thread === undefined || threadId !== undefined;
  };

  const openThread = async (sent: DiscordMessage, name: string): Promise<string> => {
    // A retried send with the same nonce returns the first message, which may already carry the thread;
    // a thread started from a message has that message's id.
    if (sent.hasThread) return sent.id;
    try {
      const thread = await sent.startThread({ name: threadName(name), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
      return thread.id;
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) return sent.id;
      throw error;
    }
  };

  const inThread = async (message: ThreadMessage): Promise<void> => {
    const parent = await deps.store.deliveries.find(message.parent);
    const target = parent?.platform === 'discord' ? (parent.threadId ?? parent.channel) : message.channel;
    await sendWithNonce(
      (nonce) =>
        inChannel(
          target,
          (channel): Promise<DiscordMessage> =>
            channel.send({ ...sendOptions(renderView(message.view)), nonce, enforceNonce: true }),
        ),
      randomNonce(),
      { channel: target },
    );
  };

  const edit = async (message: EditMessage): Promise<void> => {
    const delivery = await deps.store.deliveries.find(message.target);
    if (delivery?.platform !== 'discord') return;
    await inChannel(
      delivery.channel,
      (channel): Promise<DiscordMessage> => channel.messages.edit(delivery.messageId, sendOptions(renderView(message.view))),
    );
  };

  const direct = async (message: DirectMessage): Promise<void> => {
    const opening = client.users.cache.get(message.user)?.dmChannel ? 0 : 1;
    await sendWithNonce(
      (nonce) =>
        pacer.run(
          `dm:${message.user}`,
          () => client.users.send(message.user, { ...sendOptions(renderView(message.view)), nonce, enforceNonce: true }),
          1 + opening,
        ),
      randomNonce(),
      { user: message.user },
    );
  };

  const boards = new EditCoalescer({
    intervalMs: tuning.boardIntervalMs ?? 2_000,
    render: (target) => renderTracked(target, deps),
    send: edit,
    log,
  });

  return {
    async deliver(messages) {
      const failures: DeliveryFailure[] = [];
      const threadsRefused: string[] = [];
      for (const message of messages) {
        if (message.kind === 'reply') {
          log.warn({}, 'a reply without an interaction to answer was dropped');
          continue;
        }
        if (message.kind === 'refresh') {
          boards.changed(message.target);
          continue;
        }
        try {
          if (message.kind === 'post') {
            if (!(await post(message))) threadsRefused.push(message.channel);
          } else if (message.kind === 'thread') await inThread(message);
          else if (message.kind === 'edit') {
            boards.sentElsewhere(message.target);
            await edit(message);
          } else await direct(message);
        } catch (error) {
          log.warn({ err: error, kind: message.kind }, 'could not deliver a message');
          failures.push({ message, error });
        }
      }
      return { failures, threadsRefused };
    },
    settled: () => boards.settled(),
    stop: () => boards.stop(),
  };
}

/** Discord keeps nonces for a few minutes: the same post sent twice (a retry) lands once. */
function nonceFor(message: PostMessage): string {
  if (message.nonce === undefined) return randomNonce();
  return message.nonce.length <= MAX_NONCE
    ? message.nonce
    : createHash('sha256').update(message.nonce).digest('base64url').slice(0, MAX_NONCE);
}

function randomNonce(): string {
  return SnowflakeUtil.generate().toString();
}
