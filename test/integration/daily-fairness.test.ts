import { afterEach, describe, expect, it } from 'vitest';
import type { DirectMessage, ThreadMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, readable, replyOf, type Speaker } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

const at = (user: string, now: string): Speaker => ({ user, now });
const mod = (user: string, now: string): Speaker => ({ user, role: 'moderator', now });

async function posted() {
  harness = await dailyHarness();
  await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin', ADMIN);
  await harness.tick('2026-12-01T08:00:00Z');
}

async function answerId(user: string, text: string, now: string): Promise<number> {
  const result = await harness.say(`/answer text:"${text}"`, at(user, now));
  const thread = result.messages.find((m): m is ThreadMessage => m.kind === 'thread');
  return Number(thread?.view.actions?.find((a) => a.id.startsWith('/daily vote'))?.id.split(':')[1]);
}

describe('fairness', () => {
  it('GIVEN a moderator’s own answer WHEN they mark it best THEN it is refused and no points are given', async () => {
    await posted();
    const own = await answerId('mo', 'my own answer', '2026-12-01T09:00:00Z');
    const refused = replyOf(await harness.say(`/daily best answer:${own}`, mod('mo', '2026-12-01T09:05:00Z')));
    expect(refused).toMatchObject({ status: 'user-error', text: 'You cannot mark your own answer best; another moderator can.' });
    expect((await harness.deps.store.daily.answers.byId(own))?.best).toBe(false);
  });

  it('GIVEN an answer marked best THEN its author is told privately, with the points', async () => {
    await posted();
    const id = await answerId('ana', 'a partitioned log', '2026-12-01T09:00:00Z');
    const marked = await harness.say(`/daily best answer:${id}`, mod('mo', '2026-12-01T09:05:00Z'));
    const told = marked.messages.find((m): m is DirectMessage => m.kind === 'dm');
    expect(told?.user).toBe('ana');
    expect(md(readable(told?.view ?? { ephemeral: false }).text)).toMatch(
      /^mo marked your answer to '.+' as best: \+3 points\.\n> a partitioned log$/,
    );
  });

  it('GIVEN a best answer marked after the recap THEN the next recap shows it, and only that one', async () => {
    await posted();
    const id = await answerId('ana', 'late but great', '2026-12-01T09:00:00Z');
    await harness.tick('2026-12-02T08:00:00Z');
    const marked = replyOf(await harness.say(`/daily best answer:${id}`, mod('mo', '2026-12-02T10:00:00Z')));
    expect(md(marked.text)).toContain('It will be in the next recap.');
    const next = (await harness.tick('2026-12-03T08:00:00Z')).find((m): m is ThreadMessage => m.kind === 'thread');
    expect(next?.parent).toEqual({ entity: 'daily_post', id: 2 });
    const text = readable(next?.view ?? { ephemeral: false }).text;
    expect(text).toMatch(/Marked best since the last recap \('.+'\) by ana:\n> late but great/);
    const after = (await harness.tick('2026-12-04T08:00:00Z')).find((m): m is ThreadMessage => m.kind === 'thread');
    expect(md(after?.view.text)).not.toContain('late but great');
  });
});

describe('streak milestones', () => {
  it('GIVEN ana answered seven scheduled days in a row THEN the seventh recap celebrates her streak, and the sixth does not', async () => {
    harness = await dailyHarness();
    await harness.say('/daily schedule time:09:00 timezone:Europe/Berlin days:weekdays', ADMIN);
    const days = ['01', '02', '03', '04', '07', '08', '09'];
    const recaps: string[] = [];
    for (const [i, day] of days.entries()) {
      const closing = await harness.tick(`2026-12-${day}T08:00:00Z`);
      const recap = closing.find((m): m is ThreadMessage => m.kind === 'thread');
      if (i > 0) recaps.push(md(readable(recap?.view ?? { ephemeral: false }).text));
      await harness.say(`/answer text:"day ${day}"`, at('ana', `2026-12-${day}T09:00:00Z`));
      await harness.say(`/answer text:"bob day ${day}"`, at('bob', `2026-12-${day}T09:00:00Z`));
    }
    const last = (await harness.tick('2026-12-10T08:00:00Z')).find((m): m is ThreadMessage => m.kind === 'thread');
    recaps.push(md(readable(last?.view ?? { ephemeral: false }).text));
    expect(recaps[5]).not.toContain('Streaks');
    expect(recaps[6]).toContain('Streaks: ana reached a 7-day streak! bob reached a 7-day streak!');
  });
});
