import { describe, expect, it } from 'vitest';
import { formFromCommand } from '../../../src/adapters/discord/routes.js';
import { allCommands } from '../../../src/core/commands/all.js';
import { coerceOptions } from '../../../src/core/commands/options.js';
import { Registry } from '../../../src/core/commands/registry.js';

const registry = new Registry(allCommands);

describe('GIVEN a form button clicked after the bot forgot the form (a restart)', () => {
  it('WHEN it is "Merge #N" THEN the rebuilt form asks for the question to keep (a modal needs at least one input)', () => {
    const form = formFromCommand('/stream merge id:7', registry);
    expect(form.fields.map((field) => field.name)).toEqual(['into']);
    expect(form.fields[0]).toMatchObject({ required: true, style: 'short' });
  });

  it('WHEN it is the /ask form THEN it still offers to stay anonymous, and "yes" typed there counts', () => {
    const form = formFromCommand('/ask', registry);
    const names = form.fields.map((field) => field.name);
    expect(names).toContain('question');
    expect(names).toContain('anonymous');
    const ask = registry.resolve(['ask']);
    if (!ask || 'group' in ask) throw new Error('no /ask');
    expect(coerceOptions('/ask', ask.leaf.options ?? [], { question: 'What is a watermark?', anonymous: 'yes' }).anonymous).toBe(
      true,
    );
  });

  it.each(
    registry
      .leaves()
      .map((leaf) => `/${leaf.path.join(' ')}`)
      .filter((line) => {
        const leaf = registry.resolve(line.slice(1).split(' '));
        return leaf && !('group' in leaf) && (leaf.leaf.options ?? []).some((o) => o.type !== 'user');
      }),
  )('WHEN the form is for %s THEN it has between one and five inputs', (line) => {
    const fields = formFromCommand(line, registry).fields;
    expect(fields.length).toBeGreaterThanOrEqual(1);
    expect(fields.length).toBeLessThanOrEqual(5);
  });
});
