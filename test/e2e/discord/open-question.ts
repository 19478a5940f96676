import type { LocalDate } from '../../../src/core/daily/time.js';
import type { Deps } from '../../../src/core/deps.js';
import { IDS } from './fake-discord.js';

export interface OpenQuestion {
  channel?: string;
  questionId?: string;
  /** How long before now the question was posted. */
  agoMs?: number;
  /** How long it stays open after now. */
  openForMs?: number;
  /** How long its schedule keeps questions open. */
  answerMinutes?: number;
}

/** A daily question already sent in a channel of the fake guild, as the scheduler leaves it; its post id. */
export async function openDailyQuestion(deps: Deps, question: OpenQuestion = {}): Promise<number> {
  const { store } = deps;
  const now = new Date();
  const admin = await store.directory.touch({
    platform: 'discord',
    tenant: IDS.guild,
    channel: question.channel ?? IDS.channel,
    user: { id: IDS.users.admin, name: 'admin', role: 'admin' },
    now,
  });
  const schedule =
    (await store.daily.schedules.ofChannel(admin.channelId)) ??
    (await store.daily.schedules.save({
      channelId: admin.channelId,
      time: '09:00',
      timezone: 'UTC',
      days: 127,
      category: null,
      topic: null,
      graceMinutes: 60,
      answerMinutes: question.answerMinutes ?? 1440,
      seed: 1,
      createdBy: admin.userId,
      now,
    }));
  const slotAt = new Date(now.getTime() - (question.agoMs ?? 0));
  const post = await store.daily.posts.claim({
    scheduleId: schedule.id,
    channelId: admin.channelId,
    localDate: slotAt.toISOString().slice(0, 10) as LocalDate,
    slotAt,
    questionId: question.questionId ?? 'linux-crontab',
    cycle: 1,
    now,
  });
  if (!post) throw new Error('the post was not claimed');
  await store.daily.posts.markSent(post.id, now, new Date(now.getTime() + (question.openForMs ?? 60 * 60_000)));
  return post.id;
}
