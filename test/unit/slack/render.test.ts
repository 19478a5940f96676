import { describe, expect, test } from 'vitest';
import { decodeAction } from '../../../src/adapters/slack/action-ids.js';
import { renderBlocks, renderHome, renderMessage, renderModal } from '../../../src/adapters/slack/render.js';
import { bold, code, italic, lines, link, list, quote, type RichText, rich } from '../../../src/core/rich-text.js';
import type { Action, FormAction, View } from '../../../src/core/view.js';
import { blockKitProblems } from '../../e2e/slack/block-kit.js';
import { md } from '../../support/messages.js';

type AnyBlock = {
  type: string;
  text?: { text: string; type: string };
  fields?: { text: string }[];
  elements?: { type: string; text?: { text: string }; action_id: string; value?: string; options?: unknown[] }[];
};

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
const blocksOf = (v: View, max = 50) => renderBlocks(v, max) as AnyBlock[];
const word = (n: number) => 'x'.repeat(n);

describe('GIVEN the Block Kit limits', () => {
  test('WHEN section text is exactly 3,000 characters THEN it stays one section; at 3,001 it splits into two', () => {
    const exact = blocksOf(view({ text: rich(`${word(1499)} ${word(1500)}`) }));
    expect(exact).toHaveLength(1);
    expect(md(exact[0]?.text?.text)).toHaveLength(3000);
    const over = blocksOf(view({ text: rich(`${word(1500)} ${word(1500)}`) }));
    expect(over).toHaveLength(2);
    expect(over.map((block) => block.text?.text.length)).toEqual([1500, 1500]);
  });

  test('WHEN text would need more than 50 blocks THEN the message has exactly 50, says so, and keeps its buttons', () => {
    const text = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} ${word(2900)}`).join('\n');
    const actions: Action[] = [{ type: 'button', id: '/help', label: 'Help' }];
    const blocks = blocksOf(view({ title: 'Long', text, actions, footer: 'Footer' }));
    expect(blocks).toHaveLength(50);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.at(-1)?.type).toBe('context');
    expect(blocks.at(-2)?.type).toBe('actions');
    expect(JSON.stringify(blocks.at(-3))).toContain('did not fit');
    expect(blockKitProblems(blocks)).toEqual([]);
  });

  test('WHEN a view needs exactly 50 blocks THEN nothing is cut', () => {
    const text = Array.from({ length: 49 }, () => word(2999)).join('\n');
    const blocks = blocksOf(view({ title: 'Fits', text }));
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks)).not.toContain('did not fit');
  });

  test('WHEN there are 10 inline fields THEN they share one section; the 11th starts another', () => {
    const fields = Array.from({ length: 11 }, (_, i) => ({ name: `F${i}`, value: `v${i}`, inline: true }));
    const ten = blocksOf(view({ fields: fields.slice(0, 10) }));
    expect(ten).toHaveLength(1);
    expect(ten[0]?.fields).toHaveLength(10);
    const eleven = blocksOf(view({ fields }));
    expect(eleven.map((block) => block.fields?.length)).toEqual([10, 1]);
  });

  test('WHEN a field value is longer than 2,000 characters THEN the field is cut to 2,000 with an ellipsis', () => {
    const [block] = blocksOf(view({ fields: [{ name: 'Long', value: rich(`${word(1000)} ${word(1500)}`), inline: true }] }));
    const text = block?.fields?.[0]?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith('…')).toBe(true);
  });

  test('WHEN a button label is 75 characters THEN it is kept whole; at 76 it is cut to 75', () => {
    const label75 = `${word(37)} ${word(37)}`;
    const label76 = `${word(37)} ${word(38)}`;
    const [kept] = blocksOf(view({ actions: [{ type: 'button', id: '/help', label: label75 }] }));
    expect(md(kept?.elements?.[0]?.text?.text)).toBe(label75);
    const [cut] = blocksOf(view({ actions: [{ type: 'button', id: '/help', label: label76 }] }));
    expect(cut?.elements?.[0]?.text?.text.length).toBeLessThanOrEqual(75);
    expect(cut?.elements?.[0]?.text?.text.endsWith('…')).toBe(true);
  });

  test('WHEN a title is 150 characters THEN the header keeps it; at 151 it is cut to 150', () => {
    const title150 = `${word(75)} ${word(74)}`;
    expect(md(blocksOf(view({ title: title150 }))[0]?.text?.text)).toBe(title150);
    const cut = blocksOf(view({ title: `${title150}y` }))[0]?.text?.text ?? '';
    expect(cut.length).toBeLessThanOrEqual(150);
    expect(cut.endsWith('…')).toBe(true);
  });

  test('WHEN escaping grows text past a limit THEN the cut never splits an entity', () => {
    const title = `${'&'.repeat(40)}`;
    const header = blocksOf(view({ title }))[0]?.text?.text ?? '';
    expect(header.length).toBeLessThanOrEqual(150);
    expect(header.replace(/&amp;/g, '')).toBe('…');
    const text = blocksOf(view({ text: '<'.repeat(700) }))
      .map((block) => block.text?.text ?? '')
      .join('');
    expect(text.replace(/&lt;/g, '')).toBe('');
  });

  test('WHEN there are 26 buttons THEN they fill two actions blocks (25 + 1) with unique ids', () => {
    const actions: Action[] = Array.from({ length: 26 }, (_, i) => ({
      type: 'button',
      id: `/help command:c${i}`,
      label: `B${i}`,
    }));
    const blocks = blocksOf(view({ actions }));
    expect(blocks.map((block) => block.elements?.length)).toEqual([25, 1]);
    expect(blockKitProblems(blocks)).toEqual([]);
  });

  test('WHEN a select has 120 choices, some with values over 150 characters THEN at most 100 valid options remain', () => {
    const choices = Array.from({ length: 120 }, (_, i) => ({ label: `Choice ${i}`, value: i % 7 === 0 ? word(151) : `c${i}` }));
    const [block] = blocksOf(view({ actions: [{ type: 'select', id: '/quiz start', placeholder: 'Pick', choices }] }));
    const select = block?.elements?.[0];
    expect(select?.options).toHaveLength(100);
    expect(JSON.stringify(select?.options)).not.toContain(word(151));
  });
});

describe('GIVEN text from users and from our content', () => {
  test('WHEN user text carries broadcasts, mentions and & THEN every piece is escaped, in text, fields and labels', () => {
    const hostile = '<!channel> <!here> <!everyone> <@U123> <#C1> <https://evil|x> & more';
    const blocks = blocksOf(
      view({
        title: hostile,
        text: hostile,
        fields: [{ name: hostile, value: hostile, inline: true }],
        footer: hostile,
        actions: [{ type: 'button', id: '/help', label: hostile }],
      }),
    );
    const json = JSON.stringify(blocks);
    expect(json).not.toMatch(/<!|<@|<#|<https/);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('&amp; more');
    expect(blockKitProblems(blocks)).toEqual([]);
    expect(md(renderMessage(view({ text: hostile })).text)).not.toMatch(/<!|<@/);
  });

  test('WHEN rich text is rendered THEN bold, italic, code, links and lists become mrkdwn', () => {
    const text = lines([
      rich(bold('Kafka'), ' is ', italic('fast'), '; run ', code('kafka-topics --list'), '.'),
      rich('See ', link('https://kafka.apache.org/docs?a=1&b=2', 'the docs'), ' or ', link('https://x.example/p|q', 'a|b'), '.'),
      list([rich('first', list(['nested']))]),
      quote('quoted'),
      'Literal **stars**, [brackets](https://no.link) and - dashes',
    ]);
    const [block] = blocksOf(view({ text }));
    expect(block?.text?.text.split('\n')).toEqual([
      '*Kafka* is _fast_; run `kafka-topics --list`.',
      // An address with a bar is no web address: its label shows alone.
      'See <https://kafka.apache.org/docs?a=1&amp;b=2|the docs> or a|b.',
      '• first',
      '    ◦ nested',
      '>quoted',
      // Literal stars next to a word boundary become look-alikes: Slack has no escape for them.
      'Literal \u2217\u2217stars\u2217\u2217, [brackets](https://no.link) and - dashes',
    ]);
  });

  test('WHEN a view names people to notify THEN only they are mentioned, as real Slack mentions', () => {
    const message = renderMessage(view({ text: rich('Your question was approved.'), mentions: ['U0AUTHOR', '<!channel>'] }));
    expect(JSON.stringify(message.blocks)).toContain('<@U0AUTHOR>');
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    expect(message.text.startsWith('<@U0AUTHOR>')).toBe(true);
  });

  test('WHEN the tone is an error THEN the text starts with a warning emoji', () => {
    expect(md(blocksOf(view({ text: rich('No.'), tone: 'error' }))[0]?.text?.text)).toBe(':x: No.');
  });
});

describe('GIVEN actions as ids', () => {
  test('WHEN a button, select and form are rendered THEN each id and value decodes back to its command', () => {
    const form: FormAction = {
      type: 'form',
      id: '/answer post:3',
      label: 'Answer',
      title: 'Your answer',
      fields: [{ name: 'text', label: 'Your answer', style: 'paragraph', required: true, maxLength: 1500 }],
    };
    const actions: Action[] = [
      { type: 'button', id: '/daily vote answer:7', label: 'Upvote', style: 'success' },
      { type: 'select', id: '/quiz start', placeholder: 'Topic', choices: [{ label: 'Kafka', value: 'kafka' }] },
      form,
    ];
    const elements = blocksOf(view({ actions }))[0]?.elements ?? [];
    expect(decodeAction(elements[0]?.action_id ?? '', elements[0]?.value)).toEqual({ kind: 'run', line: '/daily vote answer:7' });
    expect(decodeAction(elements[1]?.action_id ?? '', 'kafka')).toEqual({ kind: 'pick', line: '/quiz start', value: 'kafka' });
    expect(decodeAction(elements[2]?.action_id ?? '', elements[2]?.value)).toEqual({ kind: 'form', form });
    expect(decodeAction('someone-else:1', 'x')).toBeUndefined();
  });

  test('WHEN a form is opened THEN the modal keeps Slack limits: title 24, input max 3,000', () => {
    const modal = renderModal(
      {
        type: 'form',
        id: '/ask',
        label: 'Submit',
        title: 'Submit an interview question today',
        fields: [{ name: 'question', label: 'Q', style: 'paragraph', required: true, maxLength: 9000, value: word(5000) }],
      },
      '{}',
    );
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
    const input = modal.blocks[0] as { element: { max_length: number; initial_value: string; multiline: boolean } };
    expect(input.element.max_length).toBe(3000);
    expect(input.element.initial_value).toHaveLength(3000);
    expect(input.element.multiline).toBe(true);
  });

  test('WHEN many views go on the App Home tab THEN it stays within 100 blocks', () => {
    const big = view({ text: Array.from({ length: 60 }, () => word(2999)).join('\n') });
    const home = renderHome([big, big, big], rich('intro'));
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitProblems(home.blocks, 100)).toEqual([]);
  });
});
