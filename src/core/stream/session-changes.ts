import type { Message } from '../view.js';

/** Hears the id of a session that changed, or `undefined` when any session may have changed. */
type SessionListener = (sessionId: number | undefined) => void;

/**
 * The board refreshes that commands return, told to whoever follows a session in this process (the web pages), and
 * to the other processes on the same database through a relay, when there is one. A listener that throws is dropped
 * from this one call only; the others still hear of the change.
 */
export class SessionChanges {
  private readonly listeners = new Set<SessionListener>();
  private relay: ((sessionId: number) => void) | undefined;

  /** `send` hears of each change made in this process, to pass it on to the others. */
  relayTo(send: ((sessionId: number) => void) | undefined): void {
    this.relay = send;
  }

  /** A change another process made: told to this process's listeners only. */
  receive(sessionId: number, onError: (error: unknown) => void): void {
    this.tell(sessionId, onError);
  }

  /** Another process changed the database and did not say which session: every follower reads its session again. */
  receiveAny(onError: (error: unknown) => void): void {
    this.tell(undefined, onError);
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get followers(): number {
    return this.listeners.size;
  }

  publish(messages: readonly Message[], onError: (error: unknown) => void): void {
    const sessions = new Set<number>();
    for (const message of messages) {
      if (message.kind === 'refresh' && message.target.entity === 'stream_session') sessions.add(message.target.id);
    }
    for (const sessionId of sessions) {
      this.tell(sessionId, onError);
      try {
        this.relay?.(sessionId);
      } catch (error) {
        onError(error);
      }
    }
  }

  private tell(sessionId: number | undefined, onError: (error: unknown) => void): void {
    for (const listener of this.listeners) {
      try {
        listener(sessionId);
      } catch (error) {
        onError(error);
      }
    }
  }
}
