import type { CloudAdapter } from 'botbuilder';
import type { Locale } from '../../core/locale.ts';
import { normaliseLocale } from '../../core/locale.ts';
import type { Reply } from '../../core/reply.ts';
import { RetryableDeliveryError, type Deliverer } from '../../runtime/delivery.ts';
import type { Store } from '../../store/index.ts';
import { isPersonalReference, parseReference, toConversationReference } from './conversation-reference.ts';
import { replyToActivity, type FileLinker } from './reply-activity.ts';

export interface TeamsDelivererOptions {
  adapter: CloudAdapter;
  store: Store;
  appId: string;
  defaultLocale: Locale;
  fileLink?: FileLinker;
}

/** The HTTP status and Retry-After of a Bot Connector error, whichever shape botbuilder gave it. */
function statusOf(error: unknown): { status?: number; retryAfterMs?: number } {
  const e = error as { statusCode?: number; response?: { status?: number; headers?: { get?(name: string): string | undefined } | Record<string, string> } };
  const status = e?.statusCode ?? e?.response?.status;
  const headers = e?.response?.headers;
  const raw = headers && typeof (headers as { get?: unknown }).get === 'function' ? (headers as { get(name: string): string | undefined }).get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = raw !== undefined ? Number(raw) : NaN;
  return { status, retryAfterMs: Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, 300_000) : undefined };
}

/**
 * Delivers outbox messages (staff replies, reminders, promotions) to Teams conversations by
 * proactive message, using the conversation reference stored with the session when the member
 * last wrote. The outbox worker claims each message once across instances and retries failures.
 */
export class TeamsDeliverer implements Deliverer {
  readonly channel = 'teams' as const;

  constructor(private readonly options: TeamsDelivererOptions) {}

  async deliver(conversationKey: string, replies: Reply[]): Promise<void> {
    const { adapter, store, appId } = this.options;
    const reference = parseReference(await store.sessions.reference('teams', conversationKey));
    // Thrown, not dropped: the worker retries with backoff, and a reference may yet arrive (the bot
    // being installed in a staff channel) before it gives up.
    if (!reference) throw new Error('no stored Teams conversation reference for this conversation');
    const locale = normaliseLocale(reference.locale ?? undefined) ?? this.options.defaultLocale;
    // The adapter hands errors inside a turn to onTurnError (which logs them); the worker needs
    // to see them to retry, so they are carried out of the turn by hand.
    let failure: unknown;
    let sent = 0;
    await adapter.continueConversationAsync(appId, toConversationReference(reference), async (context) => {
      try {
        for (const reply of replies) {
          await context.sendActivity(replyToActivity(reply, { locale, channelId: reference.channelId, personal: isPersonalReference(reference), fileLink: this.options.fileLink }));
          sent++;
        }
      } catch (error) {
        failure = error;
      }
    });
    if (failure === undefined) return;
    const { status, retryAfterMs } = statusOf(failure);
    if (sent > 0) {
      // Part of the message reached the member: the rest is queued on its own, so that the
      // worker's retry does not send the first part again (issue 9).
      await store.outbox.enqueue(store.db.prisma, { channel: 'teams', conversationKey, replies: replies.slice(sent), notBefore: new Date(Date.now() + (retryAfterMs ?? 2_000)) });
      return;
    }
    if (status === 429 || status === 503) throw new RetryableDeliveryError(`Bot Connector answered ${status}`, retryAfterMs ?? 2_000);
    throw failure;
  }
}
