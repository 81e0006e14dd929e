import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webContext } from '../../src/bots/web/attach-web.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Reply } from '../../src/core/reply.ts';
import { freshDatabase } from '../helpers/database.ts';
import { FakeSlackApi } from '../slack/fake-slack-api.ts';
import { directMessage, postToSlack, SIGNING_SECRET } from '../slack/slack-requests.ts';
import { ChatBrowser, startServerProcess, type ServerProcess } from './server-process.ts';

/**
 * Issue 9: `kill -9` of the real server process in the middle of a survey, a ballot, a handoff
 * and a burst of requests; a new process on the same DATA_DIR (SQLite file) picks every member
 * up where they were, and nothing is lost or doubled (rows counted in the database file).
 * Retried requests after the restart (the same button pressed again, Slack redelivering the same
 * event id) change nothing twice. One file, four process starts, shared by the cases in order.
 */

const PASSWORD = 'correct horse battery staple';
const survey = {
  title: { 'zh-CN': '食堂满意度调查', en: 'Canteen survey' },
  questions: ['口味', '价格', '卫生', '环境'].map((topic, i) => ({
    id: `q${i + 1}`,
    type: 'single',
    text: { 'zh-CN': `您对食堂${topic}满意吗？`, en: `Are you happy with the canteen's ${topic}?` },
    options: [
      { value: 'yes', label: { 'zh-CN': `满意${i + 1}`, en: `Yes ${i + 1}` } },
      { value: 'no', label: { 'zh-CN': `不满意${i + 1}`, en: `No ${i + 1}` } },
    ],
  })),
};

let dir = '';
let dbFile = '';
let drop: () => Promise<void> = async () => undefined;
let server: ServerProcess | undefined;
let fake: FakeSlackApi;
const browser = new ChatBrowser('');
let last: Reply[] = [];
let surveyId = '';
let voteId = '';

function count(sql: string, ...params: unknown[]): number {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    return Number((db.prepare(sql).get(...params) as { n: number }).n);
  } finally {
    db.close();
  }
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

async function start(): Promise<void> {
  server = await startServerProcess({ DATA_DIR: dir, DATABASE_URL: `file:${dbFile}`, SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url });
  browser.base = server.url;
}

async function crashAndRestart(): Promise<void> {
  await server!.kill9();
  await start();
}

function textOf(replies: Reply[]): string {
  return JSON.stringify(replies);
}

function buttonsOf(replies: Reply[]): { label: string; value: string }[] {
  return replies.flatMap((r) => (r.type === 'card' || r.type === 'answer' ? r.actions : r.type === 'choices' ? r.choices : []));
}

async function say(text: string): Promise<Reply[]> {
  const res = await browser.send({ type: 'message', text });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (last = res.body.replies);
}

