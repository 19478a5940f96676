import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { commandProblems } from './command-json.js';
import { DiscordFailures, REFUSALS } from './failures.js';
import { choicesProblems, messageProblems, modalProblems } from './limits.js';
import { DISCORD_LIMITS, type DiscordLimits, DiscordRateLimiter } from './rate-limits.js';

/**
 * A small local Discord: the REST routes the bot uses and a gateway WebSocket, on 127.0.0.1.
 * It answers like Discord does (400 for a body beyond Discord's limits, 404 10062 for an unknown interaction,
 * nonce de-duplication, who a message would ping) and records everything for the tests to assert on.
 */

export type Who = 'member' | 'moderator' | 'manager' | 'admin';

const PERMISSION = {
  administrator: 1n << 3n,
  manageGuild: 1n << 5n,
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  manageMessages: 1n << 13n,
  readMessageHistory: 1n << 16n,
  useApplicationCommands: 1n << 31n,
};
const BASE_PERMISSIONS =
  PERMISSION.viewChannel | PERMISSION.sendMessages | PERMISSION.readMessageHistory | PERMISSION.useApplicationCommands;
const PERMISSIONS_OF: Record<Who, bigint> = {
  member: BASE_PERMISSIONS,
  moderator: BASE_PERMISSIONS | PERMISSION.manageMessages,
  manager: BASE_PERMISSIONS | PERMISSION.manageGuild,
  admin: BASE_PERMISSIONS | PERMISSION.administrator,
};
const HAS_THREAD = 1 << 5;
const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;
const DISCORD_EPOCH = 1_420_070_400_000n;

export const IDS = {
  application: '100000000000000001',
  bot: '100000000000000002',
  guild: '200000000000000001',
  channel: '300000000000000001',
  otherChannel: '300000000000000002',
  users: {
    member: '400000000000000001',
    moderator: '400000000000000002',
    manager: '400000000000000003',
    admin: '400000000000000004',
  } satisfies Record<Who, string>,
};

export type Json = Record<string, unknown>;

/** Who a message would notify, computed the way Discord does from its content and allowed_mentions. */
export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

export interface StoredMessage extends Json {
  id: string;
  channel_id: string;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  attachments: Json[];
}

export interface Recorded {
  method: string;
  path: string;
  body: Json | undefined;
  files: { name: string; text: string }[];
  authorization: string | undefined;
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** The status it was answered with, once answered. */
  status?: number;
}

export interface InteractionEvent {
  kind: 'callback' | 'edit' | 'followup' | 'delete';
  body: Json;
  files: { name: string; text: string }[];
  message?: StoredMessage;
}

/** What the person who triggered an interaction sees in the end. */
export interface Answer {
  /** 4 for an immediate reply, 5 when it was deferred first. */
  via: 4 | 5 | 6;
  ephemeral: boolean;
  message: StoredMessage;
  files: { name: string; text: string }[];
}

export class InteractionRecord {
  readonly events: InteractionEvent[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly id: string,
    readonly token: string,
    readonly payload: Json,
    /** When Discord created the interaction, on the fake's clock: its token serves follow-ups for 15 minutes. */
    readonly createdAt: number,
  ) {}

  push(event: InteractionEvent): void {
    this.events.push(event);
    for (const wake of [...this.waiters]) wake();
  }

