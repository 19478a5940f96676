import { z } from 'zod';
import { glossaryFileSchema, questionCategorySchema, quizFileSchema, topicFrontMatterSchema } from './schema.js';

/** JSON Schemas of the content files, for editors (`npm run -s cli -- content --schema content/schema`). */
export function jsonSchemas(): Record<string, unknown> {
  return {
    topic: z.toJSONSchema(topicFrontMatterSchema, { io: 'input' }),
    questions: z.toJSONSchema(questionCategorySchema, { io: 'input' }),
    quiz: z.toJSONSchema(quizFileSchema, { io: 'input', unrepresentable: 'any' }),
    glossary: z.toJSONSchema(glossaryFileSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
