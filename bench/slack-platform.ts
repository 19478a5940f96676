/**
 * The Slack side of the Slack burst, in a worker thread so it does not share the bot's event loop: the fake Slack
 * of test/e2e/slack (Web API and response URLs) and a client that sends signed `/cookbook` requests at a fixed
 * arrival rate to the bot's HTTP receiver on 127.0.0.1.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { FakeSlack, type FakeUser, TEAM } from '../test/e2e/slack/fake-slack.js';
import { signature } from '../test/e2e/slack/harness.js';

export interface PlatformRequest {
  type: 'command' | 'burst' | 'responses' | 'close';
  url?: string;
  text?: string;
  user?: FakeUser;
  trigger?: string;
  deliveries?: { event: number; user: string; line: string }[];
  perSecond?: number;
}

export interface BurstSent {
  offeredPerSecond: number;
  /** Per delivery, in order: the event, its copy number and the HTTP status (0 when no answer came). */
  statuses: { event: number; status: number }[];
  ackSamples: number[];
  /** From the first arrival until the last acknowledgement, in this thread's clock. */
  sendingMs: number;
}

export const CHANNEL = 'CLIVE';
/** Slack itself gives up after 3 s; the client waits longer so that late acknowledgements are measured, not cut off. */
const REQUEST_TIMEOUT_MS = 30_000;

export const viewerId = (user: string) => `UV${user.replace(/\D/g, '').padStart(6, '0')}`;

function formBody(text: string, user: FakeUser, trigger: string, responseUrl: string): string {
  return new URLSearchParams({
    token: 'unused',
    team_id: TEAM,
    team_domain: 'fake',
    channel_id: CHANNEL,
    channel_name: 'live',
    user_id: user.id,
    user_name: user.name,
    command: '/cookbook',
    text,
    api_app_id: 'AFAKE',
    response_url: responseUrl,
    trigger_id: trigger,
  }).toString();
}

async function post(url: string, body: string, retryNum: number): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature(body, timestamp),
        ...(retryNum > 0 ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
      },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

async function burst(fake: FakeSlack, request: PlatformRequest): Promise<BurstSent> {
  const deliveries = request.deliveries ?? [];
  const perSecond = request.perSecond ?? 100;
  const url = request.url ?? '';
  const copies = new Map<number, number>();
  const statuses: BurstSent['statuses'] = [];
  const ackSamples: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < deliveries.length; i++) {
    const delivery = deliveries[i] as (typeof deliveries)[number];
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const copy = copies.get(delivery.event) ?? 0;
    copies.set(delivery.event, copy + 1);
    const body = formBody(
      delivery.line.replace(/^\//, ''),
      { id: viewerId(delivery.user), name: delivery.user },
      `trigger-${delivery.event}`,
      fake.responseUrl(`event-${delivery.event}`),
    );
    const sent = performance.now();
    pending.push(
      post(url, body, copy).then((status) => {
        ackSamples.push(performance.now() - sent);
        statuses.push({ event: delivery.event, status });
      }),
    );
  }
  const offeredMs = performance.now() - started;
  await Promise.all(pending);
  return {
    offeredPerSecond: Math.round((deliveries.length / offeredMs) * 10_000) / 10,
    statuses,
    ackSamples,
    sendingMs: performance.now() - started,
  };
}

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('bench/slack-platform.ts runs as a worker thread');
  const fake = new FakeSlack(workerData.users as FakeUser[]);
  await fake.start();
  port.postMessage({ type: 'ready', apiUrl: fake.apiUrl });
  port.on('message', (request: PlatformRequest) => {
    void (async () => {
      switch (request.type) {
        case 'command': {
          const body = formBody(
            request.text ?? '',
            request.user as FakeUser,
            request.trigger ?? 'trigger',
            fake.responseUrl('command'),
          );
          port.postMessage({ type: 'command', status: await post(request.url ?? '', body, 0) });
          return;
        }
        case 'burst':
          port.postMessage({ type: 'burst', result: await burst(fake, request) });
          return;
        case 'responses':
          port.postMessage({
            type: 'responses',
            count: fake.responses.length,
            channelPosts: fake.callsTo('chat.postMessage').filter((call) => call.params.channel === CHANNEL).length,
            rateLimited: fake.rateLimits.throttled.length,
            boardUpdates: fake
              .callsTo('chat.update')
              .filter((call) => call.params.channel === CHANNEL)
              .map((call) => call.at),
            lastBoard: JSON.stringify(fake.callsTo('chat.update').at(-1)?.params.blocks ?? []),
            responses: fake.responses.map((response) => ({ id: response.id, text: String(response.body.text ?? '') })),
          });
          return;
        case 'close':
          await fake.close();
          port.postMessage({ type: 'closed' });
          port.close();
          return;
      }
    })();
  });
}

if (!isMainThread) await serve();
