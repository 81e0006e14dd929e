import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.ts';
import { runCli } from '../helpers/cli.ts';

describe('union-assistant accounts', () => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    env = { DATA_DIR: db.dir, DATABASE_URL: db.url, PUBLIC_URL: 'https://union.example.com' };
    const file = join(db.dir, 'roster.csv');
    writeFileSync(file, 'name,employee_number,roles\n王芳,A001,admin\n');
    expect((await runCli(['members', 'import', file], { env })).code).toBe(0);
  });
  afterAll(async () => drop());

  it('bootstraps an admin with a password from standard input, never from an argument', async () => {
    const created = await runCli(['accounts', 'create', '--member', 'A001', '--password-stdin', '--json'], { env, stdin: 'a long enough password\n' });
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout.trim())).toMatchObject({ username: 'a001' });
  });

  it('refuses a second account for the same member', async () => {
    const again = await runCli(['accounts', 'create', '--member', 'A001'], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has an account');
  });

  it('issues a one-time sign-in link on the public URL when no password is given', async () => {
    const reset = await runCli(['accounts', 'reset', '--member', 'A001', '--json'], { env });
    expect(reset.code).toBe(0);
    const { link } = JSON.parse(reset.stdout.trim()) as { link: { url: string; expiresAt: string } };
    expect(link.url).toMatch(/^https:\/\/union\.example\.com\/login\/link\?token=[A-Za-z0-9_-]{40,}$/);
  });
});
