/**
 * Crash-test driver for the daily question: opens the real database named by DATABASE_PATH and runs the steps
 * named on the command line, handing every scheduled message to a recording "platform" (a file named by
 * PLATFORM_LOG, one JSON line per message, synced before the delivery is recorded, as a real adapter records only
 * what the platform accepted). The parent kills it with SIGKILL.
 *
 * Steps: setup (schedules CHANNELS console channels at 09:00 UTC), ticks:<day> (ticks 08:58 to 09:03 of that day),
 * claim:<day> (claims the 09:00 posts, then waits), handover:<day> (claims and marks them sent, then waits).
 * Day 0 is 2026-12-01. Prints "READY" once open, "STEP <step>" after each step, "PAUSED" when waiting.
 */
import { writeSync } from 'node:fs';
import { runConsoleLine } from '../../../src/adapters/console/routes.js';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { claimDuePosts, sendClaimedPosts } from '../../../src/core/daily/deliver.js';
import { runJobsEach } from '../../../src/core/jobs.js';
import { silentLogger } from '../../../src/core/logger.js';
import { recordingPlatform } from '../support/recording-platform.js';

const DAY0 = Date.UTC(2026, 11, 1);
const MINUTE = 60_000;
const at = (day: number, hour: number, minute: number) => new Date(DAY0 + day * 86_400_000 + (hour * 60 + minute) * MINUTE);
const say = (line: string) => writeSync(1, `${line}\n`);

const app = await createApp(loadConfig(), silentLogger);
const deps = app.deps;
const channels = Number(process.env.CHANNELS ?? '10');

const platform = recordingPlatform(deps, process.env.PLATFORM_LOG ?? 'platform.jsonl');

/** What the scheduler's tick does, at a chosen instant. */
async function tick(now: Date): Promise<void> {
  await runJobsEach(now, deps, (routed) => platform.deliver(routed.tenant, [routed.message]));
}

async function main(): Promise<void> {
  say('READY');
  for (const step of process.argv.slice(2)) {
    const [name, dayText = '0'] = step.split(':');
    const day = Number(dayText);
    if (name === 'setup') {
      for (let k = 0; k < channels; k++) {
        const admin = { userId: 'admin', name: 'Admin', role: 'admin' as const, channel: `daily-${k}` };
        const result = await runConsoleLine('/daily schedule time:09:00 timezone:UTC', admin, deps, at(0, 8, 0));
        if (result.status !== 'ok') throw new Error(`schedule failed: ${JSON.stringify(result.messages[0]?.view.text)}`);
      }
    } else if (name === 'ticks') {
      for (const minute of [58, 59, 60, 61, 62, 63]) await tick(at(day, 8, minute));
    } else if (name === 'claim' || name === 'handover') {
      await claimDuePosts(at(day, 9, 0), deps);
      if (name === 'handover') for (const routed of await sendClaimedPosts(at(day, 9, 0), deps)) await routed.commit?.();
      say('PAUSED');
      setInterval(() => undefined, 60_000);
      return;
    } else {
      throw new Error(`unknown step ${step}`);
    }
    say(`STEP ${step}`);
  }
  await app.close();
  say('DONE');
}

main().catch((error: unknown) => {
  say(`FAILED ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
