import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConsoleIdentity, runConsoleLine } from '../../src/adapters/console/routes.js';
import { topicChoices } from '../../src/core/commands/topic.js';
import { type LookupAnswer, lookup } from '../../src/core/lookup/lookup.js';
import { rich } from '../../src/core/rich-text.js';
import type { View } from '../../src/core/view.js';
import { createTestApp } from '../support/app.js';
import { md } from '../support/messages.js';

const app = await createTestApp();
afterAll(() => app.close());
const ana: ConsoleIdentity = { userId: 'ana', name: 'Ana', role: 'everyone', channel: 'study' };
const lookupSet = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/lookup-set.json'), 'utf8')) as {
  query: string;
  topic: string;
}[];

const learnerSet = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/lookup-learners.json'), 'utf8')) as {
  query: string;
  /** "topic:<id>", "term:<glossary id>" or "none" (the Cookbook does not cover it). */
  expect: string;
}[];

function answerKey(answer: LookupAnswer): string {
  if (answer.kind === 'none') return 'none';
  return answer.entry.kind === 'topic' ? `topic:${answer.entry.topic.id}` : `term:${answer.entry.term.id}`;
}

async function say(line: string): Promise<{ status: string; view: View }> {
  const result = await runConsoleLine(line, ana, app.deps, new Date('2026-12-01T10:00:00Z'));
  const first = result.messages[0];
  if (!first) throw new Error('no reply');
  return { status: result.status, view: first.view };
}

