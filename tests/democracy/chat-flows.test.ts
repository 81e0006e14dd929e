import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { buttons, chatUser, inHours, roster, text } from './helpers.ts';

type TestApp = Awaited<ReturnType<typeof testApp>>;

const survey = {
  title: { 'zh-CN': '职工满意度调查', en: 'Staff satisfaction survey' },
  questions: [
    { id: 'overtime', type: 'single', text: { 'zh-CN': '您经常加班吗？', en: 'Do you often work overtime?' }, options: [{ value: 'often', label: { 'zh-CN': '经常', en: 'Often' } }, { value: 'never', label: { 'zh-CN': '从不', en: 'Never' } }] },
    { id: 'paid', type: 'single', text: { 'zh-CN': '加班费足额吗？', en: 'Is overtime paid in full?' }, options: [{ value: 'yes', label: { 'zh-CN': '是', en: 'Yes' } }, { value: 'no', label: { 'zh-CN': '否', en: 'No' } }], showIf: { question: 'overtime', equals: 'often' } },
    { id: 'topics', type: 'multiple', text: { 'zh-CN': '您关心哪些议题？', en: 'Which topics matter to you?' }, options: [{ value: 'pay', label: { 'zh-CN': '工资', en: 'Pay' } }, { value: 'rest', label: { 'zh-CN': '休息', en: 'Rest' } }, { value: 'safety', label: { 'zh-CN': '安全', en: 'Safety' } }], min: 1, max: 2 },
    { id: 'ideas', type: 'text', text: { 'zh-CN': '您的建议', en: 'Your ideas' }, required: false },
  ],
};

