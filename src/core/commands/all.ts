import type { CommandDefinition } from './define.js';
import { helpCommand } from './help.js';
import { moderatorsCommand } from './moderators.js';
import { mydataCommand } from './mydata.js';
import { questionsCommand } from './questions.js';
import { quizCommand } from './quiz.js';
import { topicCommand } from './topic.js';

/** Every command of the bot; each platform's registration, manifest and parser is built from this list. */
export const allCommands: CommandDefinition[] = [
  helpCommand,
  topicCommand,
  questionsCommand,
  quizCommand,
  moderatorsCommand,
  mydataCommand,
];
