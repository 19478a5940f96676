import type { CommandDefinition } from '../command-kit/define.js';
import { answerCommand } from './answer.js';
import { askCommand } from './ask.js';
import { dailyCommand } from './daily.js';
import { helpCommand } from './help.js';
import { leaderboardCommand } from './leaderboard.js';
import { moderatorsCommand } from './moderators.js';
import { mydataCommand } from './mydata.js';
import { questionsCommand } from './questions.js';
import { quizCommand } from './quiz.js';
import { statsCommand } from './stats.js';
import { streamCommand } from './stream.js';
import { topicCommand } from './topic.js';

/** Every command of the bot; each platform's registration, manifest and parser is built from this list. */
export const allCommands: CommandDefinition[] = [
  helpCommand,
  dailyCommand,
  answerCommand,
  leaderboardCommand,
  statsCommand,
  topicCommand,
  questionsCommand,
  quizCommand,
  moderatorsCommand,
  mydataCommand,
  streamCommand,
  askCommand,
];
