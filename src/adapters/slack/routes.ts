import type {
  App,
  BlockAction,
  BlockElementAction,
  MessageShortcut,
  SlashCommand,
  ViewOutput,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import { parseCommandLine } from '../../core/command-kit/command-line.js';
import { dispatch, dispatchLine } from '../../core/command-kit/dispatch.js';
import { formFor } from '../../core/command-kit/forms.js';
import { coerceOptions } from '../../core/command-kit/options.js';
import type { Deps } from '../../core/deps.js';
import { isUserError } from '../../core/errors.js';
import type { Actor, Invocation } from '../../core/invocation.js';
import type { Logger } from '../../core/logger.js';
import { command, plainTextOf, type RichText, rich } from '../../core/rich-text.js';
import { withoutShare } from '../../core/share.js';
import type { FormAction, View } from '../../core/view.js';
import { ACTION_ID, decodeAction, FORM_CALLBACK_ID, SUBMIT_QUESTION_CALLBACK_ID } from './action-ids.js';
import { slackActionChannelAccess, slackChannelAccess } from './channel-access.js';
import type { ResolveActor } from './identity.js';
import { fromSlackText } from './incoming.js';
import { LIMITS } from './limits.js';
import { slackProfile } from './profile.js';
import { renderHome, renderModal } from './render.js';
import type { Origin, SlackSender } from './sender.js';

export const SLASH_COMMAND = '/cookbook';
const HOME_INTRO = rich('Type ', command('help', 'code'), ' in any channel to see every command.');

interface RouteContext {
  deps: Deps;
  log: Logger;
  client: webApi.WebClient;
  resolveActor: ResolveActor;
  sender: SlackSender;
  clock: () => Date;
  /** Runs work after the acknowledgement; the adapter waits for it on stop. */
  later(work: () => Promise<void>): void;
}

/** What a form submission needs to find its command and its way back; travels in the modal's private_metadata. */
interface FormContext {
  line: string;
  channel?: string;
  thread?: string;
  responseUrl?: string;
}

/** Wires every Slack entry point: acknowledge first, always, then do the work. */
export function registerRoutes(app: App, ctx: RouteContext): void {
  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    await ack();
    ctx.later(() => onSlashCommand(command, ctx));
  });

  app.action(ACTION_ID, async ({ ack, body }) => {
    await ack();
    ctx.later(() => onAction(body as BlockAction, ctx));
  });

  app.view<ViewSubmitAction>(FORM_CALLBACK_ID, async ({ ack, body, view }) => {
    const form = readFormContext(view.private_metadata);
    const values = formValues(view);
    const errors = form ? fieldErrors(form.line, values, ctx.deps) : {};
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    if (form) ctx.later(() => onFormSubmitted(body, form, values, ctx));
  });

  app.shortcut(SUBMIT_QUESTION_CALLBACK_ID, async ({ ack, shortcut }) => {
    await ack();
    ctx.later(() => onSubmitQuestion(shortcut as MessageShortcut, ctx));
  });

  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    const team = body.team_id ?? '';
    if (!(await ctx.deps.store.events.claim('slack', `event:${body.event_id}`, ctx.clock()))) {
      ctx.log.info({ eventId: body.event_id }, 'duplicate event ignored');
      return;
    }
    ctx.later(() => publishHome(ctx, team, event.user, event.channel));
  });
}

async function onSlashCommand(command: SlashCommand, ctx: RouteContext): Promise<void> {
  const origin: Origin = {
    team: command.team_id,
    user: command.user_id,
    channel: command.channel_id,
    responseUrl: command.response_url,
  };
  const actor = await actorOf(ctx, origin, command.user_name);
  const line = fromSlackText(command.text).trim() || 'help';
  const context = {
    ...invocationContext(origin, actor, `command:${command.trigger_id}`, ctx),
    channelAccess: slackChannelAccess(command.text),
  };
  const result = await dispatchLine(line, context, ctx.deps);
  await ctx.sender.send(result.messages, origin);
}

