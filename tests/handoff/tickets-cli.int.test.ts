import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';

type Listed = { id: string; category: string; priority: string; status: string; member: string; restricted: boolean; rating: number | null };

describe('tickets command and the crisis path through the CLI', () => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    env = { DATA_DIR: db.dir, DATABASE_URL: db.url };
    const roster = join(db.dir, 'members.csv');
    writeFileSync(
      roster,
      ['name,employee_number,department,email,status,roles', '张三,E001,研发部,,member,', '李四,E002,工会办公室,,member,staff', '王五,E003,工会办公室,,member,counsellor', '钱七,E004,工会办公室,,member,admin'].join('\n'),
    );
    expect((await runCli(['members', 'import', roster], { env })).code).toBe(0);
    expect((await runCli(['members', 'link', '--member', 'E001', '--user', 'u1'], { env })).code).toBe(0);
  }, 120_000);
  afterAll(async () => drop());

  it('answers a crisis with 12356 among the hotlines; `tickets list --json` then shows an urgent crisis case for that member', async () => {
    const chat = await runCli(['chat', '--user', 'U', '--json'], { env, stdin: '最近压力太大了，我真的不想活了\n' });
    expect(chat.code).toBe(0);
    const [turn] = jsonLines(chat.stdout);
    expect(JSON.stringify(turn!.replies)).toContain('12356');
    const list = await runCli(['tickets', 'list', '--json'], { env });
    expect(list.code).toBe(0);
    const cases = JSON.parse(list.stdout) as Listed[];
    expect(cases).toContainEqual(expect.objectContaining({ category: 'crisis', priority: 'urgent', status: 'open', member: 'U' }));
    // The operator view never carries what was said.
    expect(list.stdout).not.toContain('不想活');
  }, 120_000);

  it('staff act as themselves: a counsellor-only case stays closed to other staff; the counsellor’s reply reaches the member, who ends and rates it', async () => {
    const ask = await runCli(['chat', '--user', 'u1', '--json'], { env, stdin: '我想找心理咨询师\n/say 我和主管的矛盾让我很痛苦\n' });
    expect(ask.code).toBe(0);
    const all = JSON.parse((await runCli(['tickets', 'list', '--json', '--category', 'psychological'], { env })).stdout) as Listed[];
    const id = all.find((t) => t.member === '张三 (E001)')!.id;

    const asStaff = await runCli(['tickets', 'show', id, '--as', 'E002', '--json'], { env });
    expect(asStaff.code).toBe(0);
    expect(JSON.parse(asStaff.stdout)).toMatchObject({ id, category: 'psychological', restricted: true, member: '(restricted)' });
    expect(asStaff.stdout).not.toContain('痛苦');
    const staffReply = await runCli(['tickets', 'reply', id, '--as', 'E002', '你好'], { env });
    expect(staffReply.code).toBe(1);
    expect(staffReply.stderr).toMatch(/only counsellors and admins/);
    const notStaff = await runCli(['tickets', 'list', '--as', 'E001', '--json'], { env });
    expect(notStaff.code).toBe(1);

    const asCounsellor = await runCli(['tickets', 'show', id, '--as', 'E003', '--json'], { env });
    expect(JSON.parse(asCounsellor.stdout).messages.map((m: { text: string }) => m.text)).toEqual(['我和主管的矛盾让我很痛苦']);
    expect((await runCli(['tickets', 'claim', id, '--as', 'E003'], { env })).code).toBe(0);
    expect((await runCli(['tickets', 'reply', id, '--as', 'E003', '你好，我是王五，', '我们约个时间聊聊？'], { env })).code).toBe(0);

    // The member's chat shows the counsellor's message first, marked as from a person.
    const back = await runCli(['chat', '--user', 'u1', '--json'], { env, stdin: '结束\n5\n' });
    const lines = jsonLines(back.stdout);
    expect(lines[0]).toMatchObject({ proactive: true, replies: [{ type: 'staff-message', from: '王五', text: '你好，我是王五， 我们约个时间聊聊？', ticketId: id }] });
    expect(JSON.stringify(lines[2])).toContain('谢谢您的评价');
    const closed = JSON.parse((await runCli(['tickets', 'show', id, '--as', 'E003', '--json'], { env })).stdout) as Listed;
    expect(closed).toMatchObject({ status: 'closed', rating: 5 });

    // Erasing on the member's request is for admins (or the member), and then the content is gone.
    expect((await runCli(['tickets', 'erase', '--member', 'E001', '--as', 'E002'], { env })).code).toBe(1);
    const erased = await runCli(['tickets', 'erase', '--member', 'E001', '--as', 'E004', '--json'], { env });
    expect(JSON.parse(erased.stdout)).toEqual({ erased: 1 });
    expect(JSON.parse((await runCli(['tickets', 'show', id, '--as', 'E004', '--json'], { env })).stdout)).toMatchObject({ contentRemoved: true, messages: [], transcript: [] });
    expect(JSON.parse((await runCli(['tickets', 'purge', '--json'], { env })).stdout)).toEqual({ purged: 0 });
  }, 400_000);
});
