// Takes the README's screenshots of the web console and the member chat in Debian's Chromium:
//   npm run screenshots        → docs/screenshots/*.png
// It builds a throwaway app (SQLite and a copy of knowledge-base/ in a temporary folder) with
// demonstration data, drives the real pages, and never touches ./data or knowledge-base/.
// Chinese text needs a CJK font: apt-get install -y fonts-noto-cjk.
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createApp } from '../src/app.ts';
import { webContext } from '../src/bots/web/attach-web.ts';
import { definitionTemplate } from '../src/bots/web/democracy-templates.ts';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server/serve.ts';

const out = resolve('docs/screenshots');
const password = 'demonstration password';
const dir = mkdtempSync(join(tmpdir(), 'ua-screens-'));
cpSync(resolve('knowledge-base'), join(dir, 'knowledge-base'), { recursive: true });
mkdirSync(out, { recursive: true });
const app = await createApp(loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: `file:${join(dir, 'demo.db')}`, KNOWLEDGE_DIR: join(dir, 'knowledge-base'), LOG_LEVEL: 'warn' }));
await app.ensureKnowledgeIndex();
const server = await startServer(app, { port: 0, host: '127.0.0.1' });
const departments = ['研发部', '财务部', '生产一车间', '销售部', '行政部'];
const people: [string, string, string, string][] = [
  ['A001', '王芳', '工会办公室', 'admin;staff;editor'],
  ['S001', '李强', '工会办公室', 'staff'],
  ['C001', '孙敏', '员工关怀中心', 'counsellor'],
  ['M001', '张伟', '研发部', ''],
  ['M002', '陈静', '财务部', ''],
  ['M003', 'Alex Chen', 'Sales', ''],
  ...Array.from({ length: 14 }, (_, i): [string, string, string, string] => [`M1${String(i).padStart(2, '0')}`, `会员${i + 1}`, departments[i % departments.length]!, '']),
];
for (const [employeeNumber, name, department, roles] of people) {
  await app.store.members.upsert({ name, employeeNumber, department, email: `${employeeNumber.toLowerCase()}@example.com`, status: 'member', roles });
  if (!employeeNumber.startsWith('M1')) await webContext(app).auth.createAccount(employeeNumber, password, 'screenshots');
}
const member = async (n: string) => (await app.store.members.getByEmployeeNumber(n))!;
const admin = await member('A001');

// Democracy: an open motion with some ballots, a closed election, an event with sign-ups, a survey.
const motion = await app.votes.create((await import('yaml')).parse(definitionTemplate('vote').replace('quorumPercent: 50', 'quorumPercent: 30')), admin.id, 'screenshots');
await app.votes.open(motion.id, admin.id);
const election = await app.votes.create(
  { kind: 'choose-one', title: { 'zh-CN': '2026 年度优秀工会积极分子', en: 'Union activist of the year 2026' }, candidates: [{ name: '张伟' }, { name: '陈静' }, { name: '赵敏' }] },
  admin.id,
  'screenshots',
);
await app.votes.open(election.id, admin.id);
const event = await app.events.create((await import('yaml')).parse(definitionTemplate('event')), admin.id, 'screenshots');
await app.events.open(event.id, admin.id);
const survey = await app.surveys.create((await import('yaml')).parse(definitionTemplate('survey')), admin.id, 'screenshots');
await app.surveys.open(survey.id, admin.id);
for (const [i, [n]] of people.filter(([n]) => n.startsWith('M1')).entries()) {
  const m = await member(n);
  if (i < 9) await app.votes.cast({ member: m, electionId: motion.id, choices: [i % 4 === 3 ? 'no' : 'yes'] });
  await app.votes.cast({ member: m, electionId: election.id, choices: [election.candidates[i % 3 === 2 ? 1 : i % 5 === 4 ? 2 : 0]!.id] });
  if (i < 11) await app.events.signUp({ member: m, eventId: event.id });
  await app.surveys.submit({ surveyId: survey.id, member: m, answers: { overall: String(2 + (i % 4)), improve: [String(1 + (i % 3))], comment: '' } });
}
await app.votes.close(election.id, admin.id);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});

