import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { parseCommandLine } from '../../core/command-kit/command-line.js';
import { dispatch } from '../../core/command-kit/dispatch.js';
import type { Deps } from '../../core/deps.js';
import type { Role } from '../../core/invocation.js';
import { plainTextOf } from '../../core/rich-text.js';
import type { LinkOwner, StreamLinkKind } from '../../core/stream/link-ports.js';
import { openLink } from '../../core/stream/links.js';
import { type Message, timesAsText } from '../../core/view.js';
import { ActionLimit } from './action-limit.js';
import { actionOfButton, commandOf, type HostAction, hostActionSchema } from './actions.js';
import { NOT_FOUND_HTML, pageHtml } from './pages.js';
import { SECURITY_HEADERS } from './security.js';
import { hostState, overlayState } from './state.js';

export interface WebOptions {
  /** The owner's role in the session's channel, asked of their platform now; undefined when it cannot be told. */
  roleOf: (owner: LinkOwner, channel: string) => Promise<Role | undefined>;
  /** Hands the messages an action caused (board refreshes) to the owner's platform. */
  deliver: (owner: LinkOwner, messages: Message[]) => Promise<void>;
  /** How long the host screen holds an action before it is sent, so it can be undone. */
  undoMs: number;
  /** How often an open event stream hears it is still alive (comments), and checks its link still works. */
  keepAliveMs: number;
}

const ASSETS: Record<string, string> = {
  'common.js': 'text/javascript; charset=utf-8',
  'overlay.js': 'text/javascript; charset=utf-8',
  'overlay.css': 'text/css; charset=utf-8',
  'host.js': 'text/javascript; charset=utf-8',
  'host.css': 'text/css; charset=utf-8',
};

function loadAssets(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of Object.keys(ASSETS)) {
    files.set(name, readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8'));
  }
  return files;
}

/** A short private note back to the host screen: the words of the reply the command gave. */
function replyText(messages: Message[]): string {
  const reply = messages.find((message) => message.kind === 'reply');
  if (reply?.kind !== 'reply') return '';
  const text = reply.view.text ? timesAsText(plainTextOf(reply.view.text)) : '';
  return [reply.view.title ?? '', text]
    .filter((part) => part !== '')
    .join(' ')
    .slice(0, 500);
}

/** Buttons of the command's reply that the host screen can offer as one more click ("Approve anyway"). */
function offersOf(messages: Message[], deps: Deps): { label: string; action: HostAction }[] {
  const reply = messages.find((message) => message.kind === 'reply');
  if (reply?.kind !== 'reply') return [];
  return (reply.view.actions ?? []).flatMap((button) => {
    if (button.type !== 'button') return [];
    try {
      const parsed = parseCommandLine(button.id, deps.registry);
      const action = actionOfButton(parsed.resolved.path, parsed.options);
      return action ? [{ label: button.label, action }] : [];
    } catch {
      return [];
    }
  });
}

