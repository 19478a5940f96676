import type { PlatformProfile } from '../platform.js';
import { list, paragraphs, rich } from '../rich-text.js';
import { plural } from '../text.js';
import type { Action, View } from '../view.js';
import type { ErasureSummary, HeldRecord, PersonalData } from './ports.js';

const LABELS: Record<string, string> = {
  answers: 'Answers to daily questions',
  'answer-votes': 'Votes you gave to answers',
  'votes-on-answers': 'Votes others gave to your answers',
  points: 'Point entries',
  'quiz-rounds': 'Quiz questions dealt to you',
  submissions: 'Live-stream questions you sent',
  'submission-votes': 'Votes you gave to live-stream questions',
  'reminder-opt-ins': 'Channels you asked reminders for',
  'reminders-sent': 'Reminders sent to you',
  'moderation-actions': 'Moderation actions you took',
  'schedules-created': 'Daily schedules you created',
  'streams-started': 'Live-stream sessions you started',
  'stream-links': 'Overlay and host-screen links you made',
  'community-answers': 'Your answers kept as community answers',
  'answer-credit': 'Your consent to be named for community answers',
  'points-from-your-votes': 'Points others earned from your votes (they keep them)',
};

const EXPORT_FILE = 'my-data.json';

function place(profile: PlatformProfile): string {
  return `this ${profile.tenantNoun}`;
}

const label = (kind: string) => LABELS[kind] ?? kind;
const day = (date: Date) => date.toISOString().slice(0, 10);

function recordLine(record: HeldRecord): string {
  if (record.kind !== 'points') return `${label(record.kind)}: ${record.count}`;
  const total = record.rows.reduce((sum, row) => sum + (typeof row.points === 'number' ? row.points : 0), 0);
  return `${label(record.kind)}: ${record.count} (${plural(total, 'point')} in all)`;
}

export function personalDataView(data: PersonalData, where: PlatformProfile, confirmLine: string): View {
  const { profile } = data;
  const profileLines = [
    `Your id on the platform: ${profile.externalId}`,
    `Display name: ${profile.displayName}`,
    `First and last seen: ${day(profile.firstSeenAt)}, ${day(profile.lastSeenAt)}`,
    ...(profile.grantedRole ? [`Role granted in the bot: ${profile.grantedRole}`] : []),
  ];
  const exported = { profile, records: Object.fromEntries(data.records.map((record) => [record.kind, record.rows])) };
  return {
    title: 'Your data',
    text: rich(`What the bot keeps about you in ${place(where)}:`, list([...profileLines, ...data.records.map(recordLine)])),
    footer: `Every record is in ${EXPORT_FILE}. To erase it all, type ${confirmLine}`,
    attachments: [{ filename: EXPORT_FILE, contentType: 'application/json', content: JSON.stringify(exported, null, 2) }],
    ephemeral: true,
  };
}

export function erasurePreview(profile: PlatformProfile, confirmAction: Action): View {
  return {
    title: 'Erase your data?',
    text: rich(
      `This erases what the bot keeps about you in ${place(profile)}:`,
      list([
        'your answers, your votes, your points, your quiz rounds and your reminder settings are deleted;',
        'live-stream questions you sent stay, without your name;',
        'moderation history keeps the action, without your name;',
        'points others earned from your votes stay theirs, and nothing in them points to you;',
        'your id and name are removed.',
      ]),
      'It cannot be undone.',
    ),
    actions: [confirmAction],
    tone: 'warning',
    ephemeral: true,
  };
}

export function erasureDoneView(summary: ErasureSummary): View {
  const lines = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${label(kind)}: ${count}`);
  const deleted = lines(summary.deleted);
  const anonymised = lines(summary.anonymised);
  return {
    title: 'Your data is erased',
    text: paragraphs([
      deleted.length > 0 ? rich('Deleted:', list(deleted)) : 'There was nothing to delete.',
      ...(anonymised.length > 0 ? [rich('Kept without your name:', list(anonymised))] : []),
    ]),
    footer: 'Using the bot again records your id and display name again.',
    tone: 'success',
    ephemeral: true,
  };
}
