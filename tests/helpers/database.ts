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
  const admin = process.env.TEST_POSTGRES_URL!;
  const name = `ua_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dir,
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
