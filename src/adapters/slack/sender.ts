import type { webApi } from '@slack/bolt';
import type { Deps } from '../../core/deps.js';
import type { Logger } from '../../core/logger.js';
import { EditCoalescer } from '../../core/refresh/edit-coalescer.js';
import { renderTracked } from '../../core/refresh/render-tracked.js';
import { rich } from '../../core/rich-text.js';
import type { Attachment, EditMessage, Message, PostMessage, ThreadMessage, View } from '../../core/view.js';
import { type PacerRules, RatePacer } from '../shared/rate-pacer.js';
import { escapeSlack } from './mrkdwn.js';
import { renderMessage, type SlackMessage } from './render.js';

/** Where an interaction came from, so its replies can find their way back. */
export interface Origin {
  team: string;
  user: string;
  /** Absent for the App Home tab. */
  channel?: string;
  thread?: string;
  /** Slack's response_url of the interaction (5 uses within 30 minutes). */
  responseUrl?: string;
}

/** What the person who asked reads when Slack refuses a channel or a message, by Slack's error code. */
const REFUSAL_NOTICE: Record<string, string> = {
  not_in_channel: 'I cannot post in that channel yet. Invite me with `/invite @cookbook`, then try again.',
  channel_not_found:
    'I cannot find that channel: it was deleted, or it is private and I am not in it. Invite me there, or choose another channel.',
  is_archived: 'That channel is archived, so I cannot post in it. Unarchive it, or choose another channel.',
  invalid_blocks:
    'Slack would not show my answer (invalid_blocks). It is logged for the bot’s maintainers; please try again later.',
  msg_too_long: 'Slack would not show my answer: it was too long (msg_too_long). It is logged for the bot’s maintainers.',
};

export interface SlackPacing {
  /** chat.postMessage and file uploads, per channel. */
  posts: PacerRules;
  /** chat.update (Tier 3, counted per workspace). */
  updates: PacerRules;
  /** Least time between two edits of one live board. */
  boardIntervalMs: number;
}

/** About one message a second per channel; chat.update kept under Tier 3's 50 a minute. */
const SLACK_PACING: SlackPacing = {
  posts: { perKey: { limit: 1, windowMs: 1_000 }, marginMs: 50 },
  updates: { perKey: { limit: 45, windowMs: 60_000 }, marginMs: 250 },
  boardIntervalMs: 2_000,
};

/** A message Slack did not take, with Slack's error code when it gave one (e.g. not_in_channel). */
interface SlackSendFailure {
  message: Message;
  error: unknown;
  code: string | undefined;
}