describe.each(providers)('chat flows on %s', (provider) => {
  let app: TestApp;
  const extra: App[] = [];
  afterEach(async () => {
    for (const a of extra.splice(0)) await a.close();
    await app?.close();
  });

  async function setup() {
    app = await testApp(provider);
    await roster(app, 6, () => '研发部', (i) => (i === 1 ? 'admin' : ''));
  }

  it('refuses an unlinked identity with the reason, in its language', async () => {
    await setup();
    const guest = chatUser(app, 'guest');
    for (const [word, reason] of [['问卷', '实名核验'], ['vote', 'real-name verification'], ['活动', '实名核验'], ['events', 'not linked']] as const) {
      expect(text(await guest.say(word))).toContain(reason);
    }
  });

  it('answers a survey one question at a time, survives a restart, lets answers change, and submits anonymously', async () => {
    await setup();
    await app.surveys.open((await app.surveys.create(survey, 'cli')).id, 'cli');
    const li = chatUser(app, 'li');
    await li.link('E002');
    expect(text(await li.say('surveys'))).toContain('Staff satisfaction survey');
    expect(text(await li.press('Start'))).toContain('(1/3) Do you often work overtime?');
    expect(text(await li.press('Often'))).toContain('(2/4) Is overtime paid in full?');

    // The process stops here; another one (a restart, another instance) picks the member up.
    const restarted = await createApp(loadConfig({ DATA_DIR: app.dataDir, DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'silent' }));
    extra.push(restarted);
    const again = chatUser(restarted, 'li');
    const list = await again.say('问卷');
    expect(text(list)).toContain('已回答 1 题');
    expect(text(await again.press('继续填写', list))).toContain('(2/4) 加班费足额吗？');
    await again.press('否');
    // Multiple choice by buttons: toggles, a limit, then Done.
    expect(text(await again.press('工资'))).toContain('☑ 工资');
    await again.press('休息');
    expect(text(await again.press('安全'))).toContain('最多只能选择 2 项');
    // A command word is not taken as the answer to a free-text question.
    expect(text(await again.press('完成'))).toContain('您的建议');
    expect(text(await again.say('帮助'))).toContain('工会助手');
    const review = await again.say('希望多一些调休');
    expect(review[0]).toMatchObject({ type: 'card', title: '请确认您的回答' });
    expect(text(review)).toContain('工资、休息');
    // Change the first answer: the question that depended on it disappears.
    await again.press('修改回答');
    await again.press('1. 您经常加班吗？');
    const changed = await again.press('从不');
    expect(changed[0]).toMatchObject({ type: 'card' });
    expect(text(changed)).not.toContain('加班费足额吗');
    expect(text(await again.press('提交'))).toContain('问卷已提交');
    const responses = await restarted.store.surveys.responses((await restarted.surveys.list())[0]!.id);
    expect(responses).toEqual([{ memberId: null, department: '研发部', answers: { overtime: 'never', topics: ['pay', 'rest'], ideas: '希望多一些调休' } }]);
    expect(text(await again.say('问卷'))).toContain('已提交');
  });

  it('pauses on request and resumes at the same question', async () => {
    await setup();
    await app.surveys.open((await app.surveys.create(survey, 'cli')).id, 'cli');
    const wang = chatUser(app, 'wang');
    await wang.link('E003');
    await wang.say('问卷');
    await wang.press('开始填写');
    await wang.press('从不');
    // Several numbers typed for a multiple-choice question.
    expect(text(await wang.say('1,3'))).toContain('您的建议');
    expect(text(await wang.say('稍后'))).toContain('已保存您的进度');
    expect(text(await wang.say('随便说点什么'))).not.toContain('(3/3)');
    await wang.say('问卷');
    expect(text(await wang.press('继续填写'))).toContain('(3/3) 您的建议');
  });

  it('casts a secret ballot with a confirm step and a receipt that verifies, once per member', async () => {
    await setup();
    const vote = await app.votes.open((await app.votes.create({ kind: 'choose-one', title: '工会代表选举', allowChange: true, candidates: [{ name: '赵六', statement: '争取加班补偿' }, { name: '钱七' }] }, 'cli')).id, 'cli');
    const zhao = chatUser(app, 'zhao');
    await zhao.link('E004');
    await zhao.say('投票');
    const ballot = await zhao.press('去投票');
    expect(text(ballot)).toContain('争取加班补偿');
    const confirm = await zhao.press('钱七');
    expect(confirm[0]).toMatchObject({ type: 'card', title: '请确认您的选票', fields: [{ label: '您的选择', value: '钱七' }] });
    const cast = await zhao.press('确认投票');
    const file = cast.find((r) => r.type === 'file');
    const code = /([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}/.exec(file?.type === 'file' ? file.content : '')?.[0];
    expect(code).toBeDefined();
    expect(await app.votes.verifyReceipt(code!)).toMatchObject({ counted: true, ballots: 1 });
    expect(text(await zhao.press('核验回执', cast))).toContain(`尾号 ${code!.slice(-4)}`);
    // The code is kept out of everything the transcript stores.
    const session = await app.store.sessions.load('cli', 'cli:zhao', 'zh-CN');
    const transcript = JSON.stringify(await app.store.transcripts.recent(session.id, 200));
    expect(transcript).not.toContain(code!);
    // One ballot: the old ballot's buttons now explain instead of voting again.
    expect(text(await zhao.press('确认投票', confirm))).toContain('如需修改');
    // Changing the vote goes through the receipt's button; the old receipt stops counting.
    await zhao.press('修改选票', cast);
    await zhao.press('赵六');
    const changed = await zhao.press('确认投票');
    const newCode = /([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}/.exec(JSON.stringify(changed))![0];
    expect(await app.votes.verifyReceipt(code!)).toBeUndefined();
    expect(await app.votes.verifyReceipt(newCode)).toMatchObject({ counted: true, ballots: 1 });
    expect(text(await zhao.press('核验回执', cast))).toContain('只有最新的回执有效');
    const tally = await app.votes.close(vote.id, 'cli');
    expect(tally.options.map((o) => o.votes)).toEqual([1, 0]);
  });

  it('fills a multi-seat ballot by toggles or a native multi-select, and lets admins open, close and see results in chat', async () => {
    await setup();
    const def = { kind: 'choose-up-to', seats: 2, title: { 'zh-CN': '评选先进个人', en: 'Outstanding member awards' }, candidates: ['A', 'B', 'C', 'D'].map((name) => ({ name })) };
    const draft = await app.votes.create(def, 'cli');
    const admin = chatUser(app, 'admin');
    await admin.link('E001');
    const member = chatUser(app, 'member');
    await member.link('E005');
    expect(text(await member.say('vote admin'))).toContain('Only union administrators');
    expect(text(await member.action(JSON.stringify({ a: 'vote.admin-open', e: draft.id })))).toContain('Only union administrators');
    const manage = await admin.say('vote admin');
    expect(text(manage)).toContain('Outstanding member awards');
    expect(text(await admin.press('Open', manage))).toContain('Opened');

    await admin.say('vote');
    await admin.press('Vote');
    await admin.press('☐ A');
    const two = await admin.press('☐ C');
    expect(text(two)).toContain('2 selected');
    expect(text(await admin.press('☐ D'))).toContain('at most 2');
    const confirm = await admin.press('Review');
    expect(confirm[0]).toMatchObject({ fields: [{ value: 'A、C' }] });
    await admin.press('Cast my ballot');

    await member.say('vote');
    const ballot = await member.press('Vote');
    const choices = ballot.find((r) => r.type === 'choices' && r.multiple);
    expect(choices).toMatchObject({ multiple: { min: 1, max: 2 } });
    const values = choices!.type === 'choices' ? choices!.choices.map((c) => c.value) : [];
    const formConfirm = await member.form('vote.ballot', { selected: [values[0]!, values[3]!] });
    expect(formConfirm[0]).toMatchObject({ fields: [{ value: 'A、D' }] });
    await member.press('Cast my ballot');

    expect(text(await admin.say('vote admin'))).toContain('2 / 6');
    const closed = await admin.press('Close');
    expect(text(closed)).toContain('A: 2 (100%)');
    expect(text(closed)).toMatch(/tie, to be decided: C、D/);
    expect((await app.store.audit.list({ action: 'vote.close' }))[0]!.actor).toBe((await app.store.members.getByEmployeeNumber('E001'))!.id);
  });

  it('signs up to a full event, joins the waitlist, and is told when promoted', async () => {
    await setup();
    await app.events.open((await app.events.create({ title: { 'zh-CN': '春季徒步', en: 'Spring hike' }, place: '香山', startsAt: inHours(48), endsAt: inHours(54), capacity: 1 }, 'cli')).id, 'cli');
    const a = chatUser(app, 'a');
    const b = chatUser(app, 'b');
    await a.link('E002');
    await b.link('E003');
    await a.say('活动');
    const signed = await a.press('报名');
    expect(signed[0]).toMatchObject({ type: 'notice', level: 'success' });
    expect(signed.find((r) => r.type === 'file')).toMatchObject({ filename: expect.stringMatching(/\.ics$/) });
    await b.say('events');
    const waiting = await b.press('Join the waitlist');
    expect(text(waiting)).toContain('position 1');
    expect(text(await a.press('取消报名'))).toContain('已取消报名');
    const [promotion] = await b.outbox();
    expect(promotion!.replies[0]).toMatchObject({ type: 'notice', text: expect.stringContaining('Good news') });
    expect(promotion!.replies.map((r) => r.type)).toEqual(['notice', 'card', 'file']);
    expect(buttons(promotion!.replies).map((x) => x.label)).toContain('Cancel my place');
  });
});
