import { randomUUID } from 'node:crypto';
import type { Notification, PoolClient } from 'pg';
import type { Logger } from '../../core/logger.js';
import type { SessionChanges } from '../../core/stream/session-changes.js';
import type { PgDb } from './open.js';

const CHANNEL = 'cookbook_session_changes';
const RETRY_MS = 2_000;

/**
 * Carries live-session changes between the processes on one PostgreSQL: a change made here is a NOTIFY, and a
 * NOTIFY from another process reaches this process's web pages. One pooled connection stays checked out to LISTEN;
 * when it is lost, the relay says so and listens again.
 */
export async function relaySessionChanges(db: PgDb, changes: SessionChanges, log: Logger): Promise<{ stop(): Promise<void> }> {
  const origin = randomUUID();
  let held: { client: PoolClient; release(error?: Error): void } | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const onError = (error: unknown) => log.error({ err: error }, 'a live page could not hear of a change');

  const listen = async (): Promise<void> => {
    const client = await db.$client.connect();
    const onNotification = (message: Notification) => {
      const [from, session] = (message.payload ?? '').split(':');
      if (message.channel === CHANNEL && from !== origin && session) changes.receive(Number(session), onError);
    };
    const onLost = (error: Error) => {
      if (held?.client !== client) return;
      log.warn({ err: error }, "the connection that hears of other processes' changes was lost; listening again");
      letGo(error);
      schedule();
    };
    client.on('notification', onNotification);
    client.on('error', onLost);
    held = {
      client,
      release: (error?: Error) => {
        client.off('notification', onNotification);
        client.off('error', onLost);
        client.release(error);
      },
    };
    try {
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      letGo(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  };
  /** Hands the listening connection back to the pool, once; a broken one is discarded. */
  const letGo = (error?: Error) => {
    const current = held;
    held = undefined;
    current?.release(error);
  };
  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      listen().catch((error: unknown) => {
        log.warn({ err: error }, "cannot listen for other processes' changes yet; trying again");
        schedule();
      });
    }, RETRY_MS);
    retry.unref();
  };

  await listen();
  changes.relayTo((sessionId) => {
    db.$client.query('SELECT pg_notify($1, $2)', [CHANNEL, `${origin}:${sessionId}`]).catch((error: unknown) => {
      log.warn({ err: error, sessionId }, 'other processes could not be told of a change');
    });
  });
  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      changes.relayTo(undefined);
      const client = held?.client;
      if (client) await client.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined);
      letGo();
    },
  };
}
