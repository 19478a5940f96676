/**
 * Crash-test driver: opens the real database named by DATABASE_PATH, makes sure a live-stream session is open in
 * channel "live", then sends /ask submissions as fast as it can through the console route. It prints "READY" once
 * set up and "ACK <id>" after each submission the person was told succeeded. The parent kills it with SIGKILL.
 *
 * Usage: node --import tsx test/reliability/drivers/submit-burst.ts <seed> <count>
 */
import { writeSync } from 'node:fs';
import { type ConsoleIdentity, runConsoleLine } from '../../../src/adapters/console/routes.js';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/core/logger.js';
import { seededRandom } from '../../../src/core/random.js';
import { askedId, firstView } from '../../support/messages.js';

const [seedArg = '1', countArg = '100000'] = process.argv.slice(2);
const random = seededRandom(Number(seedArg));
const say = (line: string) => writeSync(1, `${line}\n`);

/** A made-up word, so that no two questions (and no book question) look alike. */
function word(): string {
  const consonants = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  let out = '';
  for (let i = 0; i < 4; i++) {
    out += consonants[Math.floor(random() * consonants.length)];
    out += vowels[Math.floor(random() * vowels.length)];
  }
  return out;
}

async function main(): Promise<void> {
  const app = await createApp(loadConfig(), silentLogger);
  const host: ConsoleIdentity = { userId: 'host', name: 'Host', role: 'admin', channel: 'live' };
  const now = () => new Date();
  const started = await runConsoleLine('/stream start title:"Crash test"', host, app.deps, now());
  if (started.status === 'error') throw new Error('could not open a session');
  say('READY');
  for (let i = 0; i < Number(countArg); i++) {
    const viewer: ConsoleIdentity = {
      userId: `viewer-${seedArg}-${i % 40}`,
      name: `Viewer ${i % 40}`,
      role: 'everyone',
      channel: 'live',
    };
    const question = `How would ${word()} handle ${word()} ${word()} during ${word()}?`;
    const result = await runConsoleLine(`/ask question:"${question}"`, viewer, app.deps, now());
    const id = askedId(result);
    if (id !== undefined) say(`ACK ${id}`);
    else say(`NOACK ${result.status} ${JSON.stringify(firstView(result)?.text ?? '')}`);
  }
  await app.close();
  say('DONE');
}

main().catch((error: unknown) => {
  say(`FAILED ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