async function onAction(body: BlockAction, ctx: RouteContext): Promise<void> {
  const element = body.actions[0];
  if (!element) return;
  const decoded = decodeAction(element.action_id, elementValue(element));
  if (!decoded) return;
  const fromHome = body.view?.type === 'home';
  const thread = (body.container.thread_ts as string | undefined) ?? (body.message?.thread_ts as string | undefined);
  const origin: Origin = {
    team: body.team?.id ?? body.user.team_id ?? '',
    user: body.user.id,
    ...(body.channel && !fromHome ? { channel: body.channel.id } : {}),
    ...(thread ? { thread } : {}),
    ...(body.response_url ? { responseUrl: body.response_url } : {}),
  };
  if (decoded.kind === 'form') {
    const form = await currentForm(decoded.form, origin, ctx.deps);
    if ('refusal' in form) await ctx.sender.send([{ kind: 'reply', view: errorView(form.refusal) }], origin);
    else await openForm(ctx, body.trigger_id, form, origin);
    return;
  }
  const actor = await actorOf(ctx, origin, body.user.name ?? body.user.username);
  const extra = decoded.kind === 'pick' ? { value: decoded.value } : {};
  const context = {
    ...invocationContext(origin, actor, `action:${body.trigger_id}`, ctx),
    channelAccess: slackActionChannelAccess(decoded.line, body.container.is_ephemeral === true),
  };
  const result = await dispatchLine(decoded.line, context, ctx.deps, extra);
  if (!fromHome) {
    await ctx.sender.send(result.messages, origin);
    return;
  }
  // On the Home tab the answer to a click is shown in the tab itself, above the stats.
  const replies = result.messages.flatMap((message) => (message.kind === 'reply' ? [message.view] : []));
  await ctx.sender.send(
    result.messages.filter((message) => message.kind !== 'reply'),
    origin,
  );
  if (result.status !== 'duplicate') await publishHome(ctx, origin.team, origin.user, undefined, replies);
}

function elementValue(element: BlockElementAction): string | undefined {
  if (element.type === 'button') return element.value;
  if (element.type === 'static_select') return element.selected_option?.value;
  return undefined;
}

/**
 * The form as its command defines it now (the question being edited as it stands in the database), keeping only the
 * person's own draft from the button, for inputs the definition leaves empty.
 */
async function currentForm(shown: FormAction, origin: Origin, deps: Deps): Promise<FormAction | { refusal: RichText }> {
  let form: FormAction;
  try {
    form = await formFor(shown.id, { platform: 'slack', tenant: origin.team, channel: origin.channel ?? '' }, deps);
  } catch (error) {
    if (isUserError(error)) return { refusal: error.text };
    throw error;
  }
  const drafts = new Map(shown.fields.flatMap((field) => (field.value ? [[field.name, field.value] as const] : [])));
  const fields = form.fields.map((field) => {
    const draft = drafts.get(field.name);
    return field.value || draft === undefined ? field : { ...field, value: draft };
  });
  return { ...form, fields };
}

async function openForm(ctx: RouteContext, triggerId: string, form: FormAction, origin: Origin): Promise<void> {
  const context: FormContext = {
    line: form.id,
    ...(origin.channel ? { channel: origin.channel } : {}),
    ...(origin.thread ? { thread: origin.thread } : {}),
    ...(origin.responseUrl ? { responseUrl: origin.responseUrl } : {}),
  };
  let metadata = JSON.stringify(context);
  if (metadata.length > LIMITS.privateMetadata) {
    const { responseUrl: _dropped, ...rest } = context;
    metadata = JSON.stringify(rest);
  }
  if (metadata.length > LIMITS.privateMetadata) {
    await ctx.sender.send([{ kind: 'reply', view: errorView('This form is too large for Slack.') }], origin);
    return;
  }
  await ctx.client.views.open({ trigger_id: triggerId, view: renderModal(form, metadata) });
}

function readFormContext(metadata: string): FormContext | undefined {
  try {
    const parsed = JSON.parse(metadata) as Partial<FormContext>;
    return typeof parsed.line === 'string' ? (parsed as FormContext) : undefined;
  } catch {
    return undefined;
  }
}

function formValues(view: ViewOutput): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const value = actions.value?.value;
    if (typeof value === 'string' && value.trim() !== '') values[blockId] = value;
  }
  return values;
}

