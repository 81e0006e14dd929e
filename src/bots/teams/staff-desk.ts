import type { TurnContext } from 'botbuilder';
import { isAppError } from '../../core/errors.ts';
import { parseAction } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import { replies as validate, type ReplyInput } from '../../core/reply.ts';
import { categoryLabels, statusLabels } from '../../flows/handoff/texts.ts';
import { isCaseWorker } from '../../flows/handoff/ticket-access.ts';
import type { TicketEvent } from '../../flows/handoff/ticket-events.ts';
import type { TicketService } from '../../flows/handoff/ticket-service.ts';
import { summaryOf, type TicketSummaryView } from '../../flows/handoff/ticket-views.ts';
import type { Store } from '../../store/index.ts';
import type { Member } from '../../store/members.ts';
import { card, type AdaptiveCard } from './adaptive-card.ts';
import { caseCard, caseDetail, caseOutcome, STAFF_ACTION_PREFIX, StaffActionSchema, type CaseHeadline } from './case-card.ts';
import type { TeamsActivity } from './inbound-activity.ts';
import { replyToActivity } from './reply-activity.ts';
import { replySections, snapshotInput } from './reply-card.ts';
import type { StaffCommands, StaffOutcome } from './teams-bot.ts';
import { fill, teamsTexts } from './teams-texts.ts';

export interface StaffDeskOptions {
  tickets: TicketService;
  store: Store;
  logger: Logger;
  /** Where case cards are posted (TEAMS_STAFF_CONVERSATION); without it, staff use "cases". */
  staffConversation?: string;
  locale: Locale;
  /** Asks the outbox worker to deliver now. */
  poke(): void;
}

/** Events that put a case in front of staff; the rest show when a card is pressed or listed. */
const ANNOUNCED: Partial<Record<TicketEvent['type'], CaseHeadline>> = {
  opened: 'new',
  raised: 'raised',
  'member-message': 'member-message',
  escalated: 'escalated',
  reopened: 'reopened',
};

/**
 * The staff side of Teams: case cards in the staff channel with Claim, Reply, Show conversation
 * and Close, and the "cases" command. Every operation goes through the ticket service as the
 * member who pressed the button, so roles are checked and audited there, whatever Teams shows.
 */
export class StaffDesk implements StaffCommands {
  constructor(private readonly options: StaffDeskOptions) {}

  owns(value: string): boolean {
    return parseAction(value)?.a.startsWith(STAFF_ACTION_PREFIX) ?? false;
  }

  /** The case card, drawn for interaction, with a status line under it. */
  #cardOf(view: TicketSummaryView, locale: Locale, outcome: ReplyInput[] = []): AdaptiveCard {
    const [reply, ...notes] = validate(caseCard(view, 'list', locale), ...outcome);
    const sections = replySections(reply!, locale, { interactive: true });
    const below = notes.flatMap((n) => replySections(n, locale, { interactive: false }).body);
    return card([...sections.body, ...below, ...snapshotInput(reply!)], sections.actions);
  }

  /**
   * "cases", as in Slack: the member's own cases (where each stands, never content); for staff,
   * counsellors and admins also the open cases as cards to act on.
   */
  async list(context: TurnContext, activity: TeamsActivity, member: Member | undefined, locale: Locale): Promise<void> {
    const mine = member ? await this.options.store.tickets.list({ memberId: member.id, status: ['open', 'claimed', 'waiting', 'resolved'], limit: 10 }) : [];
    const worker = isCaseWorker(member);
    if (mine.length > 0 || !worker) {
      const lines = mine.map((t) => ({ label: t.id, value: `${categoryLabels[t.category][locale]} · ${statusLabels[t.status][locale]}` }));
      const [reply] = validate(mine.length > 0 ? { type: 'card', title: teamsTexts.myCases[locale], fields: lines } : { type: 'text', text: teamsTexts.noMyCases[locale] });
      await context.sendActivity(replyToActivity(reply!, { locale, channelId: activity.channelId }));
    }
    if (!worker) return;
    const views = await this.options.tickets.list(member, { status: ['open', 'claimed', 'waiting'], limit: 10 });
    if (views.length === 0) {
      await context.sendActivity({ type: 'message', text: teamsTexts.noCases[locale] });
      return;
    }
    await context.sendActivity({ type: 'message', text: `${teamsTexts.openCases[locale]} (${views.length})` });
    for (const view of views) {
      const [reply] = validate(caseCard(view, 'list', locale));
      await context.sendActivity(replyToActivity(reply!, { locale, channelId: activity.channelId }));
    }
  }

  async operate(member: Member | undefined, value: string, typed: string | undefined, locale: Locale): Promise<StaffOutcome> {
    const parsed = StaffActionSchema.safeParse(parseAction(value));
    if (!parsed.success) return { shared: false, message: teamsTexts.failed[locale] };
    if (!member || !isCaseWorker(member)) return { shared: false, message: teamsTexts.staffOnly[locale] };
    const { a, t } = parsed.data;
    const { tickets } = this.options;
    try {
      switch (a) {
        case 'teams-staff.claim':
          return { shared: true, card: this.#cardOf(await tickets.claim(member, t), locale, [caseOutcome('claimed', member.name, locale)]) };
        case 'teams-staff.close':
          return { shared: true, card: this.#cardOf(await tickets.close(member, t), locale, [caseOutcome('closed', member.name, locale)]) };
        case 'teams-staff.reply':
          if (!typed) return { shared: false, message: teamsTexts.emptyReply[locale] };
          return { shared: true, card: this.#cardOf(await tickets.reply(member, t, typed), locale, [caseOutcome('replied', member.name, locale)]) };
        case 'teams-staff.show': {
          const view = await tickets.show(member, t);
          if (!('transcript' in view)) return { shared: false, message: teamsTexts.sensitiveHidden[locale] };
          const base = this.#cardOf(view, locale);
          // Only for the person who asked: the invoke response is drawn on their screen alone.
          return { shared: false, private: true, card: { ...base, body: [...base.body, ...caseDetail(view, locale)] } };
        }
        default:
          return a satisfies never;
      }
    } catch (error) {
      if (isAppError(error)) return { shared: false, message: fill(teamsTexts.caseFailed[locale], { reason: error.message }) };
      throw error;
    }
  }

  /** Posts a case card to the staff channel, through the outbox (delivered once, retried). */
  async onEvent(event: TicketEvent): Promise<void> {
    const headline = ANNOUNCED[event.type];
    const conversationKey = this.options.staffConversation;
    if (!headline || !conversationKey) return;
    const ticket = await this.options.store.tickets.get(event.ticketId);
    if (!ticket) return;
    // The channel is shared by every staff member: the operator view, with the member hidden on
    // sensitive cases by caseCard itself.
    const view = summaryOf(ticket, { restricted: false, now: new Date() });
    const replies = [caseCard(view, headline, this.options.locale)];
    await this.options.store.transaction((tx) =>
      this.options.store.outbox.enqueue(tx, { channel: 'teams', conversationKey, replies, dedupeKey: `teams-case:${event.ticketId}:${event.type}:${event.at.getTime()}` }),
    );
    this.options.poke();
  }
}
