import { afterAll, describe, expect, it } from 'vitest';
import { dispatchLine } from '../../src/core/command-kit/dispatch.js';
import { quizRounds } from '../../src/store/schema.js';
import { createTestApp } from '../support/app.js';
import { firstView, md } from '../support/messages.js';

const app = await createTestApp();
afterAll(() => app.close());
const now = new Date('2026-12-01T10:00:00Z');

const inServer = (tenant: string, user: string) => ({
  platform: 'discord' as const,
  tenant,
  channel: `${tenant}-study`,
  user: { id: user, name: user, role: 'everyone' as const },
  now,
});

describe('/quiz answer across servers', () => {
  it('GIVEN a round dealt in server A WHEN someone in server B answers it by id THEN it is refused and nothing is dealt in B', async () => {
    const dealt = await dispatchLine('/quiz topic:kafka', inServer('guild-a', 'ana'), app.deps);
    const button = firstView(dealt)?.actions?.[0];
    expect(button?.id).toMatch(/^\/quiz answer round:\d+/);
    const roundsBefore = app.db.select().from(quizRounds).all().length;

    const foreign = await dispatchLine(button?.id ?? '', inServer('guild-b', 'bo'), app.deps);

    expect(foreign.status).toBe('user-error');
    expect(md(firstView(foreign)?.text)).toBe('That quiz question is not known any more. Type /quiz start for a new one.');
    expect(app.db.select().from(quizRounds).all()).toHaveLength(roundsBefore);
  });

  it('GIVEN a round dealt in server A WHEN another member of A clicks it THEN they still play the same question', async () => {
    const dealt = await dispatchLine('/quiz topic:kafka', inServer('guild-a', 'cy'), app.deps);
    const button = firstView(dealt)?.actions?.[0];
    const local = await dispatchLine(button?.id ?? '', inServer('guild-a', 'dee'), app.deps);
    expect(local.status).toBe('ok');
  });
});
