import { REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandJson, commandsJson, commandProblems as ownChecks } from '../../../src/adapters/discord/commands.js';
import { Registry } from '../../../src/core/command-kit/registry.js';
import { allCommands } from '../../../src/core/commands/all.js';
import { commandProblems as discordChecks } from './command-json.js';
import { FakeDiscord, IDS } from './fake-discord.js';

let discord: FakeDiscord;

beforeAll(async () => {
  discord = await FakeDiscord.start();
});

afterAll(async () => {
  await discord?.close();
});

const commands = commandsJson(new Registry(allCommands));
const copy = (): CommandJson[] => structuredClone(commands);
const withOptions = () => {
  const list = copy();
  const index = list.findIndex((command) => (command.options ?? []).some((option) => option.type === 3));
  return { list, command: list[index] as CommandJson };
};

/** Real command payloads, each broken the way a careless change to a definition would break it. */
const broken: [string, () => CommandJson[]][] = [
  ['a name with capitals', () => copy().map((command, index) => (index === 0 ? { ...command, name: 'Help' } : command))],
  [
    'a description of 101 characters',
    () => copy().map((command, index) => (index === 0 ? { ...command, description: 'd'.repeat(101) } : command)),
  ],
  [
    'a required option after an optional one',
    () => {
      const { list, command } = withOptions();
      const options = command.options ?? [];
      options.push({ type: 3, name: 'late', description: 'A required option at the end', required: true } as never);
      if (!options.some((option) => !(option as { required?: boolean }).required)) {
        options.unshift({ type: 3, name: 'early', description: 'An optional option first' } as never);
      }
      return list;
    },
  ],
  [
    '26 choices',
    () => {
      const { list, command } = withOptions();
      const choices = Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: `c${index}` }));
      command.options?.push({ type: 3, name: 'many', description: 'Too many choices', choices } as never);
      return list;
    },
  ],
];

describe('GIVEN the command payloads the bot deploys', () => {
  it("THEN discord.js's own builders, as the fake Discord uses them on deploy, find nothing to refuse", () => {
    expect(discordChecks(commands)).toEqual([]);
  });

  it.each(broken)(
    'WHEN one has %s THEN Discord refuses the deploy with 50035, and the bot finds it first',
    async (_what, make) => {
      const payload = make();
      expect(discordChecks(payload).length).toBeGreaterThan(0);
      const rest = new REST({ version: '10', api: discord.apiUrl }).setToken(discord.token);
      await expect(
        rest.put(Routes.applicationGuildCommands(IDS.application, IDS.guild), { body: payload }),
      ).rejects.toMatchObject({
        status: 400,
        code: 50035,
      });
      // The deploy command runs these checks before it calls Discord and prints them instead of deploying.
      expect(ownChecks(payload).length).toBeGreaterThan(0);
    },
  );
});
