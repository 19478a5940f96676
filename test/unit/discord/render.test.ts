import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FULL_TEXT_FILE,
  renderActions,
  renderChoices,
  renderModal,
  renderView,
  SHORTENED_NOTE,
} from '../../../src/adapters/discord/render.js';
import { type RichText, rich } from '../../../src/core/rich-text.js';
import type { Action, FormAction, View } from '../../../src/core/view.js';
import { choicesProblems, messageProblems, modalProblems } from '../../e2e/discord/limits.js';
import { md } from '../../support/messages.js';

const words = (characters: number): string =>
  'lorem ipsum dolor sit amet '
    .repeat(Math.ceil(characters / 27))
    .slice(0, characters)
    .trimEnd()
    .padEnd(characters, 'x');
type PlainField = { name: string; value: string | RichText; inline?: boolean };
/** A view from plain strings: the text and each field value are one text node. */
const view = (parts: Partial<Omit<View, 'text' | 'fields'>> & { text?: string | RichText; fields?: PlainField[] }): View => {
  const { text, fields, ...rest } = parts;
  return {
    ephemeral: false,
    ...rest,
    ...(text === undefined ? {} : { text: rich(text) }),
    ...(fields === undefined ? {} : { fields: fields.map((field) => ({ ...field, value: rich(field.value) })) }),
  };
};
const button = (id: string, label = 'Go'): Action => ({ type: 'button', id, label });

function problems(rendered: ReturnType<typeof renderView>): string[] {
  return messageProblems(
    {
      ...(rendered.content !== undefined ? { content: rendered.content } : {}),
      embeds: rendered.embeds,
      components: rendered.components,
    },
    rendered.files.length,
  );
}

function embedOf(rendered: ReturnType<typeof renderView>) {
  const [embed] = rendered.embeds;
  if (!embed) throw new Error('no embed');
  return embed;
}

function embedTotal(rendered: ReturnType<typeof renderView>): number {
  const embed = embedOf(rendered);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

describe('GIVEN plain text', () => {
  it('WHEN it is exactly 2,000 characters THEN it is sent as content, whole', () => {
    const rendered = renderView(view({ text: words(2000) }));
    expect(rendered.content).toBe(words(2000));
    expect(rendered.embeds).toEqual([]);
  });

  it('WHEN it is 2,001 characters THEN it moves to an embed description, still whole', () => {
    const rendered = renderView(view({ text: words(2001) }));
    expect(rendered.content).toBeUndefined();
    expect(embedOf(rendered).description).toBe(words(2001));
    expect(rendered.files).toEqual([]);
  });

  it('WHEN it is exactly 4,096 characters THEN the description holds it whole', () => {
    const rendered = renderView(view({ text: words(4096) }));
    expect(embedOf(rendered).description).toBe(words(4096));
    expect(embedOf(rendered).footer).toBeUndefined();
  });

  it('WHEN it is 4,097 characters THEN it is cut at a word boundary and the full text travels as a file', () => {
    const text = words(4097);
    const rendered = renderView(view({ text }));
    const description = embedOf(rendered).description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description.endsWith('…')).toBe(true);
    expect(text.startsWith(description.slice(0, -1))).toBe(true);
    expect(text[description.length - 1]).toBe(' ');
    expect(md(embedOf(rendered).footer?.text)).toBe(SHORTENED_NOTE);
    expect(rendered.files.map((file) => file.name)).toEqual([FULL_TEXT_FILE]);
    expect(rendered.files[0]?.attachment.toString('utf8')).toContain(text);
  });

  it('WHEN the view has nothing to show THEN the message still has content', () => {
    expect(renderView(view({})).content).toBe('Done.');
    expect(renderView(view({ actions: [button('/help')] })).content).toBe('Choose below.');
  });
});

