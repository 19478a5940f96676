import type { Content } from '../content/content.js';
import type { Topic } from '../content/types.js';
import type { CommunityQuestion, PostsPort } from './ports.js';

const COMMUNITY = 'community:';

/** A question as the daily post shows it, from the book or from the community. */
export interface DailyQuestion {
  id: string;
  text: string;
  category: string | undefined;
  topics: Topic[];
  hints: string[];
  /** What a question that leans on the one before is about, posted with it ("About stored procedures: ..."). */
  context?: string | undefined;
  /** Set for approved community questions: who asked (null when anonymous). */
  community?: { askedBy: string | null };
}

interface PoolFilter {
  category: string | null;
  topic: string | null;
}

export function communityId(submissionId: number): string {
  return `${COMMUNITY}${submissionId}`;
}

function matchesCategory(content: Content, value: string | null, wanted: string | null): boolean {
  if (wanted === null) return true;
  if (value === null) return false;
  return content.category(value)?.id === wanted;
}

/** Ids of every question a channel's filter allows: book questions plus the tenant's approved community questions. */
export function questionPool(content: Content, community: CommunityQuestion[], filter: PoolFilter): string[] {
  const book = content.questions
    .filter((question) => filter.category === null || question.categoryId === filter.category)
    .filter((question) => filter.topic === null || question.topics.includes(filter.topic))
    .map((question) => question.id);
  const asked = community
    .filter((question) => matchesCategory(content, question.category, filter.category))
    .filter((question) => filter.topic === null || question.topic === filter.topic)
    .map((question) => communityId(question.id));
  return [...book, ...asked];
}

/** The question behind a stored id, or undefined when it no longer exists. */
export async function resolveQuestion(
  id: string,
  tenantId: number,
  content: Content,
  posts: PostsPort,
): Promise<DailyQuestion | undefined> {
  if (id.startsWith(COMMUNITY)) {
    const submission = await posts.communityQuestion(tenantId, Number(id.slice(COMMUNITY.length)));
    if (!submission) return undefined;
    const topic = submission.topic === null ? undefined : content.topic(submission.topic);
    return {
      id,
      text: submission.text,
      category: submission.category === null ? undefined : (content.category(submission.category)?.name ?? submission.category),
      topics: topic ? [topic] : [],
      hints: [],
      community: { askedBy: submission.askedBy },
    };
  }
  const question = content.question(id);
  if (!question) return undefined;
  return {
    id,
    text: question.text,
    category: question.category,
    topics: question.topics.map((topicId) => content.topic(topicId)).filter((topic): topic is Topic => topic !== undefined),
    hints: question.hints,
    context: question.context,
  };
}
