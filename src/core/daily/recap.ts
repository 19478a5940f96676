import { keepCommunityAnswers } from '../community/keep.js';
import { withCommunityNote } from '../community/recap-note.js';
import type { Deps } from '../deps.js';
import { bold, command, lines, link, type RichPart, type RichText, rich } from '../rich-text.js';
import type { Routed } from '../routed.js';
import { boardQuery, rankBoard } from '../scores/leaderboard.js';
import { plural, trimAtWord } from '../text.js';
import type { Message, View } from '../view.js';
import { shortQuestion } from './answers.js';
import { milestoneLines } from './milestones.js';
import type { PostRecord } from './ports.js';
import { quoteOf, withContext } from './post-view.js';
import { type DailyQuestion, resolveQuestion } from './questions.js';

/** How many answers a recap quotes at most (best and most upvoted first). */
const RECAP_QUOTES = 3;

/** Closes every question whose answer window has ended and hands over its one recap, in the question's thread. */
export async function closeDuePosts(now: Date, deps: Deps): Promise<Routed[]> {
  const routed: Routed[] = [];
  for (const post of await deps.store.daily.posts.dueToClose(now)) {
    try {
      const recap = await recapView(post, now, deps);
      // Closing and keeping the answers for the community answer happen together or not at all.
      const closed = await deps.store.daily.atomically(async () =>
        (await deps.store.daily.posts.close(post.id, now)) ? { kept: await keepCommunityAnswers(post, now, deps) } : undefined,
      );
      if (!closed) continue;
      const view = withCommunityNote(recap, closed.kept);
      const messages: Message[] = [
        { kind: 'thread', channel: post.channel, parent: { entity: 'daily_post', id: post.id }, view },
      ];
      for (const message of messages) routed.push({ platform: post.platform, tenant: post.tenant, message });
    } catch (error) {
      deps.log.error({ err: error, postId: post.id }, 'closing the daily question failed');
    }
  }
  return routed;
}

async function recapView(post: PostRecord, now: Date, deps: Deps): Promise<View> {
  const question = post.questionId
    ? await resolveQuestion(post.questionId, post.tenantId, deps.content, deps.store.daily.posts)
    : undefined;
  const answers = await deps.store.daily.answers.ofPost(post.id);
  const parts: RichPart[] = [];
  parts.push(
    answers.length === 0
      ? 'Nobody answered this one. The next question is a fresh chance.'
      : rich(bold(plural(answers.length, 'person', 'people')), ' answered.'),
  );
  const best = answers.filter((answer) => answer.best).slice(0, 3);
  for (const answer of best) {
    parts.push('', rich(bold('Best answer'), ' by ', bold(answer.authorName), ':', quoteOf(answer.text)));
  }
  const topVotes = Math.max(0, ...answers.map((answer) => answer.votes));
  const upvoted = answers.filter((answer) => answer.votes === topVotes && topVotes > 0 && !answer.best).slice(0, 2);
  for (const answer of upvoted) {
    parts.push(
      '',
      rich(bold('Most upvoted'), ` (${plural(answer.votes, 'vote')}) by `, bold(answer.authorName), ':', quoteOf(answer.text)),
    );
  }
  const shown = new Set([...best, ...upvoted].map((answer) => answer.id));
  const others = answers.filter((answer) => !shown.has(answer.id)).slice(0, Math.max(0, RECAP_QUOTES - shown.size));
  for (const answer of others) parts.push('', rich(bold(answer.authorName), ' answered:', quoteOf(answer.text)));
  const unquoted = answers.length - shown.size - others.length;
  if (unquoted > 0) parts.push('', `${plural(unquoted, 'more answer is', 'more answers are')} in the thread.`);
  parts.push(...(await lateBestLines(post, deps)));
  parts.push(...(await milestoneLines(post, answers, deps)));
  const reading = question ? readingLines(question) : [];
  if (reading.length > 0) parts.push('', ...reading);
  const top = await weeklyTop(post, now, deps);
  if (top) parts.push('', top);
  return {
    title: trimAtWord(`Recap: ${question ? withContext(question) : 'the daily question'}`, 256),
    text: lines(parts),
    tone: 'success',
    ephemeral: false,
  };
}

/** Answers to earlier questions marked best after their own recap, since the channel's previous recap. */
async function lateBestLines(post: PostRecord, deps: Deps): Promise<RichPart[]> {
  const previous = (await deps.store.daily.posts.recent(post.channelId, 14))
    .filter((other) => other.id !== post.id && other.closedAt !== null)
    .map((other) => other.closedAt?.getTime() ?? 0);
  const since = new Date(Math.max(0, ...previous));
  const found: RichPart[] = [];
  for (const answer of (await deps.store.daily.answers.bestAfterRecap(post.channelId, since)).slice(0, 3)) {
    const earlier = await deps.store.daily.posts.byId(answer.postId);
    if (!earlier || earlier.id === post.id) continue;
    found.push(
      '',
      rich(
        bold('Marked best since the last recap'),
        ` (${await shortQuestion(earlier, deps)}) by `,
        bold(answer.authorName),
        ':',
        quoteOf(answer.text),
      ),
    );
  }
  return found;
}

function readingLines(question: DailyQuestion): RichPart[] {
  const topic = question.topics[0];
  if (!topic) return [];
  const reading: RichPart[] = [
    rich(
      bold('Read next'),
      `: ${topic.title}, §${topic.sections[0] ?? ''} of the Cookbook (`,
      command(`topic ${topic.id}`, 'code'),
      ').',
    ),
  ];
  const episode = topic.episodes[0];
  if (episode) {
    const name = `${episode.number ? `#${episode.number} ` : ''}${episode.title}`;
    reading.push(rich(bold('Podcast'), ': ', episode.url ? link(episode.url, name) : name));
  }
  for (const note of topic.since) {
    reading.push(rich(bold('Since this edition'), ` (${note.date}): ${note.note} (`, link(note.source, 'source'), ')'));
  }
  return reading;
}

/** The top three of the channel's own board this week: points earned elsewhere (e.g. a live stream) do not count. */
async function weeklyTop(post: PostRecord, now: Date, deps: Deps): Promise<RichText | undefined> {
  const zone = (await deps.store.daily.schedules.ofChannel(post.channelId))?.timezone ?? 'UTC';
  const query = boardQuery(post.tenantId, 'channel', 'week', now, zone, post.channelId);
  const rows = rankBoard(await deps.store.scoreQueries.board(query)).slice(0, 3);
  if (rows.length === 0) return undefined;
  const entries = rows.map((row) => `${row.rank}. ${row.name} (${plural(row.points, 'point')})`);
  return rich(bold("This week's top"), `: ${entries.join(' · ')}`);
}
