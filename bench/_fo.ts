import { runFanoutBenchmark } from './fanout.js';
import { formatTable } from './report.js';

const r = await runFanoutBenchmark({ channels: Number(process.argv[2] ?? 1000), tenants: 20 });
for (const t of r.tables) console.log(formatTable(t));
console.log(JSON.stringify(r.figures, null, 1), r.targets);