/** Field-by-field checks with the command's own option rules, shown inside the modal before it closes. */
function fieldErrors(line: string, values: Record<string, string>, deps: Deps): Record<string, string> {
  const errors: Record<string, string> = {};
  let specs: ReturnType<typeof parseCommandLine>['resolved']['leaf']['options'];
  let path: string[];
  try {
    const parsed = parseCommandLine(line, deps.registry);
    specs = parsed.resolved.leaf.options ?? [];
    path = parsed.resolved.path;
  } catch {
    return errors;
  }
  for (const [field, value] of Object.entries(values)) {
    const spec = specs.find((option) => option.name === field);
    if (!spec) continue;
    try {
      coerceOptions(path, [spec], { [field]: value });
    } catch (error) {
      if (isUserError(error)) errors[field] = plainTextOf(error.text, slackProfile.commandPrefix).slice(0, 150);
    }
  }
  return errors;
}

async function onFormSubmitted(
  body: ViewSubmitAction,
  form: FormContext,
  values: Record<string, string>,
  ctx: RouteContext,
): Promise<void> {
  const origin: Origin = {
    team: body.team?.id ?? body.user.team_id ?? '',
    user: body.user.id,
    ...(form.channel ? { channel: form.channel } : {}),
    ...(form.thread ? { thread: form.thread } : {}),
    ...(form.responseUrl ? { responseUrl: form.responseUrl } : {}),
  };
  const actor = await actorOf(ctx, origin, body.user.name);
  const context = invocationContext(origin, actor, `view:${body.view.id}`, ctx);
  const result = await dispatchLine(form.line, context, ctx.deps, values);
  await ctx.sender.send(result.messages, origin);
}

/** "Submit as interview question" on a message: runs the command that takes a message's text, as the person who used it. */
async function onSubmitQuestion(shortcut: MessageShortcut, ctx: RouteContext): Promise<void> {
  const origin: Origin = {
    team: shortcut.team?.id ?? shortcut.user.team_id ?? '',
    user: shortcut.user.id,
    channel: shortcut.channel.id,
    responseUrl: shortcut.response_url,
    ...(shortcut.message.thread_ts ? { thread: shortcut.message.thread_ts as string } : {}),
  };
  const onMessage = ctx.deps.registry.onMessage();
  const text = fromSlackText(shortcut.message.text ?? '').trim();
  if (!onMessage) {
    await ctx.sender.send([{ kind: 'reply', view: errorView('Submitting questions is not available here.') }], origin);
    return;
  }
  if (text === '') {
    await ctx.sender.send([{ kind: 'reply', view: errorView('That message has no text to submit.') }], origin);
    return;
  }
  const actor = await actorOf(ctx, origin, shortcut.user.name);
  const result = await dispatch(
    {
      ...invocationContext(origin, actor, `shortcut:${shortcut.trigger_id}`, ctx),
      command: onMessage.command.path,
      options: { [onMessage.option]: text },
    },
    ctx.deps,
  );
  await ctx.sender.send(result.messages, origin);
}

/** The App Home tab: what the overview commands show this person. */
async function publishHome(ctx: RouteContext, team: string, user: string, channel?: string, first: View[] = []): Promise<void> {
  const actor = await actorOf(ctx, { team, user }, user);
  const views: View[] = [...first];
  for (const found of ctx.deps.registry.overviews()) {
    const result = await dispatch(
      {
        platform: 'slack',
        tenant: team,
        channel: channel ?? user,
        user: actor,
        command: found.path,
        options: {},
        now: ctx.clock(),
      },
      ctx.deps,
    );
    if (result.status !== 'ok') continue;
    for (const message of result.messages) if (message.kind === 'reply') views.push(withoutShare(message.view));
  }
  await ctx.client.views.publish({ user_id: user, view: renderHome(views, HOME_INTRO) });
}

function actorOf(ctx: RouteContext, origin: Origin, fallbackName: string): Promise<Actor> {
  return ctx.resolveActor(origin.team, origin.user, fallbackName);
}

function invocationContext(
  origin: Origin,
  actor: Actor,
  idempotencyKey: string,
  ctx: RouteContext,
): Omit<Invocation, 'command' | 'options'> {
  return {
    platform: 'slack',
    tenant: origin.team,
    channel: origin.channel ?? origin.user,
    ...(origin.thread ? { thread: origin.thread } : {}),
    user: actor,
    now: ctx.clock(),
    idempotencyKey,
  };
}

function errorView(text: RichText | string): View {
  return { text: rich(text), tone: 'error', ephemeral: true };
}
