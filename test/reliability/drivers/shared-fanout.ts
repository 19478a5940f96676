/**
 * Driver for several processes on one PostgreSQL (DATABASE_URL): `seed` schedules CHANNELS console channels at
 * 09:00 UTC through the repositories the /daily schedule command writes with; `tick` prints "READY", waits for "GO"
 * on stdin, then runs the scheduler's tick from 08:58 to 09:03 of 2026-12-01, handing every message to a recording
 * platform (PLATFORM_LOG, one JSON line per accepted message). Prints "DONE" at the end.
 */
import { once } from 'node:events';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { EVERY_DAY } from '../../../src/core/daily/schedule.js';
import { runJobsEach } from '../../../src/core/jobs.js';
import { silentLogger } from '../../../src/core/logger.js';
import { recordingPlatform } from '../support/recording-platform.js';

const DAY0 = Date.UTC(2026, 11, 1);
const at = (hour: number, minute: number) => new Date(DAY0 + (hour * 60 + minute) * 60_000);
const say = (line: string) => writeSync(1, `${line}\n`);

const app = await createApp(loadConfig(), silentLogger);
const { deps } = app;
const channels = Number(process.env.CHANNELS ?? '10');

async function seed(): Promise<void> {
  for (let from = 0; from < channels; from += 500) {
    await deps.store.daily.atomically(async () => {
      for (let k = from; k < Math.min(channels, from + 500); k++) {
        const seen = await deps.store.directory.touch({
          platform: 'console',
          tenant: 'console',
          channel: `daily-${k}`,
          user: { id: 'admin', name: 'Admin', role: 'admin' },
          now: at(8, 0),
        });
        await deps.store.daily.schedules.save({
          channelId: seen.channelId,
          time: '09:00',
          timezone: 'UTC',
          days: EVERY_DAY,
          category: null,
          topic: null,
          graceMinutes: 60,
          answerMinutes: deps.settings.daily.answerMinutes,
          seed: k,
          createdBy: seen.userId,
          now: at(8, 0),
        });
      }
    });
  }
  say(`SEEDED ${channels}`);
}

async function tick(): Promise<void> {
  const platform = recordingPlatform(deps, process.env.PLATFORM_LOG ?? 'platform.jsonl', { sync: false });
  const input = createInterface({ input: process.stdin });
  say('READY');
  const [line] = (await once(input, 'line')) as [string];
  input.close();
  if (line !== 'GO') throw new Error(`expected GO, not ${line}`);
  for (const minute of [58, 59, 60, 61, 62, 63]) {
    await runJobsEach(at(8, minute), deps, (routed) => platform.deliver(routed.tenant, [routed.message]));
  }
}

try {
  if (process.argv[2] === 'seed') await seed();
  else if (process.argv[2] === 'tick') await tick();
  else throw new Error(`unknown step ${String(process.argv[2])}`);
  await app.close();
  say('DONE');
} catch (error) {
  say(`FAILED ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