  /** Waits until `pick` finds something in the events so far. */
  async waitFor<T>(pick: (events: InteractionEvent[]) => T | undefined, what: string, timeoutMs = 8000): Promise<T> {
    const found = pick(this.events);
    if (found !== undefined) return found;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`Timed out waiting for ${what}; got ${JSON.stringify(this.events.map((event) => event.kind))}`));
      }, timeoutMs);
      const check = () => {
        const value = pick(this.events);
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      this.waiters.add(check);
    });
  }

  callback(): Promise<InteractionEvent> {
    return this.waitFor((events) => events.find((event) => event.kind === 'callback'), 'the interaction callback');
  }

  /** The reply the user reads: an immediate reply, or the deferred reply's edit or private follow-up. */
  async answer(): Promise<Answer> {
    const first = await this.callback();
    const type = first.body.type;
    if (type === 4 && first.message) {
      return { via: 4, ephemeral: isEphemeral(first.message), message: first.message, files: first.files };
    }
    if (type !== 5 && type !== 6) throw new Error(`The interaction was answered with type ${String(type)}, not a message.`);
    const later = await this.waitFor(
      (events) => events.find((event) => (event.kind === 'edit' || event.kind === 'followup') && event.message),
      'the reply after deferring',
    );
    const message = later.message as StoredMessage;
    return { via: type, ephemeral: isEphemeral(message), message, files: later.files };
  }

  /** The modal shown in answer to a click. */
  async modal(): Promise<Json> {
    const first = await this.callback();
    if (first.body.type !== 9) throw new Error(`Expected a modal (type 9), got type ${String(first.body.type)}.`);
    return first.body.data as Json;
  }

  /** Autocomplete choices. */
  async choices(): Promise<{ name: string; value: string }[]> {
    const first = await this.callback();
    if (first.body.type !== 8) throw new Error(`Expected autocomplete choices (type 8), got type ${String(first.body.type)}.`);
    return (first.body.data as { choices: { name: string; value: string }[] }).choices;
  }
}

function isEphemeral(message: StoredMessage): boolean {
  return (message.flags & EPHEMERAL) !== 0;
}

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

export interface CommandHow {
  as?: Who;
  /** The subcommand, for commands with subcommands. */
  sub?: string;
  /** Discord option types by option name, where the value's JS type does not tell (6 for a user). */
  types?: Record<string, number>;
  /** The channel (or thread) the command is typed in; the main channel when unset. */
  channel?: string;
}

interface Channel extends Json {
  id: string;
  type: number;
}

/** An interaction token serves follow-ups and edits of the reply for 15 minutes. */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

interface GatewaySession {
  id: string;
  shard: [number, number];
  sequence: number;
  /** The events sent in this session, kept for a resume to replay what a dropped connection missed. */
  sent: { op: 0; t: string; s: number; d: unknown }[];
}

/** How many events a session keeps for a resume. */
const REPLAY_BUFFER = 1_000;

/** The shard that carries a guild's events. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** Discord closes a connection with 4010 Invalid shard for anything but [id, count] with 0 <= id < count. */
function isShard(value: unknown): value is [number, number] {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [id, count] = value as unknown[];
  return Number.isInteger(id) && Number.isInteger(count) && Number(count) >= 1 && Number(id) >= 0 && Number(id) < Number(count);
}

