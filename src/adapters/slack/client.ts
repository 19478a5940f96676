import type { AddressInfo } from 'node:net';
import { App, type webApi } from '@slack/bolt';
import type { Deps } from '../../core/deps.js';
import type { Logger } from '../../core/logger.js';
import type { Message } from '../../core/view.js';
import type { Adapter } from '../adapter.js';
import { boltLogger } from './bolt-logger.js';
import { createActorResolver } from './identity.js';
import { registerRoutes } from './routes.js';
import { type SlackPacing, SlackSender } from './sender.js';
import { checkSlackReachable } from './startup-check.js';

interface SlackConfig {
  botToken: string;
  /** An app-level token (xapp-…) selects Socket Mode. */
  appToken?: string | undefined;
  /** Without an app token, HTTP mode verifies every request with the signing secret. */
  signingSecret?: string | undefined;
  /** Another Web API base URL (a local fake in tests). */
  apiUrl?: string | undefined;
  /** HTTP mode's port. */
  port: number;
}

export interface SlackTuning {
  /** HTTP mode's listening address; every interface when absent. */
  host?: string;
  /** Pacing of channel messages, updates and live-board edits; Slack's own limits when absent. */
  pacing?: SlackPacing;
  clock?: () => Date;
  retryConfig?: webApi.RetryOptions;
}

export interface SlackAdapter extends Adapter {
  readonly mode: 'socket' | 'http';
  /** The port HTTP mode listens on, once started. */
  port(): number | undefined;
  /** Resolves when every piece of work started by an interaction has finished. */
  idle(): Promise<void>;
}

/** The Slack adapter on Bolt: Socket Mode when an app token is set, HTTP mode with the signing secret otherwise. */
export function createSlackAdapter(deps: Deps, config: SlackConfig, log: Logger, tuning: SlackTuning = {}): SlackAdapter {
  const { appToken, signingSecret } = config;
  const mode = appToken ? 'socket' : 'http';
  if (!appToken && !signingSecret) {
    throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).');
  }
  const clientOptions: webApi.WebClientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
    ...(tuning.retryConfig ? { retryConfig: tuning.retryConfig } : {}),
  };
  const app = new App({
    token: config.botToken,
    ...(appToken ? { socketMode: true, appToken } : signingSecret ? { signingSecret } : {}),
    logger: boltLogger(log),
    clientOptions,
    convoStore: false,
    deferInitialization: true,
  });
  const clock = tuning.clock ?? (() => new Date());
  const sender = new SlackSender(app.client, deps, log, clock, tuning.pacing);
  const running = new Set<Promise<void>>();
  let listeningPort: number | undefined;
  let started = false;

  // Work starts one item per event-loop turn, so acknowledgements of new requests never wait behind a burst of work.
  const waiting: (() => Promise<void>)[] = [];
  let draining = false;
  const startNext = () => {
    const work = waiting.shift();
    if (!work) {
      draining = false;
      return;
    }
    const task: Promise<void> = work()
      .catch((error: unknown) => log.error({ err: error }, 'slack interaction failed'))
      .finally(() => running.delete(task));
    running.add(task);
    setImmediate(startNext);
  };
  const later = (work: () => Promise<void>) => {
    waiting.push(work);
    if (!draining) {
      draining = true;
      setImmediate(startNext);
    }
  };
  const idle = async () => {
    while (running.size > 0 || waiting.length > 0) {
      await Promise.allSettled([...running]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await sender.boardsSettled();
  };

  // Every request Bolt processes counts as running work, so idle() and stop() wait for listeners still at work.
  app.use(async ({ next }) => {
    let finish = () => {};
    const processing = new Promise<void>((resolve) => {
      finish = resolve;
    });
    running.add(processing);
    try {
      await next();
    } finally {
      running.delete(processing);
      finish();
    }
  });
  const resolveActor = createActorResolver(config.botToken, clientOptions, deps, log);
  registerRoutes(app, { deps, log, client: app.client, resolveActor, sender, clock, later });
  app.error(async (error) => {
    log.error({ err: error }, 'slack listener failed');
  });

  return {
    platform: 'slack',
    mode,
    port: () => listeningPort,
    idle,
    async start(signal?: AbortSignal) {
      await checkSlackReachable(config.botToken, clientOptions.slackApiUrl, signal);
      await app.init();
      if (mode === 'socket') {
        await app.start();
      } else {
        const server = await app.start(tuning.host ? { port: config.port, host: tuning.host } : config.port);
        listeningPort = (server.address() as AddressInfo | null)?.port;
      }
      started = true;
      log.info({ mode, port: listeningPort }, 'slack adapter started');
    },
    async stop() {
      if (started) {
        started = false;
        await app.stop();
      }
      await idle();
      await sender.stop();
    },
    async roleOf(tenant: string, _channel: string, userId: string) {
      return (await resolveActor(tenant, userId, userId)).role;
    },
    async deliver(_tenant: string, messages: Message[]) {
      const failures = await sender.send(messages);
      const [first] = failures;
      if (first) {
        const codes = [...new Set(failures.map((failure) => failure.code ?? 'error'))].join(', ');
        throw new Error(`${failures.length} of ${messages.length} Slack messages were not delivered (${codes})`, {
          cause: first.error,
        });
      }
    },
  };
}
