import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppOverrides } from '../../src/app.ts';
import { attachSlack, type SlackChannel } from '../../src/bots/slack/slack-channel.ts';
import { HttpServer } from '../../src/server/http.ts';
import { testApp } from '../helpers/app.ts';
import { repoRoot } from '../helpers/cli.ts';
import { expect } from 'vitest';
import { FakeSlackApi, type RecordedCall } from './fake-slack-api.ts';
import { buttonPress, findButton, postToSlack, SIGNING_SECRET } from './slack-requests.ts';

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

/**
 * A member's DM with the bot, as a test reads and clicks it: the posts in the DM, the next post
 * with a given button, and pressing a button of a post (a signed block_actions request).
 * `harness` is read when they run (tests make it in beforeAll).
 */
export function memberDm(harness: () => SlackHarness, user: string, channel: string) {
  const dm = () => harness().fake.made('chat.postMessage').filter((c) => c.params.channel === channel);
  /** Waits for the next DM whose blocks have a button labelled `label`, posted after `after` DMs. */
  const nextWith = (after: number, label: string | RegExp) =>
    harness().fake.waitFor(() => dm().slice(after).find((c) => findButton(c.params.blocks, label)), `a DM with a "${String(label)}" button`);
  const press = async (call: RecordedCall, label: string | RegExp) => {
    const button = findButton(call.params.blocks, label)!;
    expect(button, `button ${String(label)}`).toBeDefined();
    const res = await postToSlack(harness().url, { form: buttonPress(user, { channel, ts: call.response!.ts as string, blocks: call.params.blocks as unknown[] }, button) });
    expect(res.status).toBe(200);
    return button;
  };
  return { dm, nextWith, press };
}
