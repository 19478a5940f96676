import type { Message } from '../view.js';

type SessionListener = (sessionId: number) => void;

/**
 * The board refreshes that commands return, told to whoever follows a session in this process (the web pages).
 * A listener that throws is dropped from this one call only; the others still hear of the change.
 */
export class SessionChanges {
  private readonly listeners = new Set<SessionListener>();

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
      for (const listener of this.listeners) {
        try {
          listener(sessionId);
        } catch (error) {
          onError(error);
        }
      }
    }
  }
}
