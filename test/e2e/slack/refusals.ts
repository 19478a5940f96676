import { readFileSync } from 'node:fs';
import { MANIFEST_PATH } from '../../../src/adapters/slack/manifest.js';
import { blockKitProblems, modalProblems } from './block-kit.js';

/** Refusals Slack gives for a channel the bot cannot post in. */
export type ChannelRefusal = 'not_in_channel' | 'channel_not_found' | 'is_archived';

/** The bot scope each Web API method needs; methods absent here need none (auth.test, views.*). */
const SCOPE_OF: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'pins.add': 'pins:write',
  'users.info': 'users:read',
  'users.list': 'users:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'conversations.info': 'channels:read',
  'conversations.list': 'channels:read',
  'conversations.members': 'channels:read',
  'conversations.join': 'channels:join',
  'conversations.history': 'channels:history',
  'conversations.replies': 'channels:history',
  'reactions.add': 'reactions:write',
  'users.lookupByEmail': 'users:read.email',
};

/** Message text Slack refuses beyond this (msg_too_long). */
const MESSAGE_TEXT_MAX = 40_000;
/** A response_url takes this many replies, within this long after the interaction. */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

/** The bot scopes the committed app manifest asks for: what a workspace that installed the app granted. */
export function manifestScopes(): string[] {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { oauth_config?: { scopes?: { bot?: string[] } } };
  return manifest.oauth_config?.scopes?.bot ?? [];
}

export type SlackRefusal = { error: string; needed?: string; provided?: string; response_metadata?: { messages: string[] } };

/**
 * How Slack refuses what it will not take: channels the bot cannot post in (on demand), methods outside the granted
 * scopes, payloads beyond Block Kit's limits, and response_urls used too often or too late.
 */
export class SlackRefusals {
  readonly channels = new Map<string, ChannelRefusal>();
  /** Every payload refused for its blocks or length, with the reasons: the bot should never produce one. */
  readonly violations: { method: string; problems: string[] }[] = [];
  scopes: string[] = manifestScopes();
  private readonly responseUrls = new Map<string, { first: number; uses: number }>();
  private forcedBlockRefusals = 0;

  /** The next `count` messages with blocks are refused with invalid_blocks, as if they broke a limit. */
  refuseBlocksOfNext(count: number): void {
    this.forcedBlockRefusals = count;
  }

  /** Posting to, updating in or pinning in `channel` fails with `error` until cleared. */
  refuseChannel(channel: string, error: ChannelRefusal): void {
    this.channels.set(channel, error);
  }

  clear(): void {
    this.channels.clear();
    this.forcedBlockRefusals = 0;
    this.scopes = manifestScopes();
  }

  /** The refusal of a Web API call, or undefined when Slack would take it. */
  check(method: string, params: Record<string, unknown>): SlackRefusal | undefined {
    const needed = SCOPE_OF[method];
    if (needed && !this.scopes.includes(needed)) return { error: 'missing_scope', needed, provided: this.scopes.join(',') };
    const channel = String(params.channel ?? params.channel_id ?? '');
    const refusal = this.channels.get(channel);
    if (refusal && method !== 'users.info') return { error: refusal };
    if (['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(method)) return this.checkMessage(method, params);
    if (['views.open', 'views.publish', 'views.update', 'views.push'].includes(method)) {
      const view = (params.view ?? {}) as Record<string, unknown>;
      return this.refuseBlocks(
        method,
        view.type === 'home' ? blockKitProblems((view.blocks as unknown[]) ?? [], 100, { markup: false }) : modalProblems(view),
      );
    }
    return undefined;
  }

  /** The refusal of a reply to `id`'s response_url at `now`, counting this use. */
  checkResponse(id: string, body: Record<string, unknown>, now: number): { status: number; error: string } | undefined {
    const seen = this.responseUrls.get(id) ?? { first: now, uses: 0 };
    seen.uses += 1;
    this.responseUrls.set(id, seen);
    if (seen.uses > RESPONSE_URL_USES || now - seen.first > RESPONSE_URL_LIFETIME_MS)
      return { status: 404, error: 'expired_url' };
    const refused = this.checkMessage('response_url', body);
    return refused ? { status: 400, error: refused.error } : undefined;
  }

  private checkMessage(method: string, params: Record<string, unknown>): SlackRefusal | undefined {
    const text = typeof params.text === 'string' ? params.text : '';
    if (text.length > MESSAGE_TEXT_MAX) {
      this.violations.push({ method, problems: [`text of ${text.length} characters`] });
      return { error: 'msg_too_long' };
    }
    const blocks = Array.isArray(params.blocks) ? params.blocks : [];
    if (blocks.length > 0 && this.forcedBlockRefusals > 0) {
      this.forcedBlockRefusals -= 1;
      return { error: 'invalid_blocks', response_metadata: { messages: ['[ERROR] refused on demand'] } };
    }
    return this.refuseBlocks(method, blocks.length > 0 ? blockKitProblems(blocks, 50, { markup: false }) : []);
  }

  private refuseBlocks(method: string, problems: string[]): SlackRefusal | undefined {
    if (problems.length === 0) return undefined;
    this.violations.push({ method, problems });
    return { error: 'invalid_blocks', response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) } };
  }
}
