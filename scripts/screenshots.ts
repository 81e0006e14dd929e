// Takes the README's screenshots of the web console and the member chat in Debian's Chromium:
//   npm run screenshots        → docs/screenshots/*.png
// It builds a throwaway app (SQLite in a temporary folder) with demonstration data, drives the
// real pages, and never touches ./data.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createApp } from '../src/app.ts';
import { webContext } from '../src/bots/web/attach-web.ts';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server/serve.ts';

const out = resolve('docs/screenshots');
const password = 'demonstration password';
const dir = mkdtempSync(join(tmpdir(), 'ua-screens-'));
mkdirSync(out, { recursive: true });
const app = await createApp(loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: `file:${join(dir, 'demo.db')}`, LOG_LEVEL: 'warn' }));
const server = await startServer(app, { port: 0, host: '127.0.0.1' });
const people: [string, string, string, string][] = [
  ['A001', '王芳', '工会办公室', 'admin;staff;editor'],
  ['S001', '李强', '工会办公室', 'staff'],
  ['C001', '孙敏', '员工关怀中心', 'counsellor'],
  ['M001', '张伟', '研发部', ''],
  ['M002', '陈静', '财务部', ''],
  ['M003', 'Alex Chen', 'Sales', ''],
];
for (const [employeeNumber, name, department, roles] of people) {
  await app.store.members.upsert({ name, employeeNumber, department, email: `${employeeNumber.toLowerCase()}@example.com`, status: 'member', roles });
  await webContext(app).auth.createAccount(employeeNumber, password, 'screenshots');
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});

async function persona(username: string, locale = 'zh-CN', viewport = { width: 1280, height: 820 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
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
  await page.waitForFunction(([selector, count]) => document.querySelectorAll(selector as string).length > (count as number), [waitFor, before] as const);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: false });
  console.log(`docs/screenshots/${name}.png`);
}

try {
  // Members open cases from the chat; one of them on a phone.
  const member = await persona('M001', 'zh-CN', { width: 390, height: 780 });
  await say(member, '公司不给我签劳动合同怎么办？', '.msg.bot');
  await say(member, '转人工', '.notice-success');
  const other = await persona('M003', 'en');
  await say(other, 'talk to a person', '.notice-success');
  await say(other, 'My manager keeps changing my shifts without notice.', '.msg.bot');

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
  await shot(staff, 'console-case');

  await member.locator('.msg.staff').waitFor();
  await shot(member, 'member-chat-phone');

  const admin = await persona('A001');
  await admin.goto(`${server.url}/console`);
  await shot(admin, 'console-overview');
  await admin.goto(`${server.url}/console/members`);
  await shot(admin, 'console-roster');
  await admin.goto(`${server.url}/console/audit`);
  await shot(admin, 'console-audit');
  if (await admin.goto(`${server.url}/console/knowledge`).then((r) => r?.status() === 200)) await shot(admin, 'console-knowledge');

  const english = await persona('M003', 'en');
  await shot(english, 'member-chat-en');
  await english.goto(`${server.url}/login`);
} finally {
  await browser.close();
  await server.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
