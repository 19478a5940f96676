import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OptionSpec } from '../../../src/core/command-kit/define.js';
import { Registry, type ResolvedCommand } from '../../../src/core/command-kit/registry.js';
import { allCommands } from '../../../src/core/commands/all.js';
import { md } from '../../support/messages.js';
import { blockKitProblems } from './block-kit.js';
import { TEAM } from './fake-slack.js';
import {
  ADMIN,
  blockActionsPayload,
  CHANNEL,
  eventBody,
  type Harness,
  homeOpenedEvent,
  interaction,
  MEMBER,
  OWNER,
  postSigned,
  signature,
  slashCommand,
  slashCommandPayload,
  startHarness,
  viewSubmissionPayload,
} from './harness.js';

const APOLOGY = 'Sorry, something went wrong';
const registry = new Registry(allCommands);
const visible = registry.leaves().filter((command) => !command.leaf.hidden);

let h: Harness;
beforeAll(async () => {
  h = await startHarness('http');
});
afterAll(async () => {
  await h.close();
});

function allText(items: { blocks: unknown[]; text: string }[]): string {
  return items.map((item) => `${item.text}\n${JSON.stringify(item.blocks)}`).join('\n');
}

/** A value for each required option that the command's own rules accept where they can be guessed. */
function sampleLine(command: ResolvedCommand): string {
  const parts = command.path.slice();
  for (const option of command.leaf.options ?? []) {
    if (!option.required) continue;
    parts.push(`${option.name}:${sampleValue(option)}`);
  }
  return parts.join(' ');
}

function sampleValue(option: OptionSpec): string {
  switch (option.type) {
    case 'integer':
    case 'number':
      return String(option.min ?? 1);
    case 'channel':
      return `<#${CHANNEL}>`;
    case 'boolean':
      return 'true';
    case 'user':
      return `<@${MEMBER.id}|${MEMBER.name}>`;
    case 'string': {
      if (option.choices?.[0]) return option.choices[0].value;
      const suggested = option.autocomplete?.('', h.app.deps)[0]?.value;
      return JSON.stringify(suggested ?? 'kafka');
    }
  }
}

describe('GIVEN the Slack app in HTTP mode WHEN a request is not from Slack', () => {
  test('THEN a bad signature is refused with 401 and nothing runs', async () => {
    const mark = h.fake.mark();
    const body = new URLSearchParams(slashCommandPayload('help')).toString();
    const result = await postSigned(h, body, 'application/x-www-form-urlencoded', {
      signature: signature(body, Math.floor(Date.now() / 1000), 'not-the-secret'),
    });
    await h.adapter.idle();
    expect(result.status).toBe(401);
    expect(h.fake.shownSince(mark)).toEqual([]);
    expect(h.fake.calls.length).toBe(mark.calls);
  });

  test('THEN a correctly signed request with a stale timestamp is refused with 401', async () => {
    const mark = h.fake.mark();
    const body = new URLSearchParams(slashCommandPayload('help')).toString();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const result = await postSigned(h, body, 'application/x-www-form-urlencoded', { timestamp: sixMinutesAgo });
    await h.adapter.idle();
    expect(result.status).toBe(401);
    expect(h.fake.calls.length).toBe(mark.calls);
  });
});

describe('GIVEN the /cookbook slash command', () => {
  test('WHEN it is typed without text THEN the person privately gets the help, written for Slack', async () => {
    const mark = h.fake.mark();
    expect(await slashCommand(h, '')).toBe(200);
    const [reply] = h.fake.shownSince(mark);
    expect(reply?.source).toBe('response_url');
    expect(reply?.params.response_type).toBe('ephemeral');
    expect(reply?.params.replace_original).toBe(false);
    expect(JSON.stringify(reply?.blocks)).toContain('/cookbook topic');
    expect(blockKitProblems(reply?.blocks ?? [])).toEqual([]);
  });

  test('WHEN a command runs THEN the actor was looked up with users.info and never with link_names', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, 'topic kafka');
    const calls = h.fake.calls.slice(mark.calls);
    expect(calls.some((call) => call.method === 'users.info' && call.params.user === MEMBER.id)).toBe(true);
    const reply = h.fake.shownSince(mark)[0];
    expect(JSON.stringify(reply?.blocks)).toMatch(/kafka/i);
    for (const call of h.fake.calls) expect(call.params).not.toHaveProperty('link_names');
  });

  test.each(visible.map((command) => [command.path.join(' '), command] as const))(
    'WHEN "/cookbook %s" is run THEN it answers within Block Kit limits and without an internal error',
    async (_name, command) => {
      const mark = h.fake.mark();
      expect(await slashCommand(h, sampleLine(command), ADMIN)).toBe(200);
      const shown = h.fake.shownSince(mark);
      const calls = h.fake.calls.slice(mark.calls).map((call) => call.method);
      expect(shown.length + calls.filter((method) => method.startsWith('views.')).length).toBeGreaterThan(0);
      for (const item of shown) {
        expect(blockKitProblems(item.blocks), `${item.source}: ${item.text}`).toEqual([]);
        expect(item.params).not.toHaveProperty('link_names');
      }
      expect(allText(shown)).not.toContain(APOLOGY);
    },
  );

  test("WHEN a private reply carries a file THEN the file goes to the person's direct messages, not the channel", async () => {
    const mark = h.fake.mark();
    await slashCommand(h, 'mydata show', MEMBER);
    const calls = h.fake.calls.slice(mark.calls);
    const [reply] = h.fake.shownSince(mark);
    expect(reply?.params.response_type).toBe('ephemeral');
    const note = calls.find((call) => call.method === 'chat.postMessage');
    expect(note?.params.channel).toBe(MEMBER.id);
    const complete = calls.find((call) => call.method === 'files.completeUploadExternal');
    expect(complete?.params.channel_id).toBe(`D${MEMBER.id.slice(1)}`);
    expect(calls.some((call) => call.params.channel_id === CHANNEL || call.params.channel === CHANNEL)).toBe(false);
  });

  test('WHEN an unknown command is typed THEN an ephemeral error names it', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, 'frobnicate now');
    const [reply] = h.fake.shownSince(mark);
    expect(reply?.params.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply?.blocks)).toContain('frobnicate');
  });

  test('WHEN someone types a broadcast into a command THEN the reply shows it inert', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, 'help command:<!channel>');
    const text = allText(h.fake.shownSince(mark));
    expect(text).not.toMatch(/<!channel>|<!here>/);
    expect(text).toContain('@channel');
  });
});

