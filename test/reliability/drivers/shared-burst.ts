/**
 * Driver for several processes on one PostgreSQL (DATABASE_URL): the same burst of SUBMISSIONS /ask submissions in
 * the open session of console channel CHANNEL ("live" unless set), each with its platform event id as idempotency key, in an order of
 * its own (argv[2] seeds it). Every process gets every submission: the other processes' copies are the platform's
 * redeliveries. Prints "READY", waits for "GO" on stdin, then "ACK <n> <id>" for each submission the person was
 * told is stored, "DUP <n>" for a delivery found to be a redelivery, and "DONE" at the end. LANES submissions are in
 * flight at once.
 */
import { once } from 'node:events';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { dispatchLine } from '../../../src/core/command-kit/dispatch.js';
import { silentLogger } from '../../../src/core/logger.js';
import { seededRandom } from '../../../src/core/random.js';
import { askedId, firstView, md } from '../../support/messages.js';

const say = (line: string) => writeSync(1, `${line}\n`);
const submissions = Number(process.env.SUBMISSIONS ?? '100');
const lanes = Number(process.env.LANES ?? '4');
const viewers = 200;
const channel = process.env.CHANNEL ?? 'live';

/** Submission `n`'s words, the same in every process, unlike any other submission's. */
function questionOf(n: number): string {
  const random = seededRandom(n + 1);
  const word = () => {
    let out = '';
    for (let i = 0; i < 4; i++)
      out += 'bcdfghjklmnprstvz'.charAt(Math.floor(random() * 17)) + 'aeiou'.charAt(Math.floor(random() * 5));
    return out;
  };
  return `How would ${word()} handle ${word()} ${word()} during ${word()}?`;
}

const app = await createApp(loadConfig(), silentLogger);
const order = Array.from({ length: submissions }, (_, n) => n);
const shuffle = seededRandom(Number(process.argv[2] ?? '1'));
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(shuffle() * (i + 1));
  [order[i], order[j]] = [order[j] as number, order[i] as number];
}

async function submit(n: number): Promise<void> {
  const result = await dispatchLine(
    `/ask question:"${questionOf(n)}"`,
    {
      platform: 'console',
      tenant: 'console',
      channel,
      user: { id: `viewer-${n % viewers}`, name: `Viewer ${n % viewers}`, role: 'everyone' },
      now: new Date(),
      idempotencyKey: `burst-${channel}-${n}`,
    },
    app.deps,
  );
  const id = askedId(result);
  if (id !== undefined) say(`ACK ${n} ${id}`);
  else if (result.status === 'duplicate') say(`DUP ${n}`);
  else say(`NOACK ${n} ${result.status} ${JSON.stringify(md(firstView(result)?.text))}`);
}

try {
  const input = createInterface({ input: process.stdin });
  say('READY');
  const [line] = (await once(input, 'line')) as [string];
  input.close();
  if (line !== 'GO') throw new Error(`expected GO, not ${line}`);
  let next = 0;
  const lane = async () => {
    while (next < order.length) await submit(order[next++] as number);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  await app.close();
  say('DONE');
} catch (error) {
  say(`FAILED ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
