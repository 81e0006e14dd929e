import { z } from 'zod';
import { action, type Flow, type TurnContext, type TurnResult } from '../../core/flow.ts';
import type { ReplyInput } from '../../core/reply.ts';
import type { Store } from '../../store/index.ts';
import type { SessionState } from '../../store/sessions.ts';
import { isSensitiveCategory, type Ticket, type TicketCategory, type TicketSource } from '../../store/tickets.ts';
import { isEndRequest, isEraseRequest, matchHandoffRequest } from './handoff-intents.ts';
import type { TicketIntake, Requester } from './ticket-intake.ts';
import type { TicketEvent } from './ticket-events.ts';
import type { TicketSla } from './ticket-sla.ts';
import { ratingChoices } from './ticket-service.ts';
import { fill, formatDuration, texts } from './texts.ts';

const OfferSchema = z.object({ a: z.literal('handoff.offer'), category: z.enum(['legal', 'psychological', 'general', 'workplace-dispute']).catch('general') });
const RateSchema = z.object({ a: z.literal('handoff.rate'), t: z.string().min(1).max(40), v: z.coerce.number().int().min(1).max(5) });
const EraseSchema = z.object({ a: z.literal('handoff.erase'), confirm: z.enum(['yes', 'no']) });

/** What the handoff flow needs. */
export interface HandoffFlowDeps {
  store: Store;
  intake: TicketIntake;
  sla: TicketSla;
  /** Erases the closed cases of the member (or unlinked identity) of this conversation. */
  erase(ctx: TurnContext): Promise<{ erased: number }>;
}

/** The session state while a case is open: the case itself is found by conversation. */
export function handoffState(state: SessionState): SessionState {
  return { ...state, flow: { name: 'handoff', state: {} } };
}

function withoutHandoff(state: SessionState): SessionState {
  return state.flow?.name === 'handoff' ? { ...state, flow: undefined } : state;
}

export function requesterOf(ctx: TurnContext): Requester {
  return { identity: ctx.identity, member: ctx.member, channel: ctx.event.channel, conversationKey: ctx.event.conversationKey, sessionId: ctx.session.id, locale: ctx.locale };
}

function categoryFromLastAnswer(kind: string | undefined): TicketCategory | undefined {
  return kind === 'psych' ? 'psychological' : kind === 'legal' ? 'legal' : undefined;
}

/**
 * Handoff to a person. Opens a case when the member asks (转人工, talk to a person) or accepts an
 * offer (`handoff.offer` buttons of the FAQ flow and of concern replies); while the case is open
 * it is the active flow: the member's messages go to the case and the assistant only confirms
 * delivery; "结束" / "done" ends it and asks for a 1–5 rating.
 */