describe('topic lookups', () => {
  it('GIVEN the lookup test set of realistic queries THEN at least 95% find the right topic first', () => {
    expect(lookupSet.length).toBeGreaterThanOrEqual(60);
    const misses = lookupSet.filter(({ query, topic }) => app.deps.content.index.search(query, 1)[0]?.topic.id !== topic);
    expect(misses.length / lookupSet.length, JSON.stringify(misses)).toBeLessThanOrEqual(0.05);
  });

  it("GIVEN learners' queries and the topic set WHEN looked up as /topic does THEN at least 95% answer the expected entry", () => {
    const cases = [...learnerSet, ...lookupSet.map(({ query, topic }) => ({ query, expect: `topic:${topic}` }))];
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(learnerSet.filter((c) => c.expect.startsWith('term:')).length).toBeGreaterThanOrEqual(60);
    const misses = cases
      .map((c) => ({ ...c, got: answerKey(lookup(c.query, app.deps.content)) }))
      .filter((c) => c.got !== c.expect);
    expect(misses.length / cases.length, JSON.stringify(misses)).toBeLessThanOrEqual(0.05);
  });

  it('GIVEN a typo "kafak" WHEN /topic THEN the Kafka topic answers with summary, links, related topics and questions', async () => {
    const { status, view } = await say('/topic kafak more:true');
    expect(status).toBe('ok');
    expect(view.title).toBe('Apache Kafka');
    expect(md(view.text)).toMatch(/message queue/i);
    const names = (view.fields ?? []).map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(['Book section', 'Links', 'Related topics']));
    expect(names.some((name) => name.startsWith('Interview questions'))).toBe(true);
    expect(md(view.fields?.find((f) => f.name.startsWith('Interview questions'))?.value)).toContain('What is a topic?');
  });

  it('GIVEN a section number THEN the topic of that section answers', async () => {
    expect((await say('/topic 20.3')).view.title).toMatch(/MapReduce/);
  });

  it('GIVEN words in another order THEN the same topic is found', () => {
    expect(app.deps.content.index.search('architecture lambda', 1)[0]?.topic.id).toBe('lambda-architecture');
  });

  it('GIVEN nothing close WHEN /topic THEN it says the Cookbook does not cover it and offers three topics', async () => {
    const { status, view } = await say('/topic qwxzv');
    expect(status).toBe('user-error');
    expect(md(view.text)).toMatch(/The Cookbook doesn't cover "qwxzv"\. Nearest topics:/);
    expect(md(view.text).match(/\/topic /g)).toHaveLength(3);
  });

  it('GIVEN a question about something outside data engineering THEN no topic is claimed with confidence', async () => {
    const { status, view } = await say('/topic what is quantum computing?');
    expect(status).toBe('user-error');
    expect(md(view.text)).toContain(`The Cookbook doesn't cover "quantum computing"`);
  });

  it('GIVEN "what is spark" THEN the Apache Spark topic answers, not a Spark sub-topic', async () => {
    const { status, view } = await say('/topic what is spark');
    expect(status).toBe('ok');
    expect(view.title).toBe('Apache Spark');
  });

  it('GIVEN "CAP theorem" THEN a glossary entry answers, marked as not from the book, with the nearest book topics', async () => {
    const { status, view } = await say('/topic CAP theorem');
    expect(status).toBe('ok');
    expect(view.title).toBe('CAP theorem (glossary)');
    expect(md(view.text)).toContain('not from the Cookbook');
    expect(view.footer).toContain('Data Engineering Cookbook by Andreas Kretz');
    const nearest = md(view.fields?.find((field) => field.name === 'Nearest book topics')?.value);
    expect(nearest).toContain('NoSQL Stores');
    expect(nearest).toContain('/topic nosql');
    expect(md(view.fields?.find((field) => field.name.startsWith('Interview questions'))?.value)).toContain(
      'What is the cap theorem',
    );
    expect(view.actions?.some((action) => action.type === 'button' && action.id.includes('nosql'))).toBe(true);
  });

  it('GIVEN "X vs Y" with two entries THEN the first answers and points to the second', async () => {
    const { view } = await say('/topic flink vs spark');
    expect(view.title).toBe('Apache Flink (glossary)');
    expect(md(view.fields?.find((field) => field.name === 'Compare with')?.value)).toContain('/topic spark');
  });

  it('GIVEN a plural or an abbreviation THEN the same entry answers as for the singular name', () => {
    const key = (query: string) => answerKey(lookup(query, app.deps.content));
    expect(key('star schemas')).toBe('term:star-schema');
    expect(key('SCD')).toBe('term:slowly-changing-dimension');
    expect(key('data lakes')).toBe(key('data lake'));
  });

  it('GIVEN the Kafka topic THEN its dated note says Kafka 4.0 dropped ZooKeeper and the book text stays as written', async () => {
    const { view } = await say('/topic kafka more:true');
    const since = md(view.fields?.find((field) => field.name.startsWith('Since this edition'))?.value);
    expect(since).toMatch(/^- 2025-03: Kafka 4\.0 runs only in KRaft mode/);
    expect(since).toContain('(https://kafka.apache.org/blog)');
    expect(md(view.text)).toContain('Kafka needs **ZooKeeper**');
  });

  it('GIVEN section 19 THEN the Databases overview answers, not one of its sub-sections', async () => {
    expect((await say('/topic 19')).view.title).toBe('Databases (overview)');
  });

  it('GIVEN /topic THEN only the caller sees a short answer, with Read more and Share buttons', async () => {
    const { view } = await say('/topic kafka');
    expect(view.ephemeral).toBe(true);
    expect(view.actions?.map((action) => ('label' in action ? action.label : ''))).toEqual(
      expect.arrayContaining(['Read more', 'Share']),
    );
    expect(view.actions?.find((action) => ('label' in action ? action.label : '') === 'Read more')?.id).toBe(
      '/topic query:kafka more:true',
    );
    expect(view.actions?.find((action) => ('label' in action ? action.label : '') === 'Share')?.id).toBe(
      '/topic query:kafka share:true',
    );
    expect((await say('/topic kafka private:true')).view.ephemeral).toBe(true);
  });

  it('GIVEN any topic THEN the first answer is at most about 700 characters and Read more shows the rest', async () => {
    for (const topic of app.deps.content.topics) {
      const { view } = await say(`/topic query:${topic.id}`);
      const size = [view.title, view.text, view.footer, ...(view.fields ?? []).flatMap((f) => [f.name, f.value])].join('').length;
      expect(size, topic.id).toBeLessThanOrEqual(720);
    }
    const more = await say('/topic query:case-linkedin more:true');
    expect(more.view.ephemeral).toBe(true);
    expect(md(more.view.text).length).toBeGreaterThan(700);
  });

  it('GIVEN the Share button THEN the answer is posted in the channel, saying who shared it', async () => {
    const result = await runConsoleLine('/topic query:kafka share:true', ana, app.deps, new Date('2026-12-01T10:00:00Z'));
    const post = result.messages.find((message) => message.kind === 'post');
    expect(post).toMatchObject({ kind: 'post', channel: 'study', view: { title: 'Apache Kafka', ephemeral: false } });
    expect(post?.view.footer).toContain('Shared by Ana.');
    expect(post?.view.actions?.map((action) => ('label' in action ? action.label : ''))).not.toContain('Share');
    expect(result.messages.find((message) => message.kind === 'reply')?.view).toMatchObject({
      text: rich('Shared in the channel.'),
      ephemeral: true,
    });
  });

  it('GIVEN for:@bo THEN the topic is posted as a suggestion that notifies only bo', async () => {
    const { view } = await say('/topic docker for:<@bo>');
    expect(view.mentions).toEqual(['bo']);
    expect(md(view.text)).toContain('Ana suggests this topic to you');
  });

  it('GIVEN a partial "spa" THEN autocomplete offers Spark topics first, at most 25, names within 100 characters', () => {
    const choices = topicChoices('spa', app.deps);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.slice(0, 5).every((choice) => choice.value.startsWith('spark'))).toBe(true);
    expect(choices.every((choice) => choice.name.length <= 100 && choice.value.length <= 100)).toBe(true);
  });

  it('GIVEN a partial "cap th" THEN autocomplete offers the glossary entry, marked, whose value /topic resolves', async () => {
    const choice = topicChoices('cap th', app.deps).find((c) => c.value === 'cap-theorem');
    expect(choice?.name).toBe('CAP theorem (glossary)');
    expect((await say(`/topic ${choice?.value ?? ''}`)).view.title).toBe('CAP theorem (glossary)');
  });
});
