import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from '@prisma/driver-adapter-utils';

/**
 * A one-connection lock. Why: @prisma/adapter-better-sqlite3 6.19 serialises transactions with
 * each other, but a query issued outside a transaction runs on the same connection while another
 * request's transaction is open, and so silently joins (and may be rolled back with) it. Every
 * statement outside a transaction therefore waits for the open transaction to finish.
 */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return ready;
  }
}

function serialise(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  const locked =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const release = await lock.acquire();
      try {
        return await fn(...args);
      } finally {
        release();
      }
    };
  const wrapper: SqlDriverAdapter = Object.create(adapter);
  wrapper.queryRaw = locked(adapter.queryRaw.bind(adapter));
  wrapper.executeRaw = locked(adapter.executeRaw.bind(adapter));
  wrapper.executeScript = locked(adapter.executeScript.bind(adapter));
  wrapper.startTransaction = async (isolationLevel) => {
    const release = await lock.acquire();
    let transaction: Transaction;
    try {
      transaction = await adapter.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    let released = false;
    const finish = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    const wrapped: Transaction = Object.create(transaction);
    wrapped.commit = async () => {
      try {
        await transaction.commit();
      } finally {
        finish();
      }
    };
    wrapped.rollback = async () => {
      try {
        await transaction.rollback();
      } finally {
        finish();
      }
    };
    return wrapped;
  };
  return wrapper;
}

/** The SQLite driver adapter with statements serialised around transactions (see `Lock`). */
export class SerialisedSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;
  constructor(file: string) {
    this.#inner = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
    this.adapterName = this.#inner.adapterName;
  }
  async connect(): Promise<SqlDriverAdapter> {
    return serialise(await this.#inner.connect());
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return serialise(await this.#inner.connectToShadowDb());
  }
}
