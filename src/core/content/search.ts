import type { Topic } from './types.js';

export interface TopicHit {
  topic: Topic;
  score: number;
}

export interface TopicIndex {
  /** Topics ranked best first. */
  search(query: string, limit?: number): TopicHit[];
}

/** First version: exact id, alias or title, then prefix matches. */
export function buildTopicIndex(topics: Topic[]): TopicIndex {
  const keyed = topics.map((topic) => ({
    topic,
    keys: [topic.id, topic.title, ...topic.aliases].map((key) => key.toLowerCase()),
  }));
  return {
    search(query, limit = 10) {
      const q = query.trim().toLowerCase();
      if (q === '') return [];
      return keyed
        .map(({ topic, keys }) => ({
          topic,
          score: keys.includes(q) ? 3 : keys.some((key) => key.startsWith(q)) ? 2 : keys.some((key) => key.includes(q)) ? 1 : 0,
        }))
        .filter((hit) => hit.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    },
  };
}
