import type { types as Slack } from '@slack/bolt';
import { conversationKeyOf, targetOf, type SlackTarget } from './conversation.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { choicesModal, chosenChoices, formModal, formValues, MODAL_CALLBACK, ModalMetadataSchema, StoredChoicesSchema, StoredFormSchema, titleFor, ViewStateSchema, type ModalMetadata } from './modals.ts';
import { BlockActionsSchema, ViewSubmissionSchema, type BlockActions } from './payloads.ts';
import { ONCE_PREFIX } from './render-replies.ts';
import type { SlackContext } from './slack-context.ts';
import { fill, slackText } from './slack-messages.ts';
import { isInternal, resolveValue, tokenOf } from './value-stash.ts';

/** Where an interaction happened: a message in a conversation, or the App Home tab. */
interface Origin {
  team: string;
  user: string;
  target: SlackTarget;
  fromHome: boolean;
  messageTs?: string;
}

async function originOf(ctx: SlackContext, body: BlockActions): Promise<Origin | undefined> {
  const team = body.team?.id ?? body.user.team_id ?? '';
  const user = body.user.id;
  if (body.container?.type === 'view' || body.view?.type === 'home') {
    return { team, user, target: { channel: await ctx.directory.dmChannel(user) }, fromHome: true };
  }
  const channel = body.container?.channel_id ?? body.channel?.id;
  if (!channel) return undefined;
  const threadTs = body.container?.thread_ts ?? body.message?.thread_ts;
  // Only a thread in a channel is its own conversation; a DM is one conversation throughout.
  const target: SlackTarget = threadTs && !channel.startsWith('D') ? { channel, threadTs } : { channel };
  return { team, user, target, fromHome: false, messageTs: body.container?.message_ts ?? body.message?.ts };
}

/**
 * A question answered once: its buttons give way to what was chosen, so an old survey question
 * cannot be answered twice by accident (the flow refuses a second answer anyway).
 */
async function markAnswered(ctx: SlackContext, body: BlockActions, origin: Origin, blockId: string | undefined, label: string, locale: 'zh-CN' | 'en'): Promise<void> {
  if (!blockId?.startsWith(ONCE_PREFIX) || !origin.messageTs || !body.message?.blocks) return;
  const group = blockId.slice(0, blockId.lastIndexOf(':') + 1);
  const blocks: unknown[] = [];
  let replaced = false;
  for (const block of body.message.blocks) {
    if (typeof block.block_id === 'string' && block.block_id.startsWith(group)) {
      if (!replaced) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(fill(slackText.chosen, locale, { label })) }] });
      replaced = true;
    } else {
      blocks.push(block);
    }
  }
  await ctx.client.chat
    .update({ channel: origin.target.channel, ts: origin.messageTs, blocks: blocks as Slack.KnownBlock[], text: fill(slackText.chosen, locale, { label }) })
    .catch((error: unknown) => ctx.app.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'slack chat.update failed'));
}

function labelOf(body: BlockActions, actionId: string): string {
  for (const block of body.message?.blocks ?? []) {
    for (const element of (block.elements as { action_id?: string; text?: { text?: string } }[] | undefined) ?? []) {
      if (element.action_id === actionId) return element.text?.text ?? '';
    }
  }
  return '';
}

/** Opens a stashed form or multi-choice question as a modal. */
async function openModal(ctx: SlackContext, kind: ModalMetadata['kind'], token: string, origin: Origin, triggerId: string | undefined): Promise<boolean> {
  const item = await ctx.records.loadStash(token);
  if (!item || item.kind !== kind || !triggerId) return false;
  const { user } = await ctx.directory.user(origin.user, origin.team);
  const locale = user.locale ?? ctx.app.config.defaultLocale;
  const metadata: ModalMetadata = { kind, t: token, c: conversationKeyOf(origin.target), ...(origin.fromHome ? { home: true } : {}) };
  const stored = JSON.parse(item.content) as unknown;
  if (kind === 'form') {
    const form = StoredFormSchema.safeParse(stored);
    if (!form.success) return false;
    await ctx.client.views.open({ trigger_id: triggerId, view: formModal(form.data, metadata, locale) });
  } else {
    const choices = StoredChoicesSchema.safeParse(stored);
    if (!choices.success) return false;
    await ctx.client.views.open({ trigger_id: triggerId, view: choicesModal(choices.data, metadata, locale, titleFor(choices.data.prompt)) });
  }
  return true;
}

