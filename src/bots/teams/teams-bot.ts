import { type Activity, type CloudAdapter, type ConversationParameters, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { App } from '../../app.ts';
import type { TurnOutcome } from '../../core/assistant.ts';
import type { InboundInput } from '../../core/inbound.ts';
import { normaliseLocale, type Locale } from '../../core/locale.ts';
import { replyToPlainText, type Reply } from '../../core/reply.ts';
import type { Member } from '../../store/members.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE, card, paragraphs, type AdaptiveCard } from './adaptive-card.ts';
import { parseCardSubmission, type CardSubmission } from './card-data.ts';
import { parseCommand } from './commands.ts';
import { referenceOf, rememberConversation } from './conversation-reference.ts';
import { RosterLink } from './roster-link.ts';
import { conversationKeyOf, eventBase, identityOf, isPersonal, messageText, tenantOf, TeamsActivitySchema, type TeamsActivity } from './inbound-activity.ts';
import { cardAttachment, completedCard, foldsIntoCard, replyToActivity, type FileLinker } from './reply-activity.ts';
import { inlineActions, replySections } from './reply-card.ts';
import { loggableError } from './teams-adapter.ts';
import { teamsTexts } from './teams-texts.ts';

/** What a case-card button did: a redrawn card (for everyone, or for the presser only), or a message. */
export interface StaffOutcome {
  card?: AdaptiveCard;
  /** The card is the case's new state: redraw it for everyone who sees it. */
  shared: boolean;
  /** The card holds what only the presser may read (the conversation): never redraw it for others. */
  private?: boolean;
  message?: string;
}

/** The staff side of the channel (case cards), plugged in when the ticket service exists. */
export interface StaffCommands {
  /** Whether an action value belongs to a case card. */
  owns(value: string): boolean;
  /** "cases": the member's own cases, and for staff the open ones. */
  list(context: TurnContext, activity: TeamsActivity, member: Member | undefined, locale: Locale): Promise<void>;
  /** A case-card button, run as the member who pressed it. */
  operate(member: Member | undefined, value: string, typed: string | undefined, locale: Locale): Promise<StaffOutcome>;
}

export interface TeamsBotOptions {
  app: App;
  /** The bot's Microsoft App ID ("" in Emulator mode), to open private chats as. */
  appId: string;
  fileLink?: FileLinker;
  staff?: StaffCommands;
}

const ExecuteValueSchema = z.object({ action: z.object({ type: z.string(), verb: z.string().optional().nullable(), data: z.unknown() }), trigger: z.string().optional().nullable() });

const INVOKE_MESSAGE = 'application/vnd.microsoft.activity.message';

/**
 * "Typing…" is shown only for a turn still running after `TYPING_DELAY_MS`, and again every
 * `TYPING_PERIOD_MS` (Teams drops the indicator after a few seconds). Why not at once, as this did
 * until 2026-11-27: the indicator is a call to the Bot Connector that the turn awaited before
 * doing anything, a round trip to Microsoft added to every answer, and most turns (the offline
 * answerer, buttons) are done in well under a second. The delay is what botbuilder's own
 * ShowTypingMiddleware does (500 ms there); a second keeps it off turns that are merely queued
 * behind others under load. A model answer that takes seconds still shows it.
 */
const TYPING_DELAY_MS = 1_000;
const TYPING_PERIOD_MS = 3_000;

/** Starts showing "typing…" after TYPING_DELAY_MS; the returned function stops it and waits for an indicator in flight. */
function typingWhileSlow(context: TurnContext): () => Promise<void> {
  let sending: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const show = (after: number) => {
    timer = setTimeout(() => {
      // A lost indicator is no failure of the turn.
      sending = context.sendActivity({ type: 'typing' }).catch(() => undefined);
      show(TYPING_PERIOD_MS);
    }, after);
  };
  show(TYPING_DELAY_MS);
  return async () => {
    clearTimeout(timer);
    await sending;
  };
}

/** The audience of tokens for the Bot Connector in the public cloud. */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/**
 * The Teams channel's turn logic: turns activities into inbound events for the assistant and
 * draws its replies as Teams messages and Adaptive Cards. Thin on purpose: what to answer is the
 * conversation core's business; this file only knows Teams.
 */
export class TeamsBot {
  readonly #roster: RosterLink;

  constructor(private readonly options: TeamsBotOptions) {
    this.#roster = new RosterLink(options.app.store, options.app.logger);
  }

  async onTurn(context: TurnContext): Promise<void> {
    const parsed = TeamsActivitySchema.safeParse(context.activity);
    if (!parsed.success) {
      this.options.app.logger.warn({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'teams activity not understood');
      return;
    }
    const activity = parsed.data;
    await this.#rememberChannel(activity);
    switch (activity.type) {
      case 'message':
        return this.#onMessage(context, activity);
      case 'invoke':
        if (activity.name === 'adaptiveCard/action') return this.#onExecute(context, activity);
        // Unanswered, botbuilder would reply 501; an invoke this bot does not offer is the sender's error.
        await context.sendActivity({ type: 'invokeResponse', value: { status: 400, body: { error: 'unsupported_invoke', message: 'this bot does not handle this invoke' } } } as Partial<Activity>);
        return;
      case 'conversationUpdate':
        return this.#onConversationUpdate(context, activity);
      case 'installationUpdate':
        if (activity.action === 'add') await rememberConversation(this.options.app.store, conversationKeyOf(activity), referenceOf(activity), this.#platformLocale(activity));
        return;
      default:
        return;
    }
  }

  /**
   * A message in a channel thread arrives as conversation "19:…@thread.tacv2;messageid=…". To
   * post new threads in that channel later (case cards in the staff channel), the channel itself
   * needs a stored reference: the first activity seen there provides it.
   */
  async #rememberChannel(activity: TeamsActivity): Promise<void> {
    if (activity.conversation.conversationType !== 'channel') return;
    const channelId = activity.conversation.id.split(';')[0]!;
    if (await this.options.app.store.sessions.reference('teams', channelId)) return;
    const reference = referenceOf(activity);
    await rememberConversation(this.options.app.store, channelId, { ...reference, conversation: { ...reference.conversation, id: channelId }, user: undefined }, this.#platformLocale(activity));
  }

  #platformLocale(activity: TeamsActivity): Locale {
    return normaliseLocale(activity.locale ?? undefined) ?? this.options.app.config.defaultLocale;
  }

  /** The member behind an activity, linking by email on the way (for staff operations). */
  async #member(context: TurnContext, activity: TeamsActivity): Promise<Member | undefined> {
    const email = await this.#roster.email(context, activity);
    return (await this.options.app.store.members.resolveIdentity(identityOf(activity, email))).member;
  }

  async #handle(context: TurnContext, activity: TeamsActivity, input: InboundInput): Promise<TurnOutcome> {
    const email = await this.#roster.email(context, activity);
    const reference = JSON.stringify(referenceOf(activity));
    const { locale, ...base } = eventBase(activity, reference, email);
    // A button carries no language of its own: the conversation's (that of the member's last
    // message) is a better guess than the Teams client's display language.
    return this.options.app.assistant.handle({ ...base, ...(input.type === 'message' && locale ? { locale } : {}), input });
  }

  async #send(context: TurnContext, activity: TeamsActivity, replies: Reply[], locale: Locale): Promise<void> {
    for (const reply of replies) {
      await context.sendActivity(replyToActivity(reply, { locale, channelId: activity.channelId, personal: isPersonal(activity), fileLink: this.options.fileLink }));
    }
  }

  async #failed(context: TurnContext, activity: TeamsActivity, error: unknown): Promise<void> {
    this.options.app.logger.error({ err: loggableError(error), activity: activity.type }, 'teams turn failed');
    await context.sendActivity({ type: 'message', text: teamsTexts.failed[this.#platformLocale(activity)] });
  }

  async #onMessage(context: TurnContext, activity: TeamsActivity): Promise<void> {
    const submission = activity.value !== undefined && activity.value !== null ? parseCardSubmission(activity.value) : undefined;
    if (submission) return this.#onSubmit(context, activity, submission);
    const command = parseCommand(messageText(activity));
    const locale = this.#platformLocale(activity);
    try {
      if (command.kind === 'ask-what') {
        await context.sendActivity({ type: 'message', text: teamsTexts.askWhat[locale] });
        return;
      }
      if (command.kind === 'cases') {
        const member = await this.#member(context, activity);
        if (this.options.staff) await this.options.staff.list(context, activity, member, locale);
        else await context.sendActivity({ type: 'message', text: teamsTexts.casesUnavailable[locale] });
        return;
      }
      // Answers through a model can take a few seconds: then show that the bot is on it.
      const stopTyping = typingWhileSlow(context);
      let outcome: TurnOutcome;
      try {
        outcome = await this.#handle(context, activity, { type: 'message', text: command.text });
      } finally {
        await stopTyping();
      }
      await this.#send(context, activity, outcome.replies, outcome.locale);
    } catch (error) {
      await this.#failed(context, activity, error);
    }
  }

  /** Runs a card action through the assistant: the outcome folded into the card, the rest as new messages. */
  async #runSubmission(context: TurnContext, activity: TeamsActivity, submission: CardSubmission) {
    const input: InboundInput = submission.kind === 'action' ? { type: 'action', value: submission.value } : { type: 'form', formId: submission.formId, values: submission.values };
    const outcome = await this.#handle(context, activity, input);
    const folded = outcome.replies.filter(foldsIntoCard);
    const rest = outcome.replies.filter((r) => !foldsIntoCard(r));
    // Without the pressed card's snapshot there is nothing to redraw: the card stays as it was.
    const done = submission.snapshot && !outcome.duplicate ? completedCard(submission.snapshot, folded, outcome.locale) : undefined;
    return { outcome, folded, rest, done };
  }

  /** The Action.Submit fallback: a message whose `value` is the card's data. */
  async #onSubmit(context: TurnContext, activity: TeamsActivity, submission: CardSubmission): Promise<void> {
    const locale = this.#platformLocale(activity);
    try {
      if (submission.kind === 'action' && this.options.staff?.owns(submission.value)) {
        const result = await this.#operate(context, activity, submission.value, submission.typed, locale);
        // A shared case card is redrawn for everyone; a private one (the conversation) only in a 1:1 chat.
        const redraw = result.card && activity.replyToId && (result.private ? isPersonal(activity) : result.shared);
        if (redraw) await context.updateActivity({ type: 'message', id: activity.replyToId!, attachments: [cardAttachment(result.card!)] });
        let message = result.message;
        if (result.card && !redraw && result.private) {
          // What only the presser may read goes to a private chat with them, never into the channel.
          await this.#sendPrivately(context, activity, result.card);
          message = teamsTexts.sentPrivately[locale];
        }
        if (message) await context.sendActivity({ type: 'message', text: message });
        return;
      }
      const { outcome, folded, rest, done } = await this.#runSubmission(context, activity, submission);
      // Only in a 1:1 chat is the card the member's own: in a channel everybody sees the same card.
      if (done && activity.replyToId && isPersonal(activity)) {
        await context.updateActivity({ type: 'message', id: activity.replyToId, attachments: [cardAttachment(done)] });
      } else {
        await this.#send(context, activity, folded, outcome.locale);
      }
      await this.#send(context, activity, rest, outcome.locale);
    } catch (error) {
      await this.#failed(context, activity, error);
    }
  }

  /** Action.Execute (Universal Actions): the card in the invoke response replaces the pressed card for this user. */
  async #onExecute(context: TurnContext, activity: TeamsActivity): Promise<void> {
    const locale = this.#platformLocale(activity);
    const respond = (body: Record<string, unknown>) => context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } } as Partial<Activity>);
    const message = (text: string) => respond({ statusCode: 200, type: INVOKE_MESSAGE, value: text });
    const value = ExecuteValueSchema.safeParse(activity.value);
    const submission = value.success ? parseCardSubmission(value.data.action.data) : undefined;
    if (!submission) {
      await message(teamsTexts.failed[locale]);
      return;
    }
    try {
      if (submission.kind === 'action' && this.options.staff?.owns(submission.value)) {
        const result = await this.#operate(context, activity, submission.value, submission.typed, locale);
        if (result.card && result.shared && activity.replyToId) await context.updateActivity({ type: 'message', id: activity.replyToId, attachments: [cardAttachment(result.card)] });
        await (result.card ? respond({ statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: result.card }) : message(result.message ?? ''));
        return;
      }
      const { outcome, folded, rest, done } = await this.#runSubmission(context, activity, submission);
      await this.#send(context, activity, rest, outcome.locale);
      if (done) await respond({ statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: done });
      else await message(folded.map(replyToPlainText).join('\n') || '✓');
    } catch (error) {
      this.options.app.logger.error({ err: loggableError(error) }, 'teams card action failed');
      await message(teamsTexts.failed[locale]);
    }
  }

  /** Opens (or reuses) the 1:1 chat between the bot and the person behind an activity, and posts a card there. */
  async #sendPrivately(context: TurnContext, activity: TeamsActivity, content: AdaptiveCard): Promise<void> {
    const adapter = context.adapter as CloudAdapter;
    const tenantId = tenantOf(activity);
    const parameters = {
      isGroup: false,
      bot: { id: activity.recipient?.id ?? '', name: activity.recipient?.name ?? '' },
      members: [{ id: activity.from.id, name: activity.from.name ?? '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    await adapter.createConversationAsync(this.options.appId, activity.channelId, activity.serviceUrl, BOT_FRAMEWORK_AUDIENCE, parameters, async (privateContext) => {
      await privateContext.sendActivity({ type: 'message', attachments: [cardAttachment(content)] });
    });
  }

  async #operate(context: TurnContext, activity: TeamsActivity, value: string, typed: string | undefined, locale: Locale): Promise<StaffOutcome> {
    if (!this.options.staff) return { shared: false, message: teamsTexts.casesUnavailable[locale] };
    return this.options.staff.operate(await this.#member(context, activity), value, typed, locale);
  }

  /**
   * The bot was added to a chat or team: remember the conversation (proactive messages need it)
   * and greet with the help menu, run through the assistant like a "help" message.
   */
  async #onConversationUpdate(context: TurnContext, activity: TeamsActivity): Promise<void> {
    const botId = activity.recipient?.id;
    if (!botId || !(activity.membersAdded ?? []).some((m) => m.id === botId)) return;
    const locale = this.#platformLocale(activity);
    try {
      const outcome = await this.#handle(context, activity, { type: 'message', text: locale === 'en' ? 'help' : '帮助' });
      if (outcome.duplicate) return;
      const body = [...paragraphs(teamsTexts.welcomeTitle[locale], { weight: 'Bolder', size: 'Medium' })];
      for (const reply of outcome.replies) body.push(...inlineActions(replySections(reply, locale, { interactive: true })));
      if (!isPersonal(activity)) body.push(...paragraphs(teamsTexts.welcomeChannel[locale], { isSubtle: true, size: 'Small' }));
      await context.sendActivity({ type: 'message', summary: teamsTexts.welcomeTitle[locale], attachments: [cardAttachment(card(body))] });
    } catch (error) {
      await this.#failed(context, activity, error);
    }
  }
}