export class FakeDiscord {
  readonly requests: Recorded[] = [];
  /** Bodies Discord would refuse with 400, with the reasons; the bot must never produce one. */
  readonly violations: { path: string; problems: string[] }[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly pings = new Map<string, Pings>();
  readonly channels = new Map<string, Channel>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly commandDeploys: { path: string; body: unknown }[] = [];
  readonly pinned = new Set<string>();
  /** Discord's rate limits; `rateLimits.throttled` lists every 429 the bot received. */
  readonly rateLimits: DiscordRateLimiter;
  /** Refusals on demand (missing permissions, unknown channels), see failures.ts. */
  readonly failures = new DiscordFailures();
  private readonly expired = new Set<string>();
  private readonly departed = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  /** Each identified connection's shard ([id, count]) and sequence number. */
  private readonly sessions = new Map<WebSocket, GatewaySession>();
  /** Sessions by id, so that a resumed connection carries on with its shard and sequence. */
  private readonly sessionsById = new Map<string, GatewaySession>();
  /** Gateway sessions resumed after a dropped connection. */
  resumes = 0;
  private readonly nonces = new Map<string, string>();
  private clockOffsetMs = 0;
  private counter = 0n;
  apiUrl = '';
  gatewayUrl = '';

  private constructor(
    private readonly server: Server,
    private readonly gateway: WebSocketServer,
    readonly token: string,
    limits: DiscordLimits,
  ) {
    this.rateLimits = new DiscordRateLimiter(limits);
    this.channels.set(IDS.channel, this.textChannel(IDS.channel, 'general'));
    this.channels.set(IDS.otherChannel, this.textChannel(IDS.otherChannel, 'stream'));
  }

  /** More text channels of the guild, before the bot logs in (they arrive with GUILD_CREATE). */
  addTextChannels(ids: string[]): void {
    for (const id of ids) this.channels.set(id, this.textChannel(id, `channel-${id.slice(-6)}`));
  }

  static async start(token = 'fake.bot.token', limits: DiscordLimits = DISCORD_LIMITS): Promise<FakeDiscord> {
    const server = createServer();
    const gateway = new WebSocketServer({ server });
    const fake = new FakeDiscord(server, gateway, token, limits);
    server.on('request', (request, response) => {
      fake.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: String(error), code: 0 }));
      });
    });
    gateway.on('connection', (socket) => fake.connect(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake.apiUrl = `http://127.0.0.1:${port}/api`;
    fake.gatewayUrl = `ws://127.0.0.1:${port}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  snowflake(): string {
    this.counter += 1n;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (this.counter & 0xfffn)).toString();
  }

  /** Messages in a channel, oldest first. */
  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((message) => message.channel_id === channelId);
  }

  /** Discord's clock: the real one, moved on by `advance`. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Moves Discord's clock on, e.g. past an interaction token's 15 minutes. */
  advance(ms: number): void {
    this.clockOffsetMs += ms;
  }

  /** Makes Discord answer this interaction's callback with 404 Unknown interaction, as after its 3 seconds. */
  expire(token: string): void {
    this.expired.add(token);
  }

  // ---- interactions -------------------------------------------------------------------------------------------

  /** A slash command as Discord delivers it; `sub` names the subcommand. */
  command(name: string, options: Record<string, string | number | boolean> = {}, how: CommandHow = {}) {
    const { as = 'member', sub, types = {}, channel } = how;
    const typed = Object.entries(options).map(([key, value]) => ({ name: key, type: optionType(value, types, key), value }));
    const data = sub ? [{ name: sub, type: 1, options: typed }] : typed;
    return this.interact(2, as, { id: this.snowflake(), name, type: 1, options: data, guild_id: IDS.guild }, undefined, channel);
  }

  /** An autocomplete request while `focused` is being typed. */
  autocomplete(name: string, focused: string, partial: string, as: Who = 'member', sub?: string) {
    const typed: CommandOption[] = [{ name: focused, type: 3, value: partial, focused: true }];
    const data = sub ? [{ name: sub, type: 1, options: typed }] : typed;
    return this.interact(4, as, { id: this.snowflake(), name, type: 1, options: data, guild_id: IDS.guild });
  }

  click(message: StoredMessage, customId: string, as: Who = 'member') {
    return this.interact(3, as, { custom_id: customId, component_type: 2 }, message);
  }

  select(message: StoredMessage, customId: string, value: string, as: Who = 'member') {
    return this.interact(3, as, { custom_id: customId, component_type: 3, values: [value] }, message);
  }

  /** Submits a modal the bot showed, with a value for each of its text inputs. */
  submit(modal: Json, values: Record<string, string>, as: Who = 'member', message?: StoredMessage) {
    const components = (modal.components as Json[]).map((label) => {
      const input = label.component as Json;
      return {
        type: 18,
        id: 1,
        component: { type: 4, id: 2, custom_id: input.custom_id, value: values[String(input.custom_id)] ?? '' },
      };
    });
    return this.interact(5, as, { custom_id: modal.custom_id, components }, message);
  }

  private interact(type: number, as: Who, data: Json, message?: StoredMessage, channel?: string): InteractionRecord {
    const user = userObject(as);
    const channelId = message?.channel_id ?? channel ?? IDS.channel;
    if (this.channels.get(channelId)?.type === 1)
      return this.deliver(this.directInteraction(type, user, channelId, data, message));
    const payload: Json = {
      id: this.snowflake(),
      application_id: IDS.application,
      type,
      token: `interaction-${randomUUID()}`,
      version: 1,
      guild_id: IDS.guild,
      channel_id: channelId,
      channel: this.channels.get(channelId),
      member: { ...memberObject(as), permissions: PERMISSIONS_OF[as].toString(), communication_disabled_until: null },
      locale: 'en-US',
      guild_locale: 'en-US',
      app_permissions: BASE_PERMISSIONS.toString(),
      entitlements: [],
      authorizing_integration_owners: { '0': IDS.guild },
      context: 0,
      attachment_size_limit: 10_485_760,
      data,
      ...(message ? { message } : {}),
    };
    return this.deliver(payload);
  }

  private deliver(payload: Json): InteractionRecord {
    const record = new InteractionRecord(String(payload.id), String(payload.token), payload, this.now());
    this.interactions.set(record.token, record);
    this.dispatch('INTERACTION_CREATE', payload);
    return record;
  }

  /** An interaction in a direct message: no server, no member, only the user (context 1: bot DM). */
  private directInteraction(type: number, user: Json, channelId: string, data: Json, message?: StoredMessage): Json {
    return {
      id: this.snowflake(),
      application_id: IDS.application,
      type,
      token: `interaction-${randomUUID()}`,
      version: 1,
      channel_id: channelId,
      channel: this.channels.get(channelId),
      user,
      locale: 'en-US',
      app_permissions: BASE_PERMISSIONS.toString(),
      entitlements: [],
      authorizing_integration_owners: { '0': IDS.guild },
      context: 1,
      attachment_size_limit: 10_485_760,
      data,
      ...(message ? { message } : {}),
    };
  }

  /** Makes this person leave the server: Discord then answers their member look-up with 404 Unknown Member. */
  leaveServer(who: Who): void {
    this.departed.add(IDS.users[who]);
  }

  /** Drops every gateway connection the way Discord does now and then (4000: unknown error, resume). */
  dropGateway(code = 4000): void {
    for (const socket of this.sockets) socket.close(code, 'Unknown error.');
  }

  /** Delivers the same interaction again, as Discord may after a network hiccup. */
  replay(record: InteractionRecord): void {
    this.dispatch('INTERACTION_CREATE', record.payload);
  }

  /**
   * Sends an event to the shard that carries it, as Discord does: a guild's events to shard
   * (guild_id >> 22) % shard count, direct messages to shard 0.
   */
  private dispatch(event: string, data: unknown, only?: WebSocket): void {
    const guild = (data as { guild_id?: unknown } | null)?.guild_id ?? (event === 'GUILD_CREATE' ? IDS.guild : undefined);
    const onlySession = only ? this.sessions.get(only) : undefined;
    // A session whose connection dropped still receives its events: a resume replays them.
    for (const session of this.sessionsById.values()) {
      if (only && session !== onlySession) continue;
      const [id, count] = session.shard;
      if (!only && id !== (typeof guild === 'string' ? shardOf(guild, count) : 0)) continue;
      session.sequence += 1;
      const frame = { op: 0 as const, t: event, s: session.sequence, d: data };
      session.sent.push(frame);
      if (session.sent.length > REPLAY_BUFFER) session.sent.shift();
      for (const [socket, connected] of this.sessions) if (connected === session) socket.send(JSON.stringify(frame));
    }
  }

  /** The shards that identified, as [id, count]. */
  shards(): [number, number][] {
    return [...this.sessions.values()].map((session) => session.shard);
  }

  // ---- gateway ------------------------------------------------------------------------------------------------

  private connect(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', (code) => {
      this.sockets.delete(socket);
      const session = this.sessions.get(socket);
      this.sessions.delete(socket);
      // A client that closes with 1000 or 1001 ends its session: Discord will not resume it.
      if (session && (code === 1000 || code === 1001)) this.sessionsById.delete(session.id);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as {
        op: number;
        d: { token?: string; shard?: unknown; session_id?: string; seq?: number };
      };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 6) {
        this.resumes += 1;
        const resumed = this.sessionsById.get(frame.d.session_id ?? '');
        if (!resumed) {
          socket.send(JSON.stringify({ op: 9, d: false }));
          return;
        }
        this.sessions.set(socket, resumed);
        // Discord replays what the session missed since the last sequence the client saw, then says RESUMED.
        for (const missed of resumed.sent) if (missed.s > (frame.d.seq ?? 0)) socket.send(JSON.stringify(missed));
        this.dispatch('RESUMED', {}, socket);
      }
      if (frame.op === 2) {
        if (frame.d.token !== this.token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const shard = frame.d.shard ?? [0, 1];
        if (!isShard(shard)) {
          socket.close(4010, 'Invalid shard.');
          return;
        }
        const session: GatewaySession = { id: randomUUID(), shard, sequence: 0, sent: [] };
        this.sessions.set(socket, session);
        this.sessionsById.set(session.id, session);
        const owns = shardOf(IDS.guild, shard[1]) === shard[0];
        this.dispatch(
          'READY',
          {
            v: 10,
            user: { ...botUser() },
            guilds: owns ? [{ id: IDS.guild, unavailable: true }] : [],
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            shard,
            application: { id: IDS.application, flags: 0 },
          },
          socket,
        );
        if (owns) this.dispatch('GUILD_CREATE', this.guild(), socket);
      }
    });
  }

  private guild(): Json {
    return {
      id: IDS.guild,
      name: 'Study group',
      icon: null,
      owner_id: IDS.users.admin,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: IDS.guild,
          name: '@everyone',
          permissions: BASE_PERMISSIONS.toString(),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      joined_at: '2024-01-01T00:00:00.000Z',
      large: false,
      unavailable: false,
      member_count: 4,
      members: [],
      channels: [...this.channels.values()].filter((channel) => channel.type === 0),
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private textChannel(id: string, name: string): Channel {
    return {
      id,
      type: 0,
      guild_id: IDS.guild,
      name,
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
    };
  }

  // ---- REST ---------------------------------------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const method = request.method ?? 'GET';
    const { body, files } = await readBody(request);
    const authorization = request.headers.authorization;
    const recorded: Recorded = { method, path, body, files, authorization, at: Date.now() };
    this.requests.push(recorded);
    if (this.failures.takeUnserved(method, path)) {
      request.socket.destroy();
      return;
    }
    const verdict = this.rateLimits.check(method, path);
    const dropAnswer = verdict.allowed && this.failures.takeDrop(method, path);
    const send = (status: number, payload?: unknown) => {
      recorded.status = status;
      if (dropAnswer) {
        request.socket.destroy();
        return;
      }
      if (payload === undefined) {
        response.writeHead(status, verdict.headers);
        response.end();
      } else {
        response.writeHead(status, { ...verdict.headers, 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      }
    };
    if (!verdict.allowed) return send(429, verdict.body);
    const refuse = (problems: string[]) => {
      this.violations.push({ path, problems });
      send(400, { message: 'Invalid Form Body', code: 50035, errors: { problems } });
    };
    const refused = this.failures.match(method, path);
    if (refused) return send(refused.status, refused.body);

    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (callback && method === 'POST') {
      const record = this.interactions.get(callback[2] ?? '');
      if (!record || this.expired.has(record.token)) return send(404, { message: 'Unknown interaction', code: 10062 });
      if (record.events.some((event) => event.kind === 'callback')) {
        return send(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      }
      const payload = body ?? {};
      const problems = callbackProblems(payload, files.length);
      if (problems.length > 0) return refuse(problems);
      const message =
        payload.type === 4 || payload.type === 5
          ? this.storeReply(record, payload.data as Json | undefined, files, payload.type === 5)
          : undefined;
      record.push({ kind: 'callback', body: payload, files, ...(message ? { message } : {}) });
      return send(204);
    }

    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path);
    if (webhook) {
      const record = this.interactions.get(webhook[2] ?? '');
      if (!record) return send(404, { message: 'Unknown Webhook', code: 10015 });
      if (this.now() - record.createdAt > INTERACTION_TOKEN_LIFETIME_MS) {
        return send(401, { message: 'Invalid Webhook Token', code: 50027 });
      }
      const target = webhook[3];
      const original = record.events.find((event) => event.kind === 'callback')?.message;
      if (method === 'POST' && target === undefined) {
        const problems = messageProblems(body ?? {}, files.length);
        if (problems.length > 0) return refuse(problems);
        const message = this.store(String(record.payload.channel_id), body ?? {}, files, { interaction: true });
        record.push({ kind: 'followup', body: body ?? {}, files, message });
        return send(200, message);
      }
      if (target !== '@original' || !original) return send(404, { message: 'Unknown Message', code: 10008 });
      if (method === 'PATCH') {
        const problems = messageProblems(body ?? {}, files.length, true);
        if (problems.length > 0) return refuse(problems);
        const edited = this.edit(original, body ?? {}, files);
        record.push({ kind: 'edit', body: body ?? {}, files, message: edited });
        return send(200, edited);
      }
      if (method === 'DELETE') {
        this.messages.delete(original.id);
        record.push({ kind: 'delete', body: {}, files: [] });
        return send(204);
      }
      if (method === 'GET') return send(200, original);
    }

    if (authorization !== `Bot ${this.token}`) return send(401, { message: '401: Unauthorized', code: 0 });

    if (path === '/gateway/bot' && method === 'GET') {
      return send(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (path === '/users/@me' && method === 'GET') return send(200, botUser());

    const commands = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (commands && method === 'PUT') {
      const problems = commandProblems(body);
      if (problems.length > 0) return refuse(problems);
      this.commandDeploys.push({ path, body });
      const list = Array.isArray(body) ? (body as Json[]) : [];
      return send(
        200,
        list.map((command) => ({ ...command, id: this.snowflake(), application_id: commands[1], version: '1' })),
      );
    }

    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages && method === 'POST') {
      const channelId = channelMessages[1] ?? '';
      const target = this.channels.get(channelId);
      if (!target) return send(404, { message: 'Unknown Channel', code: 10003 });
      const recipient = target.type === 1 ? String((target.recipients as Json[])[0]?.id ?? '') : undefined;
      if (recipient && this.failures.closedDirectMessages.has(recipient)) {
        return send(REFUSALS.cannotDm.status, REFUSALS.cannotDm.body);
      }
      const payload = body ?? {};
      const problems = messageProblems(payload, files.length);
      if (problems.length > 0) return refuse(problems);
      const nonceKey = payload.enforce_nonce && payload.nonce !== undefined ? `${channelId}:${String(payload.nonce)}` : undefined;
      const earlier = nonceKey ? this.messages.get(this.nonces.get(nonceKey) ?? '') : undefined;
      if (earlier) return send(200, earlier);
      const message = this.store(channelId, payload, files, {});
      if (nonceKey) this.nonces.set(nonceKey, message.id);
      return send(200, message);
    }

    const channelMessage = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (channelMessage && method === 'PATCH') {
      const original = this.messages.get(channelMessage[2] ?? '');
      if (!original || original.channel_id !== channelMessage[1]) return send(404, { message: 'Unknown Message', code: 10008 });
      const problems = messageProblems(body ?? {}, files.length, true);
      if (problems.length > 0) return refuse(problems);
      return send(200, this.edit(original, body ?? {}, files));
    }

    const channel = /^\/channels\/(\d+)$/.exec(path);
    if (channel && method === 'GET') {
      const found = this.channels.get(channel[1] ?? '');
      return found ? send(200, found) : send(404, { message: 'Unknown Channel', code: 10003 });
    }

    const thread = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path);
    if (thread && method === 'POST') {
      const starter = this.messages.get(thread[2] ?? '');
      if (!starter || starter.channel_id !== thread[1]) return send(404, { message: 'Unknown Message', code: 10008 });
      if ((starter.flags & HAS_THREAD) !== 0) {
        return send(400, { message: 'A thread has already been created for this message', code: 160004 });
      }
      const name = String(body?.name ?? '');
      if (name.length < 1 || name.length > 100) return refuse([`thread name has ${name.length} characters (1-100)`]);
      const created: Channel = {
        id: starter.id,
        type: 11,
        guild_id: IDS.guild,
        parent_id: starter.channel_id,
        name,
        owner_id: IDS.bot,
        member_count: 1,
        message_count: 0,
        rate_limit_per_user: 0,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: body?.auto_archive_duration ?? 1440,
          archive_timestamp: new Date().toISOString(),
          locked: false,
        },
      };
      this.channels.set(created.id, created);
      starter.flags |= HAS_THREAD;
      starter.thread = created;
      return send(201, created);
    }

    const pin = /^\/channels\/(\d+)\/messages\/pins\/(\d+)$/.exec(path);
    if (pin && method === 'PUT') {
      this.pinned.add(pin[2] ?? '');
      return send(204);
    }

    const member = /^\/guilds\/(\d+)\/members\/(\d+)$/.exec(path);
    if (member && method === 'GET') {
      const who = (Object.keys(IDS.users) as Who[]).find((key) => IDS.users[key] === member[2]);
      if (member[1] !== IDS.guild) return send(404, { message: 'Unknown Guild', code: 10004 });
      if (!who || this.departed.has(IDS.users[who])) return send(404, { message: 'Unknown Member', code: 10007 });
      return send(200, memberObject(who));
    }

    if (path === '/users/@me/channels' && method === 'POST') {
      const recipient = String(body?.recipient_id ?? '');
      const existing = [...this.channels.values()].find(
        (candidate) => candidate.type === 1 && (candidate.recipients as Json[])[0]?.id === recipient,
      );
      if (existing) return send(200, existing);
      const dm: Channel = {
        id: this.snowflake(),
        type: 1,
        last_message_id: null,
        recipients: [
          { id: recipient, username: `user${recipient.slice(-2)}`, discriminator: '0', global_name: null, avatar: null },
        ],
      };
      this.channels.set(dm.id, dm);
      return send(200, dm);
    }

    return send(404, { message: `404: Not Found (${method} ${path})`, code: 0 });
  }

  private storeReply(
    record: InteractionRecord,
    data: Json | undefined,
    files: Recorded['files'],
    loading: boolean,
  ): StoredMessage {
    const flags = Number(data?.flags ?? 0) | (loading ? LOADING : 0);
    return this.store(String(record.payload.channel_id), { ...(data ?? {}), flags }, files, { interaction: true });
  }

  private store(channelId: string, body: Json, files: Recorded['files'], options: { interaction?: boolean }): StoredMessage {
    const id = this.snowflake();
    const message: StoredMessage = {
      id,
      type: options.interaction ? 20 : 0,
      channel_id: channelId,
      ...(this.channels.get(channelId)?.guild_id ? { guild_id: IDS.guild } : {}),
      author: botUser(),
      content: typeof body.content === 'string' ? body.content : '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: files.map((file, index) => attachmentObject(id, index, file)),
      embeds: (body.embeds as Json[] | undefined) ?? [],
      components: (body.components as Json[] | undefined) ?? [],
      pinned: false,
      flags: Number(body.flags ?? 0),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(options.interaction ? { application_id: IDS.application, webhook_id: IDS.application } : {}),
    };
    const pings = pingsOf(message.content, body.allowed_mentions as Json | undefined);
    message.mention_everyone = pings.everyone;
    this.pings.set(id, pings);
    this.messages.set(id, message);
    return message;
  }

  private edit(original: StoredMessage, body: Json, files: Recorded['files']): StoredMessage {
    const edited: StoredMessage = {
      ...original,
      content: typeof body.content === 'string' ? body.content : original.content,
      embeds: (body.embeds as Json[] | undefined) ?? original.embeds,
      components: (body.components as Json[] | undefined) ?? original.components,
      attachments:
        files.length > 0 ? files.map((file, index) => attachmentObject(original.id, index, file)) : original.attachments,
      flags: original.flags & ~LOADING,
      edited_timestamp: new Date().toISOString(),
    };
    this.pings.set(original.id, pingsOf(edited.content, body.allowed_mentions as Json | undefined));
    this.messages.set(original.id, edited);
    return edited;
  }
}

function callbackProblems(payload: Json, fileCount: number): string[] {
  const data = (payload.data as Json | undefined) ?? {};
  switch (payload.type) {
    case 4:
    case 7:
      return messageProblems(data, fileCount);
    case 5:
    case 6:
      return [];
    case 8:
      return choicesProblems(data);
    case 9:
      return modalProblems(data);
    default:
      return [`unknown callback type ${String(payload.type)}`];
  }
}

/** Discord's rule: without allowed_mentions everything in the content pings; mentions in embeds never do. */
export function pingsOf(content: string, allowed: Json | undefined): Pings {
  const parse = allowed ? ((allowed.parse as string[] | undefined) ?? []) : ['users', 'roles', 'everyone'];
  const allowedUsers = new Set((allowed?.users as string[] | undefined) ?? []);
  const allowedRoles = new Set((allowed?.roles as string[] | undefined) ?? []);
  const users = [...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? '');
  const roles = [...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] ?? '');
  return {
    everyone: parse.includes('everyone') && /@(everyone|here)/.test(content),
    users: users.filter((id) => parse.includes('users') || allowedUsers.has(id)),
    roles: roles.filter((id) => parse.includes('roles') || allowedRoles.has(id)),
  };
}

function optionType(value: string | number | boolean, types: Record<string, number>, key: string): number {
  const given = types[key];
  if (given !== undefined) return given;
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return 4;
  return 3;
}

function botUser(): Json {
  return { id: IDS.bot, username: 'cookbook', discriminator: '0', global_name: 'Cookbook', avatar: null, bot: true, flags: 0 };
}

function memberObject(as: Who): Json {
  return memberOf(userObject(as));
}

/** A guild member as Discord returns it (GET guild member; an interaction adds the member's permissions). */
export function memberOf(user: Json): Json {
  return {
    user,
    roles: [],
    nick: null,
    avatar: null,
    joined_at: '2024-01-01T00:00:00.000Z',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
  };
}

function userObject(as: Who): Json {
  return { id: IDS.users[as], username: as, discriminator: '0', global_name: `The ${as}`, avatar: null };
}

function attachmentObject(messageId: string, index: number, file: { name: string; text: string }): Json {
  return {
    id: `${messageId}${index}`,
    filename: file.name,
    size: Buffer.byteLength(file.text),
    url: `https://cdn.invalid/${file.name}`,
    proxy_url: `https://cdn.invalid/${file.name}`,
  };
}

async function readBody(request: IncomingMessage): Promise<{ body: Json | undefined; files: Recorded['files'] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
    const files: Recorded['files'] = [];
    let body: Json | undefined;
    for (const [name, value] of form.entries()) {
      if (name === 'payload_json') body = JSON.parse(String(value)) as Json;
      else if (typeof value !== 'string') files.push({ name: value.name, text: await value.text() });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')) as Json, files: [] };
}
