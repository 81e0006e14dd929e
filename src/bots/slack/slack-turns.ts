import type { App } from '../../app.ts';
import type { TurnOutcome } from '../../core/assistant.ts';
import type { InboundInput } from '../../core/inbound.ts';
import type { Locale } from '../../core/locale.ts';
import { replies as validate, replyToPlainText, type Reply } from '../../core/reply.ts';
import { conversationKeyOf, type SlackReference, type SlackTarget } from './conversation.ts';
import type { SlackDirectory, SlackUser } from './directory.ts';
import { chunkText } from './mrkdwn.ts';
import { SlackRateLimited, type SlackSender } from './sender.ts';
import { fill, slackText } from './slack-messages.ts';
import { LIMITS } from './limits.ts';
import { TtlCache } from './ttl-cache.ts';

const HELP_WORD: Record<Locale, string> = { 'zh-CN': '帮助', en: 'help' };

/** One thing a Slack user did, in Slack's terms, before it becomes an InboundEvent. */
export interface SlackTurn {
  team: string;
  user: string;
  /** The conversation: where the turn's replies go. */
  target: SlackTarget;
  input: InboundInput;
  /** Slack's event id (or an interaction's trigger id): a retried delivery is dropped. */
  eventId?: string;
  /** Lets a form reply open as a modal at once. */
  triggerId?: string;
  fromHome?: boolean;
  /** A language hint stronger than the profile's (a slash command's keyword, say). */
  locale?: Locale;
}

/**
 * Runs Slack turns through the conversation core and posts what comes back. The one place that
 * turns a Slack user into a platform identity (with the email Slack verified, so the roster link
 * happens by itself), and that decides what happens when Slack says "ratelimited": the rest of
 * the turn's replies wait in the outbox until Retry-After has passed.
 */
export class SlackTurns {
  readonly #checked = new TtlCache<true>(24 * 60 * 60 * 1000);

  constructor(
    private readonly deps: { app: App; directory: SlackDirectory; sender: SlackSender },
  ) {}

  async run(turn: SlackTurn): Promise<TurnOutcome | undefined> {
    const { app, directory } = this.deps;
    const { user } = await directory.user(turn.user, turn.team);
    if (user.isBot) return undefined;
    const conversationKey = conversationKeyOf(turn.target);
    const identity = { channel: 'slack' as const, tenant: turn.team, externalId: turn.user, displayName: user.displayName, email: user.email };
    const reference: SlackReference = { team: turn.team, user: turn.user, channel: turn.target.channel, ...(turn.target.threadTs ? { threadTs: turn.target.threadTs } : {}) };
    // A bare mention or an empty command asks for the menu, in the member's language.
    const input: InboundInput = turn.input.type === 'message' && !turn.input.text.trim() ? { type: 'message', text: HELP_WORD[turn.locale ?? user.locale ?? app.config.defaultLocale] } : turn.input;
    let outcome: TurnOutcome;
    try {
      outcome = await app.assistant.handle({
        channel: 'slack',
        conversationKey,
        identity,
        locale: turn.locale ?? user.locale,
        eventId: turn.eventId,
        input,
        reference: JSON.stringify(reference),
      });
    } catch (error) {
      // The member is told, not left waiting; the error is logged without what they wrote.
      app.logger.error({ err: error, slackEvent: turn.eventId }, 'slack turn failed');
      const locale = turn.locale ?? user.locale ?? app.config.defaultLocale;
      await this.deliver(turn.target, validate({ type: 'notice', level: 'warning', text: slackText.failed[locale] }), { locale });
      return undefined;
    }
    if (outcome.duplicate) {
      app.logger.info({ slackEvent: turn.eventId }, 'slack retry of a handled event dropped');
      return outcome;
    }
    const replies = [...outcome.replies];
    // Checked once a day per user, so an unlinked member is told how to link, not nagged.
    if (!this.#checked.get(turn.user)) {
      this.#checked.set(turn.user, true);
      replies.push(...(await this.#linkNotice(user, identity, outcome.locale)));
    }
    await this.deliver(turn.target, replies, { locale: outcome.locale, triggerId: turn.triggerId, fromHome: turn.fromHome }, turn.eventId);
    return outcome;
  }

  /**
   * Posts replies now; what a rate limit stopped goes to the outbox to be delivered after
   * Retry-After (by whichever instance claims it), so it arrives once and in order.
   */
  async deliver(target: SlackTarget, replies: Reply[], options: { locale: Locale; triggerId?: string; fromHome?: boolean }, dedupeKey?: string): Promise<void> {
    const { app, sender } = this.deps;
    try {
      await sender.post(target, replies, options);
    } catch (error) {
      if (error instanceof SlackRateLimited) {
        await app.store.outbox.enqueue(app.store.db.prisma, {
          channel: 'slack',
          conversationKey: conversationKeyOf(target),
          replies: error.remaining,
          notBefore: new Date(Date.now() + error.retryAfterMs),
          ...(dedupeKey ? { dedupeKey: `slack:rest:${dedupeKey}` } : {}),
        });
        app.logger.warn({ retryAfterMs: error.retryAfterMs, remaining: error.remaining.length }, 'slack rate limit: the rest of the turn waits in the outbox');
        return;
      }
      app.logger.error({ err: error }, 'slack post failed; sending the replies as plain text');
      await this.#plainFallback(target, replies);
    }
  }

  /** A rendering Slack refused is still delivered: as plain text, in pieces it accepts. */
  async #plainFallback(target: SlackTarget, replies: Reply[]): Promise<void> {
    const text = replies.map(replyToPlainText).join('\n\n');
    for (const piece of chunkText(text, LIMITS.messageText)) {
      await this.deps.sender.postText(target, piece).catch((error: unknown) => this.deps.app.logger.error({ err: error }, 'slack plain-text fallback failed'));
    }
  }

  async #linkNotice(user: SlackUser, identity: { channel: 'slack'; tenant: string; externalId: string; email?: string }, locale: Locale): Promise<Reply[]> {
    const { member } = await this.deps.app.store.members.resolveIdentity(identity);
    if (member) return [];
    const why = user.email ? slackText.emailUnknown : slackText.noEmail;
    return validate({ type: 'notice', level: 'info', text: fill(slackText.unlinked, locale, { why: why[locale], user: user.id }) });
  }
}
