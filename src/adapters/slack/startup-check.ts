import { setTimeout as sleep } from 'node:timers/promises';

/** How long start-up may wait for Slack before it gives up: the Web API client alone would retry for 30 minutes. */
const SLACK_START_TIMEOUT_MS = 12_000;
const ATTEMPTS = 4;
const PAUSE_MS = 1_000;

/**
 * Asks Slack who the bot is (auth.test) within a short deadline, so an unreachable API or a bad token stops
 * start-up with one reason, and a stop during start-up (`signal`) ends the wait at once.
 */
export async function checkSlackReachable(
  botToken: string,
  slackApiUrl: string | undefined,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  const base = slackApiUrl ?? 'https://slack.com/api/';
  // A plain controller and timer: a composite AbortSignal.any can be collected before it fires.
  const stop = new AbortController();
  const deadline = stop.signal;
  const timer = setTimeout(() => stop.abort(), SLACK_START_TIMEOUT_MS);
  const onStop = () => stop.abort();
  signal.addEventListener('abort', onStop, { once: true });
  try {
    await ask(botToken, base, signal, deadline);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onStop);
  }
}

async function ask(botToken: string, base: string, signal: AbortSignal, deadline: AbortSignal): Promise<void> {
  let reason = 'no answer';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (signal.aborted) throw new Error('Slack start-up was stopped');
    try {
      const response = await fetch(new URL('auth.test', base), {
        method: 'POST',
        headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/x-www-form-urlencoded' },
        signal: deadline,
      });
      if (response.status === 429 || response.status >= 500) {
        reason = `HTTP ${response.status}`;
      } else {
        const body = (await response.json()) as { ok?: boolean; error?: string };
        if (body.ok) return;
        throw new SlackRefusal(`Slack refused the bot token: ${body.error ?? `HTTP ${response.status}`}`);
      }
    } catch (error) {
      if (error instanceof SlackRefusal) throw error;
      if (signal.aborted) throw new Error('Slack start-up was stopped');
      if (deadline.aborted) break;
      reason = describe(error);
    }
    if (attempt < ATTEMPTS) await sleep(PAUSE_MS, undefined, { signal: deadline }).catch(() => undefined);
    if (deadline.aborted) break;
  }
  if (signal.aborted) throw new Error('Slack start-up was stopped');
  throw new Error(
    `Slack is not reachable at ${base}: ${deadline.aborted ? `no answer within ${SLACK_START_TIMEOUT_MS / 1000} s` : reason}`,
  );
}

class SlackRefusal extends Error {}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
