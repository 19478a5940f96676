import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { Invocation } from '../invocation.js';
import { requireRoleIn } from '../moderators/role-in.js';
import { bold, code, command, lines, rich } from '../rich-text.js';
import { type Message, reply, type View } from '../view.js';
import type { StoredStreamLink, StreamLinkKind } from './link-ports.js';
import { openSessionOrFail } from './lookup.js';
import type { StreamSession } from './ports.js';
import { boardRefresh } from './vote.js';

/** How long a link keeps working after its session ended. */
export const LINK_GRACE_MS = 24 * 60 * 60 * 1000;

/** 32 random bytes: 256 bits, written in the URL-safe alphabet. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function linkPath(kind: StreamLinkKind, token: string): string {
  return `/${kind}/${token}`;
}

/** `/stream overlay`: two fresh links to the open session of this channel, shown only to the moderator. */
export async function issueLinks(invocation: Invocation, deps: Deps): Promise<View> {
  const seen = await deps.store.directory.touch(invocation);
  const session = await openSessionOrFail(deps, seen);
  requireRoleIn(invocation, session.channel, 'moderator');
  if (deps.settings.publicUrl === undefined) {
    throw new UserError('web-off', 'This bot serves no web pages (WEB_PORT=off), so there are no links to give.');
  }
  const base = deps.settings.publicUrl.replace(/\/+$/, '');
  const links: string[] = [];
  for (const kind of ['overlay', 'host'] as const) {
    const token = newToken();
    await deps.store.streamLinks.add({
      tenantId: seen.tenantId,
      sessionId: session.id,
      kind,
      tokenHash: hashToken(token),
      createdBy: seen.userId,
      now: invocation.now,
    });
    links.push(`${base}${linkPath(kind, token)}`);
  }
  await deps.store.stream.recordAction({
    tenantId: seen.tenantId,
    submissionId: undefined,
    moderatorId: seen.userId,
    action: 'links',
    detail: { sessionId: session.id },
    at: invocation.now,
  });
  return reply({
    title: `Screens for "${session.title}"`,
    text: lines([
      // In code spans: copied exactly on every platform, never read as formatting.
      rich(bold('Overlay'), ' (read-only, add it to OBS as a browser source, 1920x1080): ', code(links[0] ?? '')),
      rich(bold('Host screen'), ' (moderates as you): ', code(links[1] ?? '')),
    ]),
    footer: 'Keep both private. They stop working 24 hours after the session ends; /stream overlay revoke ends them now.',
    tone: 'info',
    ephemeral: true,
  });
}

/**
 * `/stream overlay revoke`: every link of this channel's open session stops working at once; the refresh tells the
 * pages still open, which then find their link gone.
 */
export async function revokeLinks(invocation: Invocation, deps: Deps): Promise<Message[]> {
  const seen = await deps.store.directory.touch(invocation);
  const session = await openSessionOrFail(deps, seen);
  requireRoleIn(invocation, session.channel, 'moderator');
  const revoked = await deps.store.streamLinks.revokeSession(session.id, invocation.now);
  await deps.store.stream.recordAction({
    tenantId: seen.tenantId,
    submissionId: undefined,
    moderatorId: seen.userId,
    action: 'revoke-links',
    detail: { sessionId: session.id, revoked },
    at: invocation.now,
  });
  const answer = reply({
    text: rich(
      revoked === 0
        ? rich('This session has no working links; ', command('stream overlay'), ' makes new ones.')
        : `Revoked ${revoked} link${revoked === 1 ? '' : 's'}: the overlay and host screen of this session now show nothing.`,
    ),
    tone: 'success',
    ephemeral: true,
  });
  return [{ kind: 'reply', view: answer }, boardRefresh(session.id)];
}

interface OpenedLink {
  link: StoredStreamLink;
  session: StreamSession;
}

/**
 * The link a token opens, with its session, or undefined for any token that does not work now (unknown, of the
 * other kind, revoked or expired): callers answer all of them alike.
 */
export async function openLink(deps: Deps, kind: StreamLinkKind, token: string, now: Date): Promise<OpenedLink | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const hash = hashToken(token);
  const link = await deps.store.streamLinks.byTokenHash(hash);
  if (!link) return undefined;
  const matches = timingSafeEqual(Buffer.from(link.tokenHash, 'hex'), Buffer.from(hash, 'hex'));
  if (!matches || link.kind !== kind || link.revokedAt !== undefined) return undefined;
  const session = await deps.store.stream.session(link.tenantId, link.sessionId);
  if (!session) return undefined;
  if (session.endedAt && now.getTime() - session.endedAt.getTime() > LINK_GRACE_MS) return undefined;
  return { link, session };
}
