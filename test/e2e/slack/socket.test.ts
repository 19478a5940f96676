import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockKitProblems } from './block-kit.js';
import {
  blockActionsPayload,
  eventBody,
  eventually,
  type Harness,
  homeOpenedEvent,
  MEMBER,
  slashCommandPayload,
  startHarness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('socket');
});
afterAll(async () => {
  await h.close();
});

describe('GIVEN the Slack app in Socket Mode', () => {
  test('THEN it opened its connection with the app-level token and listens on no port', () => {
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.authorization).toBe('Bearer xapp-1-fake-app-token');
    expect(h.fake.socketCount).toBe(1);
    expect(h.adapter.mode).toBe('socket');
    expect(h.adapter.port()).toBeUndefined();
  });

  test('WHEN a slash command envelope arrives THEN it is acknowledged on the socket and answered', async () => {
    const payload = slashCommandPayload('topic kafka');
    payload.response_url = h.fake.responseUrl(payload.trigger_id as string);
    const mark = h.fake.mark();
    const started = Date.now();
    const ack = await h.fake.sendEnvelope('slash_commands', payload, {}, 'env-command-1');
    expect(ack.envelope_id).toBe('env-command-1');
    expect(Date.now() - started).toBeLessThan(3000);
    await h.adapter.idle();
    const [reply] = h.fake.shownSince(mark);
    expect(reply?.source).toBe('response_url');
    expect(JSON.stringify(reply?.blocks)).toMatch(/Kafka/);
    expect(blockKitProblems(reply?.blocks ?? [])).toEqual([]);
  });

  test('WHEN a button click arrives as an interactive envelope THEN its command line runs', async () => {
    const mark = h.fake.mark();
    const click = blockActionsPayload(h, { type: 'button', action_id: 'cookbook:run:0', value: '/help command:quiz' });
    await h.fake.sendEnvelope('interactive', click);
    await h.adapter.idle();
    const [reply] = h.fake.shownSince(mark);
    expect(JSON.stringify(reply?.blocks)).toContain('Help: /cookbook quiz');
  });

  test('WHEN the same event is delivered four times THEN it is acknowledged each time and handled once', async () => {
    const mark = h.fake.mark();
    const body = JSON.parse(eventBody(homeOpenedEvent(MEMBER), 'Ev0SOCKET4X')) as unknown;
    for (const attempt of [0, 1, 2, 3]) {
      const ack = await h.fake.sendEnvelope('events_api', body, {
        retry_attempt: attempt,
        retry_reason: attempt ? 'timeout' : '',
      });
      expect(ack.envelope_id).toBeDefined();
    }
    await eventually(() => h.fake.calls.slice(mark.calls).some((call) => call.method === 'views.publish'));
    await h.adapter.idle();
    expect(h.fake.calls.slice(mark.calls).filter((call) => call.method === 'views.publish')).toHaveLength(1);
  });

  test('WHEN the adapter stops THEN the socket closes', async () => {
    await h.adapter.stop();
    await eventually(() => h.fake.socketCount === 0);
    expect(h.fake.socketCount).toBe(0);
  });
});