async function persona(username: string | undefined, locale = 'zh-CN', viewport = { width: 1280, height: 820 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (!username) {
    await page.goto(server.url);
    return page;
  }
  await page.goto(`${server.url}/login?next=%2F`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.locator('form[action="/login"] button[type="submit"]').click()]);
  return page;
}

async function say(page: Page, text: string, waitFor: string): Promise<void> {
  const before = await page.locator(waitFor).count();
  await page.locator('#text').fill(text);
  await page.locator('#send').click();
  await page.locator(waitFor).nth(before).waitFor();
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

try {
  const login = await persona(undefined);
  await login.goto(`${server.url}/login`);
  await shot(login, 'login');

  // Questions from members (some rated), then two cases.
  const anonymous = await persona(undefined, 'zh-CN');
  for (const q of ['加班费怎么算？', '公司拖欠工资怎么办', '年假有几天', '试用期可以随便辞退我吗', '公司有自行车通勤补贴吗']) await say(anonymous, q, '.msg.answer, .msg.bot');
  const zhang = await persona('M001', 'zh-CN', { width: 390, height: 780 });
  await say(zhang, '公司不给我签劳动合同怎么办？', '.msg.answer');
  await zhang.locator('.msg.answer .actions button').first().click();
  await zhang.locator('.notice-success').waitFor();
  await say(zhang, '转人工', '.notice-success');
  const alex = await persona('M003', 'en');
  await say(alex, 'How long is maternity leave?', '.msg.answer');
  await alex.locator('.msg.answer .actions button').nth(1).click();
  await say(alex, 'talk to a person', '.notice-success');
  await say(alex, 'My manager keeps changing my shifts without notice.', '.msg.bot');
  await shot(alex, 'member-chat-en');

  const staff = await persona('S001');
  await staff.goto(`${server.url}/console/cases`);
  await shot(staff, 'console-cases');
  await staff.locator('#cases tbody tr', { hasText: '张伟' }).locator('a').first().click();
  await staff.locator('form[action$="/claim"] button').click();
  await staff.waitForURL(/ok=1/);
  await staff.locator('#reply-text').fill('您好，我是工会的李强。没签书面合同的，公司应当支付二倍工资。方便把入职时间和工资条发给我吗？');
  await staff.locator('form[action$="/reply"] button[type="submit"]').click();
  await staff.waitForURL(/ok=1/);
  await staff.locator('textarea[name="text"]').last().fill('入职 3 个月未签合同，核实工资流水。');
  await staff.locator('form[action$="/note"] button').click();
  await staff.waitForURL(/ok=1/);
  await shot(staff, 'console-case', true);
  await zhang.locator('.msg.staff').waitFor();
  await shot(zhang, 'member-chat-phone');

  const chief = await persona('A001');
  await chief.goto(`${server.url}/console`);
  await shot(chief, 'console-overview', true);
  await chief.goto(`${server.url}/console/knowledge`);
  await shot(chief, 'console-knowledge');
  await chief.goto(`${server.url}/console/knowledge/edit?path=${encodeURIComponent('faq/annual-leave-days.zh.md')}`);
  const source = chief.locator('textarea[name="markdown"]');
  await source.fill((await source.inputValue()).replace('updated: 2026-11-27', 'updated: 2026-11-28'));
  await chief.locator('button[value="preview"]').click();
  await chief.waitForLoadState();
  await shot(chief, 'console-knowledge-editor', true);
  await chief.goto(`${server.url}/console/democracy`);
  await shot(chief, 'console-democracy');
  await chief.goto(`${server.url}/console/democracy/vote/${election.id}`);
  await shot(chief, 'console-vote-results');
  await chief.goto(`${server.url}/console/democracy/event/${event.id}`);
  await shot(chief, 'console-event');
  await chief.goto(`${server.url}/console/democracy/survey/${survey.id}`);
  await shot(chief, 'console-survey', true);
  await chief.goto(`${server.url}/console/members`);
  await shot(chief, 'console-roster');
  await chief.goto(`${server.url}/console/audit`);
  await shot(chief, 'console-audit');
} finally {
  await browser.close();
  await server.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
