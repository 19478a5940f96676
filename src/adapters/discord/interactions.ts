import { DiscordAPIError, type Interaction, MessageFlags, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import type { FormPlace } from '../../core/command-kit/define.js';
import { type DispatchResult, dispatch, dispatchLine } from '../../core/command-kit/dispatch.js';
import { formFor } from '../../core/command-kit/forms.js';
import { failureCode } from '../../core/daily/delivery-failure.js';
import type { Deps } from '../../core/deps.js';
import { isUserError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { FormAction, Message, ReplyMessage } from '../../core/view.js';
import { editOptions, replyOptions } from './payload.js';
import { renderModal, renderView } from './render.js';
import { autocompleteChoices, chatInputInvocation, componentRoute, contextOf, modalOptions } from './routes.js';
import type { Sender } from './send.js';

interface InteractionHandlerDeps {
  deps: Deps;
  log: Logger;
  sender: Sender;
  /** Work that takes longer than this is deferred (Discord drops an interaction not answered within 3 s). */
  replyWithinMs: number;
}

const APOLOGY = 'Sorry, something went wrong on our side. Please try again in a moment.';
/** The interaction cannot be answered any more: expired (3 s to answer, 15 minutes to follow up) or answered. */
const GONE_CODES = new Set<number | string>([
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
  RESTJSONErrorCodes.InvalidWebhookToken,
  RESTJSONErrorCodes.UnknownWebhook,
]);

/** Answers one interaction; never throws, so one bad interaction cannot take the client down. */
export async function handleInteraction(interaction: Interaction, handler: InteractionHandlerDeps): Promise<void> {
  const { deps, log } = handler;
  try {
    if (interaction.isAutocomplete()) {
      let choices: ReturnType<typeof autocompleteChoices> = [];
      try {
        choices = autocompleteChoices(interaction, deps);
      } catch (error) {
        log.error({ err: error, command: interaction.commandName }, 'autocomplete failed');
      }
      await interaction.respond(choices);
      return;
    }
    const now = new Date();
    if (interaction.isChatInputCommand()) {
      await runAndRespond(interaction, dispatch(chatInputInvocation(interaction, now), deps), handler);
    } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
      const route = componentRoute(interaction);
      if (route.kind === 'form') {
        await openForm(interaction, route.formId, contextOf(interaction, now), handler);
        return;
      }
      await runAndRespond(interaction, dispatchLine(route.line, contextOf(interaction, now), deps, route.extra), handler);
    } else if (interaction.isModalSubmit()) {
      const options = modalOptions(interaction);
      await runAndRespond(interaction, dispatchLine(interaction.customId, contextOf(interaction, now), deps, options), handler);
    } else {
      log.debug({ type: interaction.type }, 'interaction of a kind the bot does not use');
    }
  } catch (error) {
    if (error instanceof DiscordAPIError && GONE_CODES.has(error.code)) {
      log.warn({ interaction: interaction.id, code: error.code }, 'interaction expired or already answered; dropped');
      return;
    }
    log.error({ err: error, interaction: interaction.id }, 'interaction failed');
    if (!interaction.isRepliable() || interaction.replied) return;
    const apology = { content: APOLOGY, allowedMentions: { parse: [] } };
    const answered = interaction.deferred
      ? interaction.editReply(apology)
      : interaction.reply({ ...apology, flags: MessageFlags.Ephemeral });
    await answered.catch(() => undefined);
  }
}

async function openForm(
  interaction: RepliableInteraction & { showModal: (modal: ReturnType<typeof renderModal>) => Promise<unknown> },
  formId: string,
  where: FormPlace,
  { deps }: InteractionHandlerDeps,
): Promise<void> {
  let form: FormAction;
  try {
    form = await formFor(formId, where, deps);
  } catch (error) {
    const text = isUserError(error) ? error.message : APOLOGY;
    await interaction.reply({ content: text, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  await interaction.showModal(renderModal(form));
}

/** Replies at once when the work is quick; otherwise defers, then edits the deferred reply when the work is done. */
async function runAndRespond(
  interaction: RepliableInteraction,
  work: Promise<DispatchResult>,
  { log, sender, replyWithinMs }: InteractionHandlerDeps,
): Promise<void> {
  const quick = await settlesWithin(work, replyWithinMs);
  const deferral = quick === undefined ? outcomeOf(interaction.deferReply()) : undefined;
  const result = quick ?? (await work);
  const deferred = deferral === undefined ? undefined : await deferral;
  if (result.status === 'duplicate') {
    if (deferred?.ok) await interaction.deleteReply();
    return;
  }
  const replies = result.messages.filter((message): message is ReplyMessage => message.kind === 'reply');
  const others = result.messages.filter((message) => message.kind !== 'reply');
  try {
    if (deferred && !deferred.ok) throw deferred.error;
    await answer(interaction, replies, deferred !== undefined).catch(async (error: unknown) => {
      // Lost on the way, before anything was answered: one more try. Had Discord taken it after all, the second
      // answer is refused as already acknowledged, and the person has read the first.
      if (failureCode(error) !== 'network' || interaction.replied) throw error;
      log.warn({ err: error, interaction: interaction.id }, 'the connection was lost while answering; answering again');
      await answer(interaction, replies, deferred !== undefined);
    });
  } catch (error) {
    // The command ran and committed: an apology would tell the person it failed when it did not.
    if (error instanceof DiscordAPIError && GONE_CODES.has(error.code)) {
      log.warn({ interaction: interaction.id, code: error.code }, 'interaction expired or already answered; dropped');
    } else {
      log.warn({ err: error, interaction: interaction.id }, 'the reply to a command that ran could not be sent');
    }
  } finally {
    // The command has run and committed: its posts go out even when the interaction itself expired meanwhile.
    const { failures, threadsRefused } = await sender.deliver(others);
    if (threadsRefused.length > 0) await reportRefusedThreads(interaction, threadsRefused).catch(() => undefined);
    if (failures.length > 0) {
      log.warn({ count: failures.length }, 'some messages of a command were not delivered');
      await reportFailures(
        interaction,
        failures.map((failure) => failure.message),
      ).catch(() => undefined);
    }
  }
}

async function answer(interaction: RepliableInteraction, replies: ReplyMessage[], deferred: boolean): Promise<void> {
  const [first, ...rest] = replies.map((message) => renderView(message.view));
  if (!first) {
    const onMessage = interaction.isMessageComponent() || (interaction.isModalSubmit() && interaction.isFromMessage());
    if (deferred) await interaction.deleteReply();
    else if (onMessage) await interaction.deferUpdate();
    else await interaction.reply({ content: 'Done.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  if (!deferred) {
    await interaction.reply(replyOptions(first));
  } else if (first.ephemeral) {
    // A deferred reply cannot turn private afterwards: replace it with a private follow-up.
    await interaction.deleteReply();
    await interaction.followUp(replyOptions(first));
  } else {
    await interaction.editReply(editOptions(first));
  }
  for (const next of rest) await interaction.followUp(replyOptions(next));
}

async function reportFailures(interaction: RepliableInteraction, messages: Message[]): Promise<void> {
  const where = messages.map((message) =>
    message.kind === 'dm' ? 'a direct message' : message.kind === 'post' ? `<#${message.channel}>` : 'a thread',
  );
  await interaction.followUp({
    content: `I could not post to ${[...new Set(where)].join(', ')}. Check that I can view the channel, send messages and create threads there.`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

/** The post is up; only its thread is missing, so the person is told what changes and how to fix it. */
async function reportRefusedThreads(interaction: RepliableInteraction, channels: string[]): Promise<void> {
  const where = [...new Set(channels)].map((channel) => `<#${channel}>`).join(', ');
  await interaction.followUp({
    content: `The post in ${where} is up, but Discord did not let me open a thread on it, so answers will appear in the channel. Give me the Create Public Threads permission there to keep them in a thread.`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

/** A promise that never rejects, so a failure can be looked at later without counting as unhandled. */
async function outcomeOf(promise: Promise<unknown>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  try {
    await promise;
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The value when the promise settles within `ms`, undefined when it is still running then. */
async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
