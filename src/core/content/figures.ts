import type { Corpus, QuizItem } from './types.js';

interface ContentFigures {
  topics: number;
  questions: number;
  categories: number;
  questionsWithContext: number;
  glossaryTerms: number;
  quizItems: number;
  /** Quiz items whose right option is strictly the longest of its options. */
  quizRightIsLongest: number;
  episodes: number;
  episodesWithLink: number;
  /** The listed episodes that have no link, each named once ("#060"). */
  episodesWithoutLink: string[];
  links: number;
  brokenLinks: number;
  sinceNotes: number;
}

function rightIsLongest(item: QuizItem): boolean {
  return item.choices.every((choice) => choice === item.answer || choice.length < item.answer.length);
}

/** Counts that say how complete the content is, for `cli content --validate`. */
export function contentFigures(corpus: Corpus): ContentFigures {
  const episodes = corpus.topics.flatMap((topic) => topic.episodes);
  const links = corpus.topics.flatMap((topic) => topic.links);
  return {
    topics: corpus.topics.length,
    questions: corpus.questions.length,
    categories: corpus.categories.length,
    questionsWithContext: corpus.questions.filter((question) => question.context !== undefined).length,
    glossaryTerms: corpus.glossary?.length ?? 0,
    quizItems: corpus.quiz.length,
    quizRightIsLongest: corpus.quiz.filter(rightIsLongest).length,
    episodes: episodes.length,
    episodesWithLink: episodes.filter((episode) => episode.url !== undefined).length,
    episodesWithoutLink: [...new Set(episodes.filter((episode) => episode.url === undefined).map(episodeName))].sort(),
    links: links.length,
    brokenLinks: links.filter((link) => link.broken).length,
    sinceNotes: corpus.topics.reduce((sum, topic) => sum + topic.since.length, 0),
  };
}

function episodeName(episode: Corpus['topics'][number]['episodes'][number]): string {
  return episode.number === undefined ? episode.title : `#${String(episode.number).padStart(3, '0')}`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`;
}

function withoutLink(names: string[]): string {
  return names.length === 0 ? '' : `; the book gives no link for ${names.join(', ')}`;
}

export function describeFigures(figures: ContentFigures): string {
  return [
    `Content is valid: ${figures.topics} topics, ${figures.questions} questions in ${figures.categories} categories, ${figures.quizItems} quiz items, ${figures.glossaryTerms} glossary terms.`,
    `Glossary: ${figures.glossaryTerms} terms (not from the Cookbook).`,
    `Quiz: ${figures.quizItems} items; the right option is strictly the longest in ${figures.quizRightIsLongest} (${percent(figures.quizRightIsLongest, figures.quizItems)}).`,
    `Episodes: ${figures.episodesWithLink} of ${figures.episodes} listed have a link (${percent(figures.episodesWithLink, figures.episodes)})${withoutLink(figures.episodesWithoutLink)}.`,
    `Links: ${figures.links}, ${figures.brokenLinks} marked broken by the book (shown without a link).`,
    `Questions posted with their context: ${figures.questionsWithContext}. Since-this-edition notes: ${figures.sinceNotes}.`,
  ].join('\n');
}