/**
 * Buttons, menus and modal submissions. Each is acknowledged at once; the turn runs after.
 * Values the adapter made for itself (open a form, choose several, a long value's token, a
 * case card's buttons) are handled here; every other value goes to the flow that made it,
 * unchanged, with the interaction's trigger id as the event id so a double delivery counts once.
 */
export function registerInteractions(ctx: SlackContext): void {
  const { bolt, app } = ctx;

  bolt.action(/.*/, async ({ ack, body }) => {
    await ack();
    const parsed = BlockActionsSchema.safeParse(body);
    if (!parsed.success) return;
    const payload = parsed.data;
    const element = payload.actions[0]!;
    const raw = element.value ?? element.selected_option?.value;
    if (!raw) return;
    const origin = await originOf(ctx, payload);
    if (!origin) return;
    const triggerId = payload.trigger_id;
    if (ctx.staff && origin.target.channel === ctx.config.staffChannel && origin.messageTs && isInternal(raw)) {
      if (await ctx.staff.onCardAction({ value: raw, user: origin.user, team: origin.team, channel: origin.target.channel, messageTs: origin.messageTs, triggerId })) return;
    }
    for (const kind of ['form', 'choices'] as const) {
      const token = tokenOf(raw, kind === 'form' ? 'form' : 'choose');
      if (!token) continue;
      if (!(await openModal(ctx, kind, token, origin, triggerId))) {
        const locale = (await ctx.directory.user(origin.user, origin.team)).user.locale ?? app.config.defaultLocale;
        await ctx.turns.deliver(origin.target, [{ type: 'notice', level: 'warning', text: slackText.expired[locale] }], { locale });
      }
      return;
    }
    const value = await resolveValue(raw, ctx.records);
    const outcome = await ctx.turns.run({
      team: origin.team,
      user: origin.user,
      target: origin.target,
      input: { type: 'action', value: value ?? raw },
      eventId: `ix:${triggerId ?? element.action_ts ?? `${origin.messageTs}:${element.action_id}`}`,
      triggerId,
      fromHome: origin.fromHome,
    });
    if (!outcome || outcome.duplicate) return;
    await markAnswered(ctx, payload, origin, element.block_id, labelOf(payload, element.action_id), outcome.locale);
    if (origin.fromHome) await ctx.home.publish(origin.user, origin.team);
  });

  bolt.view(MODAL_CALLBACK, async ({ ack, body }) => {
    const parsed = ViewSubmissionSchema.safeParse(body);
    const metadata = parsed.success ? safeJson(parsed.data.view.private_metadata, ModalMetadataSchema) : undefined;
    const state = parsed.success ? ViewStateSchema.safeParse(parsed.data.view.state.values) : undefined;
    const target = metadata ? targetOf(metadata.c) : undefined;
    const item = metadata ? await ctx.records.loadStash(metadata.t) : undefined;
    if (!parsed.success || !metadata || !state?.success || !target || !item || item.kind !== metadata.kind) {
      await ack();
      return;
    }
    const submission = parsed.data;
    const team = submission.team?.id ?? submission.user.team_id ?? '';
    const { user } = await ctx.directory.user(submission.user.id, team);
    const locale = user.locale ?? app.config.defaultLocale;
    let input: { type: 'form'; formId: string; values: Record<string, string | string[]> } | undefined;
    const stored = JSON.parse(item.content) as unknown;
    if (metadata.kind === 'form') {
      const form = StoredFormSchema.safeParse(stored);
      if (form.success) input = { type: 'form', formId: form.data.id, values: formValues(form.data, state.data) };
    } else {
      const choices = StoredChoicesSchema.safeParse(stored);
      if (choices.success) {
        const chosen = chosenChoices(choices.data, state.data);
        const { min, max } = choices.data.multiple!;
        // Slack cannot require "at least N" of a multi-select: the modal says so and stays open.
        if (chosen.length < min || chosen.length > max) {
          await ack({ response_action: 'errors', errors: { c: fill(chosen.length < min ? slackText.tooFew : slackText.tooMany, locale, { min, max }) } });
          return;
        }
        input = { type: 'form', formId: choices.data.id, values: { selected: chosen.map((c) => c.value) } };
      }
    }
    await ack();
    if (!input) return;
    await ctx.turns.run({ team, user: submission.user.id, target, input, eventId: `view:${submission.view.id}:${submission.trigger_id ?? ''}` });
    if (metadata.home) await ctx.home.publish(submission.user.id, team);
  });
}

function safeJson<T>(text: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
