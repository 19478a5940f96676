import { buildGlossaryIndex, buildTopicIndex, type GlossaryIndex, type TopicIndex } from './search.js';
import type { Category, Corpus, GlossaryTerm, Question, QuizItem, Topic } from './types.js';

/** The validated corpus with its lookups and search index, built once at start-up. */
export interface Content extends Corpus {
  topic(id: string): Topic | undefined;
  question(id: string): Question | undefined;
  category(idOrName: string): Category | undefined;
  quizItem(id: string): QuizItem | undefined;
  term(id: string): GlossaryTerm | undefined;
  glossary: GlossaryTerm[];
  index: TopicIndex;
  glossaryIndex: GlossaryIndex;
}

export function buildContent(corpus: Corpus): Content {
  const topics = new Map(corpus.topics.map((topic) => [topic.id, topic]));
  const questions = new Map(corpus.questions.map((question) => [question.id, question]));
  const quiz = new Map(corpus.quiz.map((item) => [item.id, item]));
  const glossary = corpus.glossary ?? [];
  const terms = new Map(glossary.map((term) => [term.id, term]));
  const categories = new Map<string, Category>();
  for (const category of corpus.categories) {
    categories.set(category.id, category);
    categories.set(category.name.toLowerCase(), category);
  }
  return {
    ...corpus,
    topic: (id) => topics.get(id),
    question: (id) => questions.get(id),
    category: (idOrName) => categories.get(idOrName) ?? categories.get(idOrName.toLowerCase()),
    quizItem: (id) => quiz.get(id),
    term: (id) => terms.get(id),
    glossary,
    index: buildTopicIndex(corpus.topics),
    glossaryIndex: buildGlossaryIndex(glossary),
  };
}
