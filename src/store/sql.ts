import type { Sql } from '@prisma/client/runtime/client';
import { ColumnTypeEnum, type ArgType, type ColumnType, type SqlQuery, type SqlResultSet } from '@prisma/driver-adapter-utils';
import type { Prisma, PrismaTransaction } from './database.ts';
import type { DirectSqlite, OpenTransaction } from './sqlite-adapter.ts';

/**
 * A transaction opened by `Store.sqlTransaction` on SQLite: the driver adapter's own transaction,
 * without the Prisma client. Only raw statements (this runner) can run in it, which the types
 * enforce: a model-API method takes a `PrismaTransaction`, and this is none.
 */
export class DirectTransaction {
  constructor(readonly open: OpenTransaction) {}
}

/** A transaction raw statements can run in: Prisma's (`Store.transaction`) or a direct one (`Store.sqlTransaction`). */
export type SqlTx = PrismaTransaction | DirectTransaction;

/** Where a statement runs: the client (no transaction), or a transaction. */
export type Db = Prisma | SqlTx;

/**
 * Runs the raw statements of a chat turn's path (docs/DATABASE.md, "Raw statements").
 *
 * On SQLite they go to Prisma's own driver adapter directly, not through the Prisma client: the
 * client costs ~30 µs of CPU per raw statement outside a transaction and ~100 µs inside one (its
 * transaction client is a stack of proxies that every internal property access goes through),
 * against ~8 µs for the statement itself (bench/load.ts profile; `.micro` figures in the commit
 * that introduced this). A chat turn runs about ten. The adapter is the one Prisma uses, so
 * locking, busy retries and error mapping stay the same (src/store/sqlite-adapter.ts); a statement
 * for a transaction runs on that transaction, which `Store.transaction` registers here when it
 * opens (`bind`).
 *
 * On PostgreSQL they go through the Prisma client (`$queryRaw`): there the network round trip,
 * not the client, is the cost, and several transactions are open at once, so none can be told
 * apart from outside Prisma.
 *
 * Results are decoded as `$queryRaw` decodes them (tests/store/sql.test.ts compares the two):
 * DateTime columns become Dates, booleans booleans, 64-bit integers BigInts, JSON columns values.
 */
export class SqlRunner {
  readonly #transactions = new WeakMap<object, OpenTransaction>();
  /** The SQLite adapter once Prisma has connected it; absent on PostgreSQL. */
  readonly #direct: (() => DirectSqlite | undefined) | undefined;

  constructor(
    private readonly prisma: Prisma,
    direct?: () => DirectSqlite | undefined,
  ) {
    this.#direct = direct;
  }

  /**
   * Registers the adapter transaction of a `$transaction` callback's client. Called first thing in
   * the callback, when the transaction open on the write connection can only be this one.
   */
  bind(tx: PrismaTransaction): void {
    const open = this.#direct?.()?.openTransaction();
    if (open) this.#transactions.set(tx, open);
  }

  /** Rows of a SELECT (or of a statement with RETURNING). */
  async query<T>(db: Db, statement: Sql): Promise<T[]> {
    const target = await this.#target(db);
    if (!target) return (db as Prisma | PrismaTransaction).$queryRaw<T[]>(statement);
    return decode<T>(await target.queryRaw(queryOf(statement)));
  }

  /** The number of rows a statement changed. */
  async execute(db: Db, statement: Sql): Promise<number> {
    const target = await this.#target(db);
    if (!target) return (db as Prisma | PrismaTransaction).$executeRaw(statement);
    return target.executeRaw(queryOf(statement));
  }

  /**
   * Runs `work` in the SQLite driver adapter's own transaction (`DirectTransaction`), for
   * `Store.sqlTransaction`. Prisma's interactive transaction cost ~150–190 µs of CPU more per
   * transaction (its transaction manager, a client of proxies, COMMIT through the query pipeline),
   * and every chat turn opens one. The adapter's `startTransaction` takes this process's write
   * queue and SQLite's write lock (`BEGIN IMMEDIATE`, retried while another process holds it)
   * exactly as for Prisma's transactions (src/store/sqlite-adapter.ts).
   *
   * `work` may only run raw statements through this runner, and no network calls: it holds the
   * write lock of every process on this SQLite file until it returns.
   */
  async transaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    if (!this.#direct) throw new Error('direct transactions exist on SQLite only: use Prisma\'s $transaction');
    const open = (await (await this.#connected(this.#direct)).adapter.startTransaction()) as OpenTransaction;
    try {
      const result = await work(new DirectTransaction(open));
      await open.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] });
      await open.commit();
      return result;
    } finally {
      if (!open.closed) {
        // `work` or COMMIT failed: nothing of it stays. (A failed COMMIT may already have ended the
        // transaction; ROLLBACK then has nothing to undo.)
        await open.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined);
        await open.rollback();
      }
    }
  }

  async #target(db: Db): Promise<{ queryRaw(q: SqlQuery): Promise<SqlResultSet>; executeRaw(q: SqlQuery): Promise<number> } | undefined> {
    if (db instanceof DirectTransaction) {
      if (db.open.closed) throw new Error('the transaction of this statement has already ended');
      return db.open;
    }
    if (!this.#direct) return undefined;
    if (db !== this.prisma) {
      const open = this.#transactions.get(db);
      // A transaction client this runner was not told about (a `$transaction` opened elsewhere): Prisma's way.
      if (!open) return undefined;
      if (open.closed) throw new Error('the transaction of this statement has already ended');
      return open;
    }
    return (await this.#connected(this.#direct)).adapter;
  }

  /** The SQLite adapter, connecting Prisma first if it has not run a query yet (it connects on its first). */
  async #connected(direct: () => DirectSqlite | undefined): Promise<DirectSqlite> {
    const connected = direct();
    if (connected) return connected;
    await this.prisma.$connect();
    const after = direct();
    if (!after) throw new Error('the SQLite adapter did not connect');
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

function queryOf(statement: Sql): SqlQuery {
  const args = statement.values;
  return { sql: statement.sql, args, argTypes: args.map(argType) };
}

/** A column's value as `$queryRaw` returns it (Prisma 7.10's raw result mapping, for the types SQLite reports). */
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