describe('GIVEN titles, footers and fields at their limits', () => {
  it.each([
    ['title', 256, (text: string) => view({ title: text }), (r: ReturnType<typeof renderView>) => embedOf(r).title],
    ['footer', 2048, (text: string) => view({ footer: text }), (r: ReturnType<typeof renderView>) => embedOf(r).footer?.text],
  ] as const)(
    'WHEN the %s has exactly %i characters THEN it is kept whole, and one more is shortened',
    (_part, limit, make, pick) => {
      expect(pick(renderView(make(words(limit))))).toBe(words(limit));
      const over = pick(renderView(make(words(limit + 1)))) ?? '';
      expect(over.length).toBeLessThanOrEqual(limit);
      expect(over).toContain('…');
    },
  );

  it('WHEN there are 25 fields THEN all are shown; with 26 the 26th is left out and the full text attached', () => {
    const fields = (count: number): PlainField[] => Array.from({ length: count }, (_, i) => ({ name: `F${i + 1}`, value: 'v' }));
    expect(embedOf(renderView(view({ title: 'T', fields: fields(25) }))).fields).toHaveLength(25);
    const over = renderView(view({ title: 'T', fields: fields(26) }));
    expect(embedOf(over).fields).toHaveLength(25);
    expect(over.files.map((file) => file.name)).toEqual([FULL_TEXT_FILE]);
  });

  it('WHEN a field value has 1,024 characters THEN it is whole; at 1,025 it is shortened', () => {
    const at = (length: number) =>
      embedOf(renderView(view({ title: 'T', fields: [{ name: 'N', value: words(length) }] }))).fields?.[0];
    expect(at(1024)?.value).toBe(words(1024));
    expect(at(1025)?.value.length).toBeLessThanOrEqual(1024);
    expect(at(1025)?.value.endsWith('…')).toBe(true);
  });

  it('WHEN a field name or value is empty THEN Discord still gets a non-empty one', () => {
    const [field] = embedOf(renderView(view({ title: 'T', fields: [{ name: '', value: rich('') }] }))).fields ?? [];
    expect(field?.name.length).toBeGreaterThan(0);
    expect(field?.value.length).toBeGreaterThan(0);
  });

  it('WHEN everything together passes 6,000 characters THEN the embed is cut to 6,000 with the note', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `Field ${i}`, value: words(1024) }));
    const rendered = renderView(view({ title: words(256), text: words(4096), fields, footer: words(100) }));
    expect(embedTotal(rendered)).toBeLessThanOrEqual(6000);
    expect(embedOf(rendered).footer?.text.endsWith(SHORTENED_NOTE)).toBe(true);
    expect(problems(rendered)).toEqual([]);
  });

  it('WHEN the total is exactly 6,000 THEN nothing is cut', () => {
    const first = { name: 'a', value: words(1023) };
    const fields = [first, { name: 'b', value: words(879) }];
    const rendered = renderView(view({ title: words(1), text: words(4096 - 1), fields }));
    expect(embedTotal(rendered)).toBe(6000);
    expect(rendered.files).toEqual([]);
    const oneMore = renderView(
      view({ title: words(1), text: words(4096 - 1), fields: [first, { name: 'b', value: words(880) }] }),
    );
    expect(embedTotal(oneMore)).toBeLessThanOrEqual(6000);
    expect(oneMore.files.map((file) => file.name)).toEqual([FULL_TEXT_FILE]);
  });

  it('THEN the title and footer are plain text as written, and the text is escaped in the description', () => {
    const embed = embedOf(renderView(view({ title: 'Re: *stars*', text: 'a *b*', footer: '**Bold** [link](https://x.test)' })));
    expect(embed.title).toBe('Re: *stars*');
    expect(embed.description).toBe('a \\*b\\*');
    expect(embed.footer?.text).toBe('**Bold** [link](https://x.test)');
  });
});

describe('GIVEN buttons and selects', () => {
  it('WHEN there are 25 buttons THEN they fill 5 rows of 5; a 26th is left out', () => {
    const buttons = Array.from({ length: 26 }, (_, i) => button(`/b ${i}`));
    expect(renderActions(buttons.slice(0, 25)).map((row) => row.components.length)).toEqual([5, 5, 5, 5, 5]);
    expect(renderActions(buttons).flatMap((row) => row.components)).toHaveLength(25);
  });

  it('WHEN a select sits between buttons THEN it takes a row of its own and never more than 5 rows come out', () => {
    const select: Action = { type: 'select', id: '/pick', placeholder: 'Pick', choices: [{ label: 'A', value: 'a' }] };
    const rows = renderActions([
      button('/a'),
      button('/b'),
      select,
      button('/c'),
      select,
      { ...select, id: '/p2' },
      { ...select, id: '/p3' },
      { ...select, id: '/p4' },
    ]);
    expect(rows.map((row) => row.components.map((component) => component.type))).toEqual([[2, 2], [3], [2], [3], [3]]);
  });

  it('WHEN a label has 80 characters THEN it is whole; at 81 it is shortened', () => {
    const label = (length: number) => renderActions([button('/x', words(length))])[0]?.components[0];
    expect(label(80)).toMatchObject({ label: words(80) });
    const over = label(81) as { label: string };
    expect(over.label.length).toBeLessThanOrEqual(80);
  });

  it('WHEN a custom id has 100 characters THEN the button is kept; at 101 it is left out rather than break the message', () => {
    expect(renderActions([button(`/${'x'.repeat(99)}`)])).toHaveLength(1);
    expect(renderActions([button(`/${'x'.repeat(100)}`)])).toHaveLength(0);
    const form = (length: number): FormAction => ({
      type: 'form',
      id: `/${'f'.repeat(length - 1)}`,
      label: 'Open',
      title: 'T',
      fields: [],
    });
    expect(renderActions([form(95)])[0]?.components[0]).toMatchObject({ custom_id: `form:/${'f'.repeat(94)}` });
    expect(renderActions([form(96)])).toHaveLength(0);
  });

  it('WHEN two actions share an id THEN only the first is shown', () => {
    expect(renderActions([button('/same', 'One'), button('/same', 'Two')]).flatMap((row) => row.components)).toHaveLength(1);
  });

  it('WHEN a select has 26 choices, a duplicate and a value over 100 characters THEN 25 usable options remain', () => {
    const choices = [
      { label: 'dup', value: 'v0' },
      { label: 'long', value: 'x'.repeat(101) },
      ...Array.from({ length: 26 }, (_, i) => ({ label: words(120), value: `v${i}`, description: words(120) })),
    ];
    const [row] = renderActions([{ type: 'select', id: '/pick', placeholder: words(200), choices }]);
    const select = row?.components[0] as {
      options: { label: string; value: string; description?: string }[];
      placeholder: string;
    };
    expect(select.options).toHaveLength(25);
    expect(new Set(select.options.map((option) => option.value)).size).toBe(25);
    expect(select.options.every((option) => option.label.length <= 100 && (option.description ?? '').length <= 100)).toBe(true);
    expect(select.placeholder.length).toBeLessThanOrEqual(150);
  });

  it('WHEN a select has no usable choice THEN it is left out', () => {
    expect(renderActions([{ type: 'select', id: '/pick', placeholder: 'P', choices: [] }])).toEqual([]);
  });
});

