import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderMessage } from './adapters/console/render.js';
import { type ConsoleIdentity, recordConsoleDeliveries, runConsoleLine } from './adapters/console/routes.js';
import { createApp } from './app.js';
import { configSecrets, loadConfig } from './config.js';
import { parseCommandLine, tokenize } from './core/command-kit/command-line.js';
import { completeOption } from './core/command-kit/complete.js';
import { ANSWERS_FORMATS, type AnswersFormat, exportAnswers } from './core/community/export.js';
import { contentFigures, describeFigures } from './core/content/figures.js';
import { jsonSchemas } from './core/content/json-schema.js';
import { loadCorpus } from './core/content/load.js';
import { describeQuizFigures, measureQuiz, quizProblems } from './core/content/quiz-quality.js';
import { contentFingerprint, saveContentSnapshot } from './core/content/snapshot.js';
import type { Deps } from './core/deps.js';
import { isUserError } from './core/errors.js';
import type { Role } from './core/invocation.js';
import { runJobsReport } from './core/jobs.js';
import { EXPORT_FORMATS, type ExportFormat, exportApproved } from './core/stream/export.js';
import { type Message, timesAsText } from './core/view.js';
import { createLogger } from './log.js';
import { backupDatabase } from './store/backup.js';

const USAGE = `Usage: npm run -s cli -- <command>
  say [--json] [--user ID] [--name NAME] [--moderator|--admin] [--channel ID] [--now ISO] "<command line>"
  complete "<partial command line>"
  content [--validate] [--snapshot FILE] [--schema DIR]   --snapshot also validates
  tick --now ISO
  backup <file>          copy the live database to <file> (SQLite online backup, or pg_dump with DATABASE_URL)
  export [--format markdown|csv|json] [--session N]   approved live-stream questions
  export --answers [--format markdown|json]            answered questions in the Cookbook's layout
  help`;

type Exit = 0 | 1 | 2;

/** Instants the calendar code handles: time zones, weekdays and local dates are only sure within these years. */
const EARLIEST_NOW = Date.UTC(1970, 0, 1);
const LATEST_NOW = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new CliUsageError(`--now must be an ISO date-time such as 2026-12-01T08:00:00Z, not "${value}".`);
  if (date.getTime() < EARLIEST_NOW || date.getTime() > LATEST_NOW) {
    throw new CliUsageError(`--now must be between the years 1970 and 9999, not "${value}".`);
  }
  return date;
}

class CliUsageError extends Error {}

/** node:util parseArgs refuses unknown or ambiguous options with these codes: a usage mistake, not a crash. */
function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

function toJson(messages: Message[]): unknown[] {
  return messages.map((message) => {
    if (!('view' in message)) return message;
    const { kind, view, ...rest } = message;
    return { kind, ...rest, view };
  });
}

async function say(args: string[], deps: Deps): Promise<Exit> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      user: { type: 'string', default: 'console-user' },
      name: { type: 'string' },
      moderator: { type: 'boolean', default: false },
      admin: { type: 'boolean', default: false },
      channel: { type: 'string', default: 'console' },
      now: { type: 'string' },
    },
  });
  if (positionals.length === 0) throw new CliUsageError('say needs a command line, e.g. say "/help".');
  // The console has one notion of privilege: --moderator acts as a server moderator with admin rights.
  const role: Role = values.admin || values.moderator ? 'admin' : 'everyone';
  const identity: ConsoleIdentity = { userId: values.user, name: values.name ?? values.user, role, channel: values.channel };
  const result = await runConsoleLine(positionals.join(' '), identity, deps, parseNow(values.now));
  if (values.json) process.stdout.write(`${timesAsText(JSON.stringify(toJson(result.messages), null, 2))}\n`);
  else process.stdout.write(`${result.messages.map(renderMessage).join('\n\n')}\n`);
  return result.status === 'ok' || result.status === 'duplicate' ? 0 : result.status === 'user-error' ? 1 : 2;
}

