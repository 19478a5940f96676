import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/logger.js';
import { createLogger } from '../../src/log.js';

const DISCORD_BOT_TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';
const SLACK_BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const SLACK_APP_TOKEN = 'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef0123456789';
const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTp3eXo5OHJnbGVhdmVtZWFsb25l';
const RESPONSE_URL = 'https://hooks.slack.com/actions/T0123ABCD/1234567890123/Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2';
const SECRETS = [DISCORD_BOT_TOKEN, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SIGNING_SECRET, INTERACTION_TOKEN, RESPONSE_URL];
const INTERACTION_URL = `https://discord.com/api/v10/interactions/1234567890123456789/${INTERACTION_TOKEN}/callback`;
const WEBHOOK_URL = `https://discord.com/api/v10/webhooks/1098765432109876543/${INTERACTION_TOKEN}/messages/@original`;

/** A logger like main.ts builds (configured secrets known), writing into memory. */
function capture(): { log: Logger; output: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const log = createLogger('debug', [DISCORD_BOT_TOKEN, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SIGNING_SECRET], sink);
  return { log, output: () => chunks.join('') };
}

function expectNoSecret(output: string): void {
  expect(output.length).toBeGreaterThan(0);
  for (const secret of SECRETS) expect(output, `leaked ${secret.slice(0, 12)}…`).not.toContain(secret);
  // Partial leaks count too: a long run of any secret is as good as the secret.
  for (const secret of SECRETS) expect(output).not.toContain(secret.slice(-24));
}

class DiscordLikeError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly requestBody: unknown,
  ) {
    super(message);
  }
}

describe('log redaction', () => {
  const cases: [string, (log: Logger) => void][] = [
    [
      'configuration logged whole',
      (log) =>
        log.info(
          {
            config: {
              discord: { token: DISCORD_BOT_TOKEN },
              slack: { botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN, signingSecret: SIGNING_SECRET },
            },
          },
          'config',
        ),
    ],
    [
      'a raw Discord interaction',
      (log) =>
        log.debug(
          { interaction: { id: '1', application_id: '2', token: INTERACTION_TOKEN, data: { name: 'topic' } } },
          'received',
        ),
    ],
    [
      'a Slack payload deep inside an event',
      (log) =>
        log.debug(
          { event: { body: { payload: { token: 'verif', response_url: RESPONSE_URL, trigger_id: '1.2' } } } },
          'received',
        ),
    ],
    [
      'request headers in any case',
      (log) =>
        log.warn(
          { request: { headers: { Authorization: `Bot ${DISCORD_BOT_TOKEN}`, 'X-Slack-Signature': 'v0=abc' } } },
          'retrying',
        ),
    ],
    [
      'URLs with interaction tokens as values',
      (log) => log.info({ route: INTERACTION_URL, followUp: WEBHOOK_URL, urls: [RESPONSE_URL] }, 'sent'),
    ],
    ['a message text carrying a URL', (log) => log.info({}, `posting to ${RESPONSE_URL} and ${INTERACTION_URL}`)],
    [
      'an error whose message names a token',
      (log) => log.error({ err: new Error(`Request to ${WEBHOOK_URL} failed: 401 with ${SLACK_BOT_TOKEN}`) }, 'send failed'),
    ],
    [
      'an error with a cause',
      (log) =>
        log.error({ err: new Error('send failed', { cause: new Error(`Bot ${DISCORD_BOT_TOKEN} rejected`) }) }, 'send failed'),
    ],
    [
      'an error carrying the request',
      (log) =>
        log.error(
          {
            err: new DiscordLikeError('Unknown interaction', INTERACTION_URL, {
              json: { response_url: RESPONSE_URL },
              token: INTERACTION_TOKEN,
            }),
          },
          'reply failed',
        ),
    ],
    [
      'child logger bindings',
      (log) => log.child({ responseUrl: RESPONSE_URL, interactionToken: INTERACTION_TOKEN }).info({}, 'in child'),
    ],
    [
      'deep child logger bindings',
      (log) => log.child({ ctx: { request: { response_url: RESPONSE_URL, url: WEBHOOK_URL } } }).warn({}, 'deep child'),
    ],
    ['a signing secret inside free text', (log) => log.warn({ note: `secret is ${SIGNING_SECRET}` }, 'odd')],
  ];
  for (const [name, write] of cases) {
    it(`GIVEN ${name} WHEN logged THEN no token, secret or response URL appears`, () => {
      const { log, output } = capture();
      write(log);
      expectNoSecret(output());
    });
  }

  it('GIVEN redacted secrets THEN the rest of the line is still useful', () => {
    const { log, output } = capture();
    log.error({ err: new DiscordLikeError('Unknown interaction', INTERACTION_URL, {}), command: 'topic' }, 'reply failed');
    const line = JSON.parse(output());
    expect(line.msg).toBe('reply failed');
    expect(line.command).toBe('topic');
    expect(line.err.type).toBe('DiscordLikeError');
    expect(line.err.message).toBe('Unknown interaction');
    expect(line.err.url).toContain('/interactions/1234567890123456789/');
    expect(line.err.stack).toContain('log-redaction.test.ts');
  });
});
