import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConsoleIdentity, runConsoleLine } from '../../src/adapters/console/routes.js';
import { topicChoices } from '../../src/core/commands/topic.js';
import type { View } from '../../src/core/view.js';
import { createTestApp } from '../support/app.js';

const app = createTestApp();
afterAll(() => app.close());
const ana: ConsoleIdentity = { userId: 'ana', name: 'Ana', role: 'everyone', channel: 'study' };
const lookupSet = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/lookup-set.json'), 'utf8')) as {
  query: string;
  topic: string;
}[];

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

  it('GIVEN a typo "kafak" WHEN /topic THEN the Kafka topic answers with summary, links, related topics and questions', async () => {
    const { status, view } = await say('/topic kafak more:true');
    expect(status).toBe('ok');
    expect(view.title).toBe('Apache Kafka');
    expect(view.text).toMatch(/message queue/i);
    const names = (view.fields ?? []).map((field) => field.name);
    expect(names).toEqual(expect.arrayContaining(['Book section', 'Links', 'Related topics']));
    expect(names.some((name) => name.startsWith('Interview questions'))).toBe(true);
    expect(view.fields?.find((f) => f.name.startsWith('Interview questions'))?.value).toContain('What is a topic?');
  });

  it('GIVEN a section number THEN the topic of that section answers', async () => {
    expect((await say('/topic 20.3')).view.title).toMatch(/MapReduce/);
  });

  it('GIVEN words in another order THEN the same topic is found', () => {
    expect(app.deps.content.index.search('architecture lambda', 1)[0]?.topic.id).toBe('lambda-architecture');
  });

  it('GIVEN nothing close WHEN /topic THEN it says so and offers three topics', async () => {
    const { status, view } = await say('/topic qwxzv');
    expect(status).toBe('user-error');
    expect(view.text).toMatch(/No topic matches "qwxzv" well\. Did you mean/);
    expect(view.text?.match(/\/topic /g)).toHaveLength(3);
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
    expect((more.view.text ?? '').length).toBeGreaterThan(700);
  });

  it('GIVEN the Share button THEN the answer is posted in the channel, saying who shared it', async () => {
    const result = await runConsoleLine('/topic query:kafka share:true', ana, app.deps, new Date('2026-12-01T10:00:00Z'));
    const post = result.messages.find((message) => message.kind === 'post');
    expect(post).toMatchObject({ kind: 'post', channel: 'study', view: { title: 'Apache Kafka', ephemeral: false } });
    expect(post?.view.footer).toContain('Shared by Ana.');
    expect(post?.view.actions?.map((action) => ('label' in action ? action.label : ''))).not.toContain('Share');
    expect(result.messages.find((message) => message.kind === 'reply')?.view).toMatchObject({
      text: 'Shared in the channel.',
      ephemeral: true,
    });
  });

  it('GIVEN for:@bo THEN the topic is posted as a suggestion that notifies only bo', async () => {
    const { view } = await say('/topic docker for:<@bo>');
    expect(view.mentions).toEqual(['bo']);
    expect(view.text).toContain('Ana suggests this topic to you');
  });

  it('GIVEN a partial "spa" THEN autocomplete offers Spark topics first, at most 25, names within 100 characters', () => {
    const choices = topicChoices('spa', app.deps);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.slice(0, 5).every((choice) => choice.value.startsWith('spark'))).toBe(true);
    expect(choices.every((choice) => choice.name.length <= 100 && choice.value.length <= 100)).toBe(true);
  });
});
