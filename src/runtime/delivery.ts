import type { Channel } from '../core/inbound.ts';
import type { Logger } from '../core/logger.ts';
import type { Reply } from '../core/reply.ts';
import type { OutboxRepository } from '../store/outbox.ts';

/**
 * Delivers outbox messages to one push channel (Slack, Teams). Throwing means "not delivered":
 * a `RetryableDeliveryError` with `retryAfterMs` (a rate limit) is retried then; any other
 * error with backoff; after `maxAttempts` the message is marked failed.
 */
export interface Deliverer {
  readonly channel: Channel;
  deliver(conversationKey: string, replies: Reply[]): Promise<void>;
}

/** A delivery failure that says when to try again (Slack's Retry-After, say). */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryableDeliveryError';
  }
}

/**
 * Moves outbox messages to push channels. Pull channels (CLI, web chat) read their outbox when
 * the member next looks (OutboxRepository.take).
 */
export class DeliveryWorker {
  readonly #deliverers = new Map<Channel, Deliverer>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly logger: Logger,
    /** `leaseMs`: how long a claimed message is this instance's before another may deliver it (60 s). */
    private readonly options: { intervalMs?: number; maxAttempts?: number; leaseMs?: number } = {},
  ) {}

  register(deliverer: Deliverer): this {
    this.#deliverers.set(deliverer.channel, deliverer);
    return this;
  }

  /** Delivers what is due now; returns how many messages were delivered. */
  async runDue(): Promise<number> {
    let delivered = 0;
    const maxAttempts = this.options.maxAttempts ?? 8;
    for (const deliverer of this.#deliverers.values()) {
      // One message at a time, each claimed just before it is delivered, so that its lease covers
      // its own delivery and not the wait behind the others (OutboxRepository.claimNext).
      for (let i = 0; i < 20; i++) {
        const message = await this.outbox.claimNext(deliverer.channel, this.options.leaseMs);
        if (!message) break;
        try {
          await deliverer.deliver(message.conversationKey, message.replies);
          await this.outbox.markDelivered(message.id, message);
          delivered++;
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          const backoff = error instanceof RetryableDeliveryError ? error.retryAfterMs : Math.min(2 ** message.attempts * 500, 60_000);
          const retryAt = message.attempts < maxAttempts ? new Date(Date.now() + backoff) : undefined;
          await this.outbox.markFailed(message.id, text, retryAt, message);
          this.logger.warn({ outbound: message.id, channel: message.channel, attempts: message.attempts, err: text, willRetry: !!retryAt }, 'delivery failed');
        }
      }
    }
    return delivered;
  }

  /** Asks the worker to look now (after a transaction queued something). */
  poke(): void {
    this.#wake?.();
  }

  start(): void {
    if (this.#timer || this.#deliverers.size === 0) return;
    const loop = async () => {
      while (this.#timer) {
        await this.runDue().catch((error: unknown) => this.logger.error({ err: error }, 'delivery loop failed'));
        if (!this.#timer) break; // stopped while delivering: do not re-arm
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
          this.#timer = setTimeout(resolve, this.options.intervalMs ?? 1_000);
        });
      }
    };
    this.#timer = setTimeout(() => undefined, 0);
    this.#running = loop();
  }

  async stop(): Promise<void> {
    const timer = this.#timer;
    this.#timer = undefined;
    if (timer) clearTimeout(timer);
    this.#wake?.();
    await this.#running;
  }
}
