import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/core/content/load.js';
import { editDistance } from '../../src/core/content/normalize.js';
import {
  compareTexts,
  compareWords,
  contentWords,
  contextWords,
  isNearDuplicate,
  matchingKey,
} from '../../src/core/stream/similarity.js';
import { PROJECT_ROOT } from '../support/app.js';

/** [new question, earlier question, category of the earlier one] that ask the same thing. */
const SAME_QUESTION: [string, string, string?][] = [
  ['what is a topic', 'What is a topic?'],
  ['WHAT IS A CONSUMER GROUP??', 'What are consumer groups?'],
  ['What is a topic in Kafka?', 'What is a topic?', 'Kafka'],
  ['Whats the difference between Spark and Flink', 'Flink vs Spark?'],
  ['Spark vs Flink', 'Flink vs Spark?'],
  ['What is the purpose of Flink?', 'What is Flink used for?'],
  [
    'How can you know if all the messages in a topic were consumed?',
    'How do you know if all messages in a topic have been fully consumed?',
  ],
  ['Whats the difference between a namenode and a datanode', 'What is the difference between a name node and a datanode?'],
  ['What is a watermrk in stream procesing?', 'What is a watermark in stream processing?'],
  ['What is a wtaermark in stream processing', 'What is a watermark in stream processing?'],
  ['Processing streams: what is a watermark?', 'What is a watermark in stream processing?'],
  ['Explain ACID properties of a database', 'Explain ACID props of a database'],
  ["What are the four V's?", "What are the 4 V's?"],
  ['Explain what a surrogate key is and why we use them', 'What is a surrogate key and why use them?'],
  ['What are the different JOIN types (CROSS, INNER, OUTER)?', 'What are the different types of JOIN (CROSS, INNER, OUTER)?'],
  ['Can you explain what idempotency is?', 'What is idempotency?'],
  ['What is the difference between IaaS, SaaS and PaaS', 'What is the difference between IaaS, PaaS and SaaS?'],
];

/** Pairs that look alike but ask different things. */
const DIFFERENT_QUESTIONS: [string, string, string?][] = [
  ['What is a topic?', 'What is a producer?'],
  ['How does Spark handle late data?', 'How does Spark handle late data in streaming?'],
  ['What is the difference between a data lake and a data warehouse?', 'Are there data lake warehouses?'],
  ['What is Airflow and what is a DAG?', 'What is a DAG?'],
  ['How do consumer groups rebalance when a consumer crashes?', 'What are consumer groups?'],
  ['Parquet or Avro for a data lake?', 'Difference between Parquet and Avro'],
  ['What is serverless?', 'What is an example of a serverless pipeline?'],
  ['What is continuous integration?', 'What is continuous deployment?'],
  ['What is a data lake?', 'What is a data warehouse?', 'Data Warehouse & Data Lake'],
  ['What is a data lake?', 'Are there data lake warehouses?', 'Data Warehouse & Data Lake'],
  ['Difference between Parquet and Avro', 'Difference between Parquet and ORC'],
  ['How does Spark handle late data in streaming?', 'How does Flink handle late data in streaming?'],
  ['What is Spark Streaming?', 'What is Spark Structured Streaming?'],
  ['What is a watermark in stream processing?', 'What is stream processing?'],
  [
    'How would you design a pipeline that ingests tweets into Kafka and stores them in HDFS?',
    'How would you design a pipeline that ingests tweets into Kafka and stores them in MongoDB?',
  ],
  ['What is the difference between lambda and kappa architecture?', 'What is lambda architecture?'],
  ['What are brokers?', 'What are branches?'],
  ['How to branch?', 'What are branches?'],
  ['What is a container?', 'What is a combiner?'],
  ['What is a dataframe?', 'What is a dataset?'],
  ['What is a batch?', 'What is a patch?'],
  ['Why would you use them?', 'Why would you use Kafka?'],
  ['What is the upside of streaming vs batching?', 'What is the downside of streaming vs batching?'],
  ['How to ensure FIFO', 'How to ensure exactly-once delivery'],
  ['What is a topic in Flink?', 'What is a topic?', 'Kafka'],
  ['What is streaming and batching?', 'Difference between batch and stream processing'],
  ['What is Kafka?', 'What is not Kafka?'],
  ['What is a fact table?', 'What is a dimension table?'],
  ['What is a star schema?', 'What is a snowflake schema?'],
  ['What is an inner join?', 'What is an outer join?'],
];

