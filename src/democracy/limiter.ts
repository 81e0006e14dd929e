/**
 * At most `limit` tasks at a time, the rest waiting in memory in arrival order. Why: a burst of
 * ballots (everyone votes when the meeting says "vote now") would otherwise queue for the
 * database pool, whose waits time out after a few seconds and leave nothing for chat turns.
 */
export class Limiter {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#active >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#active++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}
