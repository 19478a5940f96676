import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, IDS } from './fake-discord.js';
import { type Bot, startBot, textOf } from './harness.js';
import { openDailyQuestion } from './open-question.js';

let discord: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
  // A session in the other channel with one pending question. The fake's moderator has Manage Messages only in the
  // channel an interaction comes from (their server-wide roles grant nothing more).
  const started = await discord
    .command('stream', { title: 'Live #1' }, { sub: 'start', as: 'admin', channel: IDS.otherChannel })
    .answer();
  expect(textOf(started.message)).not.toContain('Only');
  const asked = await discord
    .command(
      'ask',
      { question: 'How do you make a Kafka consumer idempotent when it writes to a data lake?' },
      { channel: IDS.otherChannel },
    )
    .answer();
  expect(textOf(asked.message)).toContain('#1');
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

describe('GIVEN someone with Manage Messages in one channel only', () => {
  it('WHEN they approve, from that channel, a question of a session in another channel THEN the bot refuses', async () => {
    const answer = await discord.command('stream', { id: 1 }, { sub: 'approve', as: 'moderator' }).answer();
    expect(textOf(answer.message)).toContain('Only moderators of the channel it belongs to');
    expect((await bot.deps.store.stream.submission(1, 1))?.status).toBe('pending');
  });

  it('WHEN they approve it in the session channel, where they moderate THEN it is approved', async () => {
    const answer = await discord
      .command('stream', { id: 1 }, { sub: 'approve', as: 'moderator', channel: IDS.otherChannel })
      .answer();
    expect(textOf(answer.message)).toContain('Approved');
  });
});

describe('GIVEN an answer to a daily question posted in another channel', () => {
  it('WHEN someone who moderates only this channel marks it best THEN the bot refuses and the answer is not marked best', async () => {
    const { store } = bot.deps;
    const postId = await openDailyQuestion(bot.deps, { channel: IDS.otherChannel });
    const answered = await discord
      .command('answer', { text: 'The table of cron jobs.', post: postId }, { channel: IDS.otherChannel })
      .answer();
    expect(textOf(answered.message)).toContain('Saved your answer');
    const [saved] = await store.daily.answers.ofPost(postId);
    if (!saved) throw new Error('no answer saved');

    const refused = await discord.command('daily', { answer: saved.id }, { sub: 'best', as: 'moderator' }).answer();
    expect(textOf(refused.message)).toContain('Only moderators of the channel it belongs to');
    expect((await store.daily.answers.ofPost(postId))[0]?.best).toBe(false);
  });
});
