import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';
import { ADMIN, dailyHarness, replyOf } from './daily-support.js';

const dir = mkdtempSync(join(tmpdir(), 'community-backfill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ANSWER = 'Crontab is the per-user table of cron jobs on Linux: five time fields, then the command to run.';

describe('answers of daily questions closed before community answers existed', () => {
  it('GIVEN a closed question whose answers were never kept WHEN the bot starts THEN they are kept once, as of the closing', async () => {
    const env = { DATABASE_PATH: join(dir, 't.db') };
    const before = await dailyHarness(env);
    try {
      expect((await before.say('/daily schedule time:09:00 timezone:UTC category:linux', ADMIN)).status).toBe('ok');
      await before.tick('2026-12-01T09:00:00Z');
      expect((await before.say(`/answer text:"${ANSWER}"`, { user: 'ana', now: '2026-12-01T10:00:00Z' })).status).toBe('ok');
      await before.say('/daily best answer:1', { user: 'mod', role: 'moderator', now: '2026-12-01T11:00:00Z' });
      await before.tick('2026-12-02T09:00:00Z');
      // As in a database from before this feature: the day closed, nothing kept.
      before.app.db.$client.exec('DELETE FROM community_answers');
    } finally {
      await before.close();
    }

    const after = await dailyHarness(env, await createTestApp(env));
    try {
      const kept = await after.deps.store.community.all();
      expect(kept).toMatchObject([{ questionId: 'linux-crontab', text: ANSWER, markedBest: true, postId: 1 }]);
      expect(kept[0]?.keptAt.toISOString()).toBe('2026-12-02T09:00:00.000Z');
      expect(md(replyOf(await after.say('/questions show id:14', { user: 'viewer' })).text)).toContain(`> ${ANSWER}`);
      expect(await after.deps.store.community.keepEarlierClosed()).toBe(0);
    } finally {
      await after.close();
    }
  });
});
