import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hashToken, LINK_GRACE_MS, openLink } from '../../../src/core/stream/links.js';
import { createLogger } from '../../../src/log.js';
import { type Bot, databaseFile, linksIn, startBot, viewer } from './harness.js';

const db = databaseFile();
const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});
let bot: Bot;
let links: { overlay: string; host: string };
const tokenOf = (url: string) => url.split('/').pop() ?? '';

async function act(
  body: unknown,
  url = `${links.host}/actions`,
): Promise<{ status: number; json: { ok?: boolean; message?: string } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as { ok?: boolean; message?: string } };
}

beforeAll(async () => {
  bot = await startBot(db.path, 0, 0, createLogger('trace', [], sink));
  await bot.say('/stream start title:"Links" moderation:pre');
  links = linksIn(await bot.say('/stream overlay'));
});
afterAll(async () => {
  await bot.stop();
  db.remove();
});

describe('GIVEN the links of an open session', () => {
  test('THEN only hashes of the tokens are stored, and no log line carries a token', async () => {
    await fetch(links.overlay);
    await act({ action: 'approve', id: 999 });
    await act({ action: 'nonsense' });
    const stored = bot.app.db.$client.prepare('SELECT token_hash AS hash FROM stream_links ORDER BY id').all() as {
      hash: string;
    }[];
    expect(stored.map((row) => row.hash)).toEqual([hashToken(tokenOf(links.overlay)), hashToken(tokenOf(links.host))]);
    const dump = JSON.stringify(bot.app.db.$client.prepare('SELECT * FROM stream_links').all());
    expect(dump).not.toContain(tokenOf(links.overlay));
    expect(lines.length).toBeGreaterThan(0);
    for (const token of [tokenOf(links.overlay), tokenOf(links.host)]) {
      expect(lines.join('\n')).not.toContain(token);
    }
  });

  test('WHEN the overlay token is used on the host screen THEN it is refused like any wrong token', async () => {
    const swapped = links.host.replace(tokenOf(links.host), tokenOf(links.overlay));
    expect((await fetch(swapped)).status).toBe(404);
    expect((await act({ action: 'approve', id: 1 }, `${swapped}/actions`)).status).toBe(404);
  });

  test('WHEN a non-moderator is given the host link of a moderator who lost the role THEN actions are refused', async () => {
    const id = /#(\d+)/.exec(await bot.say('/ask question:"How are late events handled in windows?"', viewer(1)))?.[1];
    const reply = await bot.say('/stream overlay', { ...viewer(1), role: 'moderator' });
    const theirs = linksIn(reply);
    // The console says the person is no moderator now: the link acts as them, so the action is refused.
    const refused = await act({ action: 'approve', id: Number(id) }, `${theirs.host}/actions`);
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('Only moderators');
  });

  test('WHEN an action is not JSON, unknown or far too large THEN it gets a short refusal and nothing changes', async () => {
    const url = `${links.host}/actions`;
    const notJson = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'approve 1' });
    expect(notJson.status).toBe(415);
    expect((await act({ action: 'delete-everything', id: 1 })).json.message).toBe(
      'That action is not one the host screen knows.',
    );
    const huge = await act({ action: 'edit', id: 1, text: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(huge.json.message).toBe('That action is too large.');
  });

  test('WHEN actions come faster than 30 in 10 seconds on one link THEN the rest get 429 with a short message', async () => {
    const answers = [];
    for (let index = 0; index < 32; index++) answers.push(await act({ action: 'highlight', id: 999_999 }));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.json.message).toBe('Too many actions at once; wait a few seconds and try again.');
  });

  test('WHEN the session ends THEN the links work for 24 hours more and then answer like a wrong token', async () => {
    await bot.say('/stream end');
    const session = (await bot.app.deps.store.stream.listSubmissions({}))[0];
    const ended = (await bot.app.deps.store.stream.sessionById(session?.sessionId ?? 1))?.endedAt ?? new Date();
    const at = (ms: number) => new Date(ended.getTime() + ms);
    expect(await openLink(bot.app.deps, 'overlay', tokenOf(links.overlay), at(LINK_GRACE_MS - 1000))).toBeDefined();
    expect(await openLink(bot.app.deps, 'overlay', tokenOf(links.overlay), at(LINK_GRACE_MS + 1000))).toBeUndefined();
    expect((await fetch(links.overlay)).status).toBe(200);
  });
});
