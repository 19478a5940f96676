import { formatCommandLine } from '../command-kit/command-line.js';
import { quoteOf } from '../daily/post-view.js';
import type { Deps } from '../deps.js';
import { hasRole, type Invocation } from '../invocation.js';
import { bold, command, lines, link, list, type RichPart, type RichText, rich } from '../rich-text.js';
import { plural, trimAtWord } from '../text.js';
import type { Action, View, ViewField } from '../view.js';
import { BOOK_ANSWERS_SOURCE, bookAnswerOf } from './book-answers.js';
import { type CatalogQuestion, findQuestion } from './catalog.js';
import type { CandidateRecord } from './ports.js';
import { creditName, reasonLabel, standingAnswer } from './standing.js';

const ANSWER_SHOWN = 1500;
const CANDIDATES_SHOWN = 5;

const day = (date: Date) => date.toISOString().slice(0, 10);

function pointerFields(question: CatalogQuestion): ViewField[] {
  const fields: ViewField[] = [];
  if (question.category) fields.push({ name: 'Category', value: rich(question.category), inline: true });
  const topics = question.topics.map((topic) =>
    rich(`${topic.title}, §${topic.sections[0] ?? ''} (`, command(`topic ${topic.id}`, 'code'), ')'),
  );
  if (topics.length > 0) fields.push({ name: 'Read in the Cookbook', value: lines(topics) });
  const episodes = [
    ...new Map(question.topics.flatMap((topic) => topic.episodes).map((episode) => [episode.title, episode])).values(),
  ].slice(0, 3);
  if (episodes.length > 0) {
    const names = episodes.map((episode) => {
      const name = `${episode.number ? `#${episode.number} ` : ''}${episode.title}`;
      return episode.url ? link(episode.url, name) : name;
    });
    fields.push({ name: 'Podcast', value: lines(names) });
  }
  const book = bookAnswerOf(question.id);
  if (book) {
    fields.push({
      name: 'Current edition',
      value: rich(
        'The Cookbook already answers this: ',
        link(BOOK_ANSWERS_SOURCE, `${book.heading}, question ${book.item}`),
        '.',
      ),
    });
  }
  return fields;
}

function candidateLine(candidate: CandidateRecord): RichText {
  const first = trimAtWord(candidate.text.replace(/\s+/g, ' '), 120);
  return rich(
    `#${candidate.id} · ${plural(candidate.votes, 'vote')} · ${day(candidate.keptAt)} · ${creditName(candidate)}${candidate.markedBest ? ' · marked best' : ''}: ${first}`,
  );
}

/** `/questions show`: the question, its community answer, the book's pointers and, for moderators, the other candidates. */
export async function showQuestion(invocation: Invocation, deps: Deps, typed: string): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const question = await findQuestion(deps, seen.tenantId, typed);
  const candidates = await deps.store.community.ofQuestion(seen.tenantId, question.id);
  const standing = standingAnswer(candidates, question);
  const parts: RichPart[] = [bold(question.text), ''];
  if (standing) {
    const { answer } = standing;
    parts.push(
      rich(bold('Community answer'), ` (${reasonLabel(standing)}) by ${creditName(answer)}, ${day(answer.keptAt)}:`),
      quoteOf(answer.text, ANSWER_SHOWN),
    );
  } else {
    parts.push(
      candidates.length === 0
        ? 'No community answer yet: answer it when it comes up as the daily question.'
        : `No community answer yet: ${plural(candidates.length, 'answer')} kept, none picked.`,
    );
  }
  const fields = pointerFields(question);
  const actions: Action[] = [];
  if (hasRole(invocation.user, 'moderator')) {
    const others = candidates.filter((c) => c.id !== standing?.answer.id).reverse();
    if (others.length > 0) {
      fields.push({ name: 'Other candidates', value: rich(list(others.slice(0, CANDIDATES_SHOWN).map(candidateLine))) });
      for (const other of others.slice(0, CANDIDATES_SHOWN)) {
        actions.push({
          type: 'button',
          id: formatCommandLine(['questions', 'pick'], { answer: other.id }),
          label: `Let #${other.id} stand`,
          style: 'secondary',
        });
      }
    }
  }
  return {
    title: trimAtWord(`Question #${question.ref}`, 256),
    text: lines(parts),
    fields,
    ...(actions.length > 0 ? { actions } : {}),
    footer: question.community
      ? 'A question from a live stream of this community.'
      : 'From The Data Engineering Cookbook by Andreas Kretz (Apache-2.0).',
    ephemeral: true,
  };
}
