import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordMarkdown, escapeDiscord } from '../../../src/adapters/discord/render.js';
import { rich } from '../../../src/core/rich-text.js';
import { md } from '../../support/messages.js';
import { FakeDiscord, IDS, type StoredMessage } from './fake-discord.js';
import { fixtureCommand, SLOW_MS } from './fixtures.js';
import { APOLOGY, type Bot, componentsOf, startBot, textOf, waitUntil } from './harness.js';

const NO_PINGS = { everyone: false, users: [], roles: [] };
const HOSTILE = '@everyone <@&1> <@1>';
const REPLY_WITHIN_MS = 250;

let discord: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord, { extraCommands: [fixtureCommand], replyWithinMs: REPLY_WITHIN_MS });
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

function lastBody(path: RegExp): Record<string, unknown> {
  const request = discord.requests.filter((candidate) => path.test(candidate.path)).at(-1);
  if (!request?.body) throw new Error(`No request to ${String(path)}`);
  return request.body;
}

describe('GIVEN text that tries to ping everyone, a role and a user', () => {
  it('WHEN it comes back in a reply THEN it is shown as written with allowed_mentions parse [] and pings nobody', async () => {
    const interaction = discord.command('help', { command: HOSTILE });
    const answer = await interaction.answer();
    expect(answer.message.content).toContain(escapeDiscord(HOSTILE));
    const callback = await interaction.callback();
    expect((callback.body.data as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
    expect(discord.pings.get(answer.message.id)).toEqual(NO_PINGS);
  });

  it('WHEN a command posts it into the channel THEN the channel message pings nobody either', async () => {
    await discord.command('fixture', { text: HOSTILE }, { sub: 'say' }).answer();
    const posts = () =>
      discord
        .channelMessages(IDS.channel)
        .filter((message) => message.type === 0 && message.content === discordMarkdown(rich(HOSTILE)));
    await waitUntil(() => posts().length > 0, 'the post');
    const posted = posts();
    expect(posted).toHaveLength(1);
    expect(lastBody(/^\/channels\/\d+\/messages$/).allowed_mentions).toEqual({ parse: [] });
    expect(discord.pings.get(posted[0]?.id ?? '')).toEqual(NO_PINGS);
  });

  it('WHEN someone suggests a topic to a member THEN only that member is pinged, on purpose', async () => {
    const answer = await discord
      .command('topic', { query: 'kafka', for: IDS.users.moderator }, { as: 'member', types: { for: 6 } })
      .answer();
    expect(answer.ephemeral).toBe(false);
    expect(discord.pings.get(answer.message.id)).toEqual({ everyone: false, users: [IDS.users.moderator], roles: [] });
  });
});

describe('GIVEN a slash command with typed options', () => {
  it('WHEN it runs THEN the command gets typed values and the reply is private when asked', async () => {
    const answer = await discord
      .command('fixture', { text: 'hi', count: 4, private: true, who: IDS.users.admin }, { sub: 'echo', types: { who: 6 } })
      .answer();
    expect(answer.via).toBe(4);
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.content).toBe(
      `everyone in ${IDS.channel}/- sent {"text":"hi","count":4,"private":true,"who":"${IDS.users.admin}"}`,
    );
  });

  it.each([
    ['member', 'everyone'],
    ['moderator', 'moderator'],
    ['manager', 'admin'],
    ['admin', 'admin'],
  ] as const)('WHEN a %s runs it THEN the bot treats them as %s, from the permissions in the interaction', async (who, role) => {
    const answer = await discord.command('fixture', {}, { sub: 'echo', as: who }).answer();
    expect(answer.message.content.startsWith(`${role} in`)).toBe(true);
  });

  it('WHEN a plain member runs a moderator command Discord showed them THEN the bot refuses privately and does nothing', async () => {
    const posts = () =>
      discord.requests.filter((request) => request.method === 'POST' && /^\/channels\//.test(request.path)).length;
    const before = posts();
    const answer = await discord.command('fixture', {}, { sub: 'announce', as: 'member' }).answer();
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.content).toBe('Only moderators can use /fixture announce.');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(posts()).toBe(before);
  });

  it('WHEN the command no longer exists in the bot THEN the person is told so privately', async () => {
    const answer = await discord.command('retired').answer();
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.content).toContain('There is no command "/retired"');
  });
});

