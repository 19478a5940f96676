/** What `npm start` and `npm run -s cli` run: the built bundle, which the suite's global setup builds when stale. */
export const START_ARGS = ['scripts/run.mjs', 'main'];
export const CLI_ARGS = ['scripts/run.mjs', 'cli'];
