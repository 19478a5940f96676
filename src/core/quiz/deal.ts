import type { Content } from '../content/content.js';
import type { QuizItem } from '../content/types.js';
import { UserError } from '../errors.js';
import { shuffled } from '../random.js';
import { command, rich } from '../rich-text.js';
import { trimAtWord } from '../text.js';

/** The items a `/quiz` may deal: those of the topic, else of its related topics; all items without a topic. */
export function quizPool(content: Content, topicQuery: string | undefined): { items: QuizItem[]; topicTitle?: string } {
  if (topicQuery === undefined || topicQuery.trim() === '') return { items: content.quiz };
  const hit = content.index.search(topicQuery, 1)[0];
  if (!hit || !content.index.isConfident(hit)) {
    throw new UserError(
      'no-topic',
      rich(
        `No topic matches "${trimAtWord(topicQuery, 60)}". Try `,
        command('topic'),
        ' to find one, or ',
        command('quiz'),
        ' without a topic.',
      ),
    );
  }
  const own = content.quiz.filter((item) => item.topic === hit.topic.id);
  if (own.length > 0) return { items: own, topicTitle: hit.topic.title };
  const related = new Set(hit.topic.related);
  const near = content.quiz.filter((item) => related.has(item.topic));
  if (near.length === 0) {
    throw new UserError(
      'no-quiz',
      rich(`There is no quiz on ${hit.topic.title} yet. Try `, command('quiz'), ' without a topic.'),
    );
  }
  return { items: near, topicTitle: hit.topic.title };
}

/**
 * Picks an item the user has not been dealt in their current cycle; when the pool is used up, a new cycle starts.
 */
export function pickItem(
  pool: QuizItem[],
  dealt: Set<string>,
  cycle: number,
  random: () => number,
): { item: QuizItem; cycle: number; choiceOrder: string[] } {
  const fresh = pool.filter((item) => !dealt.has(item.id));
  const nextCycle = fresh.length === 0 ? cycle + 1 : cycle;
  const candidates = fresh.length === 0 ? pool : fresh;
  const item = candidates[Math.floor(random() * candidates.length)];
  if (!item) throw new UserError('no-quiz', 'There are no quiz questions yet.');
  return { item, cycle: nextCycle, choiceOrder: shuffled(item.choices, random) };
}
