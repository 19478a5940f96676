import { runDiscordBurstBenchmark } from './burst-discord.js';
import { formatTable } from './report.js';

const r = await runDiscordBurstBenchmark();
for (const t of r.tables) console.log(formatTable(t));
console.log(JSON.stringify(r.figures, null, 1), r.targets);
