import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { parseAction } from '../../src/core/flow.ts';
import { assessCrisis } from '../../src/safety/index.ts';
import { providers } from '../helpers/database.ts';
import { buttons, member, roster, sharedDatabase, textOf, unsureAnswerer } from './helpers.ts';

const oncall = { ONCALL_CHANNEL: 'cli', ONCALL_CONVERSATION: 'cli:oncall', STAFF_QUEUE_CHANNEL: 'cli', STAFF_QUEUE_CONVERSATION: 'cli:queue' };

/** A loopback OpenAI-compatible server that answers every chat completion with `verdict`. */
async function fakeModel(verdict: string): Promise<{ url: string; calls: unknown[]; close(): Promise<void> }> {
  const calls: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      calls.push({ path: req.url, body: JSON.parse(body || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 0,
          model: 'fake',
          choices: [{ index: 0, message: { role: 'assistant', content: verdict }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(providers)('crisis gate on %s', (provider) => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let model: Awaited<ReturnType<typeof fakeModel>> | undefined;
  afterEach(async () => {
    await model?.close();
    model = undefined;
    await db?.drop();
  });
  async function start(env: Record<string, string> = {}): Promise<App> {
    db = await sharedDatabase(provider);
    return db.open({ ...oncall, ...env }, { answerer: unsureAnswerer });
  }

  it('answers a crisis at once with hotlines, opens one urgent crisis case and alerts on-call', async () => {
    const app = await start();
    const people = await roster(app);
    const zhang = member(app);
    await zhang.say('加班费怎么算');
    const replies = await zhang.say('最近压力太大了，我真的不想活了');
    const text = JSON.stringify(replies);
    expect(text).toContain('12356');
    expect(text).toContain('400-161-9995');
    expect(text).toMatch(/110/);
    expect(textOf(replies)).toContain('心理咨询老师');
    // Never an answer, a diagnosis or anything else from the normal route.
    expect(replies.map((r) => r.type)).not.toContain('answer');

    const [ticket] = await app.tickets.list(undefined);
    expect(ticket).toMatchObject({ category: 'crisis', priority: 'urgent', status: 'open', source: 'crisis', member: '张三 (E001)' });
    expect(replies.at(-1)).toMatchObject({ type: 'notice', text: expect.stringContaining(ticket!.id) });
    const detail = await app.tickets.show(people.counsellor, ticket!.id);
    expect('transcript' in detail && detail.transcript.map((e) => e.text).join('\n')).toContain('加班费怎么算');
    expect('messages' in detail && detail.messages.map((e) => e.text)).toEqual(['最近压力太大了，我真的不想活了']);

    const alert = (await app.store.outbox.take('cli', 'cli:oncall')).flatMap((m) => m.replies);
    expect(alert).toMatchObject([{ type: 'card', title: `⚠️ 紧急：危机个案 ${ticket!.id}，请立即联系`, fields: expect.arrayContaining([{ label: '成员', value: '张三 (E001)' }]) }]);
    // The shared staff queue learns that there is a crisis case, not who it is about.
    const queue = (await app.store.outbox.take('cli', 'cli:queue')).flatMap((m) => m.replies);
    expect(JSON.stringify(queue)).not.toContain('张三');

    // The turn is counsellor-only in the transcript.
    const session = await app.store.sessions.load('cli', zhang.conversationKey, 'zh-CN');
    const lines = await app.store.transcripts.recent(session.id);
    expect(lines.filter((l) => l.text.includes('不想活')).every((l) => l.sensitive)).toBe(true);

    // What the member writes next reaches the counsellor; another crisis message re-sends the
    // hotlines but opens no second case and alerts no one twice.
    expect(textOf(await zhang.say('我一个人在宿舍'))).toBe('✓ 已转给心理咨询老师');
    expect(JSON.stringify(await zhang.say('我想割腕'))).toContain('12356');
    expect(await app.tickets.list(undefined)).toHaveLength(1);
    expect(await app.store.outbox.take('cli', 'cli:oncall')).toEqual([]);
    const after = await app.tickets.show(people.counsellor, ticket!.id);
    expect('messages' in after && after.messages.map((e) => e.text)).toEqual(['最近压力太大了，我真的不想活了', '我一个人在宿舍', '我想割腕']);
    // No audit entry or staff alert quotes the member.
    expect(JSON.stringify(await app.store.audit.list({ target: ticket!.id }))).not.toMatch(/不想活|割腕|宿舍/);
  });

  it('answers in English for an English message, and for an unlinked identity', async () => {
    const app = await start();
    const replies = await member(app, 'someone').say('I want to end my life');
    expect(textOf(replies)).toMatch(/Thank you for telling me/);
    expect(JSON.stringify(replies)).toContain('12356');
    expect(await app.tickets.list(undefined)).toMatchObject([{ category: 'crisis', priority: 'urgent', member: 'someone', memberId: null }]);
  });

  it('lets idioms and ordinary complaints through to the normal answer', async () => {
    const app = await start();
    for (const text of ['累死了，今天又加班到十点', 'this deadline is killing me', '笑死，老板把衣服穿反了', '公司不给我签合同怎么办']) {
      const replies = await member(app).say(text);
      expect(replies[0]!.type, text).toBe('answer');
    }
    expect(await app.tickets.list(undefined)).toEqual([]);
  });

  it('reads text typed into a form: a crisis there opens the crisis case, a concern leaves the form to its flow', async () => {
    const app = await start();
    await roster(app);
    const base = { channel: 'cli' as const, conversationKey: 'cli:u1', identity: { channel: 'cli' as const, tenant: '', externalId: 'u1' } };
    const submit = async (values: Record<string, string | string[]>) =>
      (await app.assistant.handle({ ...base, input: { type: 'form', formId: 'survey.question', values } })).replies;

    // A concern in a free-text answer is not a crisis: the form goes to its flow (here: a stale
    // survey form, which says so) and no case is opened.
    const concern = await submit({ answer: '最近工作压力很大，经常失眠', choices: ['a'] });
    expect(textOf(concern)).not.toContain('12356');
    expect(await app.tickets.list(undefined)).toHaveLength(0);

    const crisis = await submit({ answer: '我不想活了，准备今晚结束这一切' });
    expect(JSON.stringify(crisis)).toContain('12356');
    const [ticket] = await app.tickets.list(undefined);
    expect(ticket).toMatchObject({ category: 'crisis', priority: 'urgent', source: 'crisis' });
  });

  it('raises an open case to a crisis and takes it from a staff member who is not a counsellor', async () => {
    const app = await start();
    const people = await roster(app);
    const zhang = member(app);
    await zhang.say('转人工');
    const [ticket] = await app.tickets.list(undefined);
    await app.tickets.claim(people.staff, ticket!.id);
    await zhang.say('主管今天打了我一巴掌');
    const raised = await app.store.tickets.get(ticket!.id);
    expect(raised).toMatchObject({ category: 'crisis', priority: 'urgent', status: 'open', assigneeId: null });
    expect(raised!.firstResponseDueAt.getTime()).toBeLessThan(ticket!.firstResponseDueAt.getTime());
    expect(await app.tickets.show(people.staff, ticket!.id)).toMatchObject({ restricted: true });
    expect((await app.store.outbox.take('cli', 'cli:oncall')).length).toBe(1);
  });

  it('offers a counsellor before the normal answer when a message raises concern', async () => {
    const app = await start();
    const zhang = member(app);
    const replies = await zhang.say('我真的撑不下去了，每天都很绝望');
    expect(replies.map((r) => r.type)).toEqual(['choices', 'answer']);
    expect(textOf(replies)).toContain('12356');
    const offer = buttons(replies).find((b) => parseAction(b.value)?.a === 'handoff.offer')!;
    expect(textOf(await zhang.press(offer.value))).toContain('心理咨询师');
    expect(await app.tickets.list(undefined)).toMatchObject([{ category: 'psychological', priority: 'high' }]);
  });

  it('uses configured hotlines for other regions', async () => {
    const hotlines = JSON.stringify([{ name: { 'zh-CN': '香港撒玛利亚防止自杀会', en: 'Samaritan Befrienders Hong Kong' }, number: '2389 2222' }]);
    const app = await start({ CRISIS_HOTLINES: hotlines });
    const replies = await member(app).say('I want to kill myself');
    expect(JSON.stringify(replies)).toContain('2389 2222');
    expect(JSON.stringify(replies)).not.toContain('12356');
  });

  it('takes a configured model as a second opinion that can raise the level but never lower it', async () => {
    const subtle = '我已经把想说的话都写在信里了，明天之后就不用再麻烦大家了';
    expect(assessCrisis(subtle).level).toBe('none');
    model = await fakeModel('{"level":"crisis","categories":["suicide"]}');
    const app = await start({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.url, OPENAI_TIMEOUT_MS: '5000' });
    const replies = await member(app).say(subtle);
    expect(JSON.stringify(replies)).toContain('12356');
    expect(model.calls.length).toBeGreaterThanOrEqual(1);
    expect(await app.tickets.list(undefined)).toMatchObject([{ category: 'crisis' }]);

    await model.close();
    model = await fakeModel('{"level":"none","categories":[]}');
    const lowering = await db.open({ ...oncall, OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.url }, { answerer: unsureAnswerer });
    expect(JSON.stringify(await member(lowering, 'u9').say('我不想活了'))).toContain('12356');
    expect(await lowering.tickets.list(undefined, { category: ['crisis'] })).toHaveLength(2);
  });
});
