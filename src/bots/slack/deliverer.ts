import type { App } from '../../app.ts';
import type { Reply } from '../../core/reply.ts';
import { RetryableDeliveryError, type Deliverer } from '../../runtime/delivery.ts';
import { conversationKeyOf, isDirectMessage, parseReference, targetOf, type SlackTarget } from './conversation.ts';
import type { SlackDirectory } from './directory.ts';
import { SlackRateLimited, SlackUnavailable, type SlackSender } from './sender.ts';

/**
 * Delivers outbox messages (staff replies, reminders, promotions, alerts, the rest of a turn a
 * rate limit interrupted) to Slack conversations. A staff member's message goes to the member's
 * DM even when the case began in a channel thread: a reply about a case is private. A rate limit
 * before anything was posted is a RetryableDeliveryError with Slack's Retry-After (Slack failing
 * for a while, an ordinary error the worker retries with backoff); after part of the message was
 * posted, the rest is queued on its own so nothing is posted twice.
 */
export class SlackDeliverer implements Deliverer {
  readonly channel = 'slack' as const;

  constructor(private readonly deps: { app: App; sender: SlackSender; directory: SlackDirectory }) {}

  async deliver(conversationKey: string, replies: Reply[]): Promise<void> {
    const target = targetOf(conversationKey);
    if (!target) throw new Error(`not a Slack conversation key: ${conversationKey.slice(0, 60)}`);
    const personal = replies.filter((r) => r.type === 'staff-message');
    if (personal.length > 0 && !isDirectMessage(target)) {
      const reference = parseReference(await this.deps.app.store.sessions.reference('slack', conversationKey));
      if (reference) {
        const dm: SlackTarget = { channel: await this.deps.directory.dmChannel(reference.user) };
        await this.#post(dm, replies);
        return;
      }
    }
    await this.#post(target, replies);
  }

  async #post(target: SlackTarget, replies: Reply[]): Promise<void> {
    try {
      await this.deps.sender.post(target, replies);
    } catch (error) {
      if (!(error instanceof SlackRateLimited)) throw error;
      if (error.remaining.length === replies.length) {
        // Nothing posted: the worker tries again, after Retry-After for a rate limit and with its
        // growing backoff when Slack is failing.
        throw error instanceof SlackUnavailable ? new Error(error.message) : new RetryableDeliveryError(error.message, error.retryAfterMs);
      }
      await this.deps.app.store.outbox.enqueue(this.deps.app.store.db.prisma, {
        channel: 'slack',
        conversationKey: conversationKeyOf(target),
        replies: error.remaining,
        notBefore: new Date(Date.now() + error.retryAfterMs),
      });
    }
  }
}
