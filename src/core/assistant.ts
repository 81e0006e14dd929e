import { AppError, isAppError } from './errors.ts';
import { parseAction, type Flow, type TurnContext, type TurnResult } from './flow.ts';
import { InboundEventSchema, type InboundEventInput } from './inbound.ts';
import { detectLocale, type Locale } from './locale.ts';
import type { Logger } from './logger.ts';
import { replies as validate, replyToPlainText, type Reply, type ReplyInput } from './reply.ts';
import { messages } from './messages.ts';
import type { SqlTx, Store } from '../store/index.ts';
import { isUniqueViolation } from '../store/index.ts';

/**
 * Checked before anything else on every message. Returns a turn when the message needs a safety
 * response (a crisis), which then replaces normal routing.
 */
export interface SafetyGate {
  /** `crisisOnly`: answer only a crisis (text typed into a form, where a concern must not replace the form). */
  check(ctx: TurnContext, text: string, options?: { crisisOnly?: boolean }): Promise<TurnResult | undefined>;
}

/** The outcome of one inbound event. */
export interface TurnOutcome {
  replies: Reply[];
  /** True when the event was a retried delivery already handled: nothing was done. */
  duplicate: boolean;
  locale: Locale;
}

export interface AssistantOptions {
  store: Store;
  logger: Logger;
  /** In routing order: the first flow to claim an intent wins. */
  flows: Flow[];
  /** Answers what no flow claimed (question answering). */
  fallback: Flow;
  safety?: SafetyGate;
  defaultLocale?: Locale;
  /** Attempts for a turn that lost an optimistic-concurrency race. */
  maxAttempts?: number;
}

/**
 * The conversation core: one path for every channel. Safety first, then the active flow, then
 * buttons and forms, then intents, then question answering. A turn's writes and the new session
 * state commit together; a turn that lost a race with another turn of the same conversation is
 * run again on the fresh state, never applied twice.
 */
export class Assistant {
  readonly #options: AssistantOptions;
  readonly #flows: Map<string, Flow>;

  constructor(options: AssistantOptions) {
    this.#options = options;
    this.#flows = new Map([...options.flows, options.fallback].map((flow) => [flow.name, flow]));
  }

  async handle(input: InboundEventInput): Promise<TurnOutcome> {
    const parsed = InboundEventSchema.safeParse(input);
    if (!parsed.success) throw new AppError('invalid_input', `invalid inbound event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const event = parsed.data;
    const { store, logger } = this.#options;
    const dedupeKey = event.eventId ? `${event.channel}:${event.eventId}` : undefined;
    if (dedupeKey && (await store.sessions.isProcessed(dedupeKey))) {
      return { replies: [], duplicate: true, locale: event.locale ?? this.#options.defaultLocale ?? 'zh-CN' };
    }
    const { identity, member } = await store.members.resolveIdentity(event.identity);
    const maxAttempts = this.#options.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      const fallbackLocale = event.locale ?? (member?.locale === 'en' ? 'en' : undefined) ?? this.#options.defaultLocale ?? 'zh-CN';
      const session = await store.sessions.load(event.channel, event.conversationKey, fallbackLocale);
      const text = event.input.type === 'message' ? event.input.text.trim() : '';
      const locale: Locale = text ? detectLocale(text, session.locale) : (event.locale ?? session.locale);
      const ctx: TurnContext = { event, locale, identity, member, session, now: new Date() };
      const result = await this.#route(ctx, text);
      try {
        const writeTurn = async (tx: SqlTx, commit: () => Promise<ReplyInput[] | void> | undefined) => {
          if (dedupeKey) await store.sessions.markProcessed(tx, dedupeKey);
          await store.sessions.save(tx, session, result.state ?? session.state, locale, event.reference);
          const more = (await commit()) ?? [];
          const all = validate(...result.replies, ...more);
          const lines = result.transcript === 'omit' ? [] : [
            ...(text ? [{ author: 'member' as const, text, sensitive: !!result.sensitive }] : []),
            ...all.filter((r) => r.type !== 'file').map((r) => ({ author: 'assistant' as const, text: replyToPlainText(r), sensitive: !!result.sensitive })),
          ];
          await store.transcripts.append(tx, session.id, lines);
          return all;
        };
        const { commit, commitWithModels } = result;
        const extra = commitWithModels
          ? await store.transaction((tx) => writeTurn(tx, () => commitWithModels(tx)))
          : await store.sqlTransaction((tx) => writeTurn(tx, () => commit?.(tx)));
        if (result.after) {
          result.after().catch((error: unknown) => logger.error({ err: error }, 'after-turn work failed'));
        }
        return { replies: extra, duplicate: false, locale };
      } catch (error) {
        // The turn did not commit: a session copy cached by the save is not what the database holds.
        store.sessions.forget(event.channel, event.conversationKey);
        if (dedupeKey && isUniqueViolation(error)) return { replies: [], duplicate: true, locale };
        if (isAppError(error, 'concurrent_update') && attempt < maxAttempts) {
          logger.debug({ attempt, session: session.id }, 'turn lost a race; running it again on the fresh session');
          continue;
        }
        if (isAppError(error, 'concurrent_update')) {
          return { replies: validate({ type: 'notice', level: 'warning', text: messages.busy[locale] }), duplicate: false, locale };
        }
        throw error;
      }
    }
  }

  async #route(ctx: TurnContext, text: string): Promise<TurnResult> {
    const { event, session } = ctx;
    if (event.input.type === 'message') {
      if (!text) return { replies: [{ type: 'text', text: messages.empty[ctx.locale] }] };
      const safety = await this.#options.safety?.check(ctx, text);
      if (safety) return safety;
      const active = session.state.flow ? this.#flows.get(session.state.flow.name) : undefined;
      const continued = await active?.continue?.(ctx, text);
      if (continued) return continued;
      for (const flow of this.#options.flows) {
        const claimed = await flow.onIntent?.(ctx, text);
        if (claimed) return claimed;
      }
      return (await this.#options.fallback.onIntent?.(ctx, text)) ?? { replies: [{ type: 'text', text: messages.notUnderstood[ctx.locale] }] };
    }
    if (event.input.type === 'action') {
      const payload = parseAction(event.input.value);
      const flow = payload ? this.#flows.get(payload.a.split('.')[0]!) : undefined;
      const handled = payload && flow ? await flow.onAction?.(ctx, payload) : undefined;
      return handled ?? { replies: [{ type: 'notice', level: 'warning', text: messages.staleAction[ctx.locale] }] };
    }
    // Free text typed into a form (a survey's open question) is read by the safety gate like a
    // message: a crisis written there must not wait in a survey answer. As with a message, the
    // crisis turn replaces the form's own handling; the member can submit the form again.
    const written = Object.values(event.input.values).filter((v): v is string => typeof v === 'string' && v.trim() !== '').join('\n');
    if (written) {
      const safety = await this.#options.safety?.check(ctx, written, { crisisOnly: true });
      if (safety) return safety;
    }
    const flow = this.#flows.get(event.input.formId.split('.')[0]!);
    const handled = flow ? await flow.onForm?.(ctx, event.input.formId, event.input.values) : undefined;
    return handled ?? { replies: [{ type: 'notice', level: 'warning', text: messages.staleAction[ctx.locale] }] };
  }
}

export type { ReplyInput };
