import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/core/content/json-schema.js';
import { ContentError, loadCorpus } from '../../src/core/content/load.js';
import { PROJECT_ROOT } from '../support/app.js';

describe('the shipped content', () => {
  const corpus = loadCorpus(resolve(PROJECT_ROOT, 'content'));

  it('GIVEN every file in content/ WHEN validated THEN it loads without a problem', () => {
    expect(corpus.topics.length).toBeGreaterThan(0);
  });

  it('GIVEN the book Part V THEN all 96 interview questions in 24 categories are there, each tied to a topic', () => {
    expect(corpus.categories).toHaveLength(24);
    expect(corpus.questions).toHaveLength(96);
    for (const question of corpus.questions) expect(question.topics.length).toBeGreaterThan(0);
  });

  it('GIVEN every quiz item THEN its topic exists and its answer is one of its choices', () => {
    const ids = new Set(corpus.topics.map((topic) => topic.id));
    for (const item of corpus.quiz) {
      expect(ids.has(item.topic), item.id).toBe(true);
      expect(item.choices, item.id).toContain(item.answer);
    }
  });
});

describe('JSON Schemas for editors', () => {
  it('GIVEN the zod schemas THEN the committed content/schema files are up to date', () => {
    for (const [name, schema] of Object.entries(jsonSchemas())) {
      const committed = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'content/schema', `${name}.schema.json`), 'utf8'));
      expect(committed, `run: npm run -s cli -- content --schema content/schema`).toEqual(schema);
    }
  });
});

describe('content validation errors', () => {
  function folderWith(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'content-'));
    for (const folder of ['topics', 'questions', 'quiz']) mkdirSync(join(root, folder));
    for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
    return root;
  }

  function problemsOf(root: string): string[] {
    try {
      loadCorpus(root);
    } catch (error) {
      if (error instanceof ContentError) return error.problems;
      throw error;
    }
    return [];
  }

  it('GIVEN a topic without a title and a quiz answer that is not a choice THEN each problem names the file and field', () => {
    const words = Array.from({ length: 70 }, (_, i) => `word${i}`).join(' ');
    const root = folderWith({
      'topics/kafka.md': `---\nid: kafka\npart: II\nsections: ["21"]\n---\n${words}\n`,
      'quiz/kafka.yaml':
        'items:\n  - id: kafka-1\n    topic: kafka\n    section: "13.1"\n    question: "Which stage is Kafka in?"\n    choices: [Ingest, Store, Display]\n    answer: Process\n    explanation: "Kafka buffers incoming data."\n',
    });
    const problems = problemsOf(root);
    expect(problems.some((p) => p.startsWith('topics/kafka.md: title'))).toBe(true);
    expect(problems.some((p) => p.startsWith('quiz/kafka.yaml: items.0.answer'))).toBe(true);
  });

  it('GIVEN a question tied to a topic that does not exist THEN the problem names the question and the topic', () => {
    const root = folderWith({
      'questions/kafka.yaml':
        'category: Kafka\nposition: 5\nid: kafka\ntopics: [kafka]\nquestions:\n  - id: kafka-topic\n    text: "What is a topic?"\n    topics: [kafak]\n    source: "The book"\n',
    });
    const problems = problemsOf(root);
    expect(problems).toContain('questions/kafka.yaml: questions.0.topics.0 names unknown topic "kafak"');
  });
});