describe('near-duplicate matching', () => {
  it.each(SAME_QUESTION)('GIVEN "%s" and "%s" THEN they are the same question', (a, b, category) => {
    expect(isNearDuplicate(a, b, category)).toBe(true);
  });

  it.each(SAME_QUESTION)('GIVEN "%s" and "%s" in the other order THEN still the same question', (a, b) => {
    expect(isNearDuplicate(b, a)).toBe(isNearDuplicate(a, b));
  });

  it.each(DIFFERENT_QUESTIONS)('GIVEN "%s" and "%s" THEN they are different questions', (a, b, category) => {
    expect(isNearDuplicate(a, b, category)).toBe(false);
    expect(isNearDuplicate(b, a, category)).toBe(false);
  });

  it("GIVEN the book's 96 questions THEN none is taken for a duplicate of another", () => {
    const { questions } = loadCorpus(resolve(PROJECT_ROOT, 'content'));
    const pairs: string[] = [];
    for (const a of questions) {
      for (const b of questions) {
        if (a !== b && isNearDuplicate(a.text, b.text, b.category)) pairs.push(`${a.text} | ${b.text}`);
      }
    }
    expect(pairs).toEqual([]);
  });

  it('GIVEN a question made only of filler words THEN it still matches itself and nothing else', () => {
    expect(contentWords('What is it?')).toEqual(['what', 'is', 'it']);
    expect(isNearDuplicate('what is it', 'What is it?')).toBe(true);
    expect(isNearDuplicate('What is it?', 'What is a topic?')).toBe(false);
  });

  it('GIVEN the stored key of a question THEN comparing keys gives the same verdict as comparing texts', () => {
    const key = matchingKey('How do you know if all messages in a topic have been fully consumed?');
    expect(
      compareWords(key.split(' '), contentWords('how can I know whether all messages of a topic were consumed')).duplicate,
    ).toBe(true);
  });

  it('GIVEN questions that share most words but not all THEN they are close, not the same', () => {
    expect(compareTexts('How does Spark handle late data in streaming?', 'How does Spark handle late data?').verdict).toBe(
      'close',
    );
    expect(
      compareTexts('What is the difference between a data lake and a data warehouse?', 'Are there data lake warehouses?').verdict,
    ).toBe('close');
    expect(compareTexts('What is a topic?', 'What is a producer?').verdict).toBe('different');
  });

  it('GIVEN a comparison asked in other words THEN it is the same comparison, and a comparison is not a definition', () => {
    expect(isNearDuplicate('Should we use Dagster or Airflow?', 'Airflow vs Dagster?')).toBe(true);
    expect(isNearDuplicate('When would you pick RabbitMQ over Kafka?', "What's the difference between Kafka and RabbitMQ")).toBe(
      true,
    );
    expect(isNearDuplicate('What is the difference between a DataFrame and a Dataset?', 'What is a dataframe?')).toBe(false);
  });

  it('GIVEN a category naming many things THEN none of its words may be left out', () => {
    expect(contextWords('Apache Flink')).toEqual(['flink']);
    expect(contextWords('Data Warehouse & Data Lake')).toEqual([]);
  });

  it('GIVEN two words THEN the edit distance counts a swap of neighbours as one and stops past the limit', () => {
    expect(editDistance('watermark', 'wtaermark', 2)).toBe(1);
    expect(editDistance('kafka', 'kafka', 1)).toBe(0);
    expect(editDistance('container', 'combiner', 2)).toBe(3);
  });
});