describe('GIVEN a handler slower than the time to answer', () => {
  it('WHEN it runs THEN the bot defers at once (type 5) and edits the deferred reply when done', async () => {
    const started = Date.now();
    const interaction = discord.command('fixture', {}, { sub: 'slow' });
    const callback = await interaction.callback();
    expect(callback.body.type).toBe(5);
    expect(Date.now() - started).toBeLessThan(SLOW_MS);
    const answer = await interaction.answer();
    expect(answer.via).toBe(5);
    expect(interaction.events.map((event) => event.kind)).toEqual(['callback', 'edit']);
    expect(answer.message.embeds[0]).toMatchObject({ title: 'Slow answer', description: 'Worth the wait.' });
    expect(answer.ephemeral).toBe(false);
  });

  it('WHEN its answer is private THEN the public placeholder is removed and the answer comes as a private follow-up', async () => {
    const interaction = discord.command('fixture', { private: true }, { sub: 'slow' });
    const answer = await interaction.answer();
    expect(interaction.events.map((event) => event.kind)).toEqual(['callback', 'delete', 'followup']);
    expect(answer.ephemeral).toBe(true);
    expect(textOf(answer.message)).toContain('Worth the wait.');
  });
});

describe('GIVEN a message with a button, a select and a form', () => {
  let controls: StoredMessage;

  beforeAll(async () => {
    controls = (await discord.command('fixture', {}, { sub: 'controls' }).answer()).message;
  });

  it('THEN they are rendered as Discord components with command lines as custom ids', () => {
    expect(componentsOf(controls).map((component) => [component.type, component.custom_id])).toEqual([
      [2, '/fixture echo text:clicked'],
      [3, '/fixture echo'],
      [2, 'form:/fixture echo count:3'],
    ]);
  });

  it('WHEN the button is clicked THEN its command line runs for the person who clicked', async () => {
    const answer = await discord.click(controls, '/fixture echo text:clicked', 'moderator').answer();
    expect(answer.message.content).toBe(`moderator in ${IDS.channel}/- sent {"text":"clicked"}`);
  });

  it('WHEN a value is chosen in the select THEN the command runs with option value', async () => {
    const answer = await discord.select(controls, '/fixture echo', 'spark').answer();
    expect(answer.message.content).toBe(`everyone in ${IDS.channel}/- sent {"value":"spark"}`);
  });

  it('WHEN the form button is clicked THEN the form opens with its own title, labels and prefilled value', async () => {
    const modal = await discord.click(controls, 'form:/fixture echo count:3').modal();
    expect(modal).toMatchObject({
      custom_id: '/fixture echo count:3',
      title: 'Write something',
      components: [
        { type: 18, label: 'Your text', component: { type: 4, custom_id: 'text', style: 2, required: true, value: 'prefilled' } },
        { type: 18, label: 'A value', component: { type: 4, custom_id: 'value', style: 1, required: false, max_length: 20 } },
      ],
    });
  });

  it('WHEN the form is submitted THEN its fields become options next to those in the form id', async () => {
    const modal = await discord.click(controls, 'form:/fixture echo count:3').modal();
    const answer = await discord.submit(modal, { text: 'typed in the form', value: '' }, 'member', controls).answer();
    expect(answer.message.content).toBe(`everyone in ${IDS.channel}/- sent {"text":"typed in the form","count":3}`);
  });

  it('WHEN the same click is delivered twice THEN it runs once', async () => {
    const click = discord.click(controls, '/fixture echo text:clicked');
    await click.answer();
    // A redelivery carries the same interaction id; Discord would refuse a second callback anyway.
    discord.replay(click);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(click.events.filter((event) => event.kind === 'callback')).toHaveLength(1);
    expect(bot.logs.some((entry) => entry.message === 'interaction expired or already answered; dropped')).toBe(false);
  });
});