/** Sends our messages with the Web API: replies, posts (tracked, pinned), thread replies, direct messages, files. */
export class SlackSender {
  private readonly posts: RatePacer;
  private readonly updates: RatePacer;
  private readonly boards: EditCoalescer;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly deps: Deps,
    private readonly log: Logger,
    private readonly clock: () => Date,
    pacing: SlackPacing = SLACK_PACING,
  ) {
    this.posts = new RatePacer(pacing.posts);
    this.updates = new RatePacer(pacing.updates);
    this.boards = new EditCoalescer({
      intervalMs: pacing.boardIntervalMs,
      render: (target) => renderTracked(target, deps),
      send: (edit) => this.edit(edit),
      log,
    });
  }

  /** Resolves once every board change so far has reached an edit. */
  boardsSettled(): Promise<void> {
    return this.boards.settled();
  }

  /** Sends the board edits still pending. */
  stop(): Promise<void> {
    return this.boards.stop();
  }

  /**
   * Sends each message in order; a failure is logged (and told to the person who asked) without stopping the rest,
   * and returned, so that scheduled work knows what did not go out.
   */
  async send(messages: Message[], origin?: Origin): Promise<SlackSendFailure[]> {
    const failures: SlackSendFailure[] = [];
    for (const message of messages) {
      try {
        await this.sendOne(message, origin);
      } catch (error) {
        const code = slackErrorCode(error);
        failures.push({ message, error, code });
        this.log.error({ err: error, kind: message.kind, code }, 'slack send failed');
        const notice = code ? REFUSAL_NOTICE[code] : undefined;
        if (origin && notice) {
          await this.reply({ text: rich(notice), tone: 'warning', ephemeral: true }, origin).catch((notice: unknown) =>
            this.log.error({ err: notice }, 'slack notice failed'),
          );
        }
      }
    }
    return failures;
  }

  private async sendOne(message: Message, origin: Origin | undefined): Promise<void> {
    switch (message.kind) {
      case 'reply':
        if (origin) await this.reply(message.view, origin);
        else this.log.warn({}, 'a reply without an interaction was dropped');
        return;
      case 'post':
        return this.post(message);
      case 'thread':
        return this.thread(message);
      case 'dm':
        return this.direct(message.user, message.view);
      case 'edit':
        this.boards.sentElsewhere(message.target);
        return this.edit(message);
      case 'refresh':
        this.boards.changed(message.target);
        return;
    }
  }

  private async reply(view: View, origin: Origin): Promise<void> {
    const rendered = renderMessage(view);
    const delivered =
      origin.responseUrl !== undefined &&
      (await this.respond(origin.responseUrl, {
        response_type: view.ephemeral ? 'ephemeral' : 'in_channel',
        replace_original: false,
        ...rendered,
      }));
    if (!delivered) await this.replyWithoutResponseUrl(view, rendered, origin);
    if (view.attachments?.length) {
      if (view.ephemeral || !origin.channel) await this.attachInDirectMessage(origin.user, view.attachments);
      else await this.upload(view.attachments, origin.channel, origin.thread);
    }
  }

  private async replyWithoutResponseUrl(view: View, rendered: SlackMessage, origin: Origin): Promise<void> {
    if (!origin.channel) {
      await this.postTo(origin.user, rendered);
    } else if (view.ephemeral) {
      try {
        await this.client.chat.postEphemeral({
          channel: origin.channel,
          user: origin.user,
          ...rendered,
          ...(origin.thread ? { thread_ts: origin.thread } : {}),
        });
      } catch (error) {
        this.log.warn({ err: error }, 'ephemeral reply failed; sending it as a direct message');
        await this.postTo(origin.user, rendered);
      }
    } else {
      await this.postTo(origin.channel, rendered, origin.thread);
    }
  }

  private async post(message: PostMessage): Promise<void> {
    const result = await this.postTo(message.channel, renderMessage(message.view));
    const channel = result.channel ?? message.channel;
    const ts = result.ts;
    if (!ts) return;
    if (message.track) {
      await this.deps.store.deliveries.record(
        message.track,
        { platform: 'slack', channel, messageId: ts, threadId: ts },
        this.clock(),
      );
    }
    if (message.pin) {
      await this.client.pins
        .add({ channel, timestamp: ts })
        .catch((error: unknown) => this.log.warn({ err: error, channel }, 'pinning failed'));
    }
    if (message.view.attachments?.length) await this.upload(message.view.attachments, channel, ts);
  }

  /** chat.update cannot carry files: a view's attachments follow in the message's thread. */
  private async edit(message: EditMessage): Promise<void> {
    const delivery = await this.deps.store.deliveries.find(message.target);
    if (delivery?.platform !== 'slack') return;
    const rendered = renderMessage(message.view);
    await this.updates.run('workspace', () =>
      this.client.chat.update({
        channel: delivery.channel,
        ts: delivery.messageId,
        text: rendered.text,
        blocks: rendered.blocks,
      }),
    );
    if (message.view.attachments?.length) {
      await this.upload(message.view.attachments, delivery.channel, delivery.threadId ?? delivery.messageId);
    }
  }

  private async thread(message: ThreadMessage): Promise<void> {
    const delivery = await this.deps.store.deliveries.find(message.parent);
    const rendered = renderMessage(message.view);
    if (delivery?.platform === 'slack') {
      await this.postTo(delivery.channel, rendered, delivery.threadId ?? delivery.messageId);
      if (message.view.attachments?.length) {
        await this.upload(message.view.attachments, delivery.channel, delivery.threadId ?? delivery.messageId);
      }
    } else {
      await this.postTo(message.channel, rendered);
      if (message.view.attachments?.length) await this.upload(message.view.attachments, message.channel);
    }
  }

  private async direct(user: string, view: View): Promise<void> {
    const result = await this.postTo(user, renderMessage(view));
    if (view.attachments?.length && result.channel) await this.upload(view.attachments, result.channel);
  }

  /** Files meant for one person go to their direct messages with the bot, which needs no extra scope. */
  private async attachInDirectMessage(user: string, attachments: Attachment[]): Promise<void> {
    const names = attachments.map((attachment) => attachment.filename).join(', ');
    const result = await this.postTo(user, { text: escapeSlack(`Your file: ${names}`), blocks: [] });
    if (result.channel) await this.upload(attachments, result.channel, result.ts);
  }

  private postTo(channel: string, rendered: SlackMessage, thread?: string): Promise<{ channel?: string; ts?: string }> {
    return this.posts.run(channel, () =>
      this.client.chat.postMessage({
        channel,
        text: rendered.text,
        ...(rendered.blocks.length > 0 ? { blocks: rendered.blocks } : {}),
        ...(thread ? { thread_ts: thread } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
  }

  private async upload(attachments: Attachment[], channel: string, thread?: string): Promise<void> {
    for (const attachment of attachments) {
      const file = {
        channel_id: channel,
        content: attachment.content,
        filename: attachment.filename,
        title: attachment.filename,
      };
      await this.posts.run(channel, () => this.client.filesUploadV2(thread ? { ...file, thread_ts: thread } : file));
    }
  }

  private async respond(url: string, body: object): Promise<boolean> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) this.log.warn({ status: response.status }, 'response_url refused the reply');
      return response.ok;
    } catch (error) {
      this.log.warn({ err: error }, 'response_url could not be reached');
      return false;
    }
  }
}

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
