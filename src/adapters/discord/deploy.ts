import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { REST, Routes } from 'discord.js';
import { loadConfig } from '../../config.js';
import { Registry } from '../../core/command-kit/registry.js';
import { allCommands } from '../../core/commands/all.js';
import { commandProblems, commandsJson } from './commands.js';
import { inviteUrl } from './invite.js';

const USAGE = 'Usage: npm run deploy:discord [-- --guild ID] [-- --dry-run]';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * Puts every command of the registry with one bulk overwrite (global, or one guild with --guild, which is instant and
 * meant for testing). --dry-run prints the JSON and needs neither a token nor a database.
 */
export async function runDeploy(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  let values: { guild?: string | undefined; 'dry-run'?: boolean | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { guild: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 1;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (values.guild !== undefined && !/^\d{15,25}$/.test(values.guild)) {
    io.err(`--guild must be a server id (a long number), not "${values.guild}".`);
    return 1;
  }
  const commands = commandsJson(new Registry(allCommands));
  const problems = commandProblems(commands);
  if (problems.length > 0) {
    io.err(`The commands break Discord's limits:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    return 1;
  }
  if (values['dry-run']) {
    io.out(JSON.stringify(commands, null, 2));
    return 0;
  }
  const discord = loadConfig(env).discord;
  if (!discord) {
    io.err('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to deploy the commands (or use --dry-run to see them).');
    return 1;
  }
  const rest = new REST({ version: '10', ...(discord.apiUrl ? { api: discord.apiUrl } : {}) }).setToken(discord.token);
  const route = values.guild
    ? Routes.applicationGuildCommands(discord.applicationId, values.guild)
    : Routes.applicationCommands(discord.applicationId);
  try {
    await rest.put(route, { body: commands });
  } catch (error) {
    io.err(`Discord refused the commands: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.out(
    `Deployed ${commands.length} commands ${values.guild ? `to server ${values.guild}` : 'globally'}: ${commands
      .map((command) => `/${command.name}`)
      .join(', ')}.`,
  );
  io.out(`Invite the bot with: ${inviteUrl(discord.applicationId)}`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  runDeploy(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Cannot deploy: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
