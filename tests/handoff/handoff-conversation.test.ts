import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { parseAction } from '../../src/core/flow.ts';
import { providers } from '../helpers/database.ts';
import { buttons, member, roster, sharedDatabase, textOf, unsureAnswerer } from './helpers.ts';

describe.each(providers)('handoff conversation on %s', (provider) => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  afterEach(async () => db?.drop());
  async function start(env: Record<string, string> = {}): Promise<App> {
    db = await sharedDatabase(provider);
    return db.open(env, { answerer: unsureAnswerer });
  }

  it('question → not helpful → hand off → staff reply reaches the member → done → rating stored', async () => {
    const app = await start({ STAFF_QUEUE_CHANNEL: 'cli', STAFF_QUEUE_CONVERSATION: 'cli:staff-queue' });
    const { staff } = await roster(app);
    const zhang = member(app);

    const answer = await zhang.say('公司让我签竞业限制协议但不给补偿，合法吗？');
    const notHelpful = buttons(answer).find((b) => parseAction(b.value)?.v === 'not-helpful')!;
    const sorry = await zhang.press(notHelpful.value);
    const offer = buttons(sorry).find((b) => parseAction(b.value)?.a === 'handoff.offer')!;
    expect(parseAction(offer.value)).toMatchObject({ category: 'legal' });

    const opened = await zhang.press(offer.value);
    expect(textOf(opened)).toMatch(/个案编号 [2-9A-Z]{8}.*工会法律工作人员.*8 小时/s);
    const [ticket] = await app.tickets.list(undefined);
    expect(ticket).toMatchObject({ category: 'legal', priority: 'normal', status: 'open', source: 'offer', member: '张三 (E001)' });

    // While the case is open the assistant only confirms delivery: no answer, no buttons.
    const relayed = await zhang.say('我在这家公司工作三年了');
    expect(relayed).toEqual([{ type: 'notice', level: 'info', text: '✓ 已转给工作人员' }]);

    // Staff see the conversation up to the handoff and the message after it.
    const detail = await app.tickets.show(staff, ticket!.id);
    if (!('transcript' in detail)) throw new Error('staff should read a legal case');
    expect(detail.transcript.map((e) => e.text).join('\n')).toContain('竞业限制');
    expect(detail.messages.map((e) => e.text)).toEqual(['我在这家公司工作三年了']);
    // The staff queue heard about the new case and the message, without their content.
    const queue = (await app.store.outbox.take('cli', 'cli:staff-queue')).flatMap((m) => m.replies);
    expect(queue.map((r) => r.type === 'card' && r.title)).toEqual([`新个案 ${ticket!.id}`, `个案 ${ticket!.id} 有成员的新消息`]);
    expect(JSON.stringify(queue)).not.toContain('三年');

    await app.tickets.reply(staff, ticket!.id, '您好，请把协议拍照发给我。');
    expect(await zhang.inbox()).toEqual([{ type: 'staff-message', from: '李四', text: '您好，请把协议拍照发给我。', ticketId: ticket!.id }]);

    const ended = await zhang.say('结束');
    expect(textOf(ended)).toContain('对话已结束');
    const five = buttons(ended).find((b) => b.label.startsWith('5'))!;
    expect(textOf(await zhang.press(five.value))).toContain('谢谢您的评价');
    expect(await app.store.tickets.get(ticket!.id)).toMatchObject({ status: 'closed', rating: 5, firstRespondedAt: expect.any(Date) });
    // A second rating (a forged or replayed button) is refused.
    expect(textOf(await zhang.press(five.value))).toContain('已经评价过');

    // The conversation is back to normal: questions are answered again.
    expect((await zhang.say('加班费怎么算？'))[0]!.type).toBe('answer');
  });

  it('opens a case when asked in either language, once per conversation, in the category asked for', async () => {
    const app = await start();
    await roster(app);
    const en = member(app, 'u2');
    expect(textOf(await en.say('I want to talk to a counsellor'))).toMatch(/A counsellor will reply here, usually within 2 hours/);
    expect(textOf(await en.say('talk to a person'))).toBe('✓ Passed on to the counsellor');
    const zh = member(app, 'u3');
    expect(textOf(await zh.say('我要找律师'))).toContain('工会法律工作人员');
    expect(textOf(await zh.say('done'))).toContain('The conversation has ended');
    expect(textOf(await zh.say('转人工'))).toContain('个案编号');
    // A legal question that mentions a lawyer is a question, not a request.
    const question = await member(app, 'u4').say('公司找律师威胁我怎么办');
    expect(question[0]!.type).toBe('answer');
    const list = await app.tickets.list(undefined, {});
    expect(list.map((t) => [t.category, t.status]).sort()).toEqual([
      ['general', 'open'],
      ['legal', 'closed'],
      ['psychological', 'open'],
    ]);
    expect(list.find((t) => t.category === 'psychological')).toMatchObject({ priority: 'high', member: 'u2' });
  });

  it('keeps psychological lines of the conversation out of a legal case', async () => {
    const app = await start();
    const { staff } = await roster(app);
    const zhang = member(app);
    const session = await app.store.sessions.load('cli', zhang.conversationKey, 'zh-CN');
    await app.store.transcripts.append(app.store.db.prisma, session.id, [
      { author: 'member', text: '我最近很焦虑，睡不着', sensitive: true },
      { author: 'member', text: '加班费怎么算', sensitive: false },
    ]);
    await zhang.say('转人工');
    const [ticket] = await app.tickets.list(staff);
    const detail = await app.tickets.show(staff, ticket!.id);
    const transcript = 'transcript' in detail ? detail.transcript.map((e) => e.text).join('\n') : '';
    expect(transcript).toContain('加班费怎么算');
    expect(transcript).not.toContain('焦虑');
    expect(transcript).toContain('1 sensitive line(s) of the conversation withheld');
  });

  it('tells the member when staff close the case, and lets them rate it; a reopened case takes messages again', async () => {
    const app = await start();
    const { staff } = await roster(app);
    const zhang = member(app);
    await zhang.say('转人工');
    const [ticket] = await app.tickets.list(undefined);
    await app.tickets.claim(staff, ticket!.id);
    await app.tickets.setStatus(staff, ticket!.id, 'waiting');
    expect(textOf(await zhang.inbox())).toContain('李四 正在等待您的回复');
    await zhang.say('好的，我明天补充材料');
    expect((await app.store.tickets.get(ticket!.id))!.status).toBe('claimed');

    await app.tickets.close(staff, ticket!.id);
    const inbox = await zhang.inbox();
    expect(textOf(inbox)).toContain(`李四 已结束您的个案 ${ticket!.id}`);
    // Closed by staff: the next message takes the normal route again.
    expect((await zhang.say('年假有几天'))[0]!.type).toBe('answer');
    await zhang.press(buttons(inbox).find((b) => b.label.startsWith('4'))!.value);
    expect((await app.store.tickets.get(ticket!.id))!.rating).toBe(4);

    await app.tickets.reopen(staff, ticket!.id);
    expect(textOf(await zhang.inbox())).toContain('已重新打开');
    expect(textOf(await zhang.say('谢谢你们'))).toBe('✓ 已转给工作人员');
    expect(await app.store.tickets.get(ticket!.id)).toMatchObject({ status: 'claimed', rating: null });
  });

  it('lets a member erase their own closed cases from the chat', async () => {
    const app = await start();
    const { staff } = await roster(app);
    const zhang = member(app);
    await zhang.say('转人工');
    await zhang.say('我的工资被拖欠了');
    await zhang.say('结束');
    const [ticket] = await app.tickets.list(undefined);
    const confirm = await zhang.say('删除我的个案记录');
    const yes = buttons(confirm).find((b) => parseAction(b.value)?.confirm === 'yes')!;
    expect(textOf(await zhang.press(yes.value))).toContain('已删除 1 个');
    expect(await app.store.tickets.entries(ticket!.id)).toEqual([]);
    const erased = await app.tickets.show(staff, ticket!.id);
    expect(erased).toMatchObject({ member: '(erased)', memberId: null, contentRemoved: true });
    await expect(app.tickets.reopen(staff, ticket!.id)).rejects.toThrow(/erased/);
  });
});
