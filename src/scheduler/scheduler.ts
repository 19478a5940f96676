import cron from 'node-cron';
import type { Adapter } from '../adapters/adapter.js';
import type { Deps } from '../core/deps.js';
import { runJobsEach } from '../core/jobs.js';
import type { Routed } from '../core/routed.js';

export interface Scheduler {
  /** Runs the due work at `now` and hands every message to its platform's adapter. */
  tick(now: Date): Promise<Routed[]>;
  stop(): Promise<void>;
}

/** Ticks every minute; what is due is decided by the jobs from the clock, so a late or missed tick catches up. */
export function startScheduler(deps: Deps, adapters: Adapter[]): Scheduler {
  let running: Promise<unknown> = Promise.resolve();
  const byPlatform = new Map(adapters.map((adapter) => [adapter.platform, adapter]));

  const tick = async (now: Date): Promise<Routed[]> => {
    const sent: Routed[] = [];
    await runJobsEach(now, deps, async (item) => {
      sent.push(item);
      const adapter = byPlatform.get(item.platform);
      if (!adapter) return;
      try {
        await adapter.deliver(item.tenant, [item.message]);
      } catch (error) {
        deps.log.error({ err: error, platform: item.platform, tenant: item.tenant }, 'scheduled delivery failed');
        try {
          item.failed?.(error);
        } catch (recordError) {
          deps.log.error({ err: recordError, platform: item.platform }, 'recording a failed delivery failed');
        }
      }
    });
    return sent;
  };

  const task = cron.schedule(
    '* * * * *',
    () => {
      const work = tick(new Date());
      running = work;
      return work;
    },
    { name: 'due-work', noOverlap: true },
  );
  // Catch up at once after start-up instead of waiting for the next minute.
  running = tick(new Date());

  return {
    tick,
    async stop() {
      await task.stop();
      await running.catch(() => undefined);
    },
  };
}
