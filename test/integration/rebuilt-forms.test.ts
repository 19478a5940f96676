import { afterAll, describe, expect, it } from 'vitest';
import { formFor } from '../../src/core/command-kit/forms.js';
import { coerceOptions } from '../../src/core/command-kit/options.js';
import { answerAction } from '../../src/core/daily/post-view.js';
import { askForm } from '../../src/core/stream/views.js';
import { createTestApp } from '../support/app.js';

const app = await createTestApp();
const { deps } = app;
const place = { platform: 'discord', tenant: 'G1', channel: 'C1' } as const;

afterAll(() => app.close());

describe('GIVEN a form button whose form is rebuilt from its command line alone', () => {
  it('WHEN it is "Merge #N" THEN the form asks for the question to keep (a modal needs at least one input)', async () => {
    const form = await formFor('/stream merge id:7', place, deps);
    expect(form.id).toBe('/stream merge id:7');
    expect(form.fields).toEqual([expect.objectContaining({ name: 'into', required: true, style: 'short' })]);
  });

  it('WHEN it is the /ask form THEN it is the form the board shows, anonymous choice included, and "yes" counts', async () => {
    expect(await formFor('/ask', place, deps)).toEqual(askForm());
    expect(askForm().fields.map((field) => field.name)).toContain('anonymous');
    const ask = deps.registry.resolve(['ask']);
    if (!ask || 'group' in ask) throw new Error('no /ask');
    const typed = coerceOptions(['ask'], ask.leaf.options ?? [], { question: 'What is a watermark?', anonymous: 'yes' });
    expect(typed.anonymous).toBe(true);
  });

  it('WHEN it is the Answer button of a daily post THEN it is the form the post shows', async () => {
    expect(await formFor('/answer post:12', place, deps)).toEqual(answerAction(12));
    expect(await formFor('/answer post:12 replace:true', place, deps)).toMatchObject({
      id: '/answer post:12 replace:true',
      label: 'Replace it',
      fields: [expect.objectContaining({ name: 'text', required: true })],
    });
  });

  it('WHEN it names a question of no tenant here THEN the person is told the question does not exist', async () => {
    await expect(formFor('/stream edit id:1', place, deps)).rejects.toThrow('There is no question #1 here');
  });

  it.each(
    deps.registry
      .leaves()
      .filter((found) => !found.leaf.form && (found.leaf.options ?? []).some((option) => option.type !== 'user'))
      .map((found) => `/${found.path.join(' ')}`),
  )('WHEN the form is for %s THEN it has between one and five inputs', async (line) => {
    const fields = (await formFor(line, place, deps)).fields;
    expect(fields.length).toBeGreaterThanOrEqual(1);
    expect(fields.length).toBeLessThanOrEqual(5);
  });
});
