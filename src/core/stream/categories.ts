import type { Content } from '../content/content.js';
import { readWords } from './question-words.js';

/**
 * The interview categories a community question can be filed under: the book's own (by their names in the
 * content) and a few the book lacks, each recognised by words and phrases a question about it uses. Written for
 * questions asked on streams; a question matching none, or two equally, gets no category.
 */
const CATEGORY_TERMS: Record<string, string[]> = {
  Airflow: ['airflow', 'dag', 'dagster', 'prefect', 'luigi', 'airflow operator', 'airflow hook'],
  'Apache Flink': ['flink'],
  'Apache Spark': ['spark', 'pyspark', 'rdd', 'dataframe', 'spark sql', 'shuffle', 'broadcast join', 'executor'],
  'APIs (REST)': ['rest api', 'restful', 'rest', 'api'],
  'Big Data': ['big data', '4 v'],
  Coding: ['oop', 'object oriented', 'functional programming', 'linked list', 'immutability', 'class object'],
  'Data Pipelines': ['pipeline', 'etl', 'elt', 'cdc', 'debezium', 'idempotent', 'dbt', 'orchestration'],
  DataVisualization: ['bi tool', 'bi', 'dashboard', 'tableau', 'power bi', 'visualization', 'visualisation'],
  'Data Warehouse & Data Lake': [
    'data lake',
    'data warehouse',
    'lakehouse',
    'data mart',
    'delta lake',
    'iceberg',
    'hudi',
    'snowflake warehouse',
  ],
  'Dev/Ops': ['ci', 'cd', 'continuous integration', 'continuous deployment', 'devops', 'terraform'],
  'Development / Agile': ['scrum', 'agile', 'kanban', 'okr', 'jira', 'sprint'],
  'Distributed Systems': ['cap theorem', 'consensus', 'paxos', 'raft', 'distributed system'],
  'Docker & Kubernetes': ['docker', 'kubernetes', 'container', 'pod', 'docker compose', 'vm'],
  GitHub: ['github', 'pull request', 'branch', 'commit'],
  Hadoop: ['hadoop', 'hdfs', 'yarn', 'namenode', 'datanode', 'name node'],
  Kafka: ['kafka', 'consumer group', 'kafka broker', 'kafka topic'],
  'Lambda Architecture': ['lambda architecture', 'kappa', 'lambda kappa'],
  Linux: ['linux', 'crontab', 'cron', 'bash', 'shell script'],
  MapReduce: ['mapreduce', 'map reduce', 'combiner', 'mapper', 'reducer', 'wordcount'],
  'NoSQL DBs': [
    'nosql',
    'document store',
    'columnstore',
    'column store',
    'keyvalue',
    'mongodb',
    'cassandra',
    'hbase',
    'redshift',
  ],
  Python: ['python', 'pandas', 'kwargs', 'tuple', 'dictionary'],
  'Security/Privacy': ['security', 'privacy', 'gdpr', 'kerberos', 'pii', 'anonymization', 'encryption', 'firewall', 'secure'],
  'SQL DBs': ['sql', 'join type', 'index', 'stored procedure', 'acid', 'window function', 'postgres', 'mysql', 'query'],
  'The Cloud': ['cloud', 'aws', 'azure', 'gcp', 's3', 'serverless', 'iaas', 'paas', 'saas', 'edge computing'],
  'Data Modelling': [
    'star schema',
    'snowflake schema',
    'data vault',
    'fact table',
    'dimension table',
    'scd',
    'surrogate key',
    'normalization',
    'data model',
    'oltp',
    'olap',
  ],
  'Data Quality': ['data quality', 'data contract', 'validate', 'validation', 'great expectations', 'anomaly', 'unit test'],
  'Stream Processing': ['stream', 'watermark', 'late', 'backpressure', 'event time', 'exactlyonce'],
  'File Formats': ['parquet', 'avro', 'orc', 'csv', 'file format', 'schema evolution'],
  'Message Queues': ['rabbitmq', 'activemq', 'message queue', 'queue', 'pub sub'],
};

/** Categories the book does not have, in the order an export lists them after the book's. */
export const ADDED_CATEGORIES = ['Data Modelling', 'Data Quality', 'Stream Processing', 'File Formats', 'Message Queues'];

interface Term {
  category: string;
  words: string[];
}

let terms: Term[] | undefined;

function allTerms(): Term[] {
  terms ??= Object.entries(CATEGORY_TERMS).flatMap(([category, phrases]) =>
    phrases.map((phrase) => ({ category, words: readWords(phrase).words })),
  );
  return terms;
}

/**
 * The category a question most clearly belongs to: each term found in it scores its length in words; the highest
 * score wins, a tie means no category. Book categories come back spelled as the book spells them.
 */
export function suggestCategory(text: string, content: Content): string | undefined {
  const words = new Set(readWords(text).words);
  const scores = new Map<string, number>();
  for (const term of allTerms()) {
    if (term.words.length > 0 && term.words.every((word) => words.has(word))) {
      scores.set(term.category, (scores.get(term.category) ?? 0) + term.words.length);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || (second && second[1] === first[1])) return undefined;
  return content.category(first[0])?.name ?? first[0];
}