export function createHandoffFlow(deps: HandoffFlowDeps): Flow {
  const { store, intake, sla } = deps;

  function openedReply(ctx: TurnContext, ticket: Ticket, created: boolean): ReplyInput {
    const l = ctx.locale;
    if (!created) return { type: 'notice', level: 'info', text: fill(texts.alreadyOpen[l], { id: ticket.id }) };
    const who = ticket.category === 'legal' ? texts.whoLawyer : isSensitiveCategory(ticket.category) ? texts.whoCounsellor : texts.whoStaff;
    return { type: 'notice', level: 'success', text: fill(texts.opened[l], { id: ticket.id, who: who[l], within: formatDuration(sla.firstResponseMinutes(ticket.priority), l) }) };
  }

  async function openTurn(ctx: TurnContext, category: TicketCategory, source: TicketSource): Promise<TurnResult> {
    const transcript = await store.transcripts.recent(ctx.session.id);
    let events: TicketEvent[] = [];
    return {
      replies: [],
      state: handoffState(ctx.session.state),
      sensitive: isSensitiveCategory(category),
      commitWithModels: async (tx) => {
        const opened = await intake.open(tx, requesterOf(ctx), { category, source, transcript });
        events = opened.events;
        return [openedReply(ctx, opened.ticket, opened.created)];
      },
      after: () => intake.emit(events),
    };
  }

  function memberTurn(ctx: TurnContext, ticket: Ticket, text: string): TurnResult {
    const l = ctx.locale;
    let events: TicketEvent[] = [];
    if (isEndRequest(text)) {
      return {
        replies: [{ type: 'notice', level: 'info', text: fill(texts.closedByMember[l], { id: ticket.id }) }, ratingChoices(ticket.id, l)],
        state: withoutHandoff(ctx.session.state),
        sensitive: isSensitiveCategory(ticket.category),
        commitWithModels: async (tx) => {
          events = await intake.memberClose(tx, ticket, requesterOf(ctx));
        },
        after: () => intake.emit(events),
      };
    }
    return {
      replies: [{ type: 'notice', level: 'info', text: (isSensitiveCategory(ticket.category) ? texts.deliveredCounsellor : texts.delivered)[l] }],
      state: handoffState(ctx.session.state),
      sensitive: isSensitiveCategory(ticket.category),
      commitWithModels: async (tx) => {
        events = await intake.memberMessage(tx, ticket, text);
      },
      after: () => intake.emit(events),
    };
  }

  return {
    name: 'handoff',

    async continue(ctx, text) {
      const ticket = await intake.findOpen(ctx.event.channel, ctx.event.conversationKey);
      // Closed by staff meanwhile: the message takes the normal route.
      return ticket ? memberTurn(ctx, ticket, text) : undefined;
    },

    async onIntent(ctx, text) {
      // A case staff reopened is open again without the session knowing: messages still go to it.
      const open = await intake.findOpen(ctx.event.channel, ctx.event.conversationKey);
      if (open) return memberTurn(ctx, open, text);
      if (isEraseRequest(text)) {
        return {
          replies: [
            {
              type: 'choices',
              id: 'handoff.erase',
              prompt: texts.eraseConfirm[ctx.locale],
              choices: [
                { label: texts.eraseYes[ctx.locale], value: action('handoff.erase', { confirm: 'yes' }), style: 'danger' },
                { label: texts.eraseNo[ctx.locale], value: action('handoff.erase', { confirm: 'no' }) },
              ],
            },
          ],
        };
      }
      const request = matchHandoffRequest(text);
      if (!request) return undefined;
      return openTurn(ctx, request.category ?? categoryFromLastAnswer(ctx.session.state.lastAnswer?.kind) ?? 'general', 'member-request');
    },

    async onAction(ctx, payload) {
      const l = ctx.locale;
      const offer = OfferSchema.safeParse(payload);
      if (offer.success) return openTurn(ctx, offer.data.category, 'offer');
      const rate = RateSchema.safeParse(payload);
      if (rate.success) {
        const ticket = await store.tickets.get(rate.data.t);
        // A button value can be forged: only the conversation the case belongs to may rate it.
        const ours = ticket && ticket.channel === ctx.event.channel && ticket.conversationKey === ctx.event.conversationKey;
        if (!ticket || !ours || ticket.status !== 'closed' || ticket.rating !== null) return { replies: [{ type: 'notice', level: 'warning', text: texts.cannotRate[l] }] };
        let events: TicketEvent[] = [];
        return {
          replies: [],
          state: withoutHandoff(ctx.session.state),
          commitWithModels: async (tx) => {
            const rated = await intake.rate(tx, ticket, rate.data.v, requesterOf(ctx));
            events = rated ?? [];
            return [{ type: 'notice', level: rated ? 'success' : 'warning', text: (rated ? texts.rated : texts.cannotRate)[l] }];
          },
          after: () => intake.emit(events),
        };
      }
      const erase = EraseSchema.safeParse(payload);
      if (erase.success) {
        if (erase.data.confirm === 'no') return { replies: [{ type: 'notice', level: 'info', text: texts.eraseCancelled[l] }] };
        // Each case is erased in its own transaction, not the turn's: erasing is idempotent, so a
        // turn that is run again after a lost race does no harm.
        const { erased } = await deps.erase(ctx);
        return { replies: [{ type: 'notice', level: 'success', text: fill(texts.erased[l], { n: erased }) }] };
      }
      if (payload.a === 'handoff.close') {
        const open = await intake.findOpen(ctx.event.channel, ctx.event.conversationKey);
        return open ? memberTurn(ctx, open, 'done') : undefined;
      }
      return undefined;
    },
  };
}
