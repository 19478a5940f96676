import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Seen } from '../ports.js';
import { command, rich } from '../rich-text.js';
import type { StreamSession, Submission } from './ports.js';

export async function findSubmission(deps: Deps, tenantId: number, id: number): Promise<Submission> {
  const submission = await deps.store.stream.submission(tenantId, id);
  if (!submission) {
    throw new UserError(
      'submission-unknown',
      rich(`There is no question #${id} here; `, command('stream queue'), ' lists them.'),
    );
  }
  return submission;
}

/** The session a command is about: the one named, else this channel's open session, else its latest one. */
export async function resolveSession(deps: Deps, seen: Seen, sessionId: number | undefined): Promise<StreamSession> {
  if (sessionId !== undefined) {
    const session = await deps.store.stream.session(seen.tenantId, sessionId);
    if (!session) throw new UserError('session-unknown', `There is no session #${sessionId} here.`);
    return session;
  }
  const session =
    (await deps.store.stream.openSession(seen.channelId)) ?? (await deps.store.stream.latestSession(seen.channelId));
  if (!session) {
    throw new UserError(
      'session-none',
      rich('No question session has been held in this channel yet; a moderator starts one with ', command('stream start'), '.'),
    );
  }
  return session;
}

export async function openSessionOrFail(deps: Deps, seen: Seen): Promise<StreamSession> {
  const session = await deps.store.stream.openSession(seen.channelId);
  if (!session) {
    throw new UserError(
      'session-closed',
      rich('There is no open question session in this channel; a moderator can start one with ', command('stream start'), '.'),
    );
  }
  return session;
}
