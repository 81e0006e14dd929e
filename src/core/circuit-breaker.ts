import type { Logger } from './logger.ts';

export interface CircuitBreakerOptions {
  /** What the breaker guards, for its log lines ("chat model", "embeddings"). */
  name: string;
  /** Consecutive failures that open the breaker; 0 never opens it. */
  failures?: number;
  /** How long an open breaker refuses calls before it lets one trial call through. */
  cooldownMs?: number;
  logger?: Pick<Logger, 'warn'> & Partial<Pick<Logger, 'info'>>;
  now?: () => number;
}

/**
 * A circuit breaker for an optional remote endpoint (the OpenAI-compatible model). Why: every
 * remote call already falls back to the offline path when it fails or times out, but while an
 * endpoint hangs, every member's turn would still wait out the timeout first. After `failures`
 * consecutive failures the breaker opens: callers skip the endpoint (straight to their fallback)
 * for `cooldownMs`; then one trial call goes through, and its success closes the breaker again.
 */
export class CircuitBreaker {
  readonly #name: string;
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #logger: CircuitBreakerOptions['logger'];
  readonly #now: () => number;
  #failures = 0;
  /** 0 while closed; otherwise when the next trial call may go through. */
  #openUntil = 0;

  constructor(options: CircuitBreakerOptions) {
    this.#name = options.name;
    this.#threshold = options.failures ?? 3;
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** Whether a call may go to the endpoint now. While open, one trial call per cooldown is let through. */
  allow(): boolean {
    if (this.#openUntil === 0) return true;
    const now = this.#now();
    if (now < this.#openUntil) return false;
    // The trial: others keep skipping until it reports back (or until another cooldown passed).
    this.#openUntil = now + this.#cooldownMs;
    return true;
  }

  get open(): boolean {
    return this.#openUntil !== 0;
  }

  success(): void {
    if (this.#openUntil !== 0) this.#logger?.info?.({ endpoint: this.#name }, 'endpoint answers again; using it');
    this.#failures = 0;
    this.#openUntil = 0;
  }

  failure(): void {
    this.#failures++;
    if (this.#threshold === 0 || this.#failures < this.#threshold) return;
    if (this.#openUntil === 0) this.#logger?.warn({ endpoint: this.#name, failures: this.#failures, cooldownMs: this.#cooldownMs }, 'endpoint failing; using the offline fallback for a while');
    this.#openUntil = this.#now() + this.#cooldownMs;
  }
}
