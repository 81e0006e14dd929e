import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import { DatabaseUnavailableError, SerialisedSqliteAdapterFactory } from './sqlite-adapter.ts';
import type { DirectAdapter } from './sql.ts';
import { providerOf, type DatabaseProvider } from './provider.ts';

export { providerOf, type DatabaseProvider };

/**
 * The Prisma client type the repositories use. The PostgreSQL client is generated from the same
 * models (scripts/prisma.mjs), so its API is the same; only the provider differs.
 */
export type Prisma = SqliteClient;
/** A transaction client as passed to `prisma.$transaction(async (tx) => …)`. */
export type PrismaTransaction = Parameters<Parameters<Prisma['$transaction']>[0]>[0];


/** An open database: the Prisma client and what it points at. */
export interface Database {
  readonly prisma: Prisma;
  readonly provider: DatabaseProvider;
  /** Where it is, without credentials, for logs and /healthz. */
  readonly description: string;
  /** The adapter Prisma connected, for raw statements run without the client (src/store/sql.ts). */
  readonly direct: () => DirectAdapter | undefined;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const migrationsRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');


function sqliteFile(url: string): string {
  return url.replace(/^file:/, '');
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Migration files of a provider, in order. */
export function migrationFiles(provider: DatabaseProvider): { name: string; sql: string; checksum: string }[] {
  const dir = join(migrationsRoot, provider);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies pending migrations. Why our own runner: Prisma's WebAssembly schema engine cannot run
 * `migrate deploy` against PostgreSQL (docs/DATABASE.md). Each file runs in one transaction and
 * is recorded in `_union_migrations`; on PostgreSQL an advisory lock makes several instances
 * starting together apply each file once. A changed, already-applied file is an error.
 */
export async function migrate(url: string): Promise<string[]> {
  const provider = providerOf(url);
  const files = migrationFiles(provider);
  const applied: string[] = [];
  if (provider === 'sqlite') {
    const file = sqliteFile(url);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    const db = new BetterSqlite3(file, { timeout: 10_000 });
    try {
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE IF NOT EXISTS _union_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const seenChecksum = db.prepare('SELECT checksum FROM _union_migrations WHERE name = ?');
      for (const migration of files) {
        // Checked inside an immediate (write-locked) transaction, so that two processes starting
        // together cannot both apply the same file.
        const ran = db.transaction(() => {
          const seen = seenChecksum.get(migration.name) as { checksum: string } | undefined;
          if (seen) {
            if (seen.checksum !== migration.checksum) throw new Error(`migration ${migration.name} was changed after it was applied`);
            return false;
          }
          db.exec(migration.sql);
          db.prepare('INSERT INTO _union_migrations (name, checksum, applied_at) VALUES (?, ?, ?)').run(migration.name, migration.checksum, new Date().toISOString());
          return true;
        }).immediate();
        if (ran) applied.push(migration.name);
      }
    } finally {
      db.close();
    }
    return applied;
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7310012001)');
    await client.query('CREATE TABLE IF NOT EXISTS _union_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const rows = (await client.query('SELECT name, checksum FROM _union_migrations')).rows as { name: string; checksum: string }[];
    const done = new Map(rows.map((r) => [r.name, r.checksum]));
    for (const migration of files) {
      const seen = done.get(migration.name);
      if (seen !== undefined) {
        if (seen !== migration.checksum) throw new Error(`migration ${migration.name} was changed after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO _union_migrations (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(7310012001)').catch(() => undefined);
    await client.end();
  }
  return applied;
}

export { DatabaseUnavailableError };

/** Driver and Prisma errors that mean "unreachable or busy", not "this request is wrong". */
const UNAVAILABLE =
  /SQLITE_BUSY|SQLITE_LOCKED|database is locked|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|Connection terminated|timeout exceeded when trying to connect|Can't reach database server|server closed the connection|DatabaseNotReachable|DatabaseUnavailable|database unavailable|SocketTimeout|ConnectionClosed|TransactionAlreadyClosed|P1001|P1002|P1008|P1017|P2024|P2028|57P01|57P03|08001|08003|08006/;

/**
 * Whether an error means the database could not be reached or stayed busy: an error of the
 * database layer (Prisma, the driver adapters, pg) whose code or message says so, anywhere in its
 * `cause` chain. Anything else (a bug, a constraint) is not, and stays a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let databaseError = false;
  let unavailable = false;
  const seen = new Set<unknown>();
  for (let e = error, depth = 0; e && typeof e === 'object' && !seen.has(e) && depth < 8; depth++) {
    seen.add(e);
    const fields = e as { name?: unknown; code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; severity?: unknown; clientVersion?: unknown; cause?: unknown };
    if (e instanceof DatabaseUnavailableError) return true;
    if (/^PrismaClient|DriverAdapterError|^DriverError$/.test(String(fields.name ?? '')) || fields.severity !== undefined || fields.clientVersion !== undefined || fields.kind !== undefined || fields.originalCode !== undefined) databaseError = true;
    if (UNAVAILABLE.test(`${String(fields.code ?? '')} ${String(fields.kind ?? '')} ${String(fields.originalCode ?? '')} ${String(fields.message ?? '')}`)) unavailable = true;
    e = fields.cause;
  }
  return databaseError && unavailable;
}

/**
 * Prisma errors without the code frame of the call. Why: for that frame, Prisma 7.10 captures a
 * stack trace (`new Error()`) for every query it runs, error or not, which was ~5% of a chat
 * turn's CPU (bench/load.ts profile). Our logs carry the error's own stack and code.
 */
const ERROR_FORMAT = 'minimal' as const;

/**
 * Opens the database named by `url` (a SQLite file URL or path, or a postgres:// URL). Several
 * processes may open one SQLite file: they take turns at its write lock (src/store/sqlite-adapter.ts).
 */
export async function openDatabase(url: string): Promise<Database> {
  const provider = providerOf(url);
  let prisma: Prisma;
  let direct: () => DirectAdapter | undefined;
  if (provider === 'sqlite') {
    const file = sqliteFile(url);
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    const adapter = new SerialisedSqliteAdapterFactory(file);
    direct = () => adapter.direct;
    prisma = new SqliteClient({ adapter, errorFormat: ERROR_FORMAT });
  } else {
    // Loaded only for PostgreSQL deployments: the second generated client costs start-up time.
    const [{ PrismaPg }, { PrismaClient: PostgresClient }] = await Promise.all([import('@prisma/adapter-pg'), import('../generated/postgresql/client.ts')]);
    // The adapter Prisma connects is kept, so that a chat turn's raw statements and transactions
    // run on it without the Prisma client, as on SQLite (src/store/sql.ts).
    class DirectPg extends PrismaPg {
      connected: DirectAdapter | undefined;
      override async connect() {
        const adapter = await super.connect();
        this.connected = { adapter, dialect: 'postgresql' };
        return adapter;
      }
    }
    const adapter = new DirectPg({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
    direct = () => adapter.connected;
    prisma = new PostgresClient({ adapter, errorFormat: ERROR_FORMAT }) as unknown as Prisma;
  }
  return {
    prisma,
    provider,
    direct,
    description: provider === 'sqlite' ? `sqlite:${sqliteFile(url)}` : redact(url),
    async ping() {
      try {
        await prisma.$queryRawUnsafe('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}