describe('GIVEN a command that posts, opens a thread, pins and sends a direct message', () => {
  let reply: Awaited<ReturnType<ReturnType<FakeDiscord['command']>['answer']>>;
  let post: StoredMessage | undefined;

  beforeAll(async () => {
    reply = await discord.command('fixture', {}, { sub: 'announce', as: 'moderator' }).answer();
    const dms = () => [...discord.channels.values()].filter((channel) => channel.type === 1);
    await waitUntil(() => dms().some((channel) => discord.channelMessages(channel.id).length > 0), 'the last message');
    post = discord.channelMessages(IDS.channel).find((message) => textOf(message).includes('What is a watermark?'));
  });

  it('THEN the person gets a private confirmation', () => {
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe('Posted.');
  });

  it('THEN the post is sent with its nonce enforced, gets a public thread and a pin', () => {
    expect(post).toBeDefined();
    expect(post?.nonce).toBe('recap-7');
    const sent = discord.requests.find((request) => request.body?.nonce === 'recap-7');
    expect(sent?.body?.enforce_nonce).toBe(true);
    expect(discord.channels.get(post?.id ?? '')).toMatchObject({
      type: 11,
      name: 'Answers: what is a watermark?',
      parent_id: IDS.channel,
    });
    expect(discord.pinned.has(post?.id ?? '')).toBe(true);
  });

  it('THEN where it landed is recorded, and the thread message goes into that thread', async () => {
    expect(await bot.deps.store.deliveries.find({ entity: 'recap', id: 7 })).toEqual({
      platform: 'discord',
      channel: IDS.channel,
      messageId: post?.id,
      threadId: post?.id,
    });
    expect(discord.channelMessages(post?.id ?? '').map((message) => message.content)).toEqual(['First hint.']);
  });

  it('THEN the direct message goes to the person', () => {
    const dm = [...discord.channels.values()].find(
      (channel) => channel.type === 1 && (channel.recipients as { id: string }[])[0]?.id === IDS.users.moderator,
    );
    expect(discord.channelMessages(dm?.id ?? '').map((message) => message.content)).toEqual(['You announced something.']);
  });

  it('WHEN a command is typed inside the thread THEN it runs for the parent channel and knows the thread', async () => {
    const answer = await discord.command('fixture', {}, { sub: 'echo', channel: post?.id ?? '' }).answer();
    expect(answer.message.content).toBe(`everyone in ${IDS.channel}/${post?.id} sent {}`);
  });

  it('WHEN a scheduled post is retried with the same nonce THEN it lands once and the thread is reused', async () => {
    const message = {
      kind: 'post' as const,
      channel: IDS.otherChannel,
      view: { text: rich('Recap of yesterday'), ephemeral: false },
      thread: { name: 'Recap' },
      track: { entity: 'recap' as const, id: 8 },
      nonce: 'recap-8-a-nonce-longer-than-discord-allows',
    };
    await bot.adapter.deliver(IDS.guild, [message]);
    await bot.adapter.deliver(IDS.guild, [message]);
    const recaps = discord.channelMessages(IDS.otherChannel).filter((candidate) => candidate.content === 'Recap of yesterday');
    expect(recaps).toHaveLength(1);
    expect(String(recaps[0]?.nonce).length).toBeLessThanOrEqual(25);
    expect((await bot.deps.store.deliveries.find({ entity: 'recap', id: 8 }))?.threadId).toBe(recaps[0]?.id);
  });

  it('WHEN a scheduled thread message has no recorded parent THEN it goes to the channel', async () => {
    await bot.adapter.deliver(IDS.guild, [
      {
        kind: 'thread',
        channel: IDS.otherChannel,
        parent: { entity: 'daily_post', id: 999 },
        view: { text: rich('Orphan'), ephemeral: false },
      },
    ]);
    expect(discord.channelMessages(IDS.otherChannel).map((message) => message.content)).toContain('Orphan');
  });

  it('WHEN a scheduled post cannot be delivered THEN deliver rejects with a clear error', async () => {
    await expect(
      bot.adapter.deliver(IDS.guild, [
        { kind: 'post', channel: '399999999999999999', view: { text: rich('x'), ephemeral: false } },
      ]),
    ).rejects.toThrow('1 of 1 Discord messages were not delivered');
  });
});

