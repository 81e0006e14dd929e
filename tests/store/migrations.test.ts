import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrationFiles } from '../../src/store/database.ts';
import { repoRoot } from '../helpers/cli.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

describe('migrations', () => {
  it('produce exactly the Prisma schema (no drift)', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/prisma.mjs'), 'check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.stderr + result.stdout).toContain('migrations match the schema');
    expect(result.status).toBe(0);
  });

  it('exist for both providers with the same names', () => {
    expect(migrationFiles('sqlite').map((m) => m.name)).toEqual(migrationFiles('postgresql').map((m) => m.name));
  });

  it.each(providers)('apply once on %s, even when instances start together', async (provider) => {
    const db = await freshDatabase(provider);
    const runs = await Promise.all([migrate(db.url), migrate(db.url), migrate(db.url)]);
    expect(runs.flat().sort()).toEqual(migrationFiles(provider).map((m) => m.name));
    expect(await migrate(db.url)).toEqual([]);
    await db.drop();
  });
});
