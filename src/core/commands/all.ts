import type { CommandDefinition } from './define.js';
import { helpCommand } from './help.js';

/** Every command of the bot; each platform's registration, manifest and parser is built from this list. */
export const allCommands: CommandDefinition[] = [helpCommand];
