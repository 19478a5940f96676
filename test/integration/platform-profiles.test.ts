import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/command-kit/dispatch.js';
import { Registry } from '../../src/core/command-kit/registry.js';
import type { Invocation, Platform } from '../../src/core/invocation.js';
import { rich } from '../../src/core/rich-text.js';
import { reply } from '../../src/core/view.js';
import { createTestApp } from '../support/app.js';
import { firstView, md } from '../support/messages.js';

const app = await createTestApp();
afterAll(() => app.close());
const now = new Date('2026-12-01T10:00:00Z');

function run(platform: Platform, line: string[], options: Invocation['options'] = {}, role: 'admin' | 'everyone' = 'everyone') {
  return dispatch(
    {
      platform,
      tenant: `${platform}-tenant`,
      channel: 'C1',
      user: { id: `${platform}-person`, name: 'Ada', role },
      command: line,
      options,
      now,
    },
    app.deps,
  );
}

describe('each platform is described by its adapter, and the core speaks its words', () => {
  it('WHEN a person lists their data THEN the place is called what their platform calls it', async () => {
    expect(md(firstView(await run('discord', ['mydata', 'show']))?.text)).toContain('about you in this server:');
    expect(md(firstView(await run('slack', ['mydata', 'show']))?.text)).toContain('about you in this workspace:');
    expect(md(firstView(await run('console', ['mydata', 'show']))?.text)).toContain('about you in this console:');
  });

  it('WHEN a person asks for help THEN commands are written with their platform prefix', async () => {
    const slack = firstView(await run('slack', ['help']));
    expect(md(slack?.text)).toContain('**/cookbook quiz');
    expect(slack?.footer).toContain('/cookbook help command:<name>');
    const discord = firstView(await run('discord', ['help']));
    expect(md(discord?.text)).toContain('**/quiz');
    expect(md(discord?.text)).not.toContain('/cookbook');
  });

  it('WHEN an admin names moderators THEN only a platform whose moderators are named in the bot offers it', async () => {
    const slack = await run('slack', ['moderators', 'list'], {}, 'admin');
    expect(slack.status).toBe('ok');
    expect(firstView(slack)?.footer).toBe('Workspace admins and owners are always moderators.');
    for (const platform of ['discord', 'console'] as const) {
      const refused = firstView(await run(platform, ['moderators', 'list'], {}, 'admin'));
      expect(md(refused?.text)).toContain('/moderators list is not available here.');
      const help = firstView(await run(platform, ['help']));
      expect(md(help?.text)).not.toContain('/moderators');
    }
  });
});

describe('commands say where else they may be offered', () => {
  it('WHEN a platform asks for a home screen THEN it gets the overview commands in order', () => {
    expect(app.deps.registry.overviews().map((command) => command.path.join(' '))).toEqual(['stats', 'leaderboard']);
  });

  it('WHEN a platform asks what runs on a message THEN it gets the command and the option that takes the text', () => {
    const onMessage = app.deps.registry.onMessage();
    expect(onMessage?.command.path).toEqual(['ask']);
    expect(onMessage?.option).toBe('question');
  });

  it('WHEN a command names a message option that is not one of its text options THEN the registry refuses it', () => {
    const broken = {
      name: 'broken',
      description: 'Takes a number from a message',
      options: [{ name: 'count', type: 'integer', description: 'A number' }],
      messageOption: 'count',
      run: () => reply({ text: rich('ok') }),
    } as const;
    expect(() => new Registry([broken])).toThrow('message option "count" must be one of its string options');
  });
});