describe('GIVEN buttons, selects and forms rendered from action ids', () => {
  test('WHEN a button is clicked THEN its command line runs and the reply goes to its response_url', async () => {
    const mark = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', action_id: 'cookbook:run:0', value: '/help command:topic' }));
    const [reply] = h.fake.shownSince(mark);
    expect(reply?.source).toBe('response_url');
    expect(JSON.stringify(reply?.blocks)).toContain('Help: /cookbook topic');
  });

  test('WHEN a real reply has buttons THEN clicking the first one runs it', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, 'quiz start');
    const reply = h.fake.shownSince(mark)[0];
    const actions = ((reply?.blocks ?? []) as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (block) => block.type === 'actions',
    );
    const button = actions?.elements?.[0];
    expect(button?.action_id).toMatch(/^cookbook:run:\d+$/);
    const clicked = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', action_id: button?.action_id, value: button?.value }));
    const answer = h.fake.shownSince(clicked);
    expect(answer.length).toBeGreaterThan(0);
    expect(allText(answer)).not.toContain(APOLOGY);
  });

  test('WHEN an option is chosen in a select THEN its command runs with option value', async () => {
    const mark = h.fake.mark();
    const select = {
      type: 'static_select',
      action_id: 'cookbook:pick:0:/help',
      selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'x' },
    };
    await interaction(h, blockActionsPayload(h, select));
    const [reply] = h.fake.shownSince(mark);
    // /help has no option "value": the error proves the chosen value reached the command as `value`.
    expect(JSON.stringify(reply?.blocks)).toContain('has no option \\"value\\"');
  });

  test('WHEN a form button is clicked and the modal submitted THEN the form its command defines opens and runs with the fields', async () => {
    const form = {
      type: 'form',
      id: '/help',
      label: 'Explain',
      title: 'Explain a command',
      fields: [{ name: 'command', label: 'Command', style: 'short', required: true, maxLength: 60 }],
    };
    const mark = h.fake.mark();
    await interaction(h, blockActionsPayload(h, { type: 'button', action_id: 'cookbook:form:0', value: JSON.stringify(form) }));
    const opened = h.fake.calls.slice(mark.calls).find((call) => call.method === 'views.open');
    const view = opened?.params.view as { private_metadata: string; blocks: { block_id: string }[]; title: { text: string } };
    // The form follows from the command line (/help and its one option), not from the title the button carried.
    expect(md(view.title.text)).not.toBe('Explain a command');
    expect(view.blocks.map((block) => block.block_id)).toEqual(['command']);
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);

    const submitted = h.fake.mark();
    const result = await interaction(h, viewSubmissionPayload(view, { command: 'topic' }));
    expect(result.status).toBe(200);
    const [reply] = h.fake.shownSince(submitted);
    expect(reply?.source).toBe('response_url');
    expect(JSON.stringify(reply?.blocks)).toContain('Help: /cookbook topic');
  });

  test('WHEN a modal field breaks the command rules THEN the modal shows the error and nothing runs', async () => {
    const view = {
      private_metadata: JSON.stringify({ line: '/help', channel: CHANNEL }),
      blocks: [{ block_id: 'command' }],
    };
    const mark = h.fake.mark();
    const result = await interaction(h, viewSubmissionPayload(view, { command: 'x'.repeat(61) }));
    expect(JSON.parse(result.text)).toMatchObject({
      response_action: 'errors',
      errors: { command: expect.stringContaining('60') },
    });
    expect(h.fake.shownSince(mark)).toEqual([]);
  });

  test('WHEN the same modal submission arrives twice THEN it runs once', async () => {
    const view = { private_metadata: JSON.stringify({ line: '/help', channel: CHANNEL }), blocks: [{ block_id: 'command' }] };
    const payload = viewSubmissionPayload(view, { command: 'quiz' }, MEMBER, 'VSAMEVIEW');
    const mark = h.fake.mark();
    await interaction(h, payload);
    await interaction(h, payload);
    expect(h.fake.shownSince(mark)).toHaveLength(1);
  });
});

