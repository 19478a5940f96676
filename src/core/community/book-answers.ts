/** Where the Cookbook's current edition already answers a question: its `### heading` and item number. */
interface BookAnswer {
  heading: string;
  item: number;
  /** The current edition's wording of the question. */
  question: string;
}

const SOURCE = 'https://github.com/andkret/Cookbook/blob/master/sections/08-InterviewQuestions.md';

export const BOOK_ANSWERS_SOURCE = SOURCE;

/**
 * Our questions (v2.2 wording) that the current edition of the Cookbook answers in 08-InterviewQuestions.md,
 * so an export can warn against sending a duplicate. Matched by meaning, item by item, against that file.
 */
const ANSWERED: Record<string, BookAnswer> = {
  'apis-rest-what-does-rest-mean': { heading: 'APIs', item: 3, question: 'What is REST and how does it differ from SOAP?' },
  'apis-rest-idempotency': { heading: 'APIs', item: 9, question: 'Explain the concept of idempotency in RESTful APIs.' },
  'apache-spark-batch-vs-stream': {
    heading: 'Python',
    item: 8,
    question: 'What is the difference between batch processing and stream processing?',
  },
  'lambda-architecture-streaming-and-batching': {
    heading: 'Python',
    item: 8,
    question: 'What is the difference between batch processing and stream processing?',
  },
  'sql-dbs-optimize-queries': {
    heading: 'Python',
    item: 3,
    question: 'Explain how you would optimize a slow-running SQL query within a Python ETL pipeline.',
  },
};

export function bookAnswerOf(questionId: string): BookAnswer | undefined {
  return ANSWERED[questionId];
}

export function bookAnsweredIds(): string[] {
  return Object.keys(ANSWERED);
}
