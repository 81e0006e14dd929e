import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { browserMissing, openBrowser, signIn } from './browser.ts';
import { bikeFaq, knowledgeFixture } from './knowledge-fixture.ts';
import { PASSWORD, seedPerson } from './web-helpers.ts';

describe.skipIf(!!browserMissing)('member chat and knowledge editor in Chromium', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let content: string;
  beforeAll(async () => {
    content = knowledgeFixture();
    app = await testApp('sqlite', {}, { KNOWLEDGE_DIR: content });
    await app.ensureKnowledgeIndex();
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    await seedPerson(app, 'E001', '刘洋', ['editor']);
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    rmSync(content, { recursive: true, force: true });
  });

  it('a member asks a question, sees the sources, and rates the answer', async () => {
    const browser = await openBrowser({ viewport: { width: 390, height: 780 } });
    try {
      const page = await browser.context.newPage();
      await page.goto(server.url);
      await page.locator('#text').fill('我跟助手说的话谁能看到？');
      await page.locator('#send').click();
      const answer = page.locator('.msg.answer').last();
      await answer.waitFor();
      expect(await answer.locator('.cites').textContent()).toContain('隐私');
      await answer.locator('.actions button').first().click();
      await page.locator('.notice-success').waitFor();
      const stats = await app.store.answers.stats(new Date(0));
      expect(stats.helpful).toBe(1);
      // The buttons of a rated answer cannot be pressed twice.
      expect(await answer.locator('.actions button').first().isDisabled()).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('an editor publishes a new FAQ and the next question is answered from it', async () => {
    const editorBrowser = await openBrowser();
    const memberBrowser = await openBrowser({ locale: 'zh-CN' });
    try {
      const member = await memberBrowser.context.newPage();
      await member.goto(server.url);
      await member.locator('#text').fill('骑自行车上班有补贴吗');
      await member.locator('#send').click();
      await member.locator('.msg.bot').nth(1).waitFor();
      expect(await member.locator('#log').textContent()).not.toContain('100 元自行车通勤补贴');

      const editor = await editorBrowser.context.newPage();
      await signIn(editor, server.url, 'E001', PASSWORD, '/console/knowledge');
      // The question that was not answered well is listed, with a link to write the FAQ.
      await editor.locator('#unanswered a', { hasText: '写成 FAQ' }).first().click();
      await editor.locator('input[name="path"]').fill('faq/bike-subsidy.zh.md');
      await editor.locator('textarea[name="markdown"]').fill(bikeFaq());
      // The live preview renders while typing.
      await editor.locator('#preview strong', { hasText: '100 元自行车通勤补贴' }).waitFor();
      editor.once('dialog', (dialog) => void dialog.accept());
      await Promise.all([editor.waitForURL(/published=/), editor.locator('button[value="publish"]').click()]);
      expect(await editor.locator('.flash.ok').textContent()).toContain('faq/bike-subsidy.zh.md');

      await member.locator('#text').fill('自行车通勤补贴怎么申请？');
      await member.locator('#send').click();
      const answer = member.locator('.msg.answer', { hasText: '自行车' }).last();
      await answer.waitFor();
      expect(await answer.locator('.cites').textContent()).toContain('公司有自行车通勤补贴吗？');
    } finally {
      await memberBrowser.close();
      await editorBrowser.close();
    }
  });
});
