import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordProfile } from '../../../src/adapters/discord/profile.js';
import type { OptionSpec } from '../../../src/core/command-kit/define.js';
import { availableOn, type CommandDefinition } from '../../../src/core/command-kit/define.js';
import { Registry } from '../../../src/core/command-kit/registry.js';
import { allCommands } from '../../../src/core/commands/all.js';
import type { Deps } from '../../../src/core/deps.js';
import {
  type Answer,
  FakeDiscord,
  IDS,
  type InteractionRecord,
  type Json,
  type StoredMessage,
  type Who,
} from './fake-discord.js';
import { APOLOGY, type Bot, componentsOf, startBot, textOf } from './harness.js';

// Every command of the registry as it stands, so commands added later are covered without touching this file.
const registry = new Registry(allCommands);
const leaves = registry
  .leaves()
  .filter(
    (command) =>
      !command.leaf.hidden && availableOn(registry.definition(command.path[0] as string) as CommandDefinition, discordProfile),
  );
const staffLeaves = leaves.filter((command) => command.permission !== 'everyone');
const autocompleted = leaves.flatMap((command) =>
  (command.leaf.options ?? [])
    .filter((option) => option.type === 'string' && option.autocomplete)
    .map((option) => ({ command, option: option.name })),
);

let discord: FakeDiscord;
let bot: Bot;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  bot = await startBot(discord);
});

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
});

/** Values in the shape some options expect; any other string option gets a plausible interview question. */
const KNOWN_FORMATS: Record<string, string> = { time: '09:00', timezone: 'Europe/Berlin', days: 'weekdays' };

const DISCORD_TYPE = { string: 3, integer: 4, boolean: 5, user: 6, channel: 7, number: 10 } as const;

function sampleValue(option: OptionSpec, deps: Deps): string | number | boolean {
  switch (option.type) {
    case 'string': {
      const suggested = option.choices?.[0]?.value ?? option.autocomplete?.('', deps)[0]?.value ?? KNOWN_FORMATS[option.name];
      const text = suggested ?? 'What is the difference between a data lake and a data warehouse?';
      return text.padEnd(option.minLength ?? 0, ' More detail.').slice(0, option.maxLength ?? 2000);
    }
    case 'integer':
    case 'number':
      return option.min ?? 1;
    case 'boolean':
      return true;
    case 'user':
      return IDS.users.member;
    case 'channel':
      return IDS.channel;
  }
}

function invoke(path: string[], options: readonly OptionSpec[], as: Who, deps: Deps): InteractionRecord {
  const values: Record<string, string | number | boolean> = {};
  const types: Record<string, number> = {};
  for (const option of options.filter((candidate) => candidate.required)) {
    values[option.name] = sampleValue(option, deps);
    types[option.name] = DISCORD_TYPE[option.type];
  }
  const [name = '', sub] = path;
  return discord.command(name, values, { as, types, ...(sub ? { sub } : {}) });
}

function expectSafe(answer: Answer): void {
  expect(textOf(answer.message)).not.toContain(APOLOGY);
  expect(discord.pings.get(answer.message.id)).toEqual({ everyone: false, users: [], roles: [] });
}

/** Fills every input of a modal with text its length limits accept. */
function fill(modal: Json): Record<string, string> {
  const values: Record<string, string> = {};
  for (const label of modal.components as { component: { custom_id: string; min_length?: number; max_length?: number } }[]) {
    const { custom_id, min_length = 0, max_length = 4000 } = label.component;
    const text = 'How would you design an idempotent Kafka consumer that writes to a data lake?';
    values[custom_id] = text.padEnd(min_length, ' More detail.').slice(0, max_length);
  }
  return values;
}

async function exerciseComponents(message: StoredMessage): Promise<void> {
  for (const component of componentsOf(message)) {
    if (component.type === 2) {
      const click = discord.click(message, component.custom_id, 'admin');
      const first = await click.callback();
      expect([4, 5, 6, 9], `click on "${component.label}"`).toContain(first.body.type);
      if (first.body.type === 9) {
        const modal = await click.modal();
        expect(modal.custom_id).toBe(component.custom_id.replace(/^form:/, ''));
        const submitted = discord.submit(modal, fill(modal), 'admin', message);
        expect([4, 5, 6]).toContain((await submitted.callback()).body.type);
        if ((await submitted.callback()).body.type !== 6) expectSafe(await submitted.answer());
      } else if (first.body.type !== 6) {
        expectSafe(await click.answer());
      }
    } else if (component.type === 3) {
      const value = component.options?.[0]?.value ?? '';
      const chosen = discord.select(message, component.custom_id, value, 'admin');
      expectSafe(await chosen.answer());
    }
  }
}

describe('GIVEN every command of the registry', () => {
  it('THEN there is at least help', () => {
    expect(leaves.map((command) => command.path.join(' '))).toContain('help');
  });

  describe.each(leaves.map((command) => [command.path.join(' '), command] as const))(
    'WHEN an admin runs /%s',
    (_name, command) => {
      it('THEN it answers within Discord rules, pings nobody, and every button, select and form on the answer works', async () => {
        const interaction = invoke(command.path, command.leaf.options ?? [], 'admin', bot.deps);
        const answer = await interaction.answer();
        expectSafe(answer);
        expect(answer.message.content.length + answer.message.embeds.length + answer.message.attachments.length).toBeGreaterThan(
          0,
        );
        await exerciseComponents(answer.message);
        expect(discord.violations).toEqual([]);
      });
    },
  );
});

describe('GIVEN the commands for moderators and admins, which Discord may still show to anyone', () => {
  it.each(staffLeaves.map((command) => [command.path.join(' '), command] as const))(
    'WHEN a plain member runs /%s THEN the bot refuses privately',
    async (name, command) => {
      const answer = await invoke(command.path, command.leaf.options ?? [], 'member', bot.deps).answer();
      expect(answer.ephemeral).toBe(true);
      expect(textOf(answer.message)).toContain(`can use /${name}`);
    },
  );

  it.each(
    staffLeaves.filter((command) => command.permission === 'admin').map((command) => [command.path.join(' '), command] as const),
  )('WHEN someone with only Manage Messages runs the admin command /%s THEN the bot refuses', async (name, command) => {
    const answer = await invoke(command.path, command.leaf.options ?? [], 'moderator', bot.deps).answer();
    expect(textOf(answer.message)).toContain(`Only admins can use /${name}`);
  });

  it.each(
    staffLeaves
      .filter((command) => command.permission === 'moderator')
      .map((command) => [command.path.join(' '), command] as const),
  )('WHEN someone with Manage Messages runs the moderator command /%s THEN the bot does not refuse', async (name, command) => {
    const answer = await invoke(command.path, command.leaf.options ?? [], 'moderator', bot.deps).answer();
    expect(textOf(answer.message)).not.toContain(`can use /${name}`);
  });
});

describe('GIVEN every option with autocomplete', () => {
  it.each(autocompleted.map(({ command, option }) => [command.path.join(' '), option, command.path] as const))(
    'WHEN someone types in /%s %s THEN at most 25 valid choices come back at once',
    async (_name, option, path) => {
      for (const partial of ['', 'a', 'x'.repeat(100)]) {
        const [name = '', sub] = path;
        const choices = await discord.autocomplete(name, option, partial, 'admin', sub).choices();
        expect(choices.length).toBeLessThanOrEqual(25);
      }
      expect(discord.violations).toEqual([]);
    },
  );
});
