import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';

describe('union-assistant command', () => {
  let env: Record<string, string>;
  let dir: string;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    dir = db.dir;
    drop = db.drop;
    env = { DATA_DIR: dir, DATABASE_URL: db.url };
  });
  afterAll(async () => drop());

  it('chats in JSON lines, following the language of each message', async () => {
    const out = await runCli(['chat', '--user', 'u1', '--json'], { env, stdin: 'help\n帮助\n' });
    expect(out.code).toBe(0);
    const lines = jsonLines(out.stdout);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ input: 'help', locale: 'en' });
    expect(lines[1]).toMatchObject({ input: '帮助', locale: 'zh-CN' });
    expect(JSON.stringify(lines[1]!.replies)).toContain('工会助手');
  });

  it('imports a roster: good rows applied, bad rows reported by line, non-zero exit', async () => {
    const file = join(dir, 'members.csv');
    writeFileSync(
      file,
      ['name,employee_number,department,email,status,roles', 'A,E1,D,a@example.com,member,', 'B,E2,D,,member,staff', 'C,E3,D,,member,', ',E4,D,,member,', 'E,E5,D,,gone,'].join('\n'),
    );
    const out = await runCli(['members', 'import', file], { env });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('3 created');
    expect(out.stderr).toMatch(/line 5: .*name/);
    expect(out.stderr).toMatch(/line 6: .*status/);
    const list = await runCli(['members', 'list', '--json'], { env });
    expect((JSON.parse(list.stdout) as { employeeNumber: string }[]).map((m) => m.employeeNumber)).toEqual(['E1', 'E2', 'E3']);
    const link = await runCli(['members', 'link', '--member', 'E2', '--user', 'u2'], { env });
    expect(link.code).toBe(0);
    const chat = await runCli(['chat', '--user', 'u2', '--json'], { env, stdin: 'help\n' });
    expect(JSON.stringify(jsonLines(chat.stdout)[0])).not.toContain('not yet linked');
  }, 180_000);

  it('fails clearly on a bad configuration', async () => {
    const out = await runCli(['members', 'list'], { env: { ...env, PORT: 'eighty' } });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('PORT');
  });
});