export function webRoutes(deps: Deps, options: WebOptions): { app: Hono; close: () => void } {
  const app = new Hono();
  const assets = loadAssets();
  const limit = new ActionLimit();
  const streams = new Set<() => void>();

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  });
  const notFound = () => new Response(NOT_FOUND_HTML, { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  app.notFound(() => notFound());
  app.onError((error) => {
    deps.log.error({ err: error }, 'web request failed');
    return new Response('Something went wrong.', { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  });

  // Browsers ask for it on their own; an empty answer keeps a 404 out of the pages' consoles.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const body = assets.get(name);
    const type = ASSETS[name];
    if (body === undefined || type === undefined) return notFound();
    return c.body(body, 200, { 'Content-Type': type });
  });

  const kindOf = (value: string): StreamLinkKind | undefined => (value === 'overlay' || value === 'host' ? value : undefined);

  app.get('/:kind/:token', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const opened = kind ? await openLink(deps, kind, c.req.param('token'), new Date()) : undefined;
    if (!kind || !opened) {
      deps.log.debug({ page: c.req.param('kind') }, 'a page was asked for with a token that does not work');
      return notFound();
    }
    deps.log.debug({ page: kind, session: opened.session.id, link: opened.link.id }, 'page opened');
    return c.html(pageHtml(kind, kind === 'host' ? options.undoMs : 0));
  });

  app.get('/:kind/:token/events', async (c) => {
    const kind = kindOf(c.req.param('kind'));
    const token = c.req.param('token');
    if (!kind || !(await openLink(deps, kind, token, new Date()))) return notFound();
    // Proxies such as nginx would otherwise hold the events back in their buffers.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let id = 0;
      let pending: Promise<void> = Promise.resolve();
      let done = false;
      let wake: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const finish = () => {
        done = true;
        wake();
      };
      // Work on the stream runs one piece at a time; a failed write (the page went away) ends the stream.
      const enqueue = (work: () => Promise<void>) => {
        pending = pending.then(work).catch((error: unknown) => {
          deps.log.debug({ err: error, page: kind }, 'a live page went away');
          finish();
        });
      };
      // A burst of changes costs one read and one event: a state not yet sent is not queued twice.
      let queued = false;
      const send = () => {
        if (queued) return;
        queued = true;
        enqueue(async () => {
          queued = false;
          if (done) return;
          const opened = await openLink(deps, kind, token, new Date());
          if (!opened) {
            await stream.writeSSE({ event: 'gone', data: '{}' });
            finish();
            return;
          }
          const platform = (await deps.store.streamLinks.owner(opened.link))?.platform ?? 'console';
          const state =
            kind === 'host'
              ? await hostState(deps, opened.session, platform)
              : await overlayState(deps, opened.session, platform);
          id += 1;
          await stream.writeSSE({ event: 'state', data: JSON.stringify(state), id: String(id), retry: 1000 });
        });
      };
      const opened = await openLink(deps, kind, token, new Date());
      const sessionId = opened?.session.id;
      const unsubscribe = deps.changes?.subscribe((changed) => {
        if (changed === sessionId || changed === undefined) send();
      });
      const keepAlive = setInterval(() => {
        enqueue(async () => {
          if (!(await openLink(deps, kind, token, new Date()))) send();
          else await stream.write(': alive\n\n');
        });
      }, options.keepAliveMs);
      streams.add(finish);
      stream.onAbort(finish);
      send();
      await finished;
      clearInterval(keepAlive);
      unsubscribe?.();
      streams.delete(finish);
      await pending;
    });
  });

  // An action is a few hundred bytes; anything far larger is refused before it is read.
  const smallBody = bodyLimit({
    maxSize: 8 * 1024,
    onError: (c) => c.json({ ok: false, message: 'That action is too large.' }, 413),
  });

  app.post('/host/:token/actions', smallBody, async (c) => {
    const now = new Date();
    const opened = await openLink(deps, 'host', c.req.param('token'), now);
    if (!opened) return notFound();
    if (!limit.take(opened.link.id, now.getTime())) {
      return c.json({ ok: false, message: 'Too many actions at once; wait a few seconds and try again.' }, 429);
    }
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
      return c.json({ ok: false, message: 'Send the action as JSON.' }, 415);
    }
    const body: unknown = await c.req.json().catch(() => undefined);
    const parsed = hostActionSchema.safeParse(body);
    if (!parsed.success) return c.json({ ok: false, message: 'That action is not one the host screen knows.' }, 400);
    const owner = await deps.store.streamLinks.owner(opened.link);
    if (!owner) return notFound();
    const role = await options.roleOf(owner, opened.session.channel);
    if (role === undefined) {
      return c.json({ ok: false, message: 'Your role could not be checked just now; try again in a moment.' }, 503);
    }
    const { command, options: commandOptions } = commandOf(parsed.data);
    const result = await dispatch(
      {
        platform: owner.platform,
        tenant: owner.tenant,
        channel: opened.session.channel,
        user: { id: owner.userId, name: owner.name, role },
        command,
        options: commandOptions,
        now,
      },
      deps,
    );
    deps.log.info(
      { session: opened.session.id, link: opened.link.id, action: parsed.data.action, id: parsed.data.id, status: result.status },
      'host screen action',
    );
    const toPlatform = result.messages.filter((message) => message.kind !== 'reply');
    if (toPlatform.length > 0) {
      await options.deliver(owner, toPlatform).catch((error: unknown) => {
        deps.log.error({ err: error, platform: owner.platform }, 'the board could not be updated after a host action');
      });
    }
    const ok = result.status === 'ok';
    return c.json(
      { ok, message: replyText(result.messages), offers: offersOf(result.messages, deps) },
      ok ? 200 : result.status === 'user-error' ? 409 : 500,
    );
  });

  return {
    app,
    close: () => {
      for (const finish of streams) finish();
    },
  };
}