function complete(args: string[], deps: Deps): Exit {
  const line = args.join(' ');
  const parsed = parseCommandLine(line.replace(/\s+\S*$/, '') || line, deps.registry);
  const spec = (parsed.resolved.leaf.options ?? []).find((option) => option.type === 'string' && option.autocomplete);
  const tokens = tokenize(line.replace(/^\//, ''));
  const last = tokens.at(-1);
  const partial =
    last && tokens.length > parsed.resolved.consumed
      ? last.key && last.key === spec?.name
        ? last.text
        : last.key
          ? `${last.key}:${last.text}`
          : last.text
      : '';
  const choices = spec?.type === 'string' ? completeOption(spec, partial, deps) : [];
  process.stdout.write(`${JSON.stringify(choices)}\n`);
  return 0;
}

async function exportQuestions(args: string[], deps: Deps): Promise<Exit> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'markdown' },
      session: { type: 'string' },
      answers: { type: 'boolean', default: false },
    },
  });
  if (values.answers) {
    if (values.session !== undefined) throw new CliUsageError('--session is for live-stream questions, not with --answers.');
    return await exportCommunityAnswers(values.format, deps);
  }
  const format = values.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new CliUsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}.`);
  const sessionId = values.session === undefined ? undefined : Number(values.session);
  if (sessionId !== undefined && !(Number.isInteger(sessionId) && sessionId > 0)) {
    throw new CliUsageError('--session must be a session number such as 1.');
  }
  const file = await exportApproved(deps, sessionId === undefined ? {} : { sessionId }, format);
  if (file.count === 0 && format === 'markdown') process.stderr.write('No approved questions yet.\n');
  else process.stdout.write(file.content);
  return 0;
}

async function exportCommunityAnswers(format: string, deps: Deps): Promise<Exit> {
  if (!ANSWERS_FORMATS.includes(format as AnswersFormat)) {
    throw new CliUsageError(`--format with --answers must be one of ${ANSWERS_FORMATS.join(', ')}.`);
  }
  const file = await exportAnswers(deps, undefined, format as AnswersFormat);
  if (file.count === 0 && format === 'markdown') process.stderr.write('No question has a community answer yet.\n');
  else process.stdout.write(file.content);
  return 0;
}

async function main(argv: string[]): Promise<Exit> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 1 : 0;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel ?? 'warn', configSecrets(config));
  if (command === 'content') {
    const { values } = parseArgs({
      args: rest,
      options: { validate: { type: 'boolean', default: false }, schema: { type: 'string' }, snapshot: { type: 'string' } },
    });
    const root = resolve(config.contentDir);
    const fingerprint = contentFingerprint(root);
    const corpus = loadCorpus(root);
    if (values.schema) {
      for (const [name, schema] of Object.entries(jsonSchemas())) {
        writeFileSync(resolve(values.schema, `${name}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
      }
    }
    if (values.validate || values.snapshot) {
      const quiz = measureQuiz(corpus.quiz, new Set(corpus.topics.flatMap((topic) => topic.sections)));
      const unfair = quizProblems(quiz);
      if (unfair.length > 0) {
        process.stderr.write(`The quiz breaks its fairness limits:\n${unfair.map((p) => `  - ${p}`).join('\n')}\n`);
        return 1;
      }
      if (values.snapshot) saveContentSnapshot(resolve(values.snapshot), fingerprint, corpus);
      process.stdout.write(`${describeFigures(contentFigures(corpus))}\nQuiz fairness: ${describeQuizFigures(quiz)}.\n`);
    } else {
      process.stdout.write(
        `${JSON.stringify({ topics: corpus.topics, questions: corpus.questions, quiz: corpus.quiz, glossary: corpus.glossary ?? [] }, null, 2)}\n`,
      );
    }
    return 0;
  }
  if (command === 'backup') {
    const [file] = rest;
    if (file === undefined || rest.length !== 1) throw new CliUsageError('backup needs one file name: npm run backup -- <file>');
    if (config.database.dialect === 'postgres') {
      const [{ backupPostgres }, { redactedUrl }] = await Promise.all([
        import('./store/pg/backup.js'),
        import('./store/pg/open.js'),
      ]);
      const result = await backupPostgres(config.database.url, file);
      process.stdout.write(
        `Backed up ${redactedUrl(config.database.url)} to ${result.destination} (${result.bytes} bytes, pg_dump's custom format: restore with pg_restore).\n`,
      );
      return 0;
    }
    const result = await backupDatabase(config.database.path, file);
    process.stdout.write(`Backed up ${config.database.path} to ${result.destination} (${result.pages} pages).\n`);
    return 0;
  }
  const app = await createApp(config, log);
  try {
    switch (command) {
      case 'say':
        return await say(rest, app.deps);
      case 'complete':
        return complete(rest, app.deps);
      case 'export':
        return await exportQuestions(rest, app.deps);
      case 'tick': {
        const { values } = parseArgs({ args: rest, options: { now: { type: 'string' } } });
        const now = parseNow(values.now);
        const { routed, failedJobs } = await runJobsReport(now, app.deps);
        const unrecorded = await recordConsoleDeliveries(
          routed.filter((r) => r.platform === 'console').map((r) => r.message),
          app.deps,
          now,
        );
        const shown = routed.map((r) => ({ platform: r.platform, tenant: r.tenant, ...(toJson([r.message])[0] as object) }));
        // Times print as the channel's clock, as the console shows them.
        process.stdout.write(`${timesAsText(JSON.stringify(shown, null, 2))}\n`);
        if (failedJobs.length > 0 || unrecorded > 0) {
          process.stderr.write(
            `Some scheduled work failed (${[...failedJobs, ...(unrecorded > 0 ? ['recording console posts'] : [])].join(', ')}); see the log above.\n`,
          );
          return 2;
        }
        return 0;
      }
      default:
        throw new CliUsageError(`Unknown CLI command "${command}".\n${USAGE}`);
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    process.exitCode = error instanceof CliUsageError || isUserError(error) || isArgumentError(error) ? 1 : 2;
  },
);
