import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/client.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { SqliteApp } from '../../support/app.js';
import { createTestApp } from '../../support/app.js';
import { FakeSlack } from './fake-slack.js';
import { SIGNING_SECRET } from './harness.js';

let fake: FakeSlack;
let app: SqliteApp;
beforeAll(async () => {
  fake = new FakeSlack();
  await fake.start();
  app = await createTestApp();
});
afterAll(async () => {
  await fake.close();
  await app.close();
});

describe('GIVEN Slack settings that cannot work', () => {
  test('WHEN neither an app token nor a signing secret is set THEN the adapter refuses to be created', () => {
    expect(() => createSlackAdapter(app.deps, { botToken: 'xoxb-1-x', apiUrl: fake.apiUrl, port: 0 }, silentLogger)).toThrow(
      /SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/,
    );
  });

  test("WHEN the bot token is revoked THEN start fails with Slack's reason and nothing listens", async () => {
    const adapter = createSlackAdapter(
      app.deps,
      { botToken: 'xoxb-revoked', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 },
      silentLogger,
      { host: '127.0.0.1' },
    );
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
    expect(adapter.port()).toBeUndefined();
    await adapter.stop();
  });
});
