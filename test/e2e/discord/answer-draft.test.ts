import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAction } from '../../../src/core/daily/post-view.js';
import { rich } from '../../../src/core/rich-text.js';
import { FakeDiscord, IDS, type Json, type StoredMessage } from './fake-discord.js';
import { type Bot, componentsOf, startBot, textOf, waitUntil } from './harness.js';
import { openDailyQuestion } from './open-question.js';

const DRAFT = 'My unfinished answer about crontab that nobody else should read';

let discord: FakeDiscord;
let bot: Bot;
const postIds: number[] = [];

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
  // Two daily questions open at once in the channel, so an answer typed without a post number asks which it is for.
  for (const [index, questionId] of ['linux-crontab', 'linux-pipes'].entries()) {
    postIds.push(
      await openDailyQuestion(bot.deps, { questionId, agoMs: index * 86_400_000, openForMs: 86_400_000, answerMinutes: 2880 }),
    );
  }
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

function inputValues(modal: Json): (string | undefined)[] {
  return (modal.components as { component: { value?: string } }[]).map((label) => label.component.value);
}

describe('GIVEN a member whose typed answer waits while they choose which open question it is for', () => {
  it('WHEN another member then clicks Answer on the daily post THEN their form is empty, never holding the first one’s draft', async () => {
    const postId = postIds[0] as number;
    const known = new Set(discord.messages.keys());
    await bot.adapter.deliver(IDS.guild, [
      {
        kind: 'post',
        channel: IDS.channel,
        view: { text: rich('Daily question'), actions: [answerAction(postId)], ephemeral: false },
      },
    ]);
    await waitUntil(() => discord.channelMessages(IDS.channel).some((message) => !known.has(message.id)), 'the daily post');
    const post = discord.channelMessages(IDS.channel).find((message) => !known.has(message.id)) as StoredMessage;
    expect(componentsOf(post).map((component) => component.custom_id)).toContain(`form:/answer post:${postId}`);

    const choice = await discord.command('answer', { text: DRAFT }, { as: 'member' }).answer();
    expect(choice.ephemeral).toBe(true);
    expect(textOf(choice.message)).toContain('Which question is your answer for?');

    const modal = await discord.click(post, `form:/answer post:${postId}`, 'manager').modal();
    expect(JSON.stringify(modal)).not.toContain(DRAFT);
    expect(inputValues(modal)).toEqual([undefined]);
  });
});
