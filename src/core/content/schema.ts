import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens (e.g. "kafka-topics")');
const sectionNumber = z.string().regex(/^\d+(?:\.\d+)*$/, 'must be a book section number such as "20" or "20.4.8"');
const url = z.url({ protocol: /^https?$/ });

const episodeSchema = z.strictObject({
  number: z.number().int().positive().optional(),
  title: z.string().min(3).max(150),
  url: url.optional(),
});

const linkSchema = z.strictObject({
  label: z.string().min(2).max(100),
  url,
  /** The book marks this link as broken: shown as text, never as a link. */
  broken: z.boolean().default(false),
});

/** A dated fact about what changed in the field since the book's edition; never rewrites the book. */
const sinceNoteSchema = z.strictObject({
  date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as "2025-03"'),
  note: z.string().min(20).max(300),
  source: url,
});

export const topicFrontMatterSchema = z.strictObject({
  id,
  title: z.string().min(2).max(100),
  sections: z.array(sectionNumber).min(1),
  part: z.enum(['I', 'II', 'III', 'IV', 'V']),
  aliases: z.array(z.string().min(1).max(60)).default([]),
  tags: z.array(z.string().min(1).max(40)).default([]),
  episodes: z.array(episodeSchema).default([]),
  links: z.array(linkSchema).default([]),
  related: z.array(id).default([]),
  thin: z.boolean().default(false),
  since: z.array(sinceNoteSchema).default([]),
});

const questionSchema = z.strictObject({
  id,
  text: z.string().min(3).max(300),
  topics: z.array(id).min(1),
  source: z.string().min(3).max(200),
  hints: z.array(z.string().min(3).max(300)).max(3).default([]),
  /** What a question that leans on the one before it is about ("stored procedures"); posted with it. */
  context: z.string().min(3).max(60).optional(),
});

export const questionCategorySchema = z.strictObject({
  category: z.string().min(2).max(60),
  /** Where the category stands in the book's list (1 = first). */
  position: z.number().int().positive(),
  id,
  topics: z.array(id).min(1),
  questions: z.array(questionSchema).min(1),
});

const quizItemSchema = z
  .strictObject({
    id,
    topic: id,
    /** The book section (v2.2 numbering) whose text the item rests on. */
    section: sectionNumber,
    question: z.string().min(10).max(300),
    choices: z.array(z.string().min(1).max(80)).min(3).max(5),
    answer: z.string().min(1).max(80),
    explanation: z.string().min(10).max(400),
  })
  .refine((item) => item.choices.includes(item.answer), {
    message: 'must be exactly one of the choices',
    path: ['answer'],
  })
  .refine((item) => new Set(item.choices).size === item.choices.length, {
    message: 'must not repeat a choice',
    path: ['choices'],
  });

export const quizFileSchema = z.strictObject({
  items: z.array(quizItemSchema).min(1),
});

/** Sentences in a definition: ends of sentences followed by a capital, a digit, a quote or the end. */
export function countSentences(text: string): number {
  return (text.trim().match(/[.!?](?=\s+["'(`A-Z0-9]|\s*$)/g) ?? []).length;
}

const glossaryTermSchema = z.strictObject({
  id,
  term: z.string().min(2).max(60),
  aliases: z.array(z.string().min(1).max(60)).default([]),
  definition: z
    .string()
    .min(80)
    .max(900)
    .refine((text) => countSentences(text) >= 2 && countSentences(text) <= 5, { message: 'must have 2 to 5 sentences' }),
  /** The nearest book topics, closest first. */
  topics: z.array(id).min(1).max(5),
  /** Interview questions from the book that this term helps to answer. */
  questions: z.array(id).default([]),
});

export const glossaryFileSchema = z.strictObject({
  area: z.string().min(3).max(60),
  terms: z.array(glossaryTermSchema).min(1),
});

export type TopicFrontMatter = z.infer<typeof topicFrontMatterSchema>;
export type QuizItem = z.infer<typeof quizItemSchema>;
export type GlossaryTermFile = z.infer<typeof glossaryTermSchema>;
