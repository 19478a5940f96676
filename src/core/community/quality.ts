import type { DailyQuestion } from '../daily/questions.js';

/** Shorter answers are never picked automatically. */
export const MIN_AUTO_PICK_LENGTH = 40;

/** Votes an answer needs to become the group's pick. */
export const MIN_GROUP_VOTES = 2;

const STOPWORDS = new Set(
  'the and for are but not you your with what why how when which who does did can could would should this that these those from into have has had was were will its their there them then than also about between difference explain'.split(
    ' ',
  ),
);

function stem(word: string): string {
  return word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word;
}

/** Lowercase words of three letters or more, without the most common English ones, plural "s" dropped. */
function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => word.length >= 3 && !STOPWORDS.has(word)).map(stem));
}

/** The words that tie an answer to the question: its topics' titles, ids and aliases, and the question's own words. */
function topicWords(question: DailyQuestion): Set<string> {
  const sources = [question.text, ...question.topics.flatMap((topic) => [topic.title, topic.id, ...topic.aliases])];
  return contentWords(sources.join(' '));
}

/** Whether an answer may be picked without a moderator: long enough and on the question's topic. */
export function passesQualityGate(answer: string, question: DailyQuestion | undefined): boolean {
  if (answer.trim().length < MIN_AUTO_PICK_LENGTH) return false;
  if (!question) return false;
  const wanted = topicWords(question);
  for (const word of contentWords(answer)) if (wanted.has(word)) return true;
  return false;
}
