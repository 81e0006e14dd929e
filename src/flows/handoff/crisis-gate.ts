import type { SafetyGate } from '../../core/assistant.ts';
import type { Flow, TurnContext, TurnResult } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import type { ReplyInput } from '../../core/reply.ts';
import type { Store } from '../../store/index.ts';
import { handoffState, requesterOf } from './handoff-flow.ts';
import { matchHandoffRequest } from './handoff-intents.ts';
import type { TicketEvent } from './ticket-events.ts';
import type { TicketIntake } from './ticket-intake.ts';
import { fill, texts } from './texts.ts';

/** The detector's verdict on one message (src/safety's CrisisAssessment). */
export interface CrisisVerdict {
  level: 'none' | 'concern' | 'crisis';
  categories: readonly string[];
  signals: readonly string[];
}

/** What the gate needs from the crisis detector (src/safety), injected so it can be swapped in tests. */
export interface CrisisSafety<A extends CrisisVerdict = CrisisVerdict> {
  assess(text: string): A;
  crisisReplies(assessment: A, locale: Locale): ReplyInput[];
  concernReplies(locale: Locale): ReplyInput[];
  /** A model's second opinion; it may raise the level, never lower it. */
  reviewer?: { review(text: string, current: A): Promise<A> };
}

const RANK = { none: 0, concern: 1, crisis: 2 } as const;

export interface CrisisGateDeps<A extends CrisisVerdict> {
  store: Store;
  intake: TicketIntake;
  safety: CrisisSafety<A>;
  logger: Logger;
  /** Answers a message that raised concern (the FAQ flow), so concern replies come with an answer. */
  answer?: Flow;
}

/**
 * The safety gate: every message passes here before any other routing.
 *
 * - crisis: the crisis replies (hotlines, a counsellor is alerted) at once, in the member's
 *   language; an urgent crisis case is opened (or the conversation's open case raised to one)
 *   with the conversation so far and this message; on-call staff are alerted through the outbox;
 *   the turn is sensitive, and the case becomes the active flow so that what the member writes
 *   next reaches the counsellor.
 * - concern: the concern replies (offering a counsellor) come first, followed by the normal
 *   answer of the FAQ flow. Not when another flow is active (a case already open, a survey's
 *   free-text question) or the message asks for a person: those take their normal route.
 *
 * The model reviewer is asked only when the local detector did not already find a crisis; if it
 * fails or is slow, the local verdict stands. Logs carry the level and categories, never text.
 */
export function createCrisisGate<A extends CrisisVerdict>(deps: CrisisGateDeps<A>): SafetyGate {
  const { store, intake, safety, logger } = deps;

  async function assess(text: string): Promise<A> {
    const local = safety.assess(text);
    if (!safety.reviewer || local.level === 'crisis') return local;
    try {
      const second = await safety.reviewer.review(text, local);
      return RANK[second.level] > RANK[local.level] ? second : local;
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'crisis reviewer failed; the local assessment stands');
      return local;
    }
  }

  async function crisisTurn(ctx: TurnContext, text: string, assessment: A): Promise<TurnResult> {
    const transcript = await store.transcripts.recent(ctx.session.id);
    const assignee = await intake.assigneeOfOpen(ctx.event.channel, ctx.event.conversationKey);
    let events: TicketEvent[] = [];
    return {
      replies: safety.crisisReplies(assessment, ctx.locale),
      state: handoffState(ctx.session.state),
      sensitive: true,
      commitWithModels: async (tx) => {
        const opened = await intake.open(tx, requesterOf(ctx), { category: 'crisis', source: 'crisis', transcript, message: text, assignee });
        events = opened.events;
        return [{ type: 'notice', level: 'info', text: fill(texts.caseForCounsellor[ctx.locale], { id: opened.ticket.id }) }];
      },
      after: () => intake.emit(events),
    };
  }

  async function concernTurn(ctx: TurnContext, text: string): Promise<TurnResult | undefined> {
    if (ctx.session.state.flow || matchHandoffRequest(text)) return undefined;
    const answer = await deps.answer?.onIntent?.(ctx, text);
    return { ...answer, replies: [...safety.concernReplies(ctx.locale), ...(answer?.replies ?? [])], sensitive: true };
  }

  return {
    async check(ctx, text, options) {
      const assessment = await assess(text);
      if (assessment.level === 'none' || (options?.crisisOnly && assessment.level !== 'crisis')) return undefined;
      logger.info({ level: assessment.level, categories: assessment.categories, session: ctx.session.id }, 'safety gate');
      return assessment.level === 'crisis' ? crisisTurn(ctx, text, assessment) : concernTurn(ctx, text);
    },
  };
}
