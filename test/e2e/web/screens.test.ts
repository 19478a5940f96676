import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../support/app.js';
import { type Browser, launchBrowser, SCREENSHOTS } from './browser.js';
import { type Bot, databaseFile, HOST, linksIn, startBot, viewer } from './harness.js';

interface Hostile {
  category: string;
  name: string;
  text: string;
}

const hostile = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'test/fixtures/hostile-strings.json'), 'utf8')) as Hostile[];
/** What the pages must show as plain text; a sample of every kind, HTML first. */
const HOSTILE_SAMPLE = [
  ...hostile.filter((entry) => entry.category === 'html'),
  ...hostile.filter((entry) => entry.category === 'markdown').slice(0, 2),
  ...hostile.filter((entry) => entry.category === 'mrkdwn').slice(0, 2),
];
/** Live updates must land within this long (the bound), after the host screen's undo window. */
const LIVE_MS = 2000;
const UNDO_MS = 1000;

const db = databaseFile();
let bot: Bot;
let browser: Browser;
let links: { overlay: string; host: string };
let overlay: Page;
let host: Page;
const injected: string[] = [];

async function statusOf(id: number): Promise<string | undefined> {
  return (await bot.app.deps.store.stream.listSubmissions({})).find((item) => item.id === id)?.status;
}

async function ask(text: string, who = viewer(1)): Promise<number> {
  const reply = await bot.say(`/ask question:"${text.replaceAll('"', "'")}" category:Kafka`, who);
  const id = /Your question is #(\d+)/.exec(reply)?.[1];
  if (!id) throw new Error(`Not asked: ${reply}`);
  return Number(id);
}

async function watch(page: Page): Promise<void> {
  // Everything a page loads comes from the bot: no fonts, scripts or CDNs elsewhere, so it works offline.
  const origin = new URL(links.overlay).origin;
  page.on('request', (request) => {
    if (!request.url().startsWith(`${origin}/`)) injected.push(`request: ${request.url()}`);
  });
  page.on('dialog', (dialog) => {
    injected.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') injected.push(`console: ${message.text()}`);
  });
}

beforeAll(async () => {
  bot = await startBot(db.path);
  await bot.say('/stream start title:"Live #97" moderation:pre');
  links = linksIn(await bot.say('/stream overlay'));
  browser = await launchBrowser();
  overlay = await browser.page(1920, 1080);
  host = await browser.page(1280, 900);
  await watch(overlay);
  await watch(host);
  await overlay.goto(links.overlay);
  await host.goto(links.host);
  await host.locator('h1').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  db.remove();
});

