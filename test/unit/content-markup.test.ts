import { describe, expect, it } from 'vitest';
import { terminalText } from '../../src/adapters/console/render.js';
import { discordMarkdown } from '../../src/adapters/discord/render.js';
import { toMrkdwn } from '../../src/adapters/slack/mrkdwn.js';
import { contentMarkup, inlineMarkup } from '../../src/core/content/markup.js';
import { channel, firstParagraph, rich, trimRich } from '../../src/core/rich-text.js';
import { md } from '../support/messages.js';

describe('the markup of the book summaries', () => {
  it('GIVEN a summary with bold, code, a list and paragraphs THEN each platform formats it, and the words stay the same', () => {
    const summary = 'Why **batch** wins:\n- it is **simple**\n- run `spark-submit`\n\n1. **First (25):** then more.';
    const tree = contentMarkup(summary);
    expect(md(tree)).toBe(summary);
    expect(discordMarkdown(tree)).toBe(
      'Why **batch** wins:\n- it is **simple**\n- run `spark-submit`\n\n1\\. **First \\(25\\):** then more.',
    );
    expect(toMrkdwn(tree)).toBe('Why *batch* wins:\n• it is *simple*\n• run `spark-submit`\n\n1. *First (25):* then more.');
    expect(terminalText(tree)).toBe('Why batch wins:\n- it is simple\n- run spark-submit\n\n1. First (25): then more.');
  });

  it('GIVEN a quiz line with backticks THEN the command is code, the rest is text', () => {
    expect(md(inlineMarkup('What does `docker ps -a` show?'))).toBe('What does `docker ps -a` show?');
  });
});

describe('a channel named in rich text', () => {
  it('THEN Discord and Slack link to it, the console names it, and an id that is no id stays text', () => {
    expect(discordMarkdown(rich('in ', channel('123456789')))).toBe('in <#123456789>');
    expect(toMrkdwn(rich('in ', channel('C0LIVE')))).toBe('in <#C0LIVE>');
    expect(terminalText(rich('in ', channel('live')))).toBe('in #live');
    expect(discordMarkdown(rich(channel('<@1>')))).toBe('\\#\\<@1>');
    expect(toMrkdwn(rich(channel('<!here>')))).toBe('#&lt;!here&gt;');
  });
});

describe('shortening rich text', () => {
  it('GIVEN a long first paragraph THEN the brief ends at a word with an ellipsis, and the bold stays bold', () => {
    const text = contentMarkup('**Kafka** moves events between services in order and keeps them.\n\nSecond paragraph.');
    const first = firstParagraph(text);
    expect(md(first)).toBe('**Kafka** moves events between services in order and keeps them.');
    expect(md(trimRich(first, 30))).toBe('**Kafka** moves events between…');
    expect(trimRich(first, 500)).toBe(first);
  });
});
