import type { Worker } from 'node:cluster';

/**
 * Who may use the SQLite write connection next. `acquire` resolves with the function that
 * releases it. Granted in arrival order.
 */
export interface WriteLock {
  acquire(): Promise<() => void>;
}

/**
 * The lock of one process's write connection.
 *
 * Granted from the event loop's check phase, not as a microtask. Why: better-sqlite3 runs a
 * statement synchronously, so the waiters of a microtask-granted lock — whole turns of many
 * requests — ran one after another without ever letting the loop read a socket. Under load the
 * server then held its loop for seconds; requests that arrived meanwhile waited up to the whole
 * run (bench/load.ts: p99 15.7 s at 100 members). Yielding here lets I/O in between.
 */
export class ProcessLock implements WriteLock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

/** The messages between a cluster worker and the primary's `WriteLockService`. */
type LockMessage = { ua: 'write-lock'; op: 'acquire' | 'release' | 'granted'; id: number };

function isLockMessage(message: unknown): message is LockMessage {
  return typeof message === 'object' && message !== null && (message as { ua?: unknown }).ua === 'write-lock' && typeof (message as { id?: unknown }).id === 'number';
}

/**
 * The write lock of a cluster worker (src/server/cluster.ts): this process's lock first, then the
 * cluster-wide grant from the primary. Why: several processes write to one SQLite file. SQLite
 * lets one writer in at a time and makes the others poll (sleep and retry: 1, 2, 5, 10 … ms),
 * which under load wasted more than the second process gained (bench/load.ts, 100 members on
 * two workers: 62 turns/s against 87 on one). The primary queues the workers instead and hands
 * the lock on the moment it is released, so `BEGIN IMMEDIATE` finds the file free.
 *
 * Held only for writes (transactions and statements that change data); reads run on a separate
 * connection without it (src/store/sqlite-adapter.ts).
 */
export class ClusterWriteLock implements WriteLock {
  readonly #local = new ProcessLock();
  readonly #waiting = new Map<number, { grant: () => void; fail: (error: Error) => void }>();
  readonly #channel: NodeJS.Process;
  #next = 0;

  constructor(channel: NodeJS.Process = process) {
    if (!channel.send) throw new Error('ClusterWriteLock needs an IPC channel to the cluster primary');
    this.#channel = channel;
    channel.on('message', (message: unknown) => {
      if (!isLockMessage(message) || message.op !== 'granted') return;
      const waiter = this.#waiting.get(message.id);
      this.#waiting.delete(message.id);
      waiter?.grant();
    });
    // The primary is gone (the worker stops too): nobody will grant the lock any more, so the
    // writes waiting for it fail rather than hold their requests, and the worker's stop, for ever.
    channel.on('disconnect', () => {
      for (const waiter of this.#waiting.values()) waiter.fail(new Error('the cluster primary is gone: no write lock'));
      this.#waiting.clear();
    });
  }

  #send(message: LockMessage): boolean {
    if (!this.#channel.connected) return false;
    try {
      this.#channel.send!(message);
      return true;
    } catch {
      return false; // the channel closed meanwhile: 'disconnect' follows
    }
  }

  async acquire(): Promise<() => void> {
    const releaseLocal = await this.#local.acquire();
    const id = ++this.#next;
    try {
      await new Promise<void>((grant, fail) => {
        this.#waiting.set(id, { grant, fail });
        if (!this.#send({ ua: 'write-lock', op: 'acquire', id })) {
          this.#waiting.delete(id);
          fail(new Error('the cluster primary is gone: no write lock'));
        }
      });
    } catch (error) {
      releaseLocal();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#send({ ua: 'write-lock', op: 'release', id });
      releaseLocal();
    };
  }
}

/**
 * The primary's side: one holder at a time, the others queued in arrival order. A worker that
 * exits (crash, kill) loses its place and its grant, so the others never wait for a dead process;
 * SQLite itself drops a dead process's file lock.
 */
export class WriteLockService {
  readonly #queue: { worker: Worker; id: number }[] = [];
  #holder: { worker: Worker; id: number } | undefined;

  /** Serves a worker's lock requests until it exits. */
  attach(worker: Worker): void {
    worker.on('message', (message: unknown) => {
      if (!isLockMessage(message)) return;
      if (message.op === 'acquire') {
        this.#queue.push({ worker, id: message.id });
        this.#grant();
      } else if (message.op === 'release' && this.#holder?.worker === worker && this.#holder.id === message.id) {
        this.#holder = undefined;
        this.#grant();
      }
    });
    worker.on('exit', () => {
      for (let i = this.#queue.length - 1; i >= 0; i--) if (this.#queue[i]!.worker === worker) this.#queue.splice(i, 1);
      if (this.#holder?.worker === worker) {
        this.#holder = undefined;
        this.#grant();
      }
    });
  }

  /** Requests waiting, and whether one holds the lock (for tests and diagnostics). */
  get state(): { held: boolean; waiting: number } {
    return { held: this.#holder !== undefined, waiting: this.#queue.length };
  }

  #grant(): void {
    while (!this.#holder && this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      if (!next.worker.isConnected()) continue;
      this.#holder = next;
      next.worker.send({ ua: 'write-lock', op: 'granted', id: next.id } satisfies LockMessage);
    }
  }
}