describe('GIVEN the App Home tab', () => {
  test('WHEN the same app_home_opened event is delivered four times THEN the tab is published once', async () => {
    const mark = h.fake.mark();
    const body = eventBody(homeOpenedEvent(MEMBER), 'Ev0HOME4X');
    const statuses: number[] = [];
    for (const retryNum of [0, 1, 2, 3]) {
      statuses.push((await postSigned(h, body, 'application/json', { retryNum })).status);
    }
    await h.adapter.idle();
    expect(statuses).toEqual([200, 200, 200, 200]);
    const published = h.fake.calls.slice(mark.calls).filter((call) => call.method === 'views.publish');
    expect(published).toHaveLength(1);
    const view = published[0]?.params.view as { type: string; blocks: unknown[] };
    expect(published[0]?.params.user_id).toBe(MEMBER.id);
    expect(view.type).toBe('home');
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    const shown = JSON.stringify(view.blocks);
    if (registry.resolve(['stats'])) expect(shown).toMatch(/stats/i);
    if (registry.resolve(['leaderboard'])) expect(shown).toMatch(/leaderboard|top 10/i);
  });

  test('WHEN a button on the Home tab is clicked THEN its answer is shown in the tab, not in a channel', async () => {
    const mark = h.fake.mark();
    const click = blockActionsPayload(h, { type: 'button', action_id: 'cookbook:run:0', value: '/help command:quiz' }, MEMBER, {
      home: true,
    });
    await interaction(h, click);
    const calls = h.fake.calls.slice(mark.calls);
    const published = calls.filter((call) => call.method === 'views.publish');
    expect(published).toHaveLength(1);
    expect(JSON.stringify(published[0]?.params.view)).toContain('Help: /cookbook quiz');
    expect(h.fake.shownSince(mark)).toEqual([]);
  });
});

describe('GIVEN users.info is rate limited', () => {
  test("WHEN an admin acts THEN Slack's last answer is used at once and other calls are not held up", async () => {
    await slashCommand(h, 'moderators list', ADMIN);
    h.fake.rateLimitNext('users.info', 30);
    const mark = h.fake.mark();
    const started = Date.now();
    await slashCommand(h, 'moderators list', ADMIN);
    expect(Date.now() - started).toBeLessThan(10_000);
    const shown = h.fake.shownSince(mark);
    expect(JSON.stringify(shown)).toContain('Moderators');
    expect(JSON.stringify(shown)).not.toContain('Only admins');
  });

  test('WHEN someone never seen acts during the limit THEN they count as everyone', async () => {
    h.fake.rateLimitNext('users.info', 30);
    const mark = h.fake.mark();
    await slashCommand(h, 'moderators list', OWNER);
    expect(JSON.stringify(h.fake.shownSince(mark))).toContain('Only admins');
  });
});

describe('GIVEN moderators named by a workspace admin', () => {
  const moderatorCommand = visible.find((command) => command.permission === 'moderator');

  test('WHEN a member names someone THEN it is refused: only admins may', async () => {
    const mark = h.fake.mark();
    await slashCommand(h, `moderators add user:<@${MEMBER.id}|${MEMBER.name}>`, MEMBER);
    expect(JSON.stringify(h.fake.shownSince(mark)[0]?.blocks)).toContain('Only admins');
  });

  test.runIf(moderatorCommand)('WHEN an owner adds and removes a member THEN the role is re-checked every time', async () => {
    const line = moderatorCommand ? moderatorCommand.path.join(' ') : '';
    const refusal = 'Only moderators';
    let mark = h.fake.mark();
    await slashCommand(h, line, MEMBER);
    expect(allText(h.fake.shownSince(mark))).toContain(refusal);

    await slashCommand(h, `moderators add user:<@${MEMBER.id}|${MEMBER.name}>`, OWNER);
    expect(await h.app.deps.store.directory.grantedRole('slack', TEAM, MEMBER.id)).toBe('moderator');
    mark = h.fake.mark();
    await slashCommand(h, 'moderators list', OWNER);
    expect(allText(h.fake.shownSince(mark))).toContain(MEMBER.name);

    mark = h.fake.mark();
    await slashCommand(h, line, MEMBER);
    expect(allText(h.fake.shownSince(mark))).not.toContain(refusal);

    await slashCommand(h, `moderators remove user:<@${MEMBER.id}>`, OWNER);
    mark = h.fake.mark();
    await slashCommand(h, line, MEMBER);
    expect(allText(h.fake.shownSince(mark))).toContain(refusal);
  });
});