function button(label: string, replies: Reply[] = last): string {
  const found = buttonsOf(replies).find((b) => b.label.includes(label));
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(buttonsOf(replies).map((b) => b.label))}`);
  return found.value;
}

async function press(labelOrValue: string, replies: Reply[] = last, raw = false): Promise<Reply[]> {
  const res = await browser.send({ type: 'action', value: raw ? labelOrValue : button(labelOrValue, replies) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (last = res.body.replies);
}

beforeAll(async () => {
  fake = await new FakeSlackApi().start();
  fake.addUser({ id: 'UCRASH', name: '王五', email: 'wang@example.com', locale: 'zh-CN' });
  const db = await freshDatabase('sqlite');
  dir = db.dir;
  drop = db.drop;
  dbFile = db.url.replace(/^file:/, '');
  // The roster, the member's web account, an open survey and an open vote, written by an
  // in-process app (as `members import`, `accounts create`, `surveys create --open` would).
  const seed = await createApp(loadConfig({ DATA_DIR: dir, DATABASE_URL: db.url, LOG_LEVEL: 'silent' }));
  try {
    await seed.store.members.upsert({ name: '张三', employeeNumber: 'E001', department: '研发部', email: 'zhang@example.com', status: 'member', roles: '' });
    await webContext(seed).auth.createAccount('E001', PASSWORD, 'test');
    surveyId = (await seed.surveys.open((await seed.surveys.create(survey, 'cli')).id, 'cli')).id;
    const vote = await seed.votes.create({ kind: 'choose-one', title: '职工代表选举', candidates: [{ name: '赵六' }, { name: '钱七' }] }, 'cli');
    voteId = (await seed.votes.open(vote.id, 'cli')).id;
  } finally {
    await seed.close();
  }
  await start();
  await browser.signIn('E001', PASSWORD);
}, 300_000);

afterAll(async () => {
  await server?.kill9();
  await fake?.stop();
  await drop();
});

describe('kill -9 of the server process, then a restart on the same data', () => {
  it('continues a survey at the next question, and a resubmitted survey is stored once', async () => {
    expect(textOf(await say('问卷'))).toContain('食堂满意度调查');
    expect(textOf(await press('开始填写'))).toContain('(1/4) 您对食堂口味满意吗？');
    expect(textOf(await press('满意1'))).toContain('(2/4)');
    expect(textOf(await press('不满意2'))).toContain('(3/4) 您对食堂卫生满意吗？');

    await crashAndRestart();

    const list = await say('问卷');
    expect(textOf(list)).toContain('已回答 2 题');
    expect(textOf(await press('继续填写'))).toContain('(3/4) 您对食堂卫生满意吗？');
    await press('满意3');
    const review = await press('不满意4');
    expect(textOf(review)).toContain('满意1');
    const submit = button('提交', review);
    expect(textOf(await press(submit, review, true))).toContain('问卷已提交');
    // The same press again (a double click, a retried request): still one response.
    await press(submit, review, true);
    expect(count('SELECT count(*) AS n FROM "SurveyResponse" WHERE "surveyId" = ?', surveyId)).toBe(1);
    expect(count('SELECT count(*) AS n FROM "SurveyParticipation" WHERE "surveyId" = ? AND status = ?', surveyId, 'submitted')).toBe(1);
    const [response] = rows<{ answers: string }>('SELECT answers FROM "SurveyResponse" WHERE "surveyId" = ?', surveyId);
    expect(JSON.parse(response!.answers)).toEqual({ q1: 'yes', q2: 'no', q3: 'yes', q4: 'no' });
  }, 300_000);

  it('keeps a ballot pending across a crash, then casts it exactly once, also when the cast is retried after another crash', async () => {
    await say('投票');
    await press('去投票');
    const confirm = await press('钱七');
    const cast = button('确认投票', confirm);
    expect(count('SELECT count(*) AS n FROM "Ballot" WHERE "electionId" = ?', voteId)).toBe(0);

    await crashAndRestart();

    expect(count('SELECT count(*) AS n FROM "Ballot" WHERE "electionId" = ?', voteId)).toBe(0);
    const receipt = await press(cast, confirm, true);
    expect(textOf(receipt)).toMatch(/回执|receipt/i);
    expect(count('SELECT count(*) AS n FROM "Ballot" WHERE "electionId" = ?', voteId)).toBe(1);

    await crashAndRestart();

    // The member's browser never saw the answer and sends the same press again.
    const again = await press(cast, confirm, true);
    expect(textOf(again)).not.toContain('投票成功');
    expect(count('SELECT count(*) AS n FROM "Ballot" WHERE "electionId" = ?', voteId)).toBe(1);
    expect(count('SELECT count(*) AS n FROM "ElectionParticipation" WHERE "electionId" = ?', voteId)).toBe(1);
  }, 300_000);

  it('keeps a case open with its transcript, and a burst cut by kill -9 loses no acknowledged message and doubles none', async () => {
    let opened = await say('转人工');
    if (!/个案编号/.test(textOf(opened))) opened = await press(buttonsOf(opened)[0]!.value, opened, true);
    expect(textOf(opened)).toMatch(/个案编号 [2-9A-Z]{8}/);
    const ticketId = /个案编号 ([2-9A-Z]{8})/.exec(textOf(opened))![1]!;
    expect(textOf(await say('崩溃前的消息'))).toContain('已转给工作人员');

    await crashAndRestart();

    expect(textOf(await say('重启后的消息'))).toContain('已转给工作人员');
    const transcriptBefore = count('SELECT count(*) AS n FROM "TicketEntry" WHERE "ticketId" = ? AND kind = ?', ticketId, 'transcript');
    expect(transcriptBefore).toBeGreaterThan(0);

    // The burst: the member's messages to the case and anonymous questions, all at once; the
    // process is killed as soon as the first of them is answered, the rest still in flight.
    const burst = Array.from({ length: 16 }, (_, i) => `突发消息 ${i}`);
    const strangers = Array.from({ length: 12 }, () => new ChatBrowser(browser.base));
    let firstAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (firstAnswered = resolve));
    const track = <T>(p: Promise<T>) => p.then((r) => (firstAnswered(), r), () => undefined);
    const memberSends = burst.map((text) => track(browser.send({ type: 'message', text })));
    const strangerSends = strangers.map((s, i) => track(s.send({ type: 'message', text: i % 2 ? '加班费怎么算' : '年假有几天' })));
    await answered;
    await server!.kill9();
    const memberResults = await Promise.all(memberSends);
    const strangerResults = await Promise.all(strangerSends);

    await start();

    const entries = rows<{ text: string; kind: string }>('SELECT text, kind FROM "TicketEntry" WHERE "ticketId" = ?', ticketId);
    const memberTexts = entries.filter((e) => e.kind === 'member').map((e) => e.text);
    // Nothing doubled: every message is there at most once.
    expect(new Set(memberTexts).size).toBe(memberTexts.length);
    // Nothing acknowledged lost: every message the member saw confirmed is there.
    const acknowledged = burst.filter((_, i) => memberResults[i]?.status === 200);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const text of acknowledged) expect(memberTexts).toContain(text);
    expect(memberTexts).toEqual(expect.arrayContaining(['崩溃前的消息', '重启后的消息']));
    expect(count('SELECT count(*) AS n FROM "TicketEntry" WHERE "ticketId" = ? AND kind = ?', ticketId, 'transcript')).toBe(transcriptBefore);
    expect(rows<{ status: string }>('SELECT status FROM "Ticket" WHERE id = ?', ticketId)[0]?.status).toBe('open');
    expect(count('SELECT count(*) AS n FROM "Ticket"')).toBe(1);
    // Answers the strangers received were recorded (their feedback ids exist), and no more
    // answers exist than questions were asked.
    const feedbackIds = strangerResults.flatMap((r) => (r?.status === 200 ? (r.body.replies as Reply[]).flatMap((x) => (x.type === 'answer' && x.feedbackId ? [x.feedbackId] : [])) : []));
    for (const id of feedbackIds) expect(count('SELECT count(*) AS n FROM "AnswerRecord" WHERE id = ?', id)).toBe(1);
    expect(count('SELECT count(*) AS n FROM "AnswerRecord"')).toBeLessThanOrEqual(strangers.length);

    // And the member goes on in the same case after the second crash.
    expect(textOf(await say('最后一条消息'))).toContain('已转给工作人员');
    expect(rows<{ text: string }>('SELECT text FROM "TicketEntry" WHERE "ticketId" = ? AND kind = ?', ticketId, 'member').map((e) => e.text)).toContain('最后一条消息');
  }, 300_000);

  it('drops Slack’s redelivery of an event handled before the crash, and handles once an event sent while the process was down', async () => {
    const posts = (text: RegExp) => fake.made('chat.postMessage').filter((c) => c.params.channel === 'DCRASH' && text.test(String(c.params.text)));
    const handled = directMessage('UCRASH', '年假有几天', 'EvCRASHHANDLED');
    expect((await postToSlack(server!.url, { json: handled })).status).toBe(200);
    await fake.waitFor(() => posts(/带薪年休假/)[0], 'the answer', 120_000);

    await server!.kill9();
    // Slack's delivery while nothing listens fails, as it would for Slack; it will retry.
    const whileDown = directMessage('UCRASH', '加班费怎么算', 'EvCRASHDOWN');
    await expect(postToSlack(server!.url, { json: whileDown })).rejects.toThrow();
    await start();

    expect((await postToSlack(server!.url, { json: handled }, { retryNum: 1 })).status).toBe(200);
    expect((await postToSlack(server!.url, { json: whileDown }, { retryNum: 1 })).status).toBe(200);
    expect((await postToSlack(server!.url, { json: whileDown }, { retryNum: 2 })).status).toBe(200);
    await fake.waitFor(() => posts(/加班/)[0], 'the answer to the event sent while down', 120_000);
    // A graceful stop waits for acknowledged work, so the counts below are final.
    expect(await server!.stop()).toBe(0);
    expect(posts(/带薪年休假/)).toHaveLength(1);
    expect(posts(/加班/)).toHaveLength(1);
    expect(count('SELECT count(*) AS n FROM "ProcessedEvent" WHERE id LIKE ?', '%EvCRASH%')).toBe(2);
    expect(server!.logs()).not.toContain('年假有几天');
  }, 300_000);
});
