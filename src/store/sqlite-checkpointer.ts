import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ProcessLock } from './write-lock.ts';

/** How often the log is checkpointed while this process writes. */
const INTERVAL_MS = 200;
/**
 * How long the thread waits for another process's write transaction (or a reader of the log)
 * before settling for what it could copy. This process's writes wait meanwhile, so it is short.
 */
const BUSY_TIMEOUT_MS = 10;

/**
 * The thread's code: plain JavaScript run from a string, so that it needs neither tsx nor a file
 * of its own. It opens its own connection and runs one RESTART checkpoint per request: copy every
 * frame of the log into the database file, fsync it, and wait (briefly) until no reader uses the
 * log, so that the next write starts it again from the beginning.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
parentPort.on('message', (message) => {
  if (message === 'stop') { db.close(); parentPort.close(); return; }
  let error;
  try { db.pragma('wal_checkpoint(RESTART)'); } catch (e) { if (!/^SQLITE_(BUSY|LOCKED)/.test(String(e && e.code))) error = String(e && e.message); }
  parentPort.postMessage({ done: true, error });
});
`;

/**
 * Checkpoints a SQLite database's write-ahead log on a worker thread, while this process's write
 * queue is held, for a write connection whose automatic checkpoint is off
 * (`PRAGMA wal_autocheckpoint = 0`).
 *
 * Why: SQLite runs its automatic checkpoint inside the COMMIT that crosses 1,000 pages of log,
 * synchronously, on the event loop: that COMMIT copies ~4 MB into the database file and fsyncs
 * it. Under load (bench/load.ts, 100 members, 2 workers) one commit in ~20 took over 1 ms, 4 ms on
 * average and up to 30 ms: ~70% of all the time spent in COMMIT, and every request of that worker
 * waited. Here the event loop goes on serving (reads, rendering, HTTP) while the thread copies;
 * only this process's writes wait, in its write queue (`lock`), as they waited for that COMMIT.
 *
 * Why the write queue and RESTART, not a thread checkpointing on its own (tried first): a PASSIVE
 * checkpoint beside the writers never caught up with them, so the log was never started again
 * and grew without bound (47 MB in 15 s at 100 members, against ~4 MB with SQLite's own
 * checkpoints). Holding the queue, the checkpoint copies everything this process wrote; RESTART
 * then lets the next write start the log from the beginning.
 *
 * Each process that writes the file runs one (a cluster worker, a CLI command), so the log never
 * depends on another process being up. When the last connection to the file closes, SQLite
 * checkpoints what is left and removes the log.
 */
export class SqliteCheckpointer {
  readonly #worker: Worker;
  readonly #lock: ProcessLock;
  readonly #timer: NodeJS.Timeout;
  #written = false;
  #running: Promise<void> | undefined;
  #stopped = false;

  /**
   * `fallback` runs if the thread dies: the connection should then checkpoint by itself again
   * (`wal_autocheckpoint = 1000`), or the log would grow without end.
   */
  constructor(file: string, lock: ProcessLock, options: { fallback: () => void; intervalMs?: number; onError?: (message: string) => void }) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#lock = lock;
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, busyTimeoutMs: BUSY_TIMEOUT_MS } });
    // A background job: it must never keep a process alive that has nothing else to do.
    this.#worker.unref();
    const onError = options.onError ?? ((message: string) => process.stderr.write(`sqlite checkpointer: ${message}\n`));
    this.#worker.on('message', (message: { error?: string }) => {
      // A failed checkpoint only lets the log grow until the next one.
      if (message.error) onError(message.error);
    });
    this.#worker.on('error', (error) => onError(`stopped: ${error.message}`));
    this.#worker.on('exit', () => {
      if (!this.#stopped) {
        this.#stopped = true;
        clearInterval(this.#timer);
        options.fallback();
      }
    });
    this.#timer = setInterval(() => {
      if (this.#written && !this.#running) void this.checkpoint();
    }, options.intervalMs ?? INTERVAL_MS);
    this.#timer.unref();
  }

  /** Something was committed: the next tick checkpoints. */
  written(): void {
    this.#written = true;
  }

  /** Checkpoints now, holding this process's write queue; resolves when done. */
  checkpoint(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#running ??= (async () => {
      const release = await this.#lock.acquire();
      try {
        this.#written = false;
        if (this.#stopped) return;
        // Referenced until it answers: a process awaiting an unreferenced thread, with nothing
        // else pending, would end mid-await (exit code 13) instead of waiting.
        this.#worker.ref();
        await new Promise<void>((resolve) => {
          const done = (message?: { done?: boolean }) => {
            if (!message || message.done) {
              this.#worker.off('message', done);
              this.#worker.off('exit', done);
              resolve();
            }
          };
          this.#worker.on('message', done);
          // A thread that died mid-checkpoint must not keep the write queue.
          this.#worker.on('exit', done);
          this.#worker.postMessage('checkpoint');
        });
      } finally {
        this.#worker.unref();
        release();
        this.#running = undefined;
      }
    })();
    return this.#running;
  }

  /** Stops the thread and closes its connection. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    clearInterval(this.#timer);
    await this.#running;
    this.#stopped = true;
    // Referenced while stopping, for the reason given in `checkpoint`.
    this.#worker.ref();
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('stop');
    await exited;
  }
}
