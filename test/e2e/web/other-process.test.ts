import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../support/cli.js';
import { type Bot, databaseFile, linksIn, startBot, viewer } from './harness.js';

/** The bound for a change to reach an open page. */
const LIVE_MS = 2000;

interface QueueItem {
  id: number;
  status: string;
}

/** The `state` events of a live page, as they arrive. */
class EventReader {
  readonly states: { queue: QueueItem[] }[] = [];
  private readonly abort = new AbortController();

  constructor(url: string) {
    void this.read(url).catch(() => undefined);
  }

  private async read(url: string): Promise<void> {
    const response = await fetch(url, { signal: this.abort.signal, headers: { accept: 'text/event-stream' } });
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      buffer += chunk.value;
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      for (const event of events) {
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (/^event: state$/m.test(event) && data) this.states.push(JSON.parse(data) as { queue: QueueItem[] });
      }
    }
  }

  async until(check: (state: { queue: QueueItem[] }) => boolean, timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (this.states.some(check)) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`No such state within ${timeoutMs} ms; last: ${JSON.stringify(this.states.at(-1))}`);
  }

  close(): void {
    this.abort.abort();
  }
}

const db = databaseFile();
let bot: Bot;
let events: EventReader;
let questionId: number;

beforeAll(async () => {
  bot = await startBot(db.path);
  await bot.say('/stream start title:"Live from the CLI"');
  const links = linksIn(await bot.say('/stream overlay'));
  const asked = await bot.say('/ask question:"How do you size Kafka partitions for a new topic?"', viewer(1));
  questionId = Number(/Your question is #(\d+)/.exec(asked)?.[1]);
  events = new EventReader(`${links.host}/events`);
  await events.until((state) => state.queue.some((item) => item.id === questionId), LIVE_MS);
});

afterAll(async () => {
  events?.close();
  await bot?.stop();
  db.remove();
});

describe('GIVEN a host screen open on the bot, and a moderator using the CLI on the same SQLite file', () => {
  test('WHEN the CLI approves a question THEN the open page shows it approved within 2 seconds', async () => {
    const run = runCli(['say', '--moderator', '--channel', 'live', `/stream approve id:${questionId}`], {
      DATABASE_PATH: db.path,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    await events.until((state) => state.queue.some((item) => item.id === questionId && item.status === 'approved'), LIVE_MS);
  });
});
