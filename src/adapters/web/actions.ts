import { z } from 'zod';
import { REASON_MAX } from '../../core/stream/moderation.js';
import { QUESTION_MAX } from '../../core/stream/question-text.js';

const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** One host action as the page sends it; each is the chat command of the same name. */
export const hostActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('approve'), id, anyway: z.boolean().optional() }),
  z.object({ action: z.literal('reject'), id, reason: z.string().max(REASON_MAX).optional() }),
  z.object({ action: z.literal('merge'), id, into: id }),
  z.object({ action: z.literal('edit'), id, text: z.string().min(1).max(QUESTION_MAX) }),
  z.object({ action: z.literal('highlight'), id }),
  z.object({ action: z.literal('answered'), id }),
]);

export type HostAction = z.infer<typeof hostActionSchema>;

/** The command path and options the action runs as, through the same dispatch as a typed command. */
export function commandOf(action: HostAction): { command: string[]; options: Record<string, string | number> } {
  switch (action.action) {
    case 'reject': {
      const reason = action.reason?.trim();
      return { command: ['stream', 'reject'], options: { id: action.id, ...(reason ? { reason } : {}) } };
    }
    case 'merge':
      return { command: ['stream', 'merge'], options: { id: action.id, into: action.into } };
    case 'edit':
      return { command: ['stream', 'edit'], options: { id: action.id, text: action.text } };
    case 'approve':
      return { command: ['stream', 'approve'], options: { id: action.id, ...(action.anyway ? { anyway: 'true' } : {}) } };
    default:
      return { command: ['stream', action.action], options: { id: action.id } };
  }
}

/** The host action a reply's button stands for (e.g. "Approve #4 anyway"), when the host screen can offer it. */
export function actionOfButton(path: string[], options: Record<string, string | number | boolean>): HostAction | undefined {
  if (path[0] !== 'stream') return undefined;
  const number = (value: unknown) => (typeof value === 'string' ? Number.parseInt(value, 10) : value);
  const parsed = hostActionSchema.safeParse({
    action: path[1],
    id: number(options.id),
    ...(options.into === undefined ? {} : { into: number(options.into) }),
    ...(options.anyway === undefined ? {} : { anyway: options.anyway === true || options.anyway === 'true' }),
  });
  return parsed.success ? parsed.data : undefined;
}
