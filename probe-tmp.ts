import { createBenchApp } from './bench/app.js';
import { burstDeliveries } from './bench/stream-burst.js';
import { dispatchLine } from './src/core/commands/dispatch.js';
import { findDuplicate } from './src/core/stream/duplicates.js';
const app = createBenchApp(':memory:', { STREAM_PER_USER_PER_MINUTE: '100', STREAM_PER_USER_PER_SESSION: '100' });
const ctx = (id: string, role: 'everyone' | 'moderator' = 'everyone') => ({ platform: 'discord' as const, tenant: 'g', channel: 'live', user: { id, name: id, role }, now: new Date() });
await dispatchLine('/stream start title:"Burst"', ctx('host', 'moderator'), app.deps);
const ds = burstDeliveries({ submissions: 2000, users: 500, redeliveryShare: 0, repeatShare: 0.1, pacedPerSecond: 500, seed: 97 });
for (const d of ds) await dispatchLine(d.line, { ...ctx(d.user), idempotencyKey: d.key }, app.deps);
const s = app.deps.store.stream;
const c = s.matchCandidates(1, 1, 3); console.log('candidates', c.length);
for (let r = 0; r < 5; r++) {
  let t = performance.now(); for (let i = 0; i < 50; i++) s.matchCandidates(1, 1, 3); const a = (performance.now() - t) / 50;
  t = performance.now(); for (let i = 0; i < 50; i++) findDuplicate('How do you handle schema evolution in Kafka?', 3, c, app.deps.content); const b = (performance.now() - t) / 50;
  console.log('matchCandidates', a.toFixed(2), 'findDuplicate', b.toFixed(2));
}
