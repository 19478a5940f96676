import type { QuizItem, TopicFrontMatter } from './schema.js';

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
}

export type { QuizItem };
