import type { Content } from '../content/content.js';
import type { Question } from '../content/types.js';
import { UserError } from '../errors.js';
import { command, type RichText, rich } from '../rich-text.js';
import { trimAtWord } from '../text.js';

/** What a viewer reads when the book already asks their question: its wording, its category and where to read up. */
export function bookRefusal(question: Question): RichText {
  const wording = `"${trimAtWord(question.text, 150)}"`;
  const topic = question.topics[0];
  const readMore = topic ? rich(' Read up on it with ', command(`topic ${topic}`, 'code'), '.') : rich();
  return rich(
    `The book already has this question under ${question.category}: ${wording}. Nothing was added; ask one the book does not cover yet.`,
    readMore,
  );
}

/** The private reason a moderator's "in the book" rejection sends: which book question it repeats (plain text). */
export function bookRejectionReason(questionId: string, content: Content): string {
  const question = content.question(questionId);
  if (!question) throw new UserError('book-unknown', 'There is no book question with that id.');
  return `The book already has this question under ${question.category}: "${trimAtWord(question.text, 150)}".`;
}
