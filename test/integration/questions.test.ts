import { afterAll, describe, expect, it } from 'vitest';
import { type ConsoleIdentity, runConsoleLine } from '../../src/adapters/console/routes.js';
import { rich } from '../../src/core/rich-text.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

const app = await createTestApp();
afterAll(() => app.close());
const ana: ConsoleIdentity = { userId: 'ana', name: 'Ana', role: 'everyone', channel: 'study' };
const say = async (line: string) => {
  const result = await runConsoleLine(line, ana, app.deps, new Date('2026-12-01T10:00:00Z'));
  return { status: result.status, view: result.messages[0]?.view };
};

describe('/questions', () => {
  it('GIVEN a category THEN its questions are listed in the book wording, under their book-wide numbers', async () => {
    const { view } = await say('/questions category:Kafka');
    expect(view?.title).toBe('Interview questions: Kafka');
    expect(md(view?.text)).toMatch(/^17\. What is a topic\?/m);
    expect(md(view?.text).split('\n')).toHaveLength(6);
  });

  it('GIVEN all 96 questions THEN they come in pages of 10 with a Next button carrying the page', async () => {
    const first = await say('/questions');
    expect(first.view?.footer).toContain('Page 1 of 10');
    const next = first.view?.actions?.find((action) => action.type === 'button' && action.label === 'Next');
    expect(next?.id).toBe('/questions list page:2');
    const second = await say(next?.id ?? '');
    expect(md(second.view?.text).startsWith('11. ')).toBe(true);
  });

  it('GIVEN a topic THEN only questions tied to that topic are listed', async () => {
    const { view } = await say('/questions topic:hdfs');
    expect(md(view?.text)).toContain('What is HDFS?');
    expect(md(view?.text)).not.toContain('What is Scrum?');
  });

  it('GIVEN an unknown category THEN the refusal lists the categories', async () => {
    const { status, view } = await say('/questions category:Cobol');
    expect(status).toBe('user-error');
    expect(md(view?.text)).toContain('There is no category "Cobol". Categories: SQL DBs');
  });

  it('GIVEN /question random THEN one book question with a hint button whose hints do not give the answer away in the question', async () => {
    const { view } = await say('/question random category:Hadoop');
    expect(view?.fields?.[0]).toEqual({ name: 'Category', value: rich('Hadoop'), inline: true });
    const hintButton = view?.actions?.find((action) => action.type === 'button' && action.label === 'Hint');
    const hint = await say(hintButton?.id ?? '');
    expect(hint.view?.title).toBe('Hint');
    expect(hint.view?.ephemeral).toBe(true);
  });
});
