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

export interface SchedulerOptions {
  /**
   * Whether the scheduler ticks by itself, on the wall clock: every minute and once at start to catch up (default).
   * Without, only `tick` runs the due work, at the moment it is given.
   */
  automatic?: boolean;
}

/** Ticks every minute; what is due is decided by the jobs from the clock, so a late or missed tick catches up. */
export function startScheduler(deps: Deps, adapters: Adapter[], options: SchedulerOptions = {}): Scheduler {
  let running: Promise<unknown> = Promise.resolve();
  const byPlatform = new Map(adapters.map((adapter) => [adapter.platform, adapter]));

  const runTick = async (now: Date): Promise<Routed[]> => {
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
          await item.failed?.(error);
        } catch (recordError) {
          deps.log.error({ err: recordError, platform: item.platform }, 'recording a failed delivery failed');
        }
      }
    });
    return sent;
  };

  // One tick at a time in a process: a tick reads what is due, then awaits the store and the platforms, and a second
  // one in between would hand over what the first has just claimed. Other processes are kept apart by the claims.
  const tick = (now: Date): Promise<Routed[]> => {
    const work = running.catch(() => undefined).then(() => runTick(now));
    running = work;
    return work;
  };

  const automatic = options.automatic ?? true;
  const task = automatic ? cron.schedule('* * * * *', () => tick(new Date()), { name: 'due-work', noOverlap: true }) : undefined;
  // Catch up at once after start-up instead of waiting for the next minute.
  if (automatic) tick(new Date()).catch((error: unknown) => deps.log.error({ err: error }, 'the catch-up tick failed'));

  return {
    tick,
    async stop() {
      await task?.stop();
      await running.catch(() => undefined);
    },
  };
}
