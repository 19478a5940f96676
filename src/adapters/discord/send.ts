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
import type { Deps } from '../../core/deps.js';
import type { Logger } from '../../core/logger.js';
import type { DirectMessage, EditMessage, Message, PostMessage, ThreadMessage } from '../../core/view.js';
import type { FormMemory } from './forms.js';
import { sendOptions } from './payload.js';
import { renderView, threadName } from './render.js';

const MAX_NONCE = 25;

export interface DeliveryFailure {
  message: Message;
  error: unknown;
}

/** Sends messages no interaction is waiting for: channel posts, thread messages and direct messages. */
export interface Sender {
  /** Tries every message; returns those that could not be sent. */
  deliver(messages: Message[]): Promise<DeliveryFailure[]>;
}

export function createSender(client: Client, deps: Deps, log: Logger, forms: FormMemory): Sender {
  const sendable = async (channelId: string): Promise<SendableChannels> => {
    const channel = await client.channels.fetch(channelId);
    if (!channel?.isSendable()) throw new Error(`Channel ${channelId} does not take messages.`);
    return channel;
  };

  const post = async (message: PostMessage): Promise<void> => {
    const channel = await sendable(message.channel);
    const sent = await channel.send({ ...sendOptions(renderView(message.view)), nonce: nonceFor(message), enforceNonce: true });
    // The post went out: a thread Discord refuses (no Create Public Threads) leaves it delivered, and answers go to
    // the channel instead of the thread.
    const threadId = message.thread
      ? await openThread(sent, message.thread.name).catch((error: unknown) => {
          log.warn(
            { err: error, channel: message.channel },
            'could not open a thread on the post (the bot needs Create Public Threads); answers go to the channel',
          );
          return undefined;
        })
      : undefined;
    if (message.pin) {
      await sent.pin().catch((error: unknown) => {
        log.warn({ err: error, channel: message.channel }, 'could not pin the post (the bot needs the Pin Messages permission)');
      });
    }
    if (message.track) {
      deps.store.deliveries.record(
        message.track,
        { platform: 'discord', channel: message.channel, messageId: sent.id, ...(threadId ? { threadId } : {}) },
        new Date(),
      );
    }
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
    const parent = deps.store.deliveries.find(message.parent);
    const target = parent?.platform === 'discord' ? (parent.threadId ?? parent.channel) : message.channel;
    const channel = await sendable(target);
    await channel.send({ ...sendOptions(renderView(message.view)), nonce: randomNonce(), enforceNonce: true });
  };

  const edit = async (message: EditMessage): Promise<void> => {
    const delivery = deps.store.deliveries.find(message.target);
    if (delivery?.platform !== 'discord') return;
    const channel = await sendable(delivery.channel);
    await channel.messages.edit(delivery.messageId, sendOptions(renderView(message.view)));
  };

  const direct = async (message: DirectMessage): Promise<void> => {
    await client.users.send(message.user, sendOptions(renderView(message.view)));
  };

  return {
    async deliver(messages) {
      const failures: DeliveryFailure[] = [];
      for (const message of messages) {
        if (message.kind === 'reply') {
          log.warn({}, 'a reply without an interaction to answer was dropped');
          continue;
        }
        forms.rememberView(message.view);
        try {
          if (message.kind === 'post') await post(message);
          else if (message.kind === 'thread') await inThread(message);
          else if (message.kind === 'edit') await edit(message);
          else await direct(message);
        } catch (error) {
          log.warn({ err: error, kind: message.kind }, 'could not deliver a message');
          failures.push({ message, error });
        }
      }
      return failures;
    },
  };
}

/** Discord keeps nonces for a few minutes: the same post sent twice (a retry) lands once. */
export function nonceFor(message: PostMessage): string {
  if (message.nonce === undefined) return randomNonce();
  return message.nonce.length <= MAX_NONCE
    ? message.nonce
    : createHash('sha256').update(message.nonce).digest('base64url').slice(0, MAX_NONCE);
}

function randomNonce(): string {
  return SnowflakeUtil.generate().toString();
}
