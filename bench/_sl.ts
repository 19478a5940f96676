import { runSlackBurstBenchmark } from './burst-slack.js';
import { formatTable } from './report.js';

const r = await runSlackBurstBenchmark();
for (const t of r.tables) console.log(formatTable(t));
console.log(JSON.stringify(r.figures, null, 1), r.targets);
