import type { Sql } from '@prisma/client/runtime/client';
import { ColumnTypeEnum, type ArgType, type ColumnType, type SqlDriverAdapter, type SqlQuery, type SqlResultSet, type Transaction } from '@prisma/driver-adapter-utils';
import type { Prisma, PrismaTransaction } from './database.ts';

/**
 * The driver adapter Prisma connected (SQLite's or PostgreSQL's), for statements run without the
 * Prisma client.
 */
export interface DirectAdapter {
  readonly adapter: SqlDriverAdapter;
  /** How statements name their parameters: `?` (SQLite) or `$1` (PostgreSQL). */
  readonly dialect: 'sqlite' | 'postgresql';
  /**
   * SQLite: the transaction open on the write connection, if any (at most one per process), so
   * that a Prisma `$transaction`'s raw statements can run on it (`bind`). PostgreSQL runs several
   * transactions at once, on pooled connections, and none can be told apart from outside Prisma.
   */
  openTransaction?(): (Transaction & { closed: boolean }) | undefined;
}

/**
 * A transaction opened by `Store.sqlTransaction`: the driver adapter's own transaction, without
 * the Prisma client. Only raw statements (this runner) can run in it, which the types enforce: a
 * model-API method takes a `PrismaTransaction`, and this is none.
 */
export class DirectTransaction {
  #finished = false;
  constructor(readonly open: Transaction) {}
  /**
   * Whether it committed or rolled back: a statement for it then fails. SQLite's adapter also
   * says when a failed COMMIT ended it (ROLLBACK then has nothing to undo).
   */
  get ended(): boolean {
    return this.#finished || (this.open as { closed?: boolean }).closed === true;
  }
  finish(): void {
    this.#finished = true;
  }
}

/**
 * An error the database driver threw that its adapter passed on unmapped, such as pg's
 * "Connection terminated unexpectedly" when the server goes away mid-query. Through the Prisma
 * client it would have arrived wrapped in a Prisma error; wrapped here, it is still recognised
 * as the database's (`isDatabaseUnavailable`: a clean 503, not a 500).
 */
export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** Rethrows a driver's own error as a `DriverError`; the adapter's mapped errors stay as they are. */
function driverError(error: unknown): never {
  if (error instanceof Error && (error.name === 'DriverAdapterError' || error.name === 'DatabaseUnavailableError' || error instanceof DriverError)) throw error;
  throw new DriverError(error);
}

/** A transaction raw statements can run in: Prisma's (`Store.transaction`) or a direct one (`Store.sqlTransaction`). */
export type SqlTx = PrismaTransaction | DirectTransaction;

/** Where a statement runs: the client (no transaction), or a transaction. */
export type Db = Prisma | SqlTx;

/**
 * Runs the raw statements of a chat turn's path (docs/DATABASE.md, "Raw statements").
 *
 * They go to Prisma's own driver adapter directly, not through the Prisma client: on SQLite the
 * client cost ~30 µs of CPU per raw statement outside a transaction and ~100 µs inside one (its
 * transaction client is a stack of proxies that every internal property access goes through),
 * against ~8 µs for the statement itself (bench/load.ts profile). A chat turn runs about ten.
 * The adapter is the one Prisma uses, so pooling, locking, busy retries and error mapping stay
 * the same (src/store/sqlite-adapter.ts, @prisma/adapter-pg); a statement for a Prisma
 * transaction runs on that transaction: on SQLite by the adapter transaction `Store.transaction`
 * registers here when it opens (`bind`), on PostgreSQL through the Prisma client (`$queryRaw`).
 *
 * Results are decoded as `$queryRaw` decodes them (tests/store/sql.test.ts compares the two on
 * both providers): DateTime columns become Dates, booleans booleans, 64-bit integers BigInts,
 * JSON columns values.
 */
export class SqlRunner {
  readonly #transactions = new WeakMap<object, Transaction & { closed: boolean }>();
  constructor(
    private readonly prisma: Prisma,
    /** The adapter once Prisma has connected it (undefined until its first query). */
    private readonly direct: () => DirectAdapter | undefined,
  ) {}

  /**
   * Registers the adapter transaction of a `$transaction` callback's client. Called first thing in
   * the callback, when the transaction open on the write connection can only be this one.
   */
  bind(tx: PrismaTransaction): void {
    const open = this.direct()?.openTransaction?.();
    if (open) this.#transactions.set(tx, open);
  }

