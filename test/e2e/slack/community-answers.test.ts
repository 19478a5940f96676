import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { blockKitProblems } from './block-kit.js';
import { TEAM } from './fake-slack.js';
import { CHANNEL, type Harness, MEMBER, slashCommand, startHarness } from './harness.js';

const ANSWER = 'Crontab is the cron table on Linux. <!everyone> <@UADMIN> <https://evil.example|docs> *not bold* & more';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('http');
  // A kept answer to "What is crontab?" (question 14) in the fake workspace, marked best on its day.
  const { store } = h.app.deps;
  const now = new Date('2026-12-02T09:00:00Z');
  const author = await store.directory.touch({
    platform: 'slack',
    tenant: TEAM,
    channel: CHANNEL,
    user: { id: 'UANA', name: '<!here> Ana', role: 'everyone' },
    now,
  });
  await store.community.setCredit(author.userId, true, now);
  await store.community.keep(
    [
      {
        tenantId: author.tenantId,
        questionId: 'linux-crontab',
        answerId: 1,
        postId: 1,
        userId: author.userId,
        text: ANSWER,
        votes: 0,
        markedBest: true,
        answeredAt: now,
      },
    ],
    now,
  );
});
afterAll(async () => {
  await h.close();
});

describe('GIVEN a community answer carrying Slack markup', () => {
  test('WHEN a member runs /cookbook questions show THEN answer and name are shown as typed, inert, in valid Block Kit', async () => {
    const mark = h.fake.mark();
    expect(await slashCommand(h, 'questions show id:14', MEMBER)).toBe(200);
    const shown = h.fake.shownSince(mark);
    expect(shown).toHaveLength(1);
    const blocks = JSON.stringify(shown[0]?.blocks);
    expect(blocks).toContain('&lt;!everyone&gt; &lt;@UADMIN&gt; &lt;https://evil.example|docs&gt;');
    expect(blocks).toContain('&lt;!here&gt; Ana');
    expect(blocks).toContain('&amp; more');
    expect(JSON.stringify(shown)).not.toMatch(/<!everyone>|<!here>|<@UADMIN>|<https:\/\/evil/);
    for (const item of shown) expect(blockKitProblems(item.blocks)).toEqual([]);
  });

  test('WHEN a member lists answered questions THEN the list and its show buttons are valid Block Kit', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, 'questions list answered:true', MEMBER);
    const shown = h.fake.shownSince(mark);
    expect(JSON.stringify(shown[0]?.blocks)).toContain('What is crontab?');
    expect(JSON.stringify(shown[0]?.blocks)).toContain('questions show id:14');
    for (const item of shown) expect(blockKitProblems(item.blocks)).toEqual([]);

    const all = h.fake.mark();
    await slashCommand(h, 'questions list', MEMBER);
    for (const item of h.fake.shownSince(all)) expect(blockKitProblems(item.blocks)).toEqual([]);
  });
});
