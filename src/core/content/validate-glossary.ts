import { lookupKey } from './normalize.js';
import type { Corpus, GlossaryTerm } from './types.js';

/**
 * Checks glossary terms against the book's corpus: ids unique across topics and terms, links to existing topics
 * and questions, and no name a book topic already answers to (the book wins where it covers a term).
 */
export function checkGlossary(terms: (GlossaryTerm & { file: string })[], corpus: Corpus, problems: string[]): GlossaryTerm[] {
  const topicIds = new Set(corpus.topics.map((topic) => topic.id));
  const questionIds = new Set(corpus.questions.map((question) => question.id));
  const bookNames = new Map<string, string>();
  for (const topic of corpus.topics) {
    for (const name of [topic.id.replaceAll('-', ' '), topic.title, ...topic.aliases]) bookNames.set(lookupKey(name), topic.id);
  }
  const ids = new Set<string>();
  const names = new Map<string, string>();
  for (const term of terms) {
    const where = `${term.file}: term "${term.id}"`;
    if (topicIds.has(term.id) || ids.has(term.id)) problems.push(`${where} has an id that is already used`);
    ids.add(term.id);
    for (const name of [term.id.replaceAll('-', ' '), term.term, ...term.aliases]) {
      const key = lookupKey(name);
      const topic = bookNames.get(key);
      if (topic) problems.push(`${where}: "${name}" is already a name of book topic "${topic}"`);
      const other = names.get(key);
      if (other && other !== term.id) problems.push(`${where}: "${name}" is already a name of term "${other}"`);
      names.set(key, term.id);
    }
    term.topics.forEach((id, i) => {
      if (!topicIds.has(id)) problems.push(`${where}: topics.${i} names unknown topic "${id}"`);
    });
    term.questions.forEach((id, i) => {
      if (!questionIds.has(id)) problems.push(`${where}: questions.${i} names unknown question "${id}"`);
    });
  }
  return terms.map(({ file: _file, ...term }) => term);
}
