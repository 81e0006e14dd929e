import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webContext } from '../../src/bots/web/attach-web.ts';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Reply } from '../../src/core/reply.ts';
import pg from 'pg';
import { freshDatabase, providers } from '../helpers/database.ts';
import { FakeSlackApi } from '../slack/fake-slack-api.ts';
import { directMessage, postToSlack, SIGNING_SECRET } from '../slack/slack-requests.ts';
import { ChatBrowser, startServerProcess, type ServerProcess } from './server-process.ts';

/**
 * Issue 9: `kill -9` of the real server process in the middle of a survey, a ballot, a handoff
 * and a burst of requests; a new process on the same data (a SQLite file, and a PostgreSQL
 * database when TEST_POSTGRES_URL is set) picks every member up where they were, and nothing is
 * lost or doubled (rows counted in the database itself).
 * Retried requests after the restart (the same button pressed again, Slack redelivering the same
 * event id) change nothing twice. Three process starts per provider, shared by the cases in order: the first
 * killed with a survey, a ballot and a case each half-way, the second in the middle of a burst.
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

describe.each(providers)('the server process on %s', (provider) => {
  let dir = '';
  let dbFile = '';
  let databaseUrl = '';
  let drop: () => Promise<void> = async () => undefined;
  let server: ServerProcess | undefined;
  let fake: FakeSlackApi;
  let surveyId = '';
  let voteId = '';

  async function count(sql: string, ...params: unknown[]): Promise<number> {
    return Number((await rows<{ n: number | string }>(sql, ...params))[0]!.n);
  }

  /** Rows straight from the database the server uses (`?` placeholders on both providers). */
  async function rows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    if (provider === 'postgresql') {
      let n = 0;
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
      } finally {
        await client.end();
      }
    }
    const db = new BetterSqlite3(dbFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  const members: Member[] = [];

  /** A signed-in member in the web chat; the browser (and its cookies) outlives server processes. */
  class Member {
    readonly browser = new ChatBrowser('');
    last: Reply[] = [];
    constructor(readonly employeeNumber: string) {
      members.push(this);
    }

    async say(text: string): Promise<Reply[]> {
      const res = await this.browser.send({ type: 'message', text });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (this.last = res.body.replies);
    }

    button(label: string, replies: Reply[] = this.last): string {
      const found = buttonsOf(replies).find((b) => b.label.includes(label));
      if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(buttonsOf(replies).map((b) => b.label))}`);
      return found.value;
    }

    /** Presses a button of the last replies by label, or sends a saved button value again. */
    async press(label: string, options: { value?: string } = {}): Promise<Reply[]> {
      const res = await this.browser.send({ type: 'action', value: options.value ?? this.button(label) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (this.last = res.body.replies);
    }
  }

  const surveyor = new Member('E001');
  const voter = new Member('E002');
  const client = new Member('E003');

  async function start(): Promise<void> {
    server = await startServerProcess({ DATA_DIR: dir, DATABASE_URL: databaseUrl, SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url });
    for (const member of members) member.browser.base = server.url;
  }

  function textOf(replies: Reply[]): string {
    return JSON.stringify(replies);
  }

  function buttonsOf(replies: Reply[]): { label: string; value: string }[] {
    return replies.flatMap((r) => (r.type === 'card' || r.type === 'answer' ? r.actions : r.type === 'choices' ? r.choices : []));
  }

  const ballots = () => count('SELECT count(*) AS n FROM "Ballot" WHERE "electionId" = ?', voteId);
  const slackPosts = (text: RegExp) => fake.made('chat.postMessage').filter((c) => c.params.channel === 'DCRASH' && text.test(String(c.params.text)));

  beforeAll(async () => {
    fake = await new FakeSlackApi().start();
    fake.addUser({ id: 'UCRASH', name: '王五', email: 'wang@example.com', locale: 'zh-CN' });
    const db = await freshDatabase(provider);
    dir = db.dir;
    drop = db.drop;
    databaseUrl = db.url;
    dbFile = db.url.replace(/^file:/, '');
    // The roster, the members' web accounts, an open survey and an open vote, written by an
    // in-process app (as `members import`, `accounts create`, `surveys create --open` would).
    const seed = await createApp(loadConfig({ DATA_DIR: dir, DATABASE_URL: db.url, LOG_LEVEL: 'silent' }));
    try {
      for (const [i, name] of ['张三', '李四', '王五'].entries()) {
        const employeeNumber = `E00${i + 1}`;
        await seed.store.members.upsert({ name, employeeNumber, department: '研发部', email: `e00${i + 1}@example.com`, status: 'member', roles: '' });
        await webContext(seed).auth.createAccount(employeeNumber, PASSWORD, 'test');
      }
      surveyId = (await seed.surveys.open((await seed.surveys.create(survey, 'cli')).id, 'cli')).id;
      const vote = await seed.votes.create({ kind: 'choose-one', title: '职工代表选举', candidates: [{ name: '赵六' }, { name: '钱七' }] }, 'cli');
      voteId = (await seed.votes.open(vote.id, 'cli')).id;
    } finally {
      await seed.close();
    }
    await start();
    for (const member of members) await member.browser.signIn(member.employeeNumber, PASSWORD);
  }, 300_000);

  afterAll(async () => {
    await server?.kill9();
    await fake?.stop();
    await drop();
  });

  describe('kill -9 of the server process, then a restart on the same data', () => {
    let submit = '';
    let cast = '';
    let ticketId = '';

    it('picks up a half-answered survey, a pending ballot and an open case where they were', async () => {
      // A survey half answered…
      expect(textOf(await surveyor.say('问卷'))).toContain('食堂满意度调查');
      expect(textOf(await surveyor.press('开始填写'))).toContain('(1/4) 您对食堂口味满意吗？');
      expect(textOf(await surveyor.press('满意1'))).toContain('(2/4)');
      expect(textOf(await surveyor.press('不满意2'))).toContain('(3/4) 您对食堂卫生满意吗？');
      // …a ballot filled in but not yet cast…
      await voter.say('投票');
      await voter.press('去投票');
      await voter.press('钱七');
      cast = voter.button('确认投票');
      // …and a case opened after a question, with a message to it.
      expect((await client.say('加班费怎么算'))[0]?.type).toBe('answer');
      let opened = await client.say('转人工');
      if (!/个案编号/.test(textOf(opened))) opened = await client.press('', { value: buttonsOf(opened)[0]!.value });
      ticketId = /个案编号 ([2-9A-Z]{8})/.exec(textOf(opened))?.[1] ?? '';
      expect(ticketId).not.toBe('');
      expect(textOf(await client.say('崩溃前的消息'))).toContain('已转给工作人员');

      await server!.kill9();
      await start();

      const list = await surveyor.say('问卷');
      expect(textOf(list)).toContain('已回答 2 题');
      expect(textOf(await surveyor.press('继续填写'))).toContain('(3/4) 您对食堂卫生满意吗？');
      await surveyor.press('满意3');
      await surveyor.press('不满意4');
      submit = surveyor.button('提交');
      expect(textOf(await surveyor.press('提交'))).toContain('问卷已提交');
      const [response] = await rows<{ answers: string }>('SELECT answers FROM "SurveyResponse" WHERE "surveyId" = ?', surveyId);
      expect(JSON.parse(response!.answers)).toEqual({ q1: 'yes', q2: 'no', q3: 'yes', q4: 'no' });

      expect(await ballots()).toBe(0);
      expect(textOf(await voter.press('', { value: cast }))).toMatch(/回执/);
      expect(await ballots()).toBe(1);

      expect((await rows<{ status: string }>('SELECT status FROM "Ticket" WHERE id = ?', ticketId))[0]?.status).toBe('open');
      expect(await count('SELECT count(*) AS n FROM "TicketEntry" WHERE "ticketId" = ? AND kind = ?', ticketId, 'transcript')).toBeGreaterThan(0);
      expect(textOf(await client.say('重启后的消息'))).toContain('已转给工作人员');
    }, 300_000);

    it('loses no acknowledged message and doubles nothing when killed in the middle of a burst, and retried requests change nothing twice', async () => {
      const transcript = await count('SELECT count(*) AS n FROM "TicketEntry" WHERE "ticketId" = ? AND kind = ?', ticketId, 'transcript');
      // A Slack message handled before the crash (Slack will redeliver it after the restart).
      expect((await postToSlack(server!.url, { json: directMessage('UCRASH', '年假有几天', 'EvCRASHHANDLED') })).status).toBe(200);
      await fake.waitFor(() => slackPosts(/带薪年休假/)[0], 'the Slack answer', 120_000);

      // The burst: the member's messages to the case and strangers' questions, all at once; the
      // process is killed as soon as the first of the member's messages is confirmed, the rest
      // still in flight.
      const burst = Array.from({ length: 16 }, (_, i) => `突发消息 ${i}`);
      const strangers = Array.from({ length: 12 }, () => new ChatBrowser(server!.url));
      let firstConfirmed!: () => void;
      const answered = new Promise<void>((resolve) => (firstConfirmed = resolve));
      const memberSends = burst.map((text) =>
        client.browser.send({ type: 'message', text }).then(
          (r) => (r.status === 200 && firstConfirmed(), r),
          () => undefined,
        ),
      );
      const strangerSends = strangers.map((s, i) => s.send({ type: 'message', text: i % 2 ? '加班费怎么算' : '年假有几天' }).catch(() => undefined));
      await answered;
      await server!.kill9();
      const memberResults = await Promise.all(memberSends);
      const strangerResults = await Promise.all(strangerSends);
      // Slack's delivery while nothing listens fails; Slack retries it later.
      const whileDown = directMessage('UCRASH', '加班费怎么算', 'EvCRASHDOWN');
      await expect(postToSlack(server!.url, { json: whileDown })).rejects.toThrow();

      await start();

      const memberTexts = (await rows<{ text: string }>('SELECT text FROM "TicketEntry" WHERE "ticketId" = ? AND kind = ?', ticketId, 'member')).map((e) => e.text);
      // Nothing doubled: every message is there at most once.
      expect(new Set(memberTexts).size).toBe(memberTexts.length);
      // Nothing acknowledged lost: every message the member saw confirmed is there.
      const acknowledged = burst.filter((_, i) => memberResults[i]?.status === 200);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(memberTexts).toEqual(expect.arrayContaining(['崩溃前的消息', '重启后的消息', ...acknowledged]));
      expect(await count('SELECT count(*) AS n FROM "TicketEntry" WHERE "ticketId" = ? AND kind = ?', ticketId, 'transcript')).toBe(transcript);
      expect((await rows<{ status: string }>('SELECT status FROM "Ticket" WHERE id = ?', ticketId))[0]?.status).toBe('open');
      expect(await count('SELECT count(*) AS n FROM "Ticket"')).toBe(1);
      // The strangers' answers that arrived were recorded; no more answers exist than questions.
      const feedbackIds = strangerResults.flatMap((r) => (r?.status === 200 ? (r.body.replies as Reply[]).flatMap((x) => (x.type === 'answer' && x.feedbackId ? [x.feedbackId] : [])) : []));
      for (const id of feedbackIds) expect(await count('SELECT count(*) AS n FROM "AnswerRecord" WHERE id = ?', id)).toBe(1);
      expect(await count('SELECT count(*) AS n FROM "AnswerRecord"')).toBeLessThanOrEqual(strangers.length);
      // The member goes on in the same case.
      expect(textOf(await client.say('最后一条消息'))).toContain('已转给工作人员');

      // Requests retried after the restart — browsers that never saw their answer press again,
      // Slack redelivers — change nothing twice.
      expect(textOf(await voter.press('', { value: cast }))).not.toContain('投票成功');
      expect(await ballots()).toBe(1);
      expect(await count('SELECT count(*) AS n FROM "ElectionParticipation" WHERE "electionId" = ?', voteId)).toBe(1);
      await surveyor.press('', { value: submit });
      expect(await count('SELECT count(*) AS n FROM "SurveyResponse" WHERE "surveyId" = ?', surveyId)).toBe(1);
      expect(await count('SELECT count(*) AS n FROM "SurveyParticipation" WHERE "surveyId" = ? AND status = ?', surveyId, 'submitted')).toBe(1);
      const handled = directMessage('UCRASH', '年假有几天', 'EvCRASHHANDLED');
      expect((await postToSlack(server!.url, { json: handled }, { retryNum: 1 })).status).toBe(200);
      expect((await postToSlack(server!.url, { json: whileDown }, { retryNum: 1 })).status).toBe(200);
      expect((await postToSlack(server!.url, { json: whileDown }, { retryNum: 2 })).status).toBe(200);
      await fake.waitFor(() => slackPosts(/加班/)[0], 'the answer to the event sent while down', 120_000);
      // A graceful stop waits for acknowledged work, so the counts below are final.
      expect(await server!.stop()).toBe(0);
      expect(slackPosts(/带薪年休假/)).toHaveLength(1);
      expect(slackPosts(/加班/)).toHaveLength(1);
      expect(await count('SELECT count(*) AS n FROM "ProcessedEvent" WHERE id LIKE ?', '%EvCRASH%')).toBe(2);
      expect(server!.logs()).not.toContain('年假有几天');
      expect(server!.logs()).not.toContain('突发消息');
    }, 300_000);
  });
});