  /** Rows of a SELECT (or of a statement with RETURNING). */
  async query<T>(db: Db, statement: Sql): Promise<T[]> {
    const target = await this.#target(db);
    if (!target) return (db as Prisma | PrismaTransaction).$queryRaw<T[]>(statement);
    return decode<T>(await target.queryRaw(this.#queryOf(statement)).catch(driverError));
  }

  /** The number of rows a statement changed. */
  async execute(db: Db, statement: Sql): Promise<number> {
    const target = await this.#target(db);
    if (!target) return (db as Prisma | PrismaTransaction).$executeRaw(statement);
    return target.executeRaw(this.#queryOf(statement)).catch(driverError);
  }

  /**
   * Runs `work` in the driver adapter's own transaction (`DirectTransaction`), for
   * `Store.sqlTransaction`. Prisma's interactive transaction cost ~150–190 µs of CPU more per
   * transaction on SQLite (its transaction manager, a client of proxies, COMMIT through the query
   * pipeline), and every chat turn opens one. The adapter's `startTransaction` does what it does
   * for Prisma's transactions: on SQLite it takes this process's write queue and SQLite's write
   * lock (`BEGIN IMMEDIATE`, retried while another process holds it; src/store/sqlite-adapter.ts),
   * on PostgreSQL a pooled connection and `BEGIN` (READ COMMITTED, as Prisma's).
   *
   * `work` may only run raw statements through this runner, and no network calls: on SQLite it
   * holds the write lock of every process on the file until it returns.
   */
  async transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    const open = await (await this.#connected()).adapter.startTransaction().catch(driverError);
    const tx = new DirectTransaction(open);
    try {
      const result = await work(tx);
      await open.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] }).catch(driverError);
      tx.finish();
      await open.commit();
      return result;
    } finally {
      if (!tx.ended) {
        // `work` or COMMIT failed: nothing of it stays.
        tx.finish();
        await open.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined);
        await open.rollback();
      }
    }
  }

  async #target(db: Db): Promise<{ queryRaw(q: SqlQuery): Promise<SqlResultSet>; executeRaw(q: SqlQuery): Promise<number> } | undefined> {
    if (db instanceof DirectTransaction) {
      if (db.ended) throw new Error('the transaction of this statement has already ended');
      return db.open;
    }
    if (db !== this.prisma) {
      const open = this.#transactions.get(db);
      // A Prisma transaction this runner was not told about (PostgreSQL's, or one opened elsewhere): Prisma's way.
      if (!open) return undefined;
      if (open.closed) throw new Error('the transaction of this statement has already ended');
      return open;
    }
    return (await this.#connected()).adapter;
  }

  /** The statement with the dialect's placeholders (the Sql tag gives `?` as `sql`, `$1` as `text`). */
  #queryOf(statement: Sql): SqlQuery {
    const args = statement.values;
    const text = this.direct()?.dialect === 'postgresql' ? statement.text : statement.sql;
    return { sql: text, args, argTypes: args.map(argType) };
  }

  /** The adapter, connecting Prisma first if it has not run a query yet (it connects on its first). */
  async #connected(): Promise<DirectAdapter> {
    const connected = this.direct();
    if (connected) return connected;
    await this.prisma.$connect();
    const after = this.direct();
    if (!after) throw new Error('the driver adapter did not connect');
    return after;
  }
}

function argType(value: unknown): ArgType {
  const scalarType =
    typeof value === 'string'
      ? 'string'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'int'
          : 'float'
        : typeof value === 'boolean'
          ? 'boolean'
          : typeof value === 'bigint'
            ? 'bigint'
            : value instanceof Date
              ? 'datetime'
              : 'unknown';
  return { scalarType, arity: 'scalar' };
}

/** A column's value as `$queryRaw` returns it (Prisma 7.10's raw result mapping, for the types the adapters report). */
function value(type: ColumnType, v: unknown): unknown {
  if (v === null) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(Number(v));
    case ColumnTypeEnum.Int64:
      return typeof v === 'string' ? BigInt(v) : BigInt(Math.trunc(Number(v)));
    case ColumnTypeEnum.Boolean:
      return typeof v === 'boolean' ? v : typeof v === 'string' ? v === 'true' || v === '1' : v === 1;
    case ColumnTypeEnum.DateTime:
    case ColumnTypeEnum.Date:
      return new Date(v as string | number);
    case ColumnTypeEnum.Json:
      return typeof v === 'string' ? JSON.parse(v) : v;
    case ColumnTypeEnum.Bytes:
      return v instanceof Uint8Array ? new Uint8Array(v) : v;
    case ColumnTypeEnum.Numeric:
      throw new Error('decimal columns are not read by raw statements here: use the model API');
    default:
      return v;
  }
}

function decode<T>(result: SqlResultSet): T[] {
  const { columnNames, columnTypes, rows } = result;
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) record[columnNames[i]!] = value(columnTypes[i]!, row[i]);
    return record as T;
  });
}
