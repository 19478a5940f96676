/**
 * Live-stream burst through the Discord adapter: the bot runs as its own process (`node scripts/run.mjs main`,
 * as `npm start` does) with discord.js connected to the fake Discord of test/e2e/discord on 127.0.0.1. Each `/ask`
 * arrives as an INTERACTION_CREATE on the gateway; some are delivered twice. Also measures the start-up to "ready"
 * in this configuration and the bot's resident memory after start and after the burst.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCommandLine } from '../src/core/command-kit/command-line.js';
import { Registry } from '../src/core/command-kit/registry.js';
import { allCommands } from '../src/core/commands/all.js';
import {
  FakeDiscord,
  IDS,
  InteractionRecord,
  type Json,
  memberOf,
  type StoredMessage,
} from '../test/e2e/discord/fake-discord.js';
import { ROOT } from './app.js';
import { boardShows, editSpacing, expectedBoard } from './board-figures.js';
import { type BotProcess, startBotProcess } from './bot-process.js';
import {
  ARRIVALS_PER_SECOND,
  BURST,
  type BurstFigures,
  boardRows,
  boardTargets,
  burstSection,
  burstWorkload,
  type Delivery,
  type EventRecord,
  paced,
  tally,
} from './burst-common.js';
import { type RawCommits, rawCommits } from './raw-commits.js';
import { ms, type SectionResult } from './report.js';
import { round } from './stats.js';

const MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n)).toString();
const ANSWER_DEADLINE_MS = 60_000;
const BOARD_DEADLINE_MS = 15_000;

/** CPU time (user + system, all threads) a process has used, in ms, from /proc. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const viewerId = (user: string) => `6000000000${user.replace(/\D/g, '').padStart(8, '0')}`;

/** An `/ask` interaction as Discord delivers it, from a viewer the fake does not know in advance. */
function askInteraction(fake: FakeDiscord, registry: Registry, delivery: Delivery): InteractionRecord {
  const { options } = parseCommandLine(delivery.line, registry);
  const user = {
    id: viewerId(delivery.user),
    username: delivery.user,
    discriminator: '0',
    global_name: delivery.user,
    avatar: null,
  };
  const payload: Json = {
    id: fake.snowflake(),
    application_id: IDS.application,
    type: 2,
    token: `interaction-${randomUUID()}`,
    version: 1,
    guild_id: IDS.guild,
    channel_id: IDS.channel,
    channel: fake.channels.get(IDS.channel),
    member: { ...memberOf(user), permissions: MEMBER_PERMISSIONS, communication_disabled_until: null },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: MEMBER_PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    context: 0,
    attachment_size_limit: 10_485_760,
    data: {
      id: fake.snowflake(),
      name: 'ask',
      type: 1,
      guild_id: IDS.guild,
      options: Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'boolean' ? 5 : 3, value })),
    },
  };
  const record = new InteractionRecord(String(payload.id), String(payload.token), payload, fake.now());
  fake.interactions.set(record.token, record);
  return record;
}

/** The text the viewer finally reads: the immediate reply, or the edit or private follow-up after deferring. */
function finalAnswer(record: InteractionRecord): string | undefined {
  const callback = record.events.find((event) => event.kind === 'callback');
  if (!callback) return undefined;
  const message =
    callback.body.type === 4
      ? callback.message
      : record.events.find((event) => (event.kind === 'edit' || event.kind === 'followup') && event.message)?.message;
  return message ? textOf(message) : undefined;
}

function textOf(message: StoredMessage): string {
  const embeds = message.embeds as { title?: string; description?: string; fields?: { value: string }[] }[];
  return [
    message.content,
    ...embeds.flatMap((embed) => [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)]),
  ].join('\n');
}

async function until(condition: () => boolean, deadlineMs: number): Promise<boolean> {
  const deadline = performance.now() + deadlineMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 50));
  }
  return true;
}

