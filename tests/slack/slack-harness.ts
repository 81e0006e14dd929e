import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppOverrides } from '../../src/app.ts';
import { attachSlack, type SlackChannel } from '../../src/bots/slack/slack-channel.ts';
import { HttpServer } from '../../src/server/http.ts';
import { testApp } from '../helpers/app.ts';
import { repoRoot } from '../helpers/cli.ts';
import { FakeSlackApi } from './fake-slack-api.ts';
import { SIGNING_SECRET } from './slack-requests.ts';

/**
 * A real application with the real Slack channel on a loopback HTTP server, talking to the fake
 * Slack Web API. `idle()` waits until every acknowledged Slack request has been fully handled,
 * so a test can assert that something did NOT happen without waiting for a time.
 */
export interface SlackHarness {
  app: Awaited<ReturnType<typeof testApp>>;
  fake: FakeSlackApi;
  slack: SlackChannel;
  url: string;
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A small copy of the real knowledge base (the annual-leave laws, the Labour Law and the annual-leave FAQ), so that each test
 * app indexes it in a moment instead of the whole base.
 */
export function smallKnowledgeBase(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ua-slack-kb-'));
  const files = ['laws/paid-annual-leave-regulations.md', 'laws/enterprise-paid-annual-leave-measures.md', 'laws/labour-law.md', 'faq/annual-leave-days.zh.md', 'faq/annual-leave-days.en.md'];
  for (const file of files) {
    cpSync(join(repoRoot, 'knowledge-base', file), join(dir, file));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function slackHarness(options: { provider?: 'sqlite' | 'postgresql'; overrides?: AppOverrides; env?: Record<string, string> } = {}): Promise<SlackHarness> {
  const fake = await new FakeSlackApi().start();
  const knowledge = smallKnowledgeBase();
  const app = await testApp(options.provider ?? 'sqlite', options.overrides ?? {}, {
    KNOWLEDGE_DIR: knowledge.dir,
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    ...options.env,
  });
  const server = new HttpServer(app.logger);
  const slack = (await attachSlack(server, app))!;
  app.start();
  const address = await server.listen(0, '127.0.0.1');
  return {
    app,
    fake,
    slack,
    url: `http://127.0.0.1:${address.port}`,
    idle: () => slack.idle(),
    async close() {
      await server.close();
      await slack.close();
      await app.close();
      await fake.stop();
      knowledge.remove();
    },
  };
}
