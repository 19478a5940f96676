import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { SLACK_LIMITS, type SlackLimits, SlackRateLimiter } from './rate-limits.js';
import { SlackRefusals } from './refusals.js';

/** One Web API call as the fake received it; nested JSON arguments (blocks, views) are parsed. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  authorization: string | undefined;
  at: number;
}

/** A reply posted to an interaction's response_url. */
export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeUser {
  id: string;
  name: string;
  is_admin?: boolean;
  is_owner?: boolean;
}

export const TEAM = 'T0FAKE';
export const BOT_USER = 'UBOT';

type Envelope = { envelope_id: string; payload?: unknown };

/**
 * A local stand-in for Slack: the Web API under /api/ (recording every call), response_url endpoints under
 * /response/<id>, file upload URLs under /upload/<id>, and a Socket Mode WebSocket at /socket.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly uploads: { id: string; body: string }[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Channels the bot was never invited to: posting there fails with not_in_channel. */
  readonly notMemberOf = new Set<string>();
  /** Refusals as Slack gives them: channels on demand, scopes, Block Kit limits, response_url uses (refusals.ts). */
  readonly refusals = new SlackRefusals();
  /** Socket Mode acknowledgements by envelope id. */
  readonly acks = new Map<string, Envelope>();
  private readonly rateLimited = new Map<string, number[]>();
  /** Slack's rate limits; `rateLimits.throttled` lists every 429 the bot received. */
  readonly rateLimits: SlackRateLimiter;
  private readonly sockets = new Set<WebSocket>();
  private readonly ackWaiters = new Map<string, (ack: Envelope) => void>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private nextTs = 100;
  private nextId = 1;
  private clockOffsetMs = 0;
  url = '';

  constructor(users: FakeUser[] = [], limits: SlackLimits = SLACK_LIMITS) {
    for (const user of users) this.users.set(user.id, user);
    this.rateLimits = new SlackRateLimiter(limits);
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as Envelope;
        this.acks.set(ack.envelope_id, ack);
        this.ackWaiters.get(ack.envelope_id)?.(ack);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AFAKE' } }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Slack's clock: the real one, moved on by `advance`. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves Slack's clock on, e.g. past a response_url's 30 minutes. */
  advance(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** The next call to `method` is refused with 429 and `Retry-After: seconds`. */
  rateLimitNext(method: string, seconds: number): void {
    this.rateLimited.set(method, [...(this.rateLimited.get(method) ?? []), seconds]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Everything the bot showed people since `mark` (see `mark()`): response_url replies and posted messages. */
  shownSince(mark: Mark): { blocks: unknown[]; text: string; source: string; params: Record<string, unknown> }[] {
    const shown = [
      ...this.responses.slice(mark.responses).map((post) => ({ source: 'response_url', params: post.body })),
      ...this.calls
        .slice(mark.calls)
        .filter((call) => ['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(call.method))
        .map((call) => ({ source: call.method, params: call.params })),
    ];
    return shown.map((item) => ({
      ...item,
      blocks: Array.isArray(item.params.blocks) ? item.params.blocks : [],
      text: String(item.params.text ?? ''),
    }));
  }

  mark(): Mark {
    return { calls: this.calls.length, responses: this.responses.length };
  }

  /** Sends a Socket Mode envelope and resolves with the app's acknowledgement. */
  sendEnvelope(
    type: string,
    payload: unknown,
    extra: Record<string, unknown> = {},
    envelopeId: string = randomUUID(),
  ): Promise<Envelope> {
    const socket = [...this.sockets][0];
    if (!socket) throw new Error('no Socket Mode connection');
    const acked = new Promise<Envelope>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for envelope ${envelopeId}`)), 4000);
      this.ackWaiters.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    socket.send(
      JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', ...extra }),
    );
    return acked;
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (path.startsWith('/response/')) {
      const id = path.slice('/response/'.length);
      const body = parseBody(raw, req.headers['content-type']);
      const refused = this.refusals.checkResponse(id, body, this.now());
      if (refused) return json(res, refused.status, { ok: false, error: refused.error });
      this.responses.push({ id, body, at: Date.now() });
      return json(res, 200, { ok: true });
    }
    if (path.startsWith('/upload/')) {
      this.uploads.push({ id: path.slice('/upload/'.length), body: raw.toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      return;
    }
    if (!path.startsWith('/api/')) return json(res, 404, { ok: false, error: 'not_found' });
    const method = path.slice('/api/'.length);
    const params = parseBody(raw, req.headers['content-type']);
    this.calls.push({ method, params, authorization: req.headers.authorization, at: Date.now() });
    const limited = this.rateLimited.get(method);
    const overLimit = this.rateLimits.check(method, params);
    if ((limited && limited.length > 0) || overLimit !== undefined) {
      const seconds = overLimit ?? (limited?.shift() as number);
      res.writeHead(429, { 'retry-after': String(seconds), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (method === 'auth.test' && req.headers.authorization?.includes('revoked')) {
      return json(res, 200, { ok: false, error: 'invalid_auth' });
    }
    return json(res, 200, this.answer(method, params));
  }

  private answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    const channel = String(params.channel ?? params.channel_id ?? '');
    if (this.notMemberOf.has(channel)) return { ok: false, error: 'not_in_channel' };
    const refused = this.refusals.check(method, params);
    if (refused) return { ok: false, ...refused };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'cookbook',
          team_id: TEAM,
          user_id: BOT_USER,
          bot_id: 'BFAKE',
        };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http', 'ws')}/socket` };
      case 'users.info': {
        const user = this.users.get(String(params.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.name,
            is_admin: user.is_admin ?? false,
            is_owner: user.is_owner ?? false,
            profile: { display_name: user.name },
          },
        };
      }
      case 'chat.postMessage': {
        const channel = String(params.channel);
        const resolved = /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
        const ts = this.ts();
        return { ok: true, channel: resolved, ts, message: { text: params.text, ts } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.ts() };
      case 'chat.update':
        return { ok: true, channel: String(params.channel), ts: String(params.ts), text: params.text };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${this.nextId++}`, ...(params.view as object) } };
      case 'pins.add':
        return { ok: true };
      case 'files.getUploadURLExternal': {
        const id = `F${this.nextId++}`;
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (params.files as { id: string }[] | undefined) ?? [] };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private ts(): string {
    this.nextTs += 1;
    return `1767225600.${String(this.nextTs).padStart(6, '0')}`;
  }
}

export interface Mark {
  calls: number;
  responses: number;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(text) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    params[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