export interface DiscordBurstFigures extends BurstFigures {
  startup: { readyMs: number; loggedStartupMs: number | undefined };
  shutdown: { stopMs: number; exitCode: number | null; killed: boolean };
  /** Channel messages the burst caused besides the board (none expected), and the board's edits. */
  channel: { postsDuringBurst: number; boardEdits: number; minGapBetweenEditsMs: number | undefined };
  /** From the last answer to the board showing the database's top 10 and count; undefined: not within the deadline. */
  boardFinalAfterMs: number | undefined;
  /** 429s the fake Discord answered the bot. */
  rateLimited: number;
  /** CPU the bot process used per submission event until every reply was out (all threads). */
  botCpuMsPerEvent: number | undefined;
  refusedByFakeDiscord: number;
  /** Warnings and errors the bot logged, by message, most frequent first. */
  botLogProblems: { count: number; level: number; message: string }[];
}

function logProblems(lines: Record<string, unknown>[]): DiscordBurstFigures['botLogProblems'] {
  const counts = new Map<string, { count: number; level: number; message: string }>();
  for (const line of lines) {
    const level = Number(line.level ?? 0);
    if (level < 40) continue;
    const err = line.err as { message?: string } | undefined;
    const message = `${String(line.msg ?? '')}${err?.message ? `: ${err.message.slice(0, 160)}` : ''}`;
    const entry = counts.get(message) ?? { count: 0, level, message };
    entry.count++;
    counts.set(message, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 10);
}

export async function runDiscordBurst(raw?: RawCommits): Promise<DiscordBurstFigures> {
  const deliveries = burstWorkload();
  const registry = new Registry(allCommands);
  const fake = await FakeDiscord.start();
  const dir = mkdtempSync(join(tmpdir(), 'bench-discord-'));
  const databasePath = join(dir, 'discord.db');
  let bot: BotProcess | undefined;
  try {
    bot = await startBotProcess({
      env: {
        DATABASE_PATH: databasePath,
        CONTENT_DIR: resolve(ROOT, 'content'),
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: IDS.application,
        DISCORD_API_URL: fake.apiUrl,
        RANDOM_SEED: '42',
      },
      timeoutMs: 60_000,
    });
    const rssAfterStart = bot.rssMb();
    const startup = { readyMs: round(bot.readyMs), loggedStartupMs: bot.loggedStartupMs };
    const opened = await fake.command('stream', { title: 'Burst', moderation: 'post' }, { as: 'admin', sub: 'start' }).answer();
    if (!/Burst/.test(textOf(opened.message)) && fake.channelMessages(IDS.channel).length === 0) {
      throw new Error('the session did not open on Discord');
    }
    const channelPostCount = () => fake.channelMessages(IDS.channel).filter((message) => message.type === 0).length;
    await until(() => channelPostCount() > 0, 10_000);
    const postsBefore = channelPostCount();
    const board = fake.channelMessages(IDS.channel).find((message) => message.type === 0);
    if (!board) throw new Error('the board was not posted');
    const cpuBefore = cpuMs(bot.pid);

    const records = new Map<number, InteractionRecord>();
    const events = new Map<number, EventRecord>();
    const ackSamples: number[] = [];
    const { offeredPerSecond, startedAt } = await paced(deliveries, ARRIVALS_PER_SECOND, async (delivery) => {
      const known = records.get(delivery.event);
      if (known) {
        fake.replay(known);
        return;
      }
      const record = askInteraction(fake, registry, delivery);
      records.set(delivery.event, record);
      const event: EventRecord = { acks: 0, unacked: 0, replies: [] };
      events.set(delivery.event, event);
      const sent = performance.now();
      fake.replay(record);
      const acked = await record
        .waitFor((all) => all.find((item) => item.kind === 'callback'), 'the callback', ANSWER_DEADLINE_MS)
        .then(
          () => true,
          () => false,
        );
      ackSamples.push(performance.now() - sent);
      if (acked) event.acks++;
      else event.unacked++;
    });
    await until(() => [...records.values()].every((record) => finalAnswer(record) !== undefined), ANSWER_DEADLINE_MS);
    const durationMs = performance.now() - startedAt;
    const cpuAfterAnswers = cpuMs(bot.pid);
    // The board catches up on its own: every 2 s at most, a last edit after the last change.
    const expected = expectedBoard(databasePath);
    const boardText = () => textOf(fake.messages.get(board.id) ?? board);
    const boardDone = await until(() => boardShows(boardText(), expected), BOARD_DEADLINE_MS);
    const boardFinalAfterMs = boardDone ? round(performance.now() - startedAt - durationMs) : undefined;
    const rssAfterBurst = bot.rssMb();

    const callbacksPerToken = new Map<string, number>();
    for (const request of fake.requests) {
      const match = /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(request.path);
      if (match && request.method === 'POST')
        callbacksPerToken.set(match[1] ?? '', (callbacksPerToken.get(match[1] ?? '') ?? 0) + 1);
    }
    for (const [event, record] of records) {
      const answer = finalAnswer(record);
      const target = events.get(event);
      if (!target) continue;
      if (answer !== undefined) target.replies.push(answer);
      // A second callback for one interaction is a second answer, even though Discord refuses it.
      for (let extra = 1; extra < (callbacksPerToken.get(record.token) ?? 0); extra++) target.replies.push(answer ?? '');
    }
    const channelPosts = channelPostCount() - postsBefore;
    const edits = editSpacing(
      fake.requests
        .filter((request) => request.method === 'PATCH' && request.path.endsWith(`/messages/${board.id}`))
        .map((request) => request.at),
    );
    const problems = logProblems(bot.logLines());
    const stopped = await bot.stop();
    bot = undefined;

    const figures = tally({
      platform: 'Discord',
      path: 'the Discord adapter (discord.js, bot in its own process, local fake gateway and REST)',
      deliveries,
      events,
      keyOf: (event) => String(records.get(event)?.id ?? ''),
      databasePath,
      ackSamples,
      offeredPerSecond,
      durationMs,
      raw: raw ?? rawCommits(join(dir, 'raw.db'), BURST.submissions),
      rssMb: { botAfterStart: rssAfterStart, botAfterBurst: rssAfterBurst },
      note: 'Receipt is the gateway dispatch of INTERACTION_CREATE by the fake; ack is the interaction callback (reply or deferral) reaching it.',
    });
    return {
      ...figures,
      startup,
      shutdown: { stopMs: round(stopped.stopMs), exitCode: stopped.code, killed: stopped.killed },
      channel: { postsDuringBurst: channelPosts, boardEdits: edits.edits, minGapBetweenEditsMs: edits.minGapMs },
      boardFinalAfterMs,
      rateLimited: fake.rateLimits.throttled.length,
      botCpuMsPerEvent:
        cpuBefore === undefined || cpuAfterAnswers === undefined
          ? undefined
          : round((cpuAfterAnswers - cpuBefore) / records.size),
      refusedByFakeDiscord: fake.violations.length,
      botLogProblems: problems,
    };
  } finally {
    await bot?.stop().catch(() => undefined);
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runDiscordBurstBenchmark(raw?: RawCommits): Promise<SectionResult> {
  const started = performance.now();
  const figures = await runDiscordBurst(raw);
  const section = burstSection(
    'burst-discord',
    figures,
    started,
    [
      ['bot start-up to "ready" (logged in to the fake)', ms(figures.startup.readyMs), undefined],
      ['bot RSS after start / after burst', `${figures.rssMb.botAfterStart} MB / ${figures.rssMb.botAfterBurst} MB`, undefined],
      ['bot CPU per submission (all threads)', ms(figures.botCpuMsPerEvent), undefined],
      ...boardRows({ ...figures, postsDuringBurst: figures.channel.postsDuringBurst }),
      ['bodies the fake Discord refused', figures.refusedByFakeDiscord, undefined],
      [
        'SIGTERM to exit',
        `${ms(figures.shutdown.stopMs)} (${figures.shutdown.killed ? 'killed' : `exit ${figures.shutdown.exitCode}`})`,
        undefined,
      ],
    ],
    figures.botCpuMsPerEvent === undefined ? undefined : `${ms(figures.botCpuMsPerEvent)} of CPU`,
  );
  section.targets.push(...boardTargets('Discord', { ...figures, postsDuringBurst: figures.channel.postsDuringBurst }));
  return section;
}
