import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/client.js';
import { STAFF_PERMISSIONS } from '../../../src/adapters/discord/commands.js';
import { runDeploy } from '../../../src/adapters/discord/deploy.js';
import { INVITE_PERMISSIONS_WITH_PINS, inviteUrl } from '../../../src/adapters/discord/invite.js';
import { discordProfile } from '../../../src/adapters/discord/profile.js';
import { availableOn, isGroup } from '../../../src/core/command-kit/define.js';
import { Registry } from '../../../src/core/command-kit/registry.js';
import { allCommands } from '../../../src/core/commands/all.js';
import { createTestApp, PROJECT_ROOT } from '../../support/app.js';
import { START_ARGS } from '../../support/entry.js';
import { FakeDiscord, IDS } from './fake-discord.js';
import { recordingLogger } from './harness.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an entry point the way its npm script does, with only the given environment. */
function run(entry: string[], args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...entry, ...args],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

const WRONG_TOKEN = 'wrong.bot.token';
const visible = new Registry(allCommands).commands.filter((command) =>
  !availableOn(command, discordProfile)
    ? false
    : isGroup(command)
      ? command.subcommands.some((sub) => !sub.hidden)
      : !command.hidden,
);

let discord: FakeDiscord;
let mainWithWrongToken: Promise<Run>;
let dryRunWithoutSecrets: Promise<Run>;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  // The two processes start together so the suite waits for them once.
  mainWithWrongToken = run(START_ARGS, [], {
    DISCORD_TOKEN: WRONG_TOKEN,
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_API_URL: discord.apiUrl,
    DATABASE_PATH: ':memory:',
  });
  // An unusable database path proves --dry-run never opens one.
  dryRunWithoutSecrets = run(['--import', 'tsx', resolve(PROJECT_ROOT, 'src/adapters/discord/deploy.ts')], ['--dry-run'], {
    DATABASE_PATH: '/proc/no-such-dir/bot.db',
  });
});

afterAll(async () => {
  await Promise.allSettled([mainWithWrongToken, dryRunWithoutSecrets]);
  await discord?.close();
});

describe('GIVEN a wrong bot token', () => {
  it('WHEN the adapter starts THEN it fails with one clear line', async () => {
    const app = await createTestApp();
    const adapter = createDiscordAdapter(
      app.deps,
      { token: WRONG_TOKEN, applicationId: IDS.application, apiUrl: discord.apiUrl },
      recordingLogger(),
    );
    const failure = await adapter.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    await app.close();
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot > Reset Token).',
    );
  });

  it('WHEN npm start runs with it THEN the process exits 1 after one line on stderr and no stack trace', async () => {
    const result = await mainWithWrongToken;
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Cannot start: Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot > Reset Token).',
    ]);
    expect(result.stdout).toBe('');
  });
});

describe('GIVEN the command registry', () => {
  it('WHEN deploy:discord --dry-run runs without token or database THEN it prints the JSON of every command', async () => {
    const result = await dryRunWithoutSecrets;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const commands = JSON.parse(result.stdout) as { name: string }[];
    expect(commands.map((command) => command.name)).toEqual(visible.map((command) => command.name));
  });

  it('THEN the JSON keeps to Discord rules for application commands', async () => {
    const { out, io } = captured();
    expect(await runDeploy(['--dry-run'], {}, io)).toBe(0);
    const commands = JSON.parse(out.join('\n')) as Command[];
    expect(commands.length).toBeLessThanOrEqual(100);
    for (const command of commands) {
      expect(command.type).toBe(1);
      expect(command.dm_permission).toBe(false);
      expectNamed(command);
      expect(JSON.stringify(command).length).toBeLessThan(8000);
      for (const option of command.options ?? []) {
        expectNamed(option);
        for (const nested of option.options ?? []) {
          expectNamed(nested);
          expect(nested.type).not.toBe(1);
          expect((nested.choices ?? []).length).toBeLessThanOrEqual(25);
          expect(nested.choices && nested.autocomplete).toBeFalsy();
        }
      }
    }
  });

  it('THEN commands only for moderators or admins need Manage Server by default, and the others nothing', async () => {
    const { out, io } = captured();
    await runDeploy(['--dry-run'], {}, io);
    const commands = JSON.parse(out.join('\n')) as Command[];
    const registry = new Registry(allCommands);
    for (const command of commands) {
      const leaves = registry.leaves().filter((leaf) => leaf.path[0] === command.name && !leaf.leaf.hidden);
      const staffOnly = leaves.every((leaf) => leaf.permission !== 'everyone');
      expect(command.default_member_permissions, command.name).toBe(staffOnly ? STAFF_PERMISSIONS : null);
    }
    expect(STAFF_PERMISSIONS).toBe('32');
  });

  it('WHEN deployed to one server THEN one bulk overwrite puts exactly that JSON', async () => {
    const dry = captured();
    await runDeploy(['--dry-run'], {}, dry.io);
    const { out, err, io } = captured();
    const env = { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: discord.apiUrl };
    expect(await runDeploy(['--guild', IDS.guild], env, io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toMatch(new RegExp(`^Deployed ${visible.length} commands to server ${IDS.guild}: /help`));
    expect(out[1]).toBe(`Invite the bot with: ${inviteUrl(IDS.application)}`);
    expect(discord.commandDeploys).toEqual([
      { path: `/applications/${IDS.application}/guilds/${IDS.guild}/commands`, body: JSON.parse(dry.out.join('\n')) },
    ]);
  });

  it('WHEN deployed without a token THEN it says which variables to set', async () => {
    const { err, io } = captured();
    expect(await runDeploy([], {}, io)).toBe(1);
    expect(err).toEqual(['Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to deploy the commands (or use --dry-run to see them).']);
  });

  it('WHEN Discord refuses the token THEN the deploy fails with one line', async () => {
    const { err, io } = captured();
    const env = { DISCORD_TOKEN: WRONG_TOKEN, DISCORD_APPLICATION_ID: IDS.application, DISCORD_API_URL: discord.apiUrl };
    expect(await runDeploy([], env, io)).toBe(1);
    expect(err).toEqual(['Discord refused the commands: 401: Unauthorized']);
  });
});

interface Command {
  type: number;
  name: string;
  description: string;
  dm_permission: boolean;
  default_member_permissions: string | null;
  options?: (Command & { options?: (Command & { choices?: unknown[]; autocomplete?: boolean })[] })[];
}

function expectNamed(item: { name: string; description: string }): void {
  expect(item.name).toMatch(/^[-_a-z0-9]{1,32}$/);
  expect(item.description.length).toBeGreaterThanOrEqual(1);
  expect(item.description.length).toBeLessThanOrEqual(100);
}

describe('GIVEN the invite URL in docs/discord.md', () => {
  it('THEN it asks for exactly the permissions the bot needs', () => {
    const docs = readFileSync(resolve(PROJECT_ROOT, 'docs/discord.md'), 'utf8');
    expect(docs).toContain(inviteUrl('APP_ID'));
    expect(docs).toContain(`permissions=${INVITE_PERMISSIONS_WITH_PINS}`);
  });
});
