/**
 * Runs work one at a time per key, in arrival order, within this process. Why: sign-ups for one
 * event serialise on the event's row lock anyway; letting a hundred of them each take a pooled
 * database connection only to wait on that lock starves the pool (and every chat turn with it).
 * Across instances the row lock still decides; this only keeps the waiting in memory.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
