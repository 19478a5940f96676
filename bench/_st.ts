import { formatTable } from './report.js';
import { runStartupBenchmark } from './startup.js';

const r = await runStartupBenchmark(3);
for (const t of r.tables) console.log(formatTable(t));
console.log(JSON.stringify(r.targets, null, 1), r.durationMs);
