import { describe, expect, it } from 'vitest';
import { lookupKey, stem } from '../../src/core/content/normalize.js';
import { parseQuery } from '../../src/core/lookup/query.js';

describe('how learners phrase a lookup', () => {
  it.each([
    ['what is spark', ['spark']],
    ["What's a data lake?", ['data lake']],
    ['how does kafka work?', ['kafka']],
    ['explain the CAP theorem', ['cap theorem']],
    ['what does idempotent mean', ['idempotent']],
    ['tell me about star schemas', ['star schemas']],
  ])('GIVEN "%s" THEN the subject is %j', (query, subjects) => {
    expect(parseQuery(query).subjects).toEqual(subjects);
  });

  it.each([
    ['kafka vs rabbitmq', ['kafka', 'rabbitmq']],
    ['Parquet versus Avro', ['parquet', 'avro']],
    ['difference between ETL and ELT', ['etl', 'elt']],
    ['What is the difference between a data lake and a data warehouse?', ['data lake', 'data warehouse']],
    ['compare spark with flink', ['spark', 'flink']],
  ])('GIVEN the comparison "%s" THEN both sides are subjects', (query, subjects) => {
    expect(parseQuery(query).subjects).toEqual(subjects);
  });

  it('GIVEN "the 4 vs of big data" THEN it is not read as a comparison', () => {
    expect(parseQuery('the 4 vs of big data').subjects).toHaveLength(1);
  });

  it('GIVEN plurals THEN names compare in the singular', () => {
    expect(stem('topics')).toBe('topic');
    expect(stem('queries')).toBe('query');
    expect(stem('indexes')).toBe('index');
    expect(stem('kafka')).toBe('kafka');
    expect(stem('class')).toBe('class');
    expect(lookupKey('Data Lakes')).toBe(lookupKey('data lake'));
  });
});
