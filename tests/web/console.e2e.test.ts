import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { browserMissing, openBrowser, signIn } from './browser.ts';
import { PASSWORD, seedPerson } from './web-helpers.ts';

describe.skipIf(!!browserMissing)('web console in Chromium', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  beforeAll(async () => {
    app = await testApp('sqlite');
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    await seedPerson(app, 'S001', '李强', ['staff']);
    await seedPerson(app, 'M001', '张伟');
    await seedPerson(app, 'M002', '陈静');
    await seedPerson(app, 'M003', '赵敏');
    await seedPerson(app, 'A001', '王芳', ['admin']);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await app?.close();
  });

  it('refuses a console page to a member without the role', async () => {
    const page = await browser.context.newPage();
    await signIn(page, server.url, 'M001', PASSWORD, '/');
    await expect.poll(() => page.locator('header').textContent()).toContain('张伟');
    const response = await page.goto(`${server.url}/console/cases`);
    expect(response!.status()).toBe(403);
    await expect.poll(() => page.locator('h1').textContent()).toBe('没有权限');
    await page.close();
    await browser.context.clearCookies();
  });

  it('a staff member claims a case and replies; the member chat shows the reply without reloading', async () => {
    const memberContext = (await openBrowser({ viewport: { width: 390, height: 780 } }));
    try {
      const member = await memberContext.context.newPage();
      await signIn(member, server.url, 'M001', PASSWORD, '/');
      await member.locator('#text').fill('转人工');
      await member.locator('#send').click();
      await member.locator('.notice-success').waitFor();

      const staff = await browser.context.newPage();
      await signIn(staff, server.url, 'S001', PASSWORD, '/console/cases');
      const row = staff.locator('#cases tbody tr', { hasText: '张伟' });
      await row.locator('a').first().click();
      await staff.locator('form[action$="/claim"] button').click();
      await expect.poll(() => staff.locator('#case-assignee').textContent()).toBe('李强');
      await staff.locator('#reply-text').fill('您好，我是工会的李强。请把劳动合同拍照发给我。');
      await staff.locator('form[action$="/reply"] button[type="submit"]').click();
      await staff.waitForURL(/ok=1/);

      // The member's page polls for staff replies: it appears without a reload.
      const reply = member.locator('.msg.staff');
      await reply.waitFor();
      expect(await reply.textContent()).toContain('请把劳动合同拍照发给我');
      expect(await reply.locator('strong').textContent()).toBe('李强');

      // The member answers; the open case page shows it without a reload.
      await member.locator('#text').fill('好的，马上发');
      await member.locator('#send').click();
      await staff.locator('#messages', { hasText: '好的，马上发' }).waitFor();
    } finally {
      await memberContext.close();
    }
  });

  it('an admin creates an event and sees the sign-ups', async () => {
    const adminBrowser = await openBrowser();
    const memberBrowser = await openBrowser({ viewport: { width: 390, height: 780 } });
    try {
      const admin = await adminBrowser.context.newPage();
      await signIn(admin, server.url, 'A001', PASSWORD, '/console/democracy');
      await admin.locator('a[href="/console/democracy/new?kind=event"]').click();
      const definition = admin.locator('textarea[name="definition"]');
      await definition.fill((await definition.inputValue()).replace('劳动法律知识讲座', '工会读书会'));
      await Promise.all([admin.waitForURL(/\/console\/democracy\/event\//), admin.locator('button[value="open"]').click()]);
      const eventUrl = admin.url();

      const member = await memberBrowser.context.newPage();
      await signIn(member, server.url, 'M002', PASSWORD, '/');
      await member.locator('#text').fill('活动');
      await member.locator('#send').click();
      const card = member.locator('.msg.card', { hasText: '工会读书会' });
      await card.locator('button.primary').click();
      await member.locator('.notice-success').waitFor();

      await admin.goto(eventUrl);
      await expect.poll(() => admin.locator('#attendees tbody').textContent()).toContain('陈静');
      expect(await admin.locator('#signup-count').textContent()).toContain('1');
      const csv = await admin.request.get(`${eventUrl}/attendees.csv`);
      expect(await csv.text()).toContain('M002');
    } finally {
      await memberBrowser.close();
      await adminBrowser.close();
    }
  });

  it('a member votes in a multi-seat election with checkboxes and the ballot is cast', async () => {
    const election = await app.votes.create(
      { kind: 'choose-up-to', seats: 2, title: '工会委员补选', candidates: [{ name: '候选人甲' }, { name: '候选人乙' }, { name: '候选人丙' }] },
      'test',
    );
    await app.votes.open(election.id, 'test');
    const memberBrowser = await openBrowser({ viewport: { width: 390, height: 780 } });
    try {
      const member = await memberBrowser.context.newPage();
      await signIn(member, server.url, 'M003', PASSWORD, '/');
      await member.locator('#text').fill('投票');
      await member.locator('#send').click();
      await member.locator('.msg.card', { hasText: '工会委员补选' }).locator('button').first().click();
      const ballot = member.locator('.msg form.f', { has: member.locator('input[type="checkbox"]') }).last();
      await ballot.locator('label', { hasText: '候选人甲' }).locator('input').check();
      await ballot.locator('label', { hasText: '候选人丙' }).locator('input').check();
      await ballot.locator('button[type="submit"]').click();
      await member.locator('.msg.me', { hasText: '候选人甲、候选人丙' }).waitFor();
      await member.locator('.msg.card button.primary').last().click();
      await expect.poll(async () => (await app.votes.turnout(election.id)).participants).toBe(1);
    } finally {
      await memberBrowser.close();
    }
  });
});
