import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadCorpus } from '../../src/core/content/load.js';
import { countSentences } from '../../src/core/content/schema.js';
import { PROJECT_ROOT } from '../support/app.js';

describe('the shipped glossary', () => {
  const corpus = loadCorpus(resolve(PROJECT_ROOT, 'content'));
  const glossary = corpus.glossary ?? [];

  it('GIVEN content/glossary THEN it holds at least 150 terms across the areas learners and interviewers ask about', () => {
    expect(glossary.length).toBeGreaterThanOrEqual(150);
    expect(new Set(glossary.map((term) => term.area)).size).toBeGreaterThanOrEqual(8);
  });

  it('GIVEN every term THEN its definition has 2 to 5 sentences and it points to existing book topics', () => {
    const topicIds = new Set(corpus.topics.map((topic) => topic.id));
    for (const term of glossary) {
      const sentences = countSentences(term.definition);
      expect(sentences, term.id).toBeGreaterThanOrEqual(2);
      expect(sentences, term.id).toBeLessThanOrEqual(5);
      expect(term.topics.length, term.id).toBeGreaterThan(0);
      for (const id of term.topics) expect(topicIds.has(id), `${term.id} -> ${id}`).toBe(true);
    }
  });

  it('GIVEN interview questions the book asks without explaining THEN a glossary term links to them', () => {
    const linked = new Set(glossary.flatMap((term) => term.questions));
    for (const id of [
      'distributed-systems-cap-theorem',
      'sql-dbs-windowing-functions',
      'sql-dbs-acid',
      'apis-rest-idempotency',
    ]) {
      expect(linked.has(id), id).toBe(true);
    }
  });
});

describe('glossary validation', () => {
  const words = Array.from({ length: 70 }, (_, i) => `word${i}`).join(' ');

  function problemsOf(glossaryYaml: string): string[] {
    const root = mkdtempSync(join(tmpdir(), 'glossary-'));
    for (const folder of ['topics', 'questions', 'quiz', 'glossary']) mkdirSync(join(root, folder));
    writeFileSync(
      join(root, 'topics/kafka.md'),
      `---\nid: kafka\ntitle: Apache Kafka\npart: II\nsections: ["21"]\naliases: [message queue]\n---\n${words}\n`,
    );
    writeFileSync(join(root, 'glossary/streaming.yaml'), glossaryYaml);
    try {
      loadCorpus(root);
    } catch (error) {
      if (error instanceof ContentError) return error.problems;
      throw error;
    }
    return [];
  }

  const term = (fields: string) =>
    `area: Streaming\nterms:\n  - id: consumer-lag\n    term: Consumer lag\n    definition: "Consumer lag is how far a consumer group is behind. It grows when consumers are too slow."\n${fields}`;

  it('GIVEN a valid term THEN the glossary loads without a problem', () => {
    expect(problemsOf(term('    topics: [kafka]\n'))).toEqual([]);
  });

  it('GIVEN a term pointing to an unknown topic THEN the problem names the file, the term and the topic', () => {
    expect(problemsOf(term('    topics: [kafak]\n'))).toContain(
      'glossary/streaming.yaml: term "consumer-lag": topics.0 names unknown topic "kafak"',
    );
  });

  it('GIVEN a term named like a book topic THEN it is refused: the book answers that name', () => {
    const problems = problemsOf(term('    aliases: [message queues]\n    topics: [kafka]\n'));
    expect(problems).toContain(
      'glossary/streaming.yaml: term "consumer-lag": "message queues" is already a name of book topic "kafka"',
    );
  });

  it('GIVEN a one-sentence definition THEN it is refused with the sentence rule', () => {
    const yaml =
      'area: Streaming\nterms:\n  - id: consumer-lag\n    term: Consumer lag\n    definition: "Consumer lag is how far a consumer group is behind the newest messages of a partition."\n    topics: [kafka]\n';
    expect(problemsOf(yaml)).toContain('glossary/streaming.yaml: terms.0.definition must have 2 to 5 sentences');
  });
});
