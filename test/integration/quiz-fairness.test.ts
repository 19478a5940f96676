import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/content/load.js';
import {
  findNearDuplicates,
  isRightLongest,
  measureQuiz,
  optionsAlike,
  QUIZ_LIMITS,
  quizProblems,
} from '../../src/core/content/quiz-quality.js';
import type { QuizItem } from '../../src/core/content/schema.js';
import { PROJECT_ROOT } from '../support/app.js';
import { runCli } from '../support/cli.js';

const corpus = loadCorpus(resolve(PROJECT_ROOT, 'content'));
const bookSections = new Set(corpus.topics.flatMap((topic) => topic.sections));
const figures = measureQuiz(corpus.quiz, bookSections);
const share = (n: number) => n / figures.items;

function item(overrides: Partial<QuizItem> & Pick<QuizItem, 'id' | 'question' | 'choices' | 'answer'>): QuizItem {
  return { topic: 'kafka', section: '21', explanation: 'Explained from the book.', ...overrides };
}

describe('the shipped quiz cannot be gamed', () => {
  it(`GIVEN every quiz file THEN there are at least ${QUIZ_LIMITS.minItems} items, each citing a section the topics cite`, () => {
    expect(figures.items).toBeGreaterThanOrEqual(QUIZ_LIMITS.minItems);
    expect(figures.unknownSections).toEqual([]);
  });

  it('GIVEN "pick the longest option" THEN it wins in at most 30% of items and at most 40% in any topic', () => {
    expect(share(figures.rightLongest)).toBeLessThanOrEqual(QUIZ_LIMITS.maxRightLongest);
    const byTopic = new Map<string, QuizItem[]>();
    for (const quiz of corpus.quiz) byTopic.set(quiz.topic, [...(byTopic.get(quiz.topic) ?? []), quiz]);
    for (const [topic, items] of byTopic) {
      const longest = items.filter(isRightLongest).map((quiz) => quiz.id);
      expect(longest.length / items.length, `${topic}: ${longest.join(', ')}`).toBeLessThanOrEqual(
        QUIZ_LIMITS.maxRightLongestPerTopic,
      );
    }
  });

  it('GIVEN "pick the shortest" or "drop both ends" THEN neither beats its limit', () => {
    expect(share(figures.rightShortest)).toBeLessThanOrEqual(QUIZ_LIMITS.maxRightShortest);
    expect(share(figures.rightMiddle)).toBeLessThanOrEqual(QUIZ_LIMITS.maxRightMiddle);
    expect(figures.samePosition).toBeLessThanOrEqual(QUIZ_LIMITS.maxSamePosition);
  });

  it('GIVEN every item THEN its options are alike in length and form', () => {
    const unlike = corpus.quiz
      .filter((quiz) => !optionsAlike(quiz.choices))
      .map((quiz) => `${quiz.id}: ${quiz.choices.join(' | ')}`);
    expect(unlike).toEqual([]);
  });

  it('GIVEN every item THEN no option is a joke and no two items ask the same thing', () => {
    expect(figures.jokeOptions).toEqual([]);
    expect(figures.nearDuplicates).toEqual([]);
    expect(quizProblems(figures)).toEqual([]);
  });
});

