import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../helpers/database.ts';
import { jsonLines, runCli } from '../helpers/cli.ts';

type Line = { input?: string; proactive?: boolean; replies: { type: string; text?: string; title?: string; content?: string; filename?: string; fields?: { label: string; value: string }[] }[]; actions: { n: number; label: string }[] };

/**
 * The scripted checks, through the real `union-assistant` command: each `chat` is its
 * own process, so a conversation that spans two of them has survived a restart.
 */
describe('surveys, votes and events through union-assistant', { timeout: 300_000 }, () => {
  let env: Record<string, string>;
  let dir: string;
  let drop: () => Promise<void>;
  const cli = async (args: string[], stdin?: string) => {
    const out = await runCli(args, { env, stdin });
    if (out.code !== 0) throw new Error(`${args.join(' ')} failed (${out.code}): ${out.stderr}`);
    return out;
  };
  const chat = async (user: string, lines: string[]) => (jsonLines((await cli(['chat', '--user', user, '--json'], lines.map((l) => `${l}\n`).join(''))).stdout) as unknown) as Line[];
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    dir = db.dir;
    drop = db.drop;
    env = { DATA_DIR: dir, DATABASE_URL: db.url };
    const roster = write('members.csv', ['name,employee_number,department,email,status,roles', '张三,E001,工会办公室,,member,admin', '李四,E002,研发部,,member,', '王五,E003,研发部,,member,', '赵六,E004,行政部,,member,'].join('\n'));
    await cli(['members', 'import', roster]);
    for (const [member, user] of [['E002', 'li'], ['E003', 'wang'], ['E004', 'zhao']]) await cli(['members', 'link', '--member', member!, '--user', user!]);
  });
  afterAll(async () => drop());

  it('answers a survey across two chat processes', async () => {
    const file = write(
      'survey.yaml',
      [
        'title: {zh-CN: 职工满意度调查, en: Staff satisfaction survey}',
        'questions:',
        '  - {id: overtime, type: single, text: 您经常加班吗？, options: [经常, 从不]}',
        '  - {id: paid, type: single, text: 加班费足额吗？, options: [是, 否], showIf: {question: overtime, equals: "1"}}',
        '  - {id: rating, type: rating, text: 总体满意度, scale: {min: 1, max: 5}}',
      ].join('\n'),
    );
    const created = JSON.parse((await cli(['surveys', 'create', '--file', file, '--open', '--json', '--as', 'E001'])).stdout) as { id: string; status: string };
    expect(created.status).toBe('open');
    // First process: start, answer the first question, then the process ends.
    const first = await chat('li', ['问卷', '1', '1']);
    expect(first.map((l) => l.input)).toEqual(['问卷', '1', '1']);
    expect(JSON.stringify(first[1])).toContain('(1/2) 您经常加班吗？');
    expect(JSON.stringify(first[2])).toContain('(2/3) 加班费足额吗？');
    // Second process: the survey resumes at the second question.
    const second = await chat('li', ['问卷', '1', '2', '4', '1']);
    expect(JSON.stringify(second[0])).toContain('已回答 1 题');
    expect(JSON.stringify(second[1])).toContain('(2/3) 加班费足额吗？');
    expect(second[3]!.replies[0]).toMatchObject({ type: 'card', title: '请确认您的回答' });
    expect(second[4]!.replies[0]).toMatchObject({ type: 'notice', text: expect.stringContaining('问卷已提交') });
    const results = JSON.parse((await cli(['surveys', 'results', created.id, '--json'])).stdout) as { respondents: number; questions: { id: string; options: { value: string; count: number }[] }[] };
    expect(results.respondents).toBe(1);
    expect(results.questions.find((q) => q.id === 'paid')!.options.find((o) => o.value === '2')!.count).toBe(1);
    expect((await cli(['surveys', 'export', created.id, '--responses'])).stdout).toBe('overtime,paid,rating\r\n1,2,4\r\n');
  });

  it('casts a secret ballot in chat and verifies the receipt', async () => {
    const file = write('vote.yaml', ['kind: choose-one', 'title: {zh-CN: 2026 年度工会代表选举, en: 2026 representative election}', 'candidates:', '  - {name: 赵六, statement: 争取加班补偿}', '  - {name: 钱七}'].join('\n'));
    const vote = JSON.parse((await cli(['votes', 'create', '--file', file, '--open', '--json'])).stdout) as { id: string };
    const lines = await chat('wang', ['投票', '1', '2', '1', '1']);
    expect(lines[2]!.replies[0]).toMatchObject({ type: 'card', title: '请确认您的选票', fields: [{ label: '您的选择', value: '钱七' }] });
    const receiptFile = lines[3]!.replies.find((r) => r.type === 'file');
    const code = /([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}/.exec(receiptFile?.content ?? '')?.[0];
    expect(code).toBeDefined();
    expect(lines[4]!.replies[0]!.text).toContain(`回执尾号 ${code!.slice(-4)} 的选票已计入`);
    const verified = JSON.parse((await cli(['votes', 'verify', code!, '--json'])).stdout) as { counted: boolean; ballots: number };
    expect(verified).toMatchObject({ counted: true, ballots: 1 });
    expect(JSON.stringify(verified)).not.toContain('钱七');
    const bogus = await runCli(['votes', 'verify', 'AAAA-BBBB-CCCC-DDDD'], { env });
    expect(bogus.code).toBe(1);
    // A second ballot of the same member is refused; results stay hidden until the close.
    expect(JSON.stringify(await chat('wang', ['投票']))).toContain('您已投票');
    const hidden = await runCli(['votes', 'results', vote.id], { env });
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toContain('hidden until the vote closes');
    const closed = JSON.parse((await cli(['votes', 'close', vote.id, '--json', '--as', 'E001'])).stdout) as { tally: { ballots: number; outcome: string } };
    expect(closed.tally).toMatchObject({ ballots: 1, outcome: 'elected' });
    expect(JSON.parse((await cli(['votes', 'tally', vote.id, '--json'])).stdout)).toMatchObject({ matches: true });
  });

  it('signs up to a full event and is promoted when someone cancels', async () => {
    const file = write('event.json', JSON.stringify({ title: { 'zh-CN': '春季徒步', en: 'Spring hike' }, place: '香山公园', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 3.25 * 86_400_000).toISOString(), capacity: 1 }));
    const event = JSON.parse((await cli(['events', 'create', '--file', file, '--open', '--json'])).stdout) as { id: string };
    const signedUp = await chat('li', ['活动', '1']);
    expect(signedUp[1]!.replies.map((r) => r.type)).toEqual(['notice', 'card', 'file']);
    const waiting = await chat('zhao', ['活动', '1']);
    expect(waiting[1]!.replies[0]!.text).toContain('候补，目前排第 1 位');
    // li cancels (button 2 on the card: calendar, cancel).
    const cancelled = await chat('li', ['活动', '2']);
    expect(cancelled[1]!.replies[0]!.text).toContain('已取消报名');
    // zhao's next chat shows the promotion first, from the outbox.
    const promoted = await chat('zhao', []);
    expect(promoted[0]).toMatchObject({ proactive: true });
    expect(promoted[0]!.replies[0]!.text).toContain('已从候补转为正式报名');
    expect(promoted[0]!.replies.find((r) => r.type === 'file')?.content).toContain('BEGIN:VCALENDAR');
    const attendees = JSON.parse((await cli(['events', 'attendees', event.id, '--json'])).stdout) as { attendees: { employeeNumber: string; status: string }[] };
    expect(attendees.attendees.map((a) => [a.employeeNumber, a.status])).toEqual([['E004', 'confirmed']]);
  });

  it('explains bad definitions and refuses a non-admin --as', async () => {
    const bad = write('bad.yaml', ['kind: choose-up-to', 'title: ""', 'seats: 0', 'candidates: [{name: A}, {name: B}]'].join('\n'));
    const out = await runCli(['votes', 'create', '--file', bad], { env });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/title: must not be empty/);
    expect(out.stderr).toMatch(/seats: Too small/);
    const refused = await runCli(['surveys', 'close', 'whatever', '--as', 'E002'], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('does not have the admin role');
  });
});
