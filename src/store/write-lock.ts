/**
 * The queue for one process's SQLite write connection: one transaction (or autocommitted write)
 * at a time, in arrival order. `acquire` resolves with the function that releases it.
 *
 * Granted from the event loop's check phase, not as a microtask. Why: better-sqlite3 runs a
 * statement synchronously, so the waiters of a microtask-granted lock — whole turns of many
 * requests — ran one after another without ever letting the loop read a socket. Under load the
 * server then held its loop for seconds; requests that arrived meanwhile waited up to the whole
 * run (bench/load.ts: p99 15.7 s at 100 members). Yielding here lets I/O in between.
 *
 * Between processes (cluster workers, a CLI command) SQLite's own file lock decides, tried
 * without blocking and retried asynchronously (src/store/sqlite-adapter.ts).
 */
export class ProcessLock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}
