import { dispatchLine } from '../src/core/commands/dispatch.js';
import { runJobs } from '../src/core/jobs.js';
import { createBenchApp } from './app.js';

const app = createBenchApp(':memory:');
const N = 1000;
let t = performance.now();
for (let i = 0; i < N; i++)
  await dispatchLine(
    `/daily schedule time:09:00 timezone:Europe/Berlin`,
    {
      platform: 'discord',
      tenant: `g${i % 50}`,
      channel: `${1000 + i}`,
      user: { id: 'a', name: 'A', role: 'admin' },
      now: new Date('2026-11-30T12:00:00Z'),
    },
    app.deps,
  );
console.log('seed', performance.now() - t);
t = performance.now();
const r = await runJobs(new Date('2026-12-01T08:00:00Z'), app.deps);
console.log('jobs', r.length, performance.now() - t);
app.close();
