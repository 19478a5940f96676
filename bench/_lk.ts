import { createBenchApp, ROOT } from './app.js';
import { runLookupBenchmark } from './lookup.js';
import { formatTable } from './report.js';

const app = createBenchApp(':memory:');
const t = performance.now();
const r = await runLookupBenchmark(app, ROOT);
for (const table of r.tables) console.log(formatTable(table) + '\n');
console.log(JSON.stringify(r.targets, null, 1), performance.now() - t);
app.close();
