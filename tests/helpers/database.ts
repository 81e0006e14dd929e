import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

/**
 * The database providers the suite runs against: SQLite always, PostgreSQL when
 * TEST_POSTGRES_URL names a server (.ci/run starts one; scripts/start-postgres.sh locally).
 */
export const providers: ('sqlite' | 'postgresql')[] = ['sqlite', ...(process.env.TEST_POSTGRES_URL ? (['postgresql'] as const) : [])];

/** A fresh, empty database of the provider, and a function that drops it. */
export async function freshDatabase(provider: 'sqlite' | 'postgresql'): Promise<{ url: string; dir: string; drop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ua-test-'));
  // The knowledge index built once by tests/helpers/global-setup.ts, so DATA_DIR starts indexed.
  const seed = process.env.UA_TEST_KNOWLEDGE_INDEX;
  if (seed) cpSync(seed, join(dir, 'knowledge'), { recursive: true });
  if (provider === 'sqlite') {
    return { url: `file:${join(dir, 'test.db')}`, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await freshPostgresDatabase(process.env.TEST_POSTGRES_URL!, 'ua_test');
  return {
    url: database.url,
    dir,
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    },
  };
}

/**
 * A fresh database on the PostgreSQL server at `serverUrl` (any database URL of a user who may
 * create databases); `drop` removes it, even with connections left open. Also bench/load.ts's.
 */
export async function freshPostgresDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