describe('GIVEN a session with its overlay and host screen open in Chromium', () => {
  test('THEN both pages carry a strict Content-Security-Policy and the links are unguessable', async () => {
    const response = await fetch(links.overlay);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const token = links.overlay.split('/').pop() ?? '';
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(links.host.split('/').pop()).not.toBe(token);
  });

  test('WHEN a viewer asks through dispatch THEN the question shows on the host screen within 2 seconds', async () => {
    const id = await ask('How does Kafka keep the order of messages in a partition?');
    await host.locator(`li.question[data-id="${id}"]`).waitFor({ timeout: LIVE_MS });
    await expect.poll(() => host.locator(`li.question[data-id="${id}"] .text`).textContent()).toContain('order of messages');
    expect(await host.locator('.count.pending').textContent()).toBe('1 waiting');
  });

  test('WHEN the host clicks Approve THEN after the undo window the question is approved, audited and listed', async () => {
    const id = await ask('Which dashboards did your team watch during the last holiday sale?', viewer(2));
    const row = host.locator(`li.question[data-id="${id}"]`);
    await row.waitFor({ timeout: LIVE_MS });
    await row.locator('button.approve').click();
    await host.getByRole('button', { name: 'Undo (u)' }).waitFor();
    await expect.poll(() => statusOf(id), { timeout: UNDO_MS + LIVE_MS }).toBe('approved');
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: LIVE_MS }).toBe('approved');
    const audit = bot.app.db.$client
      .prepare(
        "SELECT u.external_id AS moderator FROM moderation_actions m JOIN users u ON u.id = m.moderator_id WHERE m.submission_id = ? AND m.action = 'approve'",
      )
      .all(id) as { moderator: string }[];
    expect(audit).toEqual([{ moderator: HOST.userId }]);
  });

  test('WHEN the host rejects and presses u within 10 seconds THEN nothing is sent and the question still waits', async () => {
    const id = await ask('Why would anyone pick Avro over JSON for events?', viewer(3));
    const row = host.locator(`li.question[data-id="${id}"]`);
    await row.waitFor({ timeout: LIVE_MS });
    await row.locator('button.reject').click();
    await host.locator('form.ask input').fill('Off topic');
    await host.locator('form.ask button[type="submit"]').click();
    await host.getByRole('button', { name: 'Undo (u)' }).waitFor();
    await host.locator('body').press('u');
    await host.waitForTimeout(UNDO_MS + 300);
    expect(await statusOf(id)).toBe('pending');
    expect(await host.locator('.status .note').textContent()).toContain('Undone');
  });

  test('WHEN the host puts an approved question on stream with the keyboard THEN the overlay shows it within 2 seconds', async () => {
    const id = await ask('Who reviews the runbooks of your on-call rotation?', viewer(4, 'Ada'));
    await host.locator(`li.question[data-id="${id}"]`).waitFor({ timeout: LIVE_MS });
    await host.locator('body').press('n');
    await host.locator(`li.question.selected[data-id="${id}"]`).waitFor();
    await host.locator('body').press('a');
    await expect.poll(() => statusOf(id), { timeout: UNDO_MS + LIVE_MS }).toBe('approved');
    await host.locator('body').press('s');
    const card = overlay.locator(`.on-stream[data-id="${id}"]`);
    await card.waitFor({ timeout: UNDO_MS + LIVE_MS });
    expect(await card.locator('.question').textContent()).toBe('Who reviews the runbooks of your on-call rotation?');
    expect(await card.locator('.author').textContent()).toBe('asked by Ada');
    expect(await overlay.locator('.cta').textContent()).toBe('Ask with /ask in #live');
    const background = await overlay.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgba(0, 0, 0, 0)');
    await overlay.waitForTimeout(700);
    await overlay.screenshot({ path: join(SCREENSHOTS, 'overlay.png'), omitBackground: true });
    await host.screenshot({ path: join(SCREENSHOTS, 'host.png'), fullPage: true });
    const phone = await browser.page(390, 844);
    await phone.goto(links.host);
    await phone.locator('li.question').first().waitFor();
    const overflow = await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SCREENSHOTS, 'host-phone.png'), fullPage: true });
    await phone.close();
  });

  test('WHEN the host edits, merges, rejects with a reason and marks answered by keyboard THEN each lands as the command', async () => {
    const first = await ask('How do you test a pipeline that reads from three sources?', viewer(6));
    const second = await ask('How can one test pipelines that read from several sources?', viewer(7));
    const third = await ask('Buy cheap followers here now', viewer(8));
    await host.locator(`li.question[data-id="${third}"]`).waitFor({ timeout: LIVE_MS });
    const select = async (id: number) => {
      await host.locator(`li.question[data-id="${id}"] .text`).click();
      await host.locator(`li.question.selected[data-id="${id}"]`).waitFor();
    };
    const stored = async (id: number) => (await bot.app.deps.store.stream.listSubmissions({})).find((item) => item.id === id);

    await select(first);
    await host.locator('body').press('e');
    await host.locator('form.ask input').fill('How do you test a pipeline that reads from three sources at once?');
    await host.locator('form.ask input').press('Enter');
    await expect
      .poll(async () => (await stored(first))?.text, { timeout: UNDO_MS + LIVE_MS })
      .toBe('How do you test a pipeline that reads from three sources at once?');

    await select(second);
    await host.locator('body').press('m');
    await host.locator('form.ask input').fill(`#${first}`);
    await host.locator('form.ask input').press('Enter');
    await expect.poll(async () => (await stored(second))?.status, { timeout: UNDO_MS + LIVE_MS }).toBe('merged');
    expect((await stored(second))?.mergedInto).toBe(first);

    await select(third);
    await host.locator('body').press('r');
    await host.locator('form.ask input').fill('Spam');
    await host.locator('form.ask input').press('Enter');
    await expect.poll(async () => (await stored(third))?.status, { timeout: UNDO_MS + LIVE_MS }).toBe('rejected');
    expect((await stored(third))?.rejectReason).toBe('Spam');

    await bot.say(`/stream approve id:${first} anyway:true`);
    await select(first);
    await host.locator('body').press('d');
    await expect.poll(async () => (await stored(first))?.answeredAt, { timeout: UNDO_MS + LIVE_MS }).toBeDefined();
    await expect.poll(() => host.locator(`li.question[data-id="${first}"]`).count(), { timeout: LIVE_MS }).toBe(0);
    expect(await host.locator('.count.answered').textContent()).toBe('1 answered');
  });

  test('WHEN the host closes the screen while an action is held THEN the action is sent, not lost', async () => {
    const id = await ask('Which alerts wake your on-call engineer at night?', viewer(9));
    const second = await browser.page(1280, 900);
    await second.goto(links.host);
    const row = second.locator(`li.question[data-id="${id}"]`);
    await row.waitFor({ timeout: LIVE_MS });
    await row.locator('button.approve').click();
    await second.getByRole('button', { name: 'Undo (u)' }).waitFor();
    await second.close({ runBeforeUnload: true });
    await expect.poll(() => statusOf(id), { timeout: LIVE_MS }).toBe('approved');
  });

  test('WHEN hostile strings are asked, approved and put on stream THEN both pages show them as inert text', async () => {
    for (const [index, entry] of HOSTILE_SAMPLE.entries()) {
      const id = await ask(`${entry.text} (asked in the chat)`, viewer(100 + index, entry.text.slice(0, 60)));
      await bot.say(`/stream approve id:${id} anyway:true`);
      await bot.say(`/stream highlight id:${id}`);
      const card = overlay.locator(`.on-stream[data-id="${id}"]`);
      await card.waitFor({ timeout: LIVE_MS });
      const shown = await card.locator('.question').textContent();
      const stored = (await bot.app.deps.store.stream.listSubmissions({})).find((item) => item.id === id)?.text;
      expect(shown, entry.name).toBe(stored);
    }
    const asked: number[] = [];
    for (const [index, entry] of hostile.entries()) {
      const reply = await bot.say(`/ask question:"${entry.text.replaceAll('"', "'")} (asked in the chat)"`, viewer(200 + index));
      const id = /Your question is #(\d+)/.exec(reply)?.[1];
      if (id) asked.push(Number(id));
    }
    expect(asked.length).toBeGreaterThan(hostile.length / 2);
    await host.locator(`li.question[data-id="${asked.at(-1)}"]`).waitFor({ timeout: LIVE_MS });
    const rows = (await host.evaluate(
      "[...document.querySelectorAll('li.question')].map((li) => [Number(li.dataset.id), li.querySelector('.text').textContent])",
    )) as [number, string][];
    const shownById = new Map(rows);
    for (const id of asked) {
      const stored = (await bot.app.deps.store.stream.listSubmissions({})).find((item) => item.id === id);
      expect(shownById.get(id), `#${id}`).toBe(stored?.text);
    }
    for (const page of [overlay, host]) {
      // Browser-side expressions are strings here: the tests are compiled without the DOM's types.
      const foreign = await page.evaluate(`({
        pwned: '__pwned' in window,
        elements: document.querySelectorAll('#app script, #app img, #app svg, #app b, #app iframe').length,
      })`);
      expect(foreign).toEqual({ pwned: false, elements: 0 });
    }
    expect(injected).toEqual([]);
  });

  test('WHEN the bot restarts on the same database THEN both pages reconnect and show the state stored meanwhile', async () => {
    const port = Number(new URL(bot.web.url).port);
    await bot.stop();
    await host.locator('body.offline').waitFor({ timeout: 5000 });
    bot = await startBot(db.path, port);
    const id = await ask('How does a Kafka compacted topic keep the latest value?', viewer(5));
    await bot.say(`/stream approve id:${id}`);
    await bot.say(`/stream highlight id:${id}`);
    await overlay.locator(`.on-stream[data-id="${id}"]`).waitFor({ timeout: 10_000 });
    await host.locator(`li.question.live[data-id="${id}"]`).waitFor({ timeout: 10_000 });
    expect(await host.locator('body.offline').count()).toBe(0);
  });

  test('WHEN the links are revoked THEN they answer 404 exactly like a made-up token, and open pages go blank', async () => {
    expect(await bot.say('/stream overlay revoke')).toContain('Revoked 2 links');
    const made = `${new URL(links.overlay).origin}/overlay/${'A'.repeat(43)}`;
    const answers = await Promise.all(
      [links.overlay, links.host, `${links.host}/events`, made, `${made}/events`].map((url) => fetch(url)),
    );
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    const action = await fetch(`${links.host}/actions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'approve', id: 1 }),
    });
    expect(action.status).toBe(404);
    await expect.poll(() => overlay.locator('.on-stream').count(), { timeout: 3000 }).toBe(0);
    await host.getByText('This link no longer works.').waitFor({ timeout: 3000 });
  });
});
