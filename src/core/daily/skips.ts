import { plural } from '../text.js';
import type { PostRecord } from './ports.js';

const OFFLINE = 'the bot was offline';

/** Why a slot was skipped when no check came in time: the bot was not running (or not checking) then. */
export function offlineReason(slotTime: string, lateMinutes: number, graceMinutes: number): string {
  const back = lateMinutes >= 120 ? plural(Math.round(lateMinutes / 60), 'hour') : plural(lateMinutes, 'minute');
  return `${OFFLINE} at ${slotTime} and came back ${back} later, after the ${plural(graceMinutes, 'minute')} it may still post late`;
}

export function isOfflineSkip(post: PostRecord): boolean {
  const reason = post.skipReason ?? '';
  // Rows written before this wording said "no tick came within ...".
  return post.status === 'skipped' && (reason.startsWith(OFFLINE) || reason.startsWith('no tick came'));
}

/** The recorded reason in words a member understands. */
export function skipReasonText(post: PostRecord): string {
  return post.skipReason ?? 'no reason was recorded';
}