describe('GIVEN forms and autocomplete', () => {
  it('WHEN a form has long texts and six fields THEN the modal keeps to Discord limits', () => {
    const field = (i: number) => ({
      name: `f${i}`,
      label: words(60),
      style: 'paragraph' as const,
      required: false,
      maxLength: 9000,
      placeholder: words(150),
      value: words(5000),
    });
    const modal = renderModal({
      type: 'form',
      id: '/ask',
      label: 'Ask',
      title: words(60),
      fields: [0, 1, 2, 3, 4, 5].map(field),
    });
    expect(modalProblems(modal as unknown as Record<string, unknown>)).toEqual([]);
    expect(modal.components).toHaveLength(5);
  });

  it('WHEN there are 30 suggestions THEN 25 go back, names cut to 100 and values too long to send left out', () => {
    const choices = [
      { name: 'too long', value: 'v'.repeat(101) },
      ...Array.from({ length: 30 }, (_, i) => ({ name: words(150), value: `v${i}` })),
    ];
    const rendered = renderChoices(choices);
    expect(rendered).toHaveLength(25);
    expect(rendered[0]?.value).toBe('v0');
    expect(choicesProblems({ choices: rendered })).toEqual([]);
  });
});

describe('GIVEN mentions', () => {
  it('THEN nothing pings by default, and users named by the view are the only ones allowed', () => {
    expect(renderView(view({ text: rich('@everyone <@1>') })).allowedMentions).toEqual({ parse: [] });
    const rendered = renderView(view({ title: 'Topic', text: rich('For you'), mentions: ['42', '42', 'not-an-id'] }));
    expect(rendered.allowedMentions).toEqual({ parse: [], users: ['42'] });
    expect(rendered.content).toBe('<@42>');
  });
});

describe('GIVEN any view at all', () => {
  it('THEN the rendered message keeps every Discord limit', () => {
    // Words, spaces, Markdown escapes and characters outside the BMP, repeated up to any length, so cuts meet
    // every kind of boundary and every limit is reached.
    const unit = fc.oneof(fc.constantFrom(' ', '\n', '\\', '*', '😀', 'é'), fc.string({ minLength: 1, maxLength: 12 }));
    const string = (maxLength: number) =>
      fc
        .tuple(fc.integer({ min: 0, max: maxLength }), fc.string({ unit, minLength: 1, maxLength: 8 }))
        .map(([length, seed]) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length));
    const arbitraryView = fc.record(
      {
        title: string(400),
        text: string(7000).map((text) => rich(text)),
        footer: string(2500),
        fields: fc.array(fc.record({ name: string(300), value: string(1500).map((value) => rich(value)) }), { maxLength: 30 }),
        actions: fc.array(
          fc.oneof(
            fc.record({
              type: fc.constant('button' as const),
              id: fc.string({ maxLength: 110 }),
              label: fc.string({ maxLength: 100 }),
            }),
            fc.record({
              type: fc.constant('select' as const),
              id: fc.string({ maxLength: 110 }),
              placeholder: fc.string({ maxLength: 200 }),
              choices: fc.array(fc.record({ label: fc.string({ maxLength: 120 }), value: fc.string({ maxLength: 110 }) }), {
                maxLength: 30,
              }),
            }),
          ),
          { maxLength: 30 },
        ),
        ephemeral: fc.boolean(),
      },
      { requiredKeys: ['ephemeral'] },
    );
    fc.assert(
      fc.property(arbitraryView, (candidate) => {
        expect(problems(renderView(candidate as View))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
