import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../src/core/view.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, replyOf, type Speaker } from './daily-support.js';

let harness: Awaited<ReturnType<typeof dailyHarness>>;
afterEach(() => harness?.close());

const who = (user: string, channel: string, n: number, role: Speaker['role'] = 'everyone'): Speaker => ({
  user,
  channel,
  role,
  now: `2026-12-0${n}T10:00:00Z`,
});

/** Answers the open question of `channel` on day n and has a moderator mark it best. */
async function answeredBest(user: string, channel: string, n: number, text: string): Promise<void> {
  const result = await harness.say(`/answer text:"${text}"`, who(user, channel, n));
  expect(result.status).toBe('ok');
  const thread = result.messages.find((m): m is ThreadMessage => m.kind === 'thread');
  const id = Number(thread?.view.actions?.[0]?.id.split(':')[1]);
  expect((await harness.say(`/daily best answer:${id}`, who('mod', channel, n, 'moderator'))).status).toBe('ok');
}

const HOSTILE = [
  'Cron reads the crontab every minute. @everyone <@123> read this:',
  '# Not a heading',
  '<script>alert(1)</script> and <b>bold</b>',
  '===',
  '[ref]: https://example.com',
  '',
  '```sh',
  '# m h dom mon dow command',
  '*/5 * * * * /usr/local/bin/backup.sh',
].join('\n');

/** Lines of a Markdown list item body must stay inside the item: indented, fences balanced. */
function expectListIntact(markdown: string): void {
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line === '') continue;
    if (/^ {5}(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) {
      expect(line.startsWith('     '), line).toBe(true);
      continue;
    }
    expect(/^(### \S|\d+\. \*\*| {3}- \*\*| {5}\S)/.test(line), line).toBe(true);
    if (!line.startsWith('### ')) expect(/^ *[#<]/.test(line), line).toBe(false);
  }
  expect(fenced, 'every code block is closed').toBe(false);
}

describe('exporting community answers for the book', () => {
  it('GIVEN answers in two categories THEN the Markdown follows the current edition layout, book order, credit and duplicates marked', async () => {
    harness = await dailyHarness();
    for (const [channel, category] of [
      ['apis', 'apis-rest'],
      ['general', 'linux'],
    ] as const) {
      const line = `/daily schedule time:09:00 timezone:UTC category:${category}`;
      expect((await harness.say(line, { ...ADMIN, channel })).status).toBe('ok');
    }
    for (let n = 1; n <= 3; n += 1) {
      await harness.tick(`2026-12-0${n}T09:00:00Z`);
      await answeredBest(
        'bo',
        'apis',
        n,
        `REST answer ${n}: resources, HTTP verbs and stateless requests; repeating a PUT changes nothing.`,
      );
    }
    await answeredBest('ana', 'general', 3, HOSTILE);
    await harness.say('/mydata credit on', { user: 'ana' });
    await harness.tick('2026-12-04T09:00:00Z');

    const result = replyOf(await harness.say('/questions export', { user: 'viewer' }));
    expect(md(result.text)).toBe(
      '4 answered questions. Answers whose authors did not turn on /mydata credit say "the community".',
    );
    const file = result.attachments?.[0];
    expect(file).toMatchObject({ filename: 'community-answers.md', contentType: 'text/markdown' });
    const markdown = file?.content ?? '';
    expectListIntact(markdown);

    // Linux comes before APIs (REST) in the book; numbering restarts under each heading.
    expect(markdown.indexOf('### Linux')).toBeLessThan(markdown.indexOf('### APIs (REST)'));
    expect(markdown).toContain(
      [
        '### Linux',
        '',
        '1. **What is crontab?**',
        '   - **Answer**: Cron reads the crontab every minute. @everyone &lt;@123> read this:',
        '     \\# Not a heading',
        '     &lt;script>alert(1)&lt;/script> and &lt;b>bold&lt;/b>',
        '     \\===',
        '     \\[ref]: https://example.com',
        '',
        '     ```sh',
        '     # m h dom mon dow command',
        '     */5 * * * * /usr/local/bin/backup.sh',
        '     ```',
        '',
        '     *Answer by ana.*',
      ].join('\n'),
    );
    const apis = markdown.slice(markdown.indexOf('### APIs (REST)'));
    expect(apis.match(/^\d+\. \*\*/gm)).toEqual(['1. **', '2. **', '3. **']);
    expect(apis).toContain('     *Answer by the community.*');
    expect(apis).toContain(
      '   - **Already in the current edition**: APIs, question 9 ("Explain the concept of idempotency in RESTful APIs."); compare before sending.',
    );
    expect(apis).toContain('   - **Already in the current edition**: APIs, question 3');
    expect(apis.match(/Already in the current edition/g)).toHaveLength(2);

    const json = JSON.parse(
      replyOf(await harness.say('/questions export format:json', { user: 'viewer' })).attachments?.[0]?.content ?? '[]',
    );
    expect(json).toHaveLength(4);
    const crontab = json.find((row: { question: { id: string } }) => row.question.id === 'linux-crontab');
    expect(crontab).toMatchObject({
      question: { ref: '14', text: 'What is crontab?', category: 'Linux', source: 'book' },
      answeredInCurrentEdition: null,
      answers: [{ text: HOSTILE, votes: 0, picked: 'best', credit: 'ana', keptAt: '2026-12-04T09:00:00.000Z' }],
    });
    expect(crontab.answers[0].answeredAt).toBe('2026-12-03T10:00:00.000Z');
    const idempotency = json.find((row: { question: { id: string } }) => row.question.id === 'apis-rest-idempotency');
    expect(idempotency.answeredInCurrentEdition).toMatchObject({ heading: 'APIs', item: 9 });
    expect(idempotency.answers[0].credit).toBe('the community');
  });
});
