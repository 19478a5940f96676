import { afterAll, describe, expect, it } from 'vitest';
import { type ConsoleIdentity, runConsoleLine } from '../../src/adapters/console/routes.js';
import type { RenderedMessage } from '../../src/core/view.js';
import { ledger } from '../../src/store/schema.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

const app = await createTestApp();
afterAll(() => app.close());
const now = new Date('2026-12-01T10:00:00Z');
const person = (userId: string): ConsoleIdentity => ({ userId, name: userId, role: 'everyone', channel: 'study' });

async function say(userId: string, line: string): Promise<{ status: string; message: RenderedMessage }> {
  const result = await runConsoleLine(line, person(userId), app.deps, now);
  const message = result.messages[0];
  if (!message) throw new Error('no reply');
  return { status: result.status, message };
}

function choiceNumber(text: string, answer: string): number {
  const line = text.split('\n').find((l) => l.endsWith(` ${answer}`));
  return Number(/\*\*(\d)\.\*\*/.exec(line ?? '')?.[1]);
}

const points = async (userId: string) => {
  const seen = await app.deps.store.directory.touch({
    platform: 'console',
    tenant: 'console',
    channel: 'study',
    user: person(userId) && { id: userId, name: userId, role: 'everyone' },
    now,
  });
  return app.db
    .select()
    .from(ledger)
    .all()
    .filter((row) => row.source.startsWith('quiz:') && row.userId === seen.userId)
    .reduce((sum, row) => sum + row.points, 0);
};

describe('/quiz', () => {
  it('GIVEN /quiz topic:kafka THEN a Kafka question comes with one numbered button per choice', async () => {
    const { message } = await say('ana', '/quiz topic:kafka');
    expect(message.view.title).toBe('Quiz: Apache Kafka');
    const buttons = message.view.actions ?? [];
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons.every((b) => b.type === 'button' && b.id.startsWith('/quiz answer round:'))).toBe(true);
  });

  it('GIVEN the right choice THEN one point, once; a repeat of the item later scores nothing', async () => {
    const { message } = await say('bo', '/quiz topic:four-vs');
    const item = app.deps.content.quiz.find((q) => md(message.view.text).startsWith(q.question));
    expect(item).toBeDefined();
    const number = choiceNumber(md(message.view.text), item?.answer ?? '');
    const first = await say('bo', `/quiz answer choice:${number}`);
    expect(md(first.message.view.text)).toContain('Correct: +1 point!');
    expect(first.message.view.ephemeral).toBe(true);
    const again = await say('bo', `/quiz answer choice:${number}`);
    expect(again.status).toBe('user-error');
    expect(await points('bo')).toBe(1);
  });

  it('GIVEN a quiz THEN its wording says what scores, and a repeat answer names the real command', async () => {
    const { message } = await say('fay', '/quiz topic:four-vs');
    expect(message.view.footer).toBe('Anyone can answer. Your first answer to a question scores a point when it is right.');
    const item = app.deps.content.quiz.find((q) => md(message.view.text).startsWith(q.question));
    const number = choiceNumber(md(message.view.text), item?.answer ?? '');
    const button = message.view.actions?.[number - 1]?.id ?? '';
    expect(md((await say('fay', button)).message.view.text)).toContain('Correct: +1 point!');
    const again = await say('fay', button);
    expect(md(again.message.view.text)).toContain('Type /quiz start for another.');
  });

  it('GIVEN a wrong choice THEN the answer, explanation and book section are revealed and no point is given', async () => {
    const { message } = await say('cy', '/quiz topic:docker');
    const item = app.deps.content.quiz.find((q) => md(message.view.text).startsWith(q.question));
    const wrong = item?.choices.find((choice) => choice !== item.answer) ?? '';
    const reply = await say('cy', `/quiz answer choice:${choiceNumber(md(message.view.text), wrong)}`);
    expect(md(reply.message.view.text)).toContain(`The answer is **${item?.answer}**`);
    expect(md(reply.message.view.text)).toContain(item?.explanation ?? '?');
    expect(md(reply.message.view.text)).toContain(`From the Cookbook, section ${item?.section}.`);
    expect(await points('cy')).toBe(0);
  });

  it('GIVEN a topic with N items THEN N quizzes deal N different items before any repeats', async () => {
    const pool = app.deps.content.quiz.filter((q) => q.topic === 'spark');
    const seen = new Set<string>();
    for (let i = 0; i < pool.length; i++) {
      const { message } = await say('dee', '/quiz topic:spark');
      const item = pool.find((q) => md(message.view.text).startsWith(q.question));
      seen.add(item?.id ?? 'none');
    }
    expect(seen.size).toBe(pool.length);
  });

  it('GIVEN someone else clicks a choice on my quiz THEN they play the same question themselves', async () => {
    const { message } = await say('eve', '/quiz topic:kafka');
    const button = message.view.actions?.[0];
    const result = await runConsoleLine(button?.id ?? '', person('fay'), app.deps, now);
    expect(result.status).toBe('ok');
    expect(result.messages[0]?.view.title).toMatch(/answer/);
  });

  it('GIVEN an answer with no open question THEN a clear sentence says how to get one', async () => {
    const { status, message } = await say('gus', '/quiz answer choice:1');
    expect(status).toBe('user-error');
    expect(md(message.view.text)).toBe('You have no open quiz question. Type /quiz start to get one.');
  });
});
