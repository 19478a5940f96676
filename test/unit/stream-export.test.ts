import { describe, expect, it } from 'vitest';
import { buildContent } from '../../src/core/content/content.js';
import { toCsv, toJson, toMarkdown } from '../../src/core/stream/export.js';
import type { ApprovedQuestion } from '../../src/core/stream/ports.js';

const content = buildContent({
  topics: [],
  questions: [],
  quiz: [],
  categories: [
    { id: 'sql-dbs', name: 'SQL DBs', topics: [], questionIds: [] },
    { id: 'kafka', name: 'Kafka', topics: [], questionIds: [] },
  ],
});

let nextId = 1;
function approved(text: string, extra: Partial<ApprovedQuestion> = {}): ApprovedQuestion {
  const id = nextId++;
  return {
    id,
    tenantId: 1,
    sessionId: 1,
    sessionTitle: 'Live #97',
    author: { userId: 7, externalId: 'u7', name: 'Ana' },
    text,
    normalized: '',
    category: undefined,
    topic: undefined,
    anonymous: false,
    status: 'approved',
    mergedInto: undefined,
    rejectReason: undefined,
    votes: 0,
    createdAt: new Date('2026-12-01T20:00:00Z'),
    approvedAt: new Date('2026-12-01T20:05:00Z'),
    answeredAt: undefined,
    ...extra,
  };
}

describe('exporting approved questions', () => {
  it('GIVEN questions in book and new categories THEN Markdown follows InterviewQuestions.md: book order, new ones, then Other', () => {
    const markdown = toMarkdown(
      [
        approved('What is a watermark in stream processing?', { category: 'Apache Flink' }),
        approved('How do you size partitions?', { category: 'Kafka' }),
        approved('What is a deadlock?'),
        approved('What is MVCC?', { category: 'SQL DBs' }),
        approved('What is a compacted topic?', { category: 'Kafka' }),
        approved('What is Airbyte?', { category: 'Airbyte' }),
      ],
      content,
    );
    expect(markdown).toBe(
      [
        '### SQL DBs',
        '',
        '-   What is MVCC?',
        '',
        '### Kafka',
        '',
        '-   How do you size partitions?',
        '-   What is a compacted topic?',
        '',
        '### Airbyte',
        '',
        '-   What is Airbyte?',
        '',
        '### Apache Flink',
        '',
        '-   What is a watermark in stream processing?',
        '',
        '### Other',
        '',
        '-   What is a deadlock?',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN questions without a category THEN each goes under the category its words point to, Other only when none does', () => {
    const markdown = toMarkdown(
      [
        approved('How do you monitor data quality in production pipelines?'),
        approved('Star schema vs snowflake schema?'),
        approved('How many consumers in one consumer group can read the same partition?'),
        approved('What is a deadlock?'),
      ],
      content,
    );
    expect(markdown.split('\n').filter((line) => line.startsWith('###'))).toEqual([
      '### Kafka',
      '### Data Modelling',
      '### Data Quality',
      '### Other',
    ]);
    expect(markdown).toContain('### Other\n\n-   What is a deadlock?\n');
  });

  it('GIVEN no approved question THEN the Markdown is empty', () => {
    expect(toMarkdown([], content)).toBe('');
  });

  it('GIVEN commas, quotes, formulas and anonymity THEN the CSV quotes, defuses and leaves credit out', () => {
    const csv = toCsv(
      [
        approved('Why "exactly once", and when?', { category: 'Kafka', votes: 3, topic: 'kafka' }),
        approved('=HYPERLINK("http://x") is this a question?', { anonymous: true, answeredAt: new Date('2026-12-01T21:00:00Z') }),
      ],
      content,
    );
    const lines = csv.split('\n');
    expect(lines[0]).toBe(
      'id,session_id,session_title,category,topic,question,votes,credit,submitted_at,approved_at,answered_at',
    );
    expect(lines[1]).toMatch(/^\d+,1,Live #97,Kafka,kafka,"Why ""exactly once"", and when\?",3,Ana,2026-12-01T20:00:00.000Z,/);
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://x"") is this a question?",0,,`);
    expect(lines[2]).toMatch(/,2026-12-01T21:00:00.000Z$/);
    expect(lines[3]).toBe('');
  });

  it('GIVEN an anonymous question THEN the JSON carries votes, session and times but no credit', () => {
    const [item] = JSON.parse(toJson([approved('What is a watermark?', { anonymous: true, votes: 2 })], content)) as Record<
      string,
      unknown
    >[];
    expect(item).toMatchObject({
      session: { id: 1, title: 'Live #97' },
      question: 'What is a watermark?',
      votes: 2,
      credit: null,
      submittedAt: '2026-12-01T20:00:00.000Z',
      approvedAt: '2026-12-01T20:05:00.000Z',
      answeredAt: null,
    });
  });
});