describe('GIVEN replies beyond the ordinary', () => {
  it('WHEN a reply carries an export THEN the file is attached to the interaction reply', async () => {
    const answer = await discord.command('fixture', {}, { sub: 'export' }).answer();
    expect(answer.files).toEqual([{ name: 'questions.md', text: '# Questions\n\n- What is Kafka?\n' }]);
    expect(answer.message.attachments).toHaveLength(1);
  });

  it('WHEN a reply is longer than Discord allows THEN it is shortened within every limit and the full text is attached', async () => {
    const answer = await discord.command('fixture', {}, { sub: 'long' }).answer();
    const [embed] = answer.message.embeds as { description: string; fields: unknown[]; footer: { text: string } }[];
    expect(embed?.description.endsWith('…')).toBe(true);
    expect(md(embed?.footer.text)).toContain('full-text.md');
    expect(answer.files.map((file) => file.name)).toEqual(['full-text.md']);
    expect(md(answer.files[0]?.text)).toContain('## Field 30');
    expect(discord.violations).toEqual([]);
  });

  it('WHEN a command only posts elsewhere THEN the person still gets an answer', async () => {
    const answer = await discord.command('fixture', {}, { sub: 'quiet' }).answer();
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.content).toBe('Done.');
    await waitUntil(() => discord.channelMessages(IDS.otherChannel).some((message) => message.content === 'Quiet post.'));
  });

  it('WHEN a post of a command cannot be delivered THEN the person is told privately', async () => {
    const interaction = discord.command('fixture', {}, { sub: 'lost' });
    await interaction.answer();
    const followup = await interaction.waitFor(
      (events) => events.find((event) => event.kind === 'followup'),
      'a follow-up about the failed post',
    );
    expect(followup.message?.content).toContain('I could not post to <#399999999999999999>');
    expect(discord.pings.get(followup.message?.id ?? '')).toEqual(NO_PINGS);
  });
});

describe('GIVEN things going wrong', () => {
  it('WHEN a command throws THEN the person gets a private apology and the bot keeps answering', async () => {
    const answer = await discord.command('fixture', {}, { sub: 'crash' }).answer();
    expect(answer.ephemeral).toBe(true);
    expect(answer.message.content).toContain(APOLOGY);
    expect(bot.logs.some((entry) => entry.level === 'error' && entry.message === 'command failed')).toBe(true);
    expect((await discord.command('help').answer()).message.embeds).toHaveLength(1);
  });

  it('WHEN the interaction has expired before the bot answers THEN it is logged and dropped, and the bot keeps answering', async () => {
    const interaction = discord.command('fixture', {}, { sub: 'slow' });
    discord.expire(interaction.token);
    await waitUntil(
      () => bot.logs.some((entry) => entry.message === 'interaction expired or already answered; dropped'),
      'the log',
    );
    expect(interaction.events).toEqual([]);
    expect((await discord.command('help').answer()).message.embeds).toHaveLength(1);
  });
});

describe('GIVEN a gateway connection that drops', () => {
  it('WHEN Discord closes it THEN the client resumes by itself and keeps answering', async () => {
    discord.dropGateway();
    await waitUntil(() => discord.resumes === 1, 'the resume');
    expect((await discord.command('help').answer()).message.embeds).toHaveLength(1);
    expect(bot.logs.some((entry) => entry.message === 'gateway resumed')).toBe(true);
  });

  it('WHEN a command is sent while the connection is down THEN Discord replays it on resume and the bot answers it', async () => {
    const before = discord.resumes;
    discord.dropGateway();
    const sentWhileDown = discord.command('help');
    await waitUntil(() => discord.resumes === before + 1, 'the resume');
    expect((await sentWhileDown.answer()).message.embeds).toHaveLength(1);
  });
});

describe('GIVEN autocomplete', () => {
  it('WHEN someone types a topic with a typo THEN matching topics come back at once', async () => {
    const choices = await discord.autocomplete('topic', 'query', 'kafak').choices();
    expect(choices.map((choice) => choice.value)).toContain('kafka');
  });

  it('WHEN someone types part of a command name in /help THEN the commands starting so come back', async () => {
    const choices = await discord.autocomplete('help', 'command', 'qu').choices();
    expect(choices.length).toBeGreaterThan(0);
    for (const choice of choices) expect(choice.value.startsWith('qu')).toBe(true);
  });
});
