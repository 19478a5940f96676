import type { GlossaryTermFile, QuizItem, TopicFrontMatter } from './schema.js';

export interface Topic extends TopicFrontMatter {
  summary: string;
  words: number;
  /** Interview questions tied to this topic, derived from the question files. */
  questionIds: string[];
}

export interface Question {
  id: string;
  text: string;
  topics: string[];
  source: string;
  hints: string[];
  category: string;
  categoryId: string;
  /** Set when the question leans on the one before it: what it is about. */
  context?: string | undefined;
}

/** A glossary entry: the project's own definition of a term, beside the book (not from it). */
export interface GlossaryTerm extends GlossaryTermFile {
  /** The glossary file's area, such as "Streaming". */
  area: string;
}

export interface Category {
  id: string;
  name: string;
  topics: string[];
  questionIds: string[];
}

export interface Corpus {
  topics: Topic[];
  categories: Category[];
  questions: Question[];
  quiz: QuizItem[];
  /** Absent in corpora built without a glossary folder. */
  glossary?: GlossaryTerm[];
}

export type { QuizItem };