describe('the fairness measure catches what it is for', () => {
  it('GIVEN two items asking for the ingest pattern in other words THEN they are near-duplicates', () => {
    const pairs = findNearDuplicates([
      item({
        id: 'kafka-2',
        question: "Which messaging pattern does the book recommend for the ingest stage's temporary storage?",
        choices: ['Publish-subscribe', 'Request-response', 'Batch file transfer'],
        answer: 'Publish-subscribe',
      }),
      item({
        id: 'blueprint-ingest-2',
        question: "Which pattern should the ingest stage's temporary storage follow?",
        choices: ['Singleton', 'Round robin', 'Publish-subscribe'],
        answer: 'Publish-subscribe',
      }),
      item({
        id: 'hdfs-1',
        question: 'What does HDFS do with a large file when it stores it?',
        choices: [
          'Splits it into blocks spread over the cluster',
          'Keeps it whole on the fastest disk',
          'Converts it to a table',
        ],
        answer: 'Splits it into blocks spread over the cluster',
      }),
    ]);
    expect(pairs).toEqual([['kafka-2', 'blueprint-ingest-2']]);
  });

  it('GIVEN a right answer twice as long as its rivals THEN the options are unlike and the right one counts as longest', () => {
    const lopsided = item({
      id: 'zookeeper-1',
      question: 'How does the book describe ZooKeeper?',
      choices: ['A configuration management service needed for Kafka and HBase', 'A notebook', 'A BI tool'],
      answer: 'A configuration management service needed for Kafka and HBase',
    });
    expect(optionsAlike(lopsided.choices)).toBe(false);
    expect(isRightLongest(lopsided)).toBe(true);
    expect(optionsAlike(['Ingest', 'Store', 'Display', 'Process'])).toBe(true);
    expect(optionsAlike(['It runs on Linux.', 'It runs on Windows', 'It runs on macOS'])).toBe(false);
  });

  it('GIVEN joke options, an unknown section and a long right answer everywhere THEN each limit names the problem', () => {
    const items = Array.from({ length: 10 }, (_, i) =>
      item({
        id: `joke-${i}`,
        section: i === 0 ? '99.9' : '21',
        question: `Question number ${i} about something different each time?`,
        choices: ['The color of its logs', 'A bigger monitor', `The longest and right answer ${i}`],
        answer: `The longest and right answer ${i}`,
      }),
    );
    const problems = quizProblems(measureQuiz(items, new Set(['21'])));
    expect(problems).toContain(`10 items, ${QUIZ_LIMITS.minItems} expected`);
    expect(problems).toContain('sections no topic cites: joke-0');
    expect(problems).toContain('right option is the longest in 100% of items');
    expect(problems).toContain('right option is the longest in 10 of 10 items of topic kafka');
    expect(problems.some((p) => p.startsWith('joke options: joke-0, joke-1'))).toBe(true);
  });
});

// Each test starts the real CLI in a child process, which is slow on a busy machine (spawnSync gives up at 30 s).
const CHILD_PROCESS_TIMEOUT = 45_000;

describe('cli content --validate', () => {
  it(
    'GIVEN the shipped content THEN the summary line gives the quiz figures',
    () => {
      const run = runCli(['content', '--validate'], { DATABASE_PATH: ':memory:' });
      expect(run.status).toBe(0);
      const longest = Math.round(share(figures.rightLongest) * 100);
      expect(run.stdout).toContain(`${figures.items} quiz items (right option the longest in ${longest}%`);
      expect(run.stdout).toContain('0 near-duplicates');
    },
    CHILD_PROCESS_TIMEOUT,
  );

  it(
    'GIVEN a quiz folder with one item THEN validation fails and says which limit it breaks',
    () => {
      const root = mkdtempSync(join(tmpdir(), 'quiz-fairness-'));
      for (const folder of ['topics', 'questions'])
        cpSync(resolve(PROJECT_ROOT, 'content', folder), join(root, folder), { recursive: true });
      mkdirSync(join(root, 'quiz'));
      writeFileSync(
        join(root, 'quiz', 'kafka.yaml'),
        'items:\n  - id: kafka-1\n    topic: kafka\n    section: "13.1"\n    question: "Which stage does Kafka belong to?"\n' +
          '    choices: [Ingest, Store, Display, Process]\n    answer: Ingest\n    explanation: "Kafka buffers incoming data."\n',
      );
      const run = runCli(['content', '--validate'], { DATABASE_PATH: ':memory:', CONTENT_DIR: root });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`1 items, ${QUIZ_LIMITS.minItems} expected`);
      expect(run.stdout).not.toContain('Content is valid');
    },
    CHILD_PROCESS_TIMEOUT,
  );
});
