import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';

/** One row as a database administrator reads it, with the physical position the engine gives it. */
export interface DumpRow {
  /** Every column, as the driver returns it (dates as Date on PostgreSQL, numbers or text on SQLite). */
  values: Record<string, unknown>;
  /** SQLite rowid, or PostgreSQL ctid as "(page,item)". */
  position: string;
  /** PostgreSQL only: the id of the transaction that wrote this row version. */
  xmin?: string;
}

/** Every table of the database with every row, in the order a plain scan returns them. */
export type Dump = Map<string, DumpRow[]>;

/**
 * Reads every table and column of a database as its administrator would, bypassing the
 * application: better-sqlite3 on the file, or a pg connection. System columns are read too
 * (rowid; ctid and xmin), because they are what an administrator would try to link with.
 */
export async function dumpDatabase(provider: 'sqlite' | 'postgresql', url: string): Promise<Dump> {
  const dump: Dump = new Map();
  if (provider === 'sqlite') {
    const db = new Database(url.replace(/^file:/, ''), { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
      for (const { name } of tables) {
        const rows = db.prepare(`SELECT rowid AS "__position", * FROM "${name}"`).all() as Record<string, unknown>[];
        dump.set(
          name,
          rows.map(({ __position, ...values }) => ({ values, position: String(__position) })),
        );
      }
    } finally {
      db.close();
    }
    return dump;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    for (const { table_name: name } of tables.rows) {
      const rows = await client.query(`SELECT ctid::text AS "__position", xmin::text AS "__xmin", * FROM "${name}"`);
      dump.set(
        name,
        rows.rows.map(({ __position, __xmin, ...values }) => ({ values, position: String(__position), xmin: String(__xmin) })),
      );
    }
  } finally {
    await client.end();
  }
  return dump;
}

/** The column names and declared types of a table (to see whether it can hold a time at all). */
export async function columnTypes(provider: 'sqlite' | 'postgresql', url: string, table: string): Promise<Record<string, string>> {
  if (provider === 'sqlite') {
    const db = new Database(url.replace(/^file:/, ''), { readonly: true, fileMustExist: true });
    try {
      const cols = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[];
      return Object.fromEntries(cols.map((c) => [c.name, c.type]));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const cols = await client.query<{ column_name: string; data_type: string }>('SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', ['public', table]);
    return Object.fromEntries(cols.rows.map((c) => [c.column_name, c.data_type]));
  } finally {
    await client.end();
  }
}

/** The raw bytes of a SQLite database and its write-ahead log, as a file-system reader sees them. */
export function sqliteFileBytes(url: string): Buffer {
  const path = url.replace(/^file:/, '');
  return Buffer.concat([path, `${path}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

/** A row's values as one searchable text. */
export function rowText(row: DumpRow): string {
  return JSON.stringify(row.values, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
}

/** Whether a value is a point in time within [from, to] (a Date, ISO text, or epoch milliseconds). */
export function timeWithin(value: unknown, from: number, to: number): boolean {
  let t: number | undefined;
  if (value instanceof Date) t = value.getTime();
  else if (typeof value === 'number' || typeof value === 'bigint') t = Number(value);
  else if (typeof value === 'string' && /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(value)) t = Date.parse(value.includes('T') || value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`);
  return t !== undefined && Number.isFinite(t) && t >= from && t <= to;
}
