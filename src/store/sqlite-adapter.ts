import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { DirectAdapter } from './sql.ts';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { SqliteCheckpointer } from './sqlite-checkpointer.ts';
import { ProcessLock } from './write-lock.ts';

/**
 * The database stayed busy or could not be reached within the time a request may wait. The
 * server answers 503 for it (src/server/http.ts), not 500. (Here rather than in database.ts,
 * which imports this file; database.ts re-exports it.)
 */
export class DatabaseUnavailableError extends Error {
  constructor(reason: string) {
    super(`database unavailable: ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * How long the database may stay busy (another process holding SQLite's write lock) before
 * statements fail as unavailable instead of waiting on.
 */
const WAIT_MS = 10_000;
/**
 * SQLite's own busy wait (better-sqlite3's `timeout`) is off: it is synchronous, and blocks the
 * event loop while it sleeps. With 10 s there, while another process held the write lock the
 * whole server froze — no /healthz, no Slack acknowledgement — for 10 s per queued statement.
 * With 25 ms, two cluster workers each slept through the other's transactions instead of
 * serving their other requests. A busy statement fails at once and `BusyEpisode.retry` tries it
 * again after a short asynchronous pause (issue 9).
 */
const BUSY_TIMEOUT_MS = 0;
/**
 * The pauses between attempts while the database is busy: 1 ms for the first `SHORT_WAIT_MS`,
 * because another worker's transaction holds the lock for ~2 ms (bench/load.ts) and a waiter
 * that backed off further lost its turn to the worker that just committed; then growing to
 * `LONGEST_PAUSE_MS`, for a long write (a CLI import, a migration) that may take seconds. A
 * failed `BEGIN IMMEDIATE` costs ~15 µs.
 */
const FIRST_PAUSE_MS = 1;
const SHORT_WAIT_MS = 25;
const LONGEST_PAUSE_MS = 50;

function isBusy(error: unknown): boolean {
  const cause = (error as { cause?: { originalCode?: unknown } } | undefined)?.cause;
  const code = cause?.originalCode ?? (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_BUSY' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'));
}

/**
 * One busy episode of a connection: since when its statements have been found busy without one
 * getting through. A statement retries until the episode is `WAIT_MS` old, so the first ones
 * wait up to that long and those queued behind them then fail at once, rather than each waiting
 * `WAIT_MS` in turn. A statement that gets through ends the episode: cluster workers find each
 * other's transactions in the way all the time, and that is no outage.
 */
class BusyEpisode {
  #since: number | undefined;
  #last = 0;
  /** Records a busy answer; returns for how long the database has been busy. */
  #note(now: number): number {
    // Waiting statements retry at least every LONGEST_PAUSE_MS: a longer silence (an episode that
    // ended in DatabaseUnavailableError, then nothing) means this busy answer starts a new one.
    if (this.#since === undefined || now - this.#last > 1_000) this.#since = now;
    this.#last = now;
    return now - this.#since;
  }

  /** Runs `fn` again while SQLite says busy (a busy statement did not apply), for as long as the episode allows. */
  async retry<R>(fn: () => Promise<R> | R): Promise<R> {
    for (let pause = FIRST_PAUSE_MS; ; ) {
      try {
        const result = await fn();
        this.#since = undefined;
        return result;
      } catch (error) {
        if (!isBusy(error)) throw error;
        const busyFor = this.#note(Date.now());
        if (busyFor > SHORT_WAIT_MS) pause = Math.min(pause * 1.5, LONGEST_PAUSE_MS);
        if (busyFor + pause > WAIT_MS) throw new DatabaseUnavailableError('another process held the SQLite write lock too long');
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}

/**
 * Two connections to the file, one mechanism for each kind of statement:
 *
 * - Reads outside a transaction run on their own connection, at once. WAL mode lets them read
 *   the last committed state while a write is under way, here or in another process.
 * - Everything that writes — transactions, and statements that change data outside one — runs
 *   on the write connection under `lock`, one at a time. Why: @prisma/adapter-better-sqlite3
 *   (6.19, and still 7.10) serialises transactions with each other, but a statement issued
 *   outside a transaction runs on the same connection while another request's transaction is
 *   open, and so silently joins (and may be rolled back with) it. Before reads had their own
 *   connection, every read waited for the open transaction too.
 *
 * `lock` queues this process's writes. Between processes — the workers of `serve`
 * (src/server/cluster.ts), a CLI command — SQLite's file lock decides: `BEGIN IMMEDIATE` is tried
 * without blocking, and while another process holds the lock it is tried again after a pause of
 * 1 ms, growing (`BusyEpisode`). Why not a lock granted by the cluster primary, in arrival order
 * (what this was until 2026-11-27): a grant is a message that the worker reads only when its
 * event loop comes round, and the lock stayed held, idle, meanwhile. At 100 members on two
 * workers that held each transaction's lock for 5.8 ms and served 149 turns/s; SQLite's own lock,
 * held from `BEGIN IMMEDIATE` to `COMMIT` only, served 208 (bench/load.ts, docs/RELIABILITY.md).
 */
function serialise(
  adapter: SqlDriverAdapter,
  connection: Connection,
  lock: ProcessLock,
  reads?: { adapter: SqlDriverAdapter; connection: Connection },
  checkpointer?: SqliteCheckpointer,
): DirectSqlite {
  /** The transaction open on the write connection: at most one, since it holds `lock` until it ends. */
  let open: OpenTransaction | undefined;
  // Separate episodes: reads that get through say nothing about the write lock.
  const busy = new BusyEpisode();
  const readsBusy = new BusyEpisode();
  const locked =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>, retry = true) =>
    async (...args: A): Promise<R> => {
      const release = await lock.acquire();
      try {
        // A statement outside a transaction autocommits: one that failed busy changed nothing.
        return retry ? await busy.retry(() => fn(...args)) : await fn(...args);
      } finally {
        checkpointer?.written();
        release();
      }
    };
  const wrapper: SqlDriverAdapter = Object.create(adapter);
  const write = locked(adapter.queryRaw.bind(adapter));
  if (reads) {
    const read = reads.adapter.queryRaw.bind(reads.adapter);
    // Whether a statement only reads, from SQLite itself (`readonly`: it changes nothing; an
    // INSERT … RETURNING returns rows but is not read-only).
    const readOnly = (sql: string) => reads.connection.prepare(sql).readonly;
    wrapper.queryRaw = (query) => (readOnly(query.sql) ? readsBusy.retry(() => read(query)) : write(query));
    wrapper.dispose = async () => {
      await checkpointer?.stop();
      await reads.adapter.dispose();
      await adapter.dispose();
    };
  } else {
    wrapper.queryRaw = write;
  }
  wrapper.executeRaw = locked(adapter.executeRaw.bind(adapter));
  // Not retried: a script that failed part-way may have applied its first statements.
  wrapper.executeScript = locked(adapter.executeScript.bind(adapter), false);
  wrapper.startTransaction = async (isolationLevel) => {
    // The adapter refuses other levels before doing anything: keep its error.
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') return adapter.startTransaction(isolationLevel);
    const release = await lock.acquire();
    // Started here rather than by the adapter: its startTransaction keeps its own mutex locked
    // forever when BEGIN throws (6.19, and still 7.10), and `lock` already serialises everything
    // on this connection. BEGIN IMMEDIATE takes the write lock at once, so waiting for another
    // process happens here (retried asynchronously) and never in the middle of a transaction,
    // where a deferred transaction's first write (7.10 still sends a plain BEGIN) could fail busy
    // after its reads.
    try {
      await busy.retry(() => void connection.prepare('BEGIN IMMEDIATE').run());
    } catch (error) {
      release();
      throw error;
    }
    let released = false;
    const finish = () => {
      if (!released) {
        released = true;
        if (open === transaction) open = undefined;
        transaction.closed = true;
        checkpointer?.written();
        release();
      }
    };
    // Prisma sends COMMIT / ROLLBACK through executeRaw (usePhantomQuery: false), then calls these.
    // Its statements use the adapter's own (unlocked) methods: the transaction holds the lock.
    const run = (sql: string) => adapter.executeRaw({ sql, args: [], argTypes: [] }).then(() => undefined);
    const transaction: OpenTransaction = Object.create(adapter, {
      options: { value: { usePhantomQuery: false } },
      closed: { value: false, writable: true },
      commit: { value: async () => finish() },
      rollback: { value: async () => finish() },
      // Prisma 7 runs a nested `$transaction` as a savepoint, as 7.10's own transaction object does.
      createSavepoint: { value: (name: string) => run(`SAVEPOINT ${name}`) },
      rollbackToSavepoint: { value: (name: string) => run(`ROLLBACK TO ${name}`) },
      releaseSavepoint: { value: (name: string) => run(`RELEASE SAVEPOINT ${name}`) },
    });
    open = transaction;
    return transaction;
  };
  return { adapter: wrapper, dialect: 'sqlite', openTransaction: () => open, pragma: (source) => pragma(connection, source) };
}

/** An adapter transaction, and whether it has ended (committed or rolled back). */
export interface OpenTransaction extends Transaction {
  closed: boolean;
}

/**
 * The connected SQLite adapter, for statements run without the Prisma client (src/store/sql.ts):
 * `adapter` is what Prisma uses (reads on their own connection, writes under the lock), and
 * `openTransaction` is the transaction open on the write connection, if any. Only one can be open
 * in a process: it holds the lock from `BEGIN IMMEDIATE` until it ends. So the transaction open
 * while a `$transaction` callback runs is that callback's own.
 */
export interface DirectSqlite extends DirectAdapter {
  readonly dialect: 'sqlite';
  openTransaction(): OpenTransaction | undefined;
  /** Reads a setting of the write connection (`PRAGMA <source>`), for tests and diagnostics. */
  pragma(source: string): unknown;
}

/** The parts of better-sqlite3's Statement that @prisma/adapter-better-sqlite3 7.10 (and `serialise`) use. */
interface Statement {
  readonly reader: boolean;
  readonly readonly: boolean;
  run(...args: unknown[]): unknown;
  columns(): unknown[];
  raw(toggle: boolean): { all(args: unknown[]): unknown[] };
}

/** How many distinct SQL texts keep their prepared statement (Prisma's queries are few shapes). */
const STATEMENT_CACHE_SIZE = 500;

/** What `prepare(sql)` hands the adapter: the cached statement, bound at run time. */
class CachedStatement {
  readonly reader: boolean;
  readonly readonly: boolean;
  /** The result's columns, and the schema version they were read at. */
  #columns: unknown[] | undefined;
  #columnsAt = -1;
  constructor(
    readonly statement: Statement,
    private readonly schemaVersion: () => number,
  ) {
    this.reader = statement.reader;
    this.readonly = statement.readonly;
  }
  /** `prepare("BEGIN").run()`: no arguments. */
  run(): unknown {
    return this.statement.run();
  }
  bind(args: unknown[]): BoundStatement {
    return new BoundStatement(this, args);
  }
  /**
   * The result's columns (names and declared types) if the schema has not changed since they were
   * read; undefined otherwise, and `refreshColumns` must read them after the statement has run.
   * Why kept: better-sqlite3 builds them afresh on every call, ~20 µs for the 27 columns of a
   * `SELECT * FROM "Ticket"` against ~3 µs for running it, and the adapter asks on every query.
   * SQLite's schema cookie (`PRAGMA schema_version`, ~2 µs) changes with every schema change, by
   * any process.
   */
  currentColumns(): unknown[] | undefined {
    const version = this.schemaVersion();
    if (this.#columns !== undefined && this.#columnsAt === version) return this.#columns;
    this.#columnsAt = version;
    this.#columns = undefined;
    return undefined;
  }
  /** Reads the columns again: only after the statement ran, since SQLite re-prepares a statement of an older schema at its first step. */
  refreshColumns(): unknown[] {
    this.#columns = this.statement.columns();
    return this.#columns;
  }
}

/** A cached statement with one query's arguments (better-sqlite3's own `bind` is once per statement). */
class BoundStatement {
  readonly reader: boolean;
  readonly statement: Statement;
  constructor(
    readonly cached: CachedStatement,
    readonly args: unknown[],
  ) {
    this.statement = cached.statement;
    this.reader = cached.reader;
  }
  /** Rows already read by `columns` (a statement whose columns had to be read again). */
  #rows: unknown[] | undefined;
  run(): unknown {
    return this.statement.run(this.args);
  }
  /**
   * The adapter asks for the columns before it runs the statement. When they are not known for
   * the current schema, the statement runs first: a `SELECT *` prepared before another process
   * added a column would otherwise name the old columns for the new rows. (Before the columns
   * were kept, that first query after a migration read its rows under the old names.)
   */
  columns(): unknown[] {
    const known = this.cached.currentColumns();
    if (known) return known;
    this.#rows = this.statement.raw(true).all(this.args);
    return this.cached.refreshColumns();
  }
  raw(): this {
    return this;
  }
  all(): unknown[] {
    const rows = this.#rows;
    this.#rows = undefined;
    return rows ?? this.statement.raw(true).all(this.args);
  }
}

/**
 * Prepared-statement reuse. Why: the Prisma adapter (6.19, and still 7.10) calls
 * `db.prepare(sql).bind(args)` for every query, and preparing was ~5% of a chat turn's CPU
 * (bench/load.ts profile). A bound better-sqlite3 statement cannot be bound again, so the cache
 * hands the adapter an object with the same surface (`reader`, `run()`, `columns()`,
 * `raw().all()`) that passes the arguments at run time instead. Classes, not closures made per
 * query: tsx (esbuild's keepNames) names every closure as it is made, which made this wrapper ~3%
 * of a turn. Statements run synchronously on this one connection, so one cached statement is
 * never in use twice at once.
 */
function reusePreparedStatements(db: { prepare(sql: string): Statement }): void {
  const prepare = db.prepare.bind(db);
  const cookie = (prepare('PRAGMA schema_version') as unknown as { pluck(): { get(): number } }).pluck();
  const schemaVersion = () => cookie.get();
  const cache = new Map<string, CachedStatement>();
  db.prepare = ((sql: string) => {
    let cached = cache.get(sql);
    if (cached) {
      // Refresh its place: the map's first key is the least recently used.
      cache.delete(sql);
    } else {
      cached = new CachedStatement(prepare(sql), schemaVersion);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, cached);
    return cached;
  }) as unknown as typeof db.prepare;
}

/** The adapter's connection (the `client` field of @prisma/adapter-better-sqlite3's adapter class, 6.19 and 7.10). */
function connectionOf(adapter: SqlDriverAdapter): Connection {
  const client = (adapter as unknown as { client?: { prepare?: unknown } }).client;
  if (!client || typeof client.prepare !== 'function') {
    throw new Error('@prisma/adapter-better-sqlite3 changed: its adapter has no `client` connection (see src/store/sqlite-adapter.ts)');
  }
  return client as Connection;
}

/** The part of a better-sqlite3 Database used here. */
interface Connection {
  prepare(sql: string): Statement;
}

/**
 * Runs `PRAGMA <source>` on a connection and returns its rows. Through better-sqlite3's own
 * `prepare` (the prototype's): the instance's is `reusePreparedStatements`' cache, whose
 * statements only have the surface the Prisma adapter uses.
 */
function pragma(connection: Connection, source: string): unknown[] {
  const prepare = (Object.getPrototypeOf(connection) as { prepare(sql: string): { all(): unknown[] } }).prepare;
  return prepare.call(connection, `PRAGMA ${source}`).all();
}

/**
 * The SQLite driver adapter: reads on their own connection, writes one at a time (see
 * `serialise`). A `:memory:` database is one connection's own, so it has no read connection.
 */
export class SerialisedSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;
  readonly #reads: PrismaBetterSqlite3 | undefined;
  readonly #lock = new ProcessLock();
  readonly #file: string;
  #direct: DirectSqlite | undefined;
  constructor(file: string) {
    this.#file = file;
    this.#inner = new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS });
    this.#reads = file === ':memory:' ? undefined : new PrismaBetterSqlite3({ url: file, timeout: BUSY_TIMEOUT_MS });
    this.adapterName = this.#inner.adapterName;
  }
  /** The adapter Prisma connected last (undefined until it has connected). */
  get direct(): DirectSqlite | undefined {
    return this.#direct;
  }
  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    const connection = connectionOf(adapter);
    if (!this.#reads) {
      reusePreparedStatements(connection);
      this.#direct = serialise(adapter, connection, this.#lock);
      return this.#direct.adapter;
    }
    // Commits never checkpoint: a thread does, holding the write queue (src/store/sqlite-checkpointer.ts).
    pragma(connection, 'wal_autocheckpoint = 0');
    const checkpointer = new SqliteCheckpointer(this.#file, this.#lock, { fallback: () => pragma(connection, 'wal_autocheckpoint = 1000') });
    reusePreparedStatements(connection);
    const reads = await this.#reads.connect();
    const readConnection = connectionOf(reads);
    reusePreparedStatements(readConnection);
    this.#direct = serialise(adapter, connection, this.#lock, { adapter: reads, connection: readConnection }, checkpointer);
    return this.#direct.adapter;
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connectToShadowDb();
    return serialise(adapter, connectionOf(adapter), new ProcessLock()).adapter;
  }
}
