import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.js';
import { checkQuestionText } from '../../src/core/stream/question-text.js';

function refusal(text: string): string {
  try {
    checkQuestionText(text);
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('checking a submitted question', () => {
  it('GIVEN spaces, zero-width and control characters, decomposed accents THEN they are cleaned and the rest kept verbatim', () => {
    expect(checkQuestionText('  What is\u200b a  Kafka\u0007 topic?\n\n Really? ')).toBe('What is a Kafka topic? Really?');
    expect(checkQuestionText('Que\u0301 es un topic en Kafka?')).toBe('Qué es un topic en Kafka?');
    expect(checkQuestionText('Why use <b>Spark</b> & not *MapReduce*?')).toBe('Why use <b>Spark</b> & not *MapReduce*?');
  });

  it.each([
    ['What does @everyone think of Kafka?'],
    ['@here what is a topic in Kafka?'],
    ['Hey <@&123456789> what is a topic?'],
    ['Hey <@123456789> what is a topic?'],
    ['Hey <@!123456789> what is a topic?'],
    ['<!channel> what is a topic in Kafka?'],
    ['<@U024BE7LH|bob> what is a topic in Kafka?'],
    ['What is a topic? @\u200beveryone'],
  ])('GIVEN a ping in "%s" THEN it is refused with one sentence', (text) => {
    expect(refusal(text)).toBe(
      'Questions cannot contain mentions such as @everyone, @here or a user or role mention; write names without them.',
    );
  });

  it('GIVEN only a link THEN it is refused; a link inside a question is fine', () => {
    expect(refusal('https://example.com/some/article')).toContain('A question needs words, not only a link');
    expect(refusal('   www.example.com   ??? ')).toContain('not only a link');
    expect(checkQuestionText('What does https://kafka.apache.org say about compaction?')).toContain('compaction');
  });

  it('GIVEN too little or too much text THEN the limit and the length are named', () => {
    expect(refusal('   ')).toBe('Your question is empty; write it in the "question" option.');
    expect(refusal('What is?')).toBe('A question needs at least 10 characters (yours has 8).');
    expect(refusal(`What ${'a'.repeat(300)}?`)).toBe('A question can have at most 300 characters (yours has 306).');
    expect(checkQuestionText(`W${'a'.repeat(298)}?`)).toHaveLength(300);
  });
});
