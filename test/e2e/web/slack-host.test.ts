import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebServer, type WebServer } from '../../../src/adapters/web/server.js';
import { ADMIN, CHANNEL, eventually, type Harness, MEMBER, slashCommand, startHarness } from '../slack/harness.js';

let h: Harness;
let web: WebServer;
let hostLink: string;
let overlayLink: string;

/** The first state an event stream sends, read off the wire. */
async function firstState(link: string): Promise<Record<string, unknown>> {
  const stop = new AbortController();
  const response = await fetch(`${link}/events`, { signal: stop.signal });
  const reader = response.body?.getReader();
  let text = '';
  while (reader && !/\ndata: .*\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  stop.abort();
  const data = /\ndata: (.*)\n/.exec(text)?.[1];
  return data ? (JSON.parse(data) as Record<string, unknown>) : {};
}

async function act(body: unknown): Promise<{ status: number; message: string }> {
  const response = await fetch(`${hostLink}/actions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { message: string };
  return { status: response.status, message: answer.message };
}

async function askedId(): Promise<number> {
  const latest = (await h.app.deps.store.stream.listSubmissions({ sort: 'new', limit: 1 }))[0];
  if (!latest) throw new Error('nothing was asked');
  return latest.id;
}

beforeAll(async () => {
  h = await startHarness('http');
  const adapter = h.adapter;
  web = await startWebServer(
    h.app.deps,
    { host: '127.0.0.1', port: 0 },
    {
      undoMs: 0,
      keepAliveMs: 15_000,
      roleOf: async (owner, channel) => adapter.roleOf?.(owner.tenant, channel, owner.userId),
      deliver: (owner, messages) => adapter.deliver(owner.tenant, messages),
    },
  );
  h.app.deps.settings.publicUrl = web.url;
  await slashCommand(h, 'stream start title:"Live on Slack"', ADMIN);
  const mark = h.fake.mark();
  await slashCommand(h, 'stream overlay', ADMIN);
  const shown = JSON.stringify(h.fake.shownSince(mark).map((item) => item.params));
  const found = /(http:\/\/127\.0\.0\.1:\d+\/host\/[A-Za-z0-9_-]+)/.exec(shown)?.[1];
  const overlay = /(http:\/\/127\.0\.0\.1:\d+\/overlay\/[A-Za-z0-9_-]+)/.exec(shown)?.[1];
  if (!found || !overlay) throw new Error(`no links in ${shown}`);
  hostLink = found;
  overlayLink = overlay;
});

afterAll(async () => {
  await web.stop();
  await h.close();
});

describe('GIVEN a host screen link made by a Slack workspace admin', () => {
  test('THEN the overlay tells viewers the Slack command to ask with, not a channel id', async () => {
    const state = await firstState(overlayLink);
    expect(state.callToAction).toBe('Ask with /cookbook ask in the chat');
    expect(state.title).toBe('Live on Slack');
  });

  test('WHEN the host approves on the screen THEN Slack is asked for the role, the question is approved and the board edited', async () => {
    await slashCommand(h, 'ask question:"How do you choose a partition key for skewed data?"', MEMBER);
    const id = await askedId();
    const mark = h.fake.mark();
    const answer = await act({ action: 'approve', id, anyway: true });
    expect(answer.status).toBe(200);
    expect((await h.app.deps.store.stream.submission(1, id))?.status).toBe('approved');
    expect(h.fake.calls.slice(mark.calls).some((call) => call.method === 'users.info' && call.params.user === ADMIN.id)).toBe(
      true,
    );
    await eventually(() =>
      h.fake.calls
        .slice(mark.calls)
        .some(
          (call) =>
            call.method === 'chat.update' &&
            call.params.channel === CHANNEL &&
            JSON.stringify(call.params).includes('partition key'),
        ),
    );
  });

  test('WHEN Slack says the person is no longer an admin THEN the next action is refused and nothing changes', async () => {
    await slashCommand(h, 'ask question:"What breaks when a schema registry is down?"', MEMBER);
    const id = await askedId();
    h.fake.users.set(ADMIN.id, { ...ADMIN, is_admin: false });
    try {
      const answer = await act({ action: 'approve', id, anyway: true });
      expect(answer.status).toBe(409);
      expect(answer.message).toContain('Only moderators');
      expect((await h.app.deps.store.stream.submission(1, id))?.status).toBe('pending');
    } finally {
      h.fake.users.set(ADMIN.id, ADMIN);
    }
  });
});
