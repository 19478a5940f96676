import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { QuizItem } from './schema.js';
import { glossaryFileSchema, questionCategorySchema, quizFileSchema, topicFrontMatterSchema } from './schema.js';
import type { Category, Corpus, Question, Topic } from './types.js';
import { checkGlossary } from './validate-glossary.js';

export class ContentError extends Error {
  override readonly name = 'ContentError';
  constructor(readonly problems: string[]) {
    super(`The content has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Reads and validates content/; throws a ContentError listing every problem with its file and field. */
export function loadCorpus(root: string): Corpus {
  const problems: string[] = [];
  const topics = readFolder(root, 'topics', '.md', problems, (file, raw) => {
    const topic = parseTopic(file, raw, problems);
    return topic ? [{ ...topic, file }] : [];
  });
  const categories = readFolder(root, 'questions', '.yaml', problems, (file, raw) => {
    const category = parseWith(file, parseYamlFile(file, raw, problems), questionCategorySchema, problems);
    return category ? [{ ...category, file }] : [];
  });
  const quiz = readFolder(root, 'quiz', '.yaml', problems, (file, raw) => {
    const quizFile = parseWith(file, parseYamlFile(file, raw, problems), quizFileSchema, problems);
    return (quizFile?.items ?? []).map((item) => ({ ...item, file }));
  });
  const glossary = readFolder(
    root,
    'glossary',
    '.yaml',
    problems,
    (file, raw) => {
      const glossaryFile = parseWith(file, parseYamlFile(file, raw, problems), glossaryFileSchema, problems);
      return (glossaryFile?.terms ?? []).map((term) => ({ ...term, area: glossaryFile?.area ?? '', file }));
    },
    { optional: true },
  );
  const corpus = buildCorpus(topics, categories, quiz, problems);
  corpus.glossary = checkGlossary(glossary, corpus, problems);
  if (problems.length > 0) throw new ContentError(problems);
  return corpus;
}

type WithFile<T> = T & { file: string };

/** Parses every file of a folder in name order; each file gives zero or more records. */
function readFolder<T>(
  root: string,
  folder: string,
  extension: string,
  problems: string[],
  parse: (file: string, raw: string) => T[],
  { optional = false } = {},
): T[] {
  const dir = join(root, folder);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith(extension))
      .sort();
  } catch {
    if (!optional) problems.push(`${folder}/: folder is missing`);
    return [];
  }
  return names.flatMap((name) => parse(`${folder}/${name}`, readFileSync(join(dir, name), 'utf8')));
}

function parseYamlFile(file: string, raw: string, problems: string[]): unknown {
  try {
    return parseYaml(raw);
  } catch (error) {
    problems.push(`${file}: not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return undefined;
  }
}

function parseWith<S extends z.ZodType>(file: string, data: unknown, schema: S, problems: string[]): z.infer<S> | undefined {
  if (data === undefined) return undefined;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
    problems.push(`${file}: ${field} ${issue.message}`);
  }
  return undefined;
}

function parseTopic(file: string, raw: string, problems: string[]): Omit<Topic, 'questionIds'> | undefined {
  const match = FRONT_MATTER.exec(raw);
  if (!match) {
    problems.push(`${file}: (file) must start with front matter between --- lines`);
    return undefined;
  }
  const front = parseWith(file, parseYamlFile(file, match[1] ?? '', problems), topicFrontMatterSchema, problems);
  if (!front) return undefined;
  const summary = unwrapParagraphs((match[2] ?? '').trim());
  const words = summary.split(/\s+/).filter(Boolean).length;
  if (words < 60 || words > 250) problems.push(`${file}: summary has ${words} words (60-250 expected)`);
  if (basename(file, '.md') !== front.id) problems.push(`${file}: id "${front.id}" must match the file name`);
  return { ...front, summary, words };
}

/** Joins the hard-wrapped lines of each paragraph, keeping list items and quotes on their own lines. */
function unwrapParagraphs(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph.split('\n').reduce((out, line) => {
        const trimmed = line.trim();
        if (out === '') return trimmed;
        return /^([-*>]|\d+\.)\s/.test(trimmed) ? `${out}\n${trimmed}` : `${out} ${trimmed}`;
      }, ''),
    )
    .join('\n\n');
}

function buildCorpus(
  topics: WithFile<Omit<Topic, 'questionIds'>>[],
  categoryFiles: WithFile<z.infer<typeof questionCategorySchema>>[],
  quiz: (QuizItem & { file: string })[],
  problems: string[],
): Corpus {
  const topicIds = new Set<string>();
  for (const topic of topics) {
    if (topicIds.has(topic.id)) problems.push(`${topic.file}: id "${topic.id}" is used by another topic`);
    topicIds.add(topic.id);
  }
  const unknownTopic = (file: string, field: string, id: string) => {
    if (!topicIds.has(id)) problems.push(`${file}: ${field} names unknown topic "${id}"`);
  };
  for (const topic of topics) topic.related.forEach((id, i) => unknownTopic(topic.file, `related.${i}`, id));

  const questionIds = new Set<string>();
  const categoryIds = new Set<string>();
  const categories: Category[] = [];
  const questions: Question[] = [];
  for (const file of [...categoryFiles].sort((a, b) => a.position - b.position)) {
    if (categoryIds.has(file.id)) problems.push(`${file.file}: id "${file.id}" is used by another category`);
    categoryIds.add(file.id);
    file.topics.forEach((id, i) => unknownTopic(file.file, `topics.${i}`, id));
    categories.push({ id: file.id, name: file.category, topics: file.topics, questionIds: file.questions.map((q) => q.id) });
    file.questions.forEach((question, i) => {
      if (questionIds.has(question.id)) problems.push(`${file.file}: questions.${i}.id "${question.id}" is used twice`);
      questionIds.add(question.id);
      question.topics.forEach((id, j) => unknownTopic(file.file, `questions.${i}.topics.${j}`, id));
      questions.push({ ...question, category: file.category, categoryId: file.id });
    });
  }
  const quizIds = new Set<string>();
  for (const item of quiz) {
    if (quizIds.has(item.id)) problems.push(`${item.file}: item "${item.id}" is used twice`);
    quizIds.add(item.id);
    unknownTopic(item.file, `items.${item.id}.topic`, item.topic);
  }
  const fullTopics: Topic[] = topics.map(({ file: _file, ...topic }) => ({
    ...topic,
    // Questions whose first topic is this one come before those that only touch it.
    questionIds: questions
      .filter((q) => q.topics.includes(topic.id))
      .sort((a, b) => a.topics.indexOf(topic.id) - b.topics.indexOf(topic.id))
      .map((q) => q.id),
  }));
  return {
    topics: fullTopics,
    categories,
    questions,
    quiz: quiz.map(({ file: _file, ...item }) => item),
    glossary: [],
  };
}
