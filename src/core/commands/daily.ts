import { type Choice, defineCommand, defineSubcommand } from '../command-kit/define.js';
import { markBest, showHint, voteFor } from '../daily/answers.js';
import { changeStatus, postNow, setSchedule, showStatus } from '../daily/manage.js';
import { restoreStreak } from '../daily/restore-streak.js';
import { MAX_GRACE_MINUTES, suggestTimeZones } from '../daily/schedule.js';
import type { Deps } from '../deps.js';
import { rich } from '../rich-text.js';
import { reply } from '../view.js';

function categoryChoices(partial: string, deps: Deps): Choice[] {
  const wanted = partial.trim().toLowerCase();
  return deps.content.categories
    .filter((category) => category.id.includes(wanted) || category.name.toLowerCase().includes(wanted))
    .slice(0, 25)
    .map((category) => ({ name: category.name, value: category.id }));
}

function topicChoices(partial: string, deps: Deps): Choice[] {
  const withQuestions = (id: string) => (deps.content.topic(id)?.questionIds.length ?? 0) > 0;
  const hits =
    partial.trim() === ''
      ? deps.content.topics.filter((topic) => withQuestions(topic.id))
      : deps.content.index
          .search(partial, 50)
          .map((hit) => hit.topic)
          .filter((topic) => withQuestions(topic.id));
  return hits.slice(0, 25).map((topic) => ({ name: topic.title.slice(0, 100), value: topic.id }));
}

function zoneChoices(partial: string): Choice[] {
  return suggestTimeZones(partial, undefined, 25).map((zone) => ({ name: zone, value: zone }));
}

export const dailyCommand = defineCommand({
  name: 'daily',
  description: 'The daily interview question of this channel',
  subcommands: [
    defineSubcommand({
      name: 'schedule',
      description: 'Post one interview question a day in this channel',
      permission: 'admin',
      options: [
        {
          name: 'time',
          type: 'string',
          description: 'Local time of day, HH:MM (24-hour), e.g. 09:00',
          required: true,
          maxLength: 5,
        },
        {
          name: 'timezone',
          type: 'string',
          description: 'IANA time zone, e.g. Europe/Berlin',
          required: true,
          maxLength: 64,
          autocomplete: zoneChoices,
        },
        {
          name: 'days',
          type: 'string',
          description: 'everyday (default), weekdays, weekends or a list such as mon,wed,fri',
          maxLength: 40,
        },
        {
          name: 'category',
          type: 'string',
          description: 'Only questions of this category',
          maxLength: 60,
          autocomplete: categoryChoices,
        },
        { name: 'topic', type: 'string', description: 'Only questions on this topic', maxLength: 60, autocomplete: topicChoices },
        {
          name: 'grace',
          type: 'integer',
          description: `Minutes a late start may still post the missed question (default 180, at most ${MAX_GRACE_MINUTES})`,
          min: 0,
          max: MAX_GRACE_MINUTES,
        },
      ],
      run: async (invocation, deps) => {
        const { grace, ...request } = invocation.options;
        return await setSchedule(invocation, deps, grace === undefined ? request : { ...request, graceMinutes: grace });
      },
    }),
    defineSubcommand({
      name: 'status',
      description: "Show this channel's schedule, the next post time and recent days",
      run: async (invocation, deps) => await showStatus(invocation, deps),
    }),
    defineSubcommand({
      name: 'pause',
      description: 'Pause the daily question in this channel',
      permission: 'admin',
      run: async (invocation, deps) => await changeStatus(invocation, deps, 'paused'),
    }),
    defineSubcommand({
      name: 'resume',
      description: 'Resume a paused daily question',
      permission: 'admin',
      run: async (invocation, deps) => await changeStatus(invocation, deps, 'active'),
    }),
    defineSubcommand({
      name: 'stop',
      description: 'Stop the daily question here (history and points are kept)',
      permission: 'admin',
      run: async (invocation, deps) => await changeStatus(invocation, deps, 'stopped'),
    }),
    defineSubcommand({
      name: 'now',
      description: "Post today's question at once if it has not been posted",
      permission: 'admin',
      run: async (invocation, deps) => await postNow(invocation, deps),
    }),
    defineSubcommand({
      name: 'hint',
      description: "Show a hint for the channel's daily question",
      options: [
        { name: 'post', type: 'integer', description: 'Number of the daily question (default: the latest)', min: 1 },
        { name: 'number', type: 'integer', description: 'Which hint (default 1)', min: 1, max: 3 },
      ],
      run: async (invocation, deps) => await showHint(invocation, deps, invocation.options.post, invocation.options.number ?? 1),
    }),
    defineSubcommand({
      name: 'remind',
      description: 'Get a reminder two hours before the question closes if you have not answered',
      options: [
        {
          name: 'state',
          type: 'string',
          description: 'on or off',
          required: true,
          choices: [
            { name: 'on', value: 'on' },
            { name: 'off', value: 'off' },
          ],
        },
      ],
      run: async (invocation, deps) => {
        const on = invocation.options.state === 'on';
        const seen = await deps.store.directory.touch(invocation);
        await deps.store.daily.reminders.set(seen.userId, seen.channelId, on, invocation.now);
        const scheduled = (await deps.store.daily.schedules.ofChannel(seen.channelId)) !== undefined;
        return reply({
          text: rich(
            on
              ? `You will get a direct message two hours before the daily question closes, when you have not answered yet.${scheduled ? '' : ' This channel has no daily question yet.'}`
              : 'Reminders for this channel are off.',
          ),
          tone: 'success',
          ephemeral: true,
        });
      },
    }),
    defineSubcommand({
      name: 'restore-streak',
      description: "Give back a member's streak lost to a day the bot was offline",
      permission: 'moderator',
      options: [{ name: 'user', type: 'user', description: 'Whose streak, e.g. @someone', required: true }],
      run: async (invocation, deps) => await restoreStreak(invocation, deps),
    }),
    defineSubcommand({
      name: 'vote',
      description: 'Upvote an answer to the daily question',
      hidden: true,
      options: [{ name: 'answer', type: 'integer', description: 'Number of the answer', required: true, min: 1 }],
      run: async (invocation, deps) => await voteFor(invocation, deps, invocation.options.answer),
    }),
    defineSubcommand({
      name: 'best',
      description: 'Mark an answer to the daily question as best',
      permission: 'moderator',
      hidden: true,
      options: [{ name: 'answer', type: 'integer', description: 'Number of the answer', required: true, min: 1 }],
      run: async (invocation, deps) => await markBest(invocation, deps, invocation.options.answer),
    }),
  ],
});
