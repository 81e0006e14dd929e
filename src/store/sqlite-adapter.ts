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

/** The parts of better-sqlite3's Statement that @prisma/adapter-better-sqlite3 6.19 uses. */
interface Statement {
  readonly reader: boolean;
  run(...args: unknown[]): unknown;
  columns(): unknown[];
  raw(toggle: boolean): { all(args: unknown[]): unknown[] };
}

/** How many distinct SQL texts keep their prepared statement (Prisma's queries are few shapes). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Prepared-statement reuse. Why: the Prisma adapter calls `db.prepare(sql).bind(args)` for every
 * query, and preparing was ~5% of a chat turn's CPU (bench/load.ts profile). A bound
 * better-sqlite3 statement cannot be bound again, so the cache hands the adapter a small object
 * with the same surface that passes the arguments at run time instead. Statements run
 * synchronously on this one connection, so one cached statement is never in use twice at once.
 */
function reusePreparedStatements(db: { prepare(sql: string): Statement }): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) {
      // Refresh its place: the map's first key is the least recently used.
      cache.delete(sql);
    } else {
      stmt = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    const statement = stmt;
    return {
      reader: statement.reader,
      // `prepare("BEGIN").run()`: no arguments.
      run: () => statement.run(),
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        run: () => statement.run(args),
        columns: () => statement.columns(),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
    };
  }) as unknown as typeof db.prepare;
}

/** The adapter's connection (a field of @prisma/adapter-better-sqlite3 6.19's adapter class). */
function connectionOf(adapter: SqlDriverAdapter): { prepare(sql: string): Statement } {
  const client = (adapter as unknown as { client?: { prepare?: unknown } }).client;
  if (!client || typeof client.prepare !== 'function') {
    throw new Error('@prisma/adapter-better-sqlite3 changed: its adapter has no `client` connection (see src/store/sqlite-adapter.ts)');
  }
  return client as { prepare(sql: string): Statement };
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
    const adapter = await this.#inner.connect();
    reusePreparedStatements(connectionOf(adapter));
    return serialise(adapter);
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return serialise(await this.#inner.connectToShadowDb());
  }
}
