import { afterEach, describe, expect, it } from 'vitest';
import { terminalText } from '../../src/adapters/console/render.js';
import type { Message, ThreadMessage } from '../../src/core/view.js';
import { ADMIN, dailyHarness, dailyPosts } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>> | undefined;
afterEach(() => harness?.close());

async function runDays(category: string, days: number): Promise<Message[]> {
  harness = await dailyHarness();
  expect((await harness.say(`/daily schedule time:09:00 timezone:UTC category:${category}`, ADMIN)).status).toBe('ok');
  const messages: Message[] = [];
  for (let day = 1; day <= days; day++)
    messages.push(...(await harness.tick(`2026-12-${String(day).padStart(2, '0')}T09:00:00Z`)));
  return messages;
}

describe('daily questions that lean on the one before', () => {
  it('GIVEN the SQL category WHEN "Why would you use them?" is posted THEN it says it is about stored procedures', async () => {
    const posts = dailyPosts(await runDays('sql-dbs', 8));
    const texts = posts.map((post) => terminalText(post.view.text ?? []));
    expect(texts).toHaveLength(8);
    const dependent = texts.filter((text) => text.includes('Why would you use them?'));
    expect(dependent).toEqual(['About stored procedures: Why would you use them?']);
    // Questions that stand on their own are posted as the book words them.
    expect(texts).toContain('What is a stored procedure?');
    const thread = posts.find((post) => post.thread?.name.includes('Why would you use them?'))?.thread?.name;
    expect(thread).toContain('About stored procedures: Why would you use them?');
  });

  it('GIVEN the Big Data category THEN "Which one is most important?" comes with the 4 Vs it refers to', async () => {
    const texts = dailyPosts(await runDays('big-data', 2)).map((post) => terminalText(post.view.text ?? []));
    expect(texts).toContain("About the 4 V's of big data: Which one is most important?");
  });
});

describe('recaps of topics the field has moved on from', () => {
  it('GIVEN a Kafka question closes THEN its recap carries the dated note that Kafka 4.0 dropped ZooKeeper', async () => {
    const messages = await runDays('kafka', 3);
    const recaps = messages.filter(
      (message): message is ThreadMessage => message.kind === 'thread' && (message.view.title ?? '').startsWith('Recap'),
    );
    expect(recaps.length).toBeGreaterThan(0);
    const text = terminalText(recaps[0]?.view.text ?? []);
    expect(text).toMatch(/Since this edition \(2025-03\): Kafka 4\.0 runs only in KRaft mode/);
    expect(text).toContain('https://kafka.apache.org/blog');
  });
});
