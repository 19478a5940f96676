import { createHmac, randomUUID } from 'node:crypto';
import { createSlackAdapter, type SlackAdapter, type SlackTuning } from '../../../src/adapters/slack/client.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { SqliteApp } from '../../support/app.js';
import { createTestApp } from '../../support/app.js';
import { FakeSlack, type FakeUser, TEAM } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const ADMIN: FakeUser = { id: 'UADMIN', name: 'ada', is_admin: true };
export const OWNER: FakeUser = { id: 'UOWNER', name: 'olga', is_owner: true };
export const MEMBER: FakeUser = { id: 'UMEMBER', name: 'max' };
export const OTHER: FakeUser = { id: 'UOTHER', name: 'otto' };
export const CHANNEL = 'CSTUDY';

export interface Harness {
  fake: FakeSlack;
  app: SqliteApp;
  adapter: SlackAdapter;
  /** HTTP mode: where Slack would send requests. */
  eventsUrl: string;
  close(): Promise<void>;
}

/** The real app and the real Bolt-based adapter, talking to a fake Slack on 127.0.0.1. */
export async function startHarness(mode: 'http' | 'socket', tuning: SlackTuning = {}): Promise<Harness> {
  const fake = new FakeSlack([ADMIN, OWNER, MEMBER, OTHER]);
  await fake.start();
  const app = await createTestApp();
  const adapter = createSlackAdapter(
    app.deps,
    {
      botToken: 'xoxb-1-fake-bot-token',
      ...(mode === 'socket' ? { appToken: 'xapp-1-fake-app-token' } : { signingSecret: SIGNING_SECRET }),
      apiUrl: fake.apiUrl,
      port: 0,
    },
    silentLogger,
    { host: '127.0.0.1', retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 }, ...tuning },
  );
  await adapter.start();
  return {
    fake,
    app,
    adapter,
    eventsUrl: `http://127.0.0.1:${adapter.port() ?? 0}/slack/events`,
    async close() {
      await adapter.stop();
      await fake.close();
      await app.close();
      // Slack refused a payload for its blocks or length: a reply or post the person never saw.
      const refused = fake.refusals.violations;
      if (refused.length > 0)
        throw new Error(`Slack refused ${refused.length} payload(s): ${JSON.stringify(refused).slice(0, 500)}`);
    },
  };
}

export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  timestamp?: number;
  signature?: string;
  retryNum?: number;
}

/** Posts a request to the adapter the way Slack does, signed with the signing secret. */
export async function postSigned(
  h: Harness,
  body: string,
  contentType: string,
  options: SendOptions = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(h.eventsUrl, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? signature(body, timestamp),
      ...(options.retryNum ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

export function slashCommandPayload(text: string, user: FakeUser = MEMBER, channel = CHANNEL): Record<string, string> {
  const trigger = randomUUID();
  return {
    token: 'unused',
    team_id: TEAM,
    team_domain: 'fake',
    channel_id: channel,
    channel_name: 'study',
    user_id: user.id,
    user_name: user.name,
    command: '/cookbook',
    text,
    api_app_id: 'AFAKE',
    response_url: '',
    trigger_id: trigger,
  };
}

/** Runs `/cookbook <text>` over signed HTTP and waits until the adapter has finished the work it started. */
export async function slashCommand(h: Harness, text: string, user: FakeUser = MEMBER, channel = CHANNEL): Promise<number> {
  const payload = slashCommandPayload(text, user, channel);
  payload.response_url = h.fake.responseUrl(payload.trigger_id as string);
  const result = await postSigned(h, new URLSearchParams(payload).toString(), 'application/x-www-form-urlencoded');
  await h.adapter.idle();
  return result.status;
}

/** Sends an interaction payload (block_actions, view_submission, message_action) over signed HTTP. */
export async function interaction(h: Harness, payload: unknown): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const result = await postSigned(h, body, 'application/x-www-form-urlencoded');
  await h.adapter.idle();
  return result;
}

export function eventBody(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'unused',
    team_id: TEAM,
    api_app_id: 'AFAKE',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true }],
    event,
  });
}

export function homeOpenedEvent(user: FakeUser): Record<string, unknown> {
  return { type: 'app_home_opened', user: user.id, channel: `D${user.id.slice(1)}`, tab: 'home', event_ts: '1767225600.000001' };
}

export interface ButtonClick {
  action_id: string;
  value: string;
}

export function blockActionsPayload(
  h: Harness,
  element: Record<string, unknown>,
  user: FakeUser = MEMBER,
  where: { channel?: string; home?: boolean; ephemeral?: boolean } = {},
): Record<string, unknown> {
  const trigger = randomUUID();
  return {
    type: 'block_actions',
    team: { id: TEAM, domain: 'fake' },
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM },
    api_app_id: 'AFAKE',
    token: 'unused',
    trigger_id: trigger,
    ...(where.home
      ? { container: { type: 'view', view_id: 'VHOME' }, view: { id: 'VHOME', type: 'home', callback_id: '' } }
      : {
          container: {
            type: 'message',
            message_ts: '1767225600.000050',
            channel_id: where.channel ?? CHANNEL,
            is_ephemeral: where.ephemeral ?? false,
          },
          channel: { id: where.channel ?? CHANNEL, name: 'study' },
          // Slack sends no copy of an ephemeral message with its clicks.
          ...(where.ephemeral ? {} : { message: { type: 'message', ts: '1767225600.000050', text: 'earlier message' } }),
          response_url: h.fake.responseUrl(trigger),
        }),
    actions: [{ block_id: 'b1', action_ts: '1767225601.000001', ...element }],
  };
}

export function viewSubmissionPayload(
  view: { private_metadata: string; blocks: { block_id: string }[] },
  values: Record<string, string>,
  user: FakeUser = MEMBER,
  viewId = `V${randomUUID().slice(0, 8)}`,
): Record<string, unknown> {
  const state: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const block of view.blocks)
    state[block.block_id] = { value: { type: 'plain_text_input', value: values[block.block_id] ?? null } };
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'fake' },
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM },
    api_app_id: 'AFAKE',
    token: 'unused',
    trigger_id: randomUUID(),
    view: {
      id: viewId,
      team_id: TEAM,
      type: 'modal',
      callback_id: 'cookbook:form',
      private_metadata: view.private_metadata,
      blocks: view.blocks,
      state: { values: state },
      hash: 'h1',
      app_id: 'AFAKE',
      bot_id: 'BFAKE',
    },
  };
}

export function messageShortcutPayload(
  h: Harness,
  text: string,
  user: FakeUser = MEMBER,
  channel = CHANNEL,
): Record<string, unknown> {
  const trigger = randomUUID();
  return {
    type: 'message_action',
    callback_id: 'cookbook:submit-question',
    trigger_id: trigger,
    message_ts: '1767225600.000070',
    response_url: h.fake.responseUrl(trigger),
    message: { type: 'message', user: OTHER.id, ts: '1767225600.000070', text },
    user: { id: user.id, name: user.name, team_id: TEAM },
    channel: { id: channel, name: 'study' },
    team: { id: TEAM, domain: 'fake' },
    token: 'unused',
    action_ts: '1767225601.000002',
  };
}

/** Waits until `check` holds (polling), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
