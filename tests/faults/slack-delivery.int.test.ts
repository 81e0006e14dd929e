import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachSlack, type SlackChannel } from '../../src/bots/slack/slack-channel.ts';
import { HttpServer } from '../../src/server/http.ts';
import { testApp } from '../helpers/app.ts';
import { FakeSlackApi } from '../slack/fake-slack-api.ts';
import { smallKnowledgeBase } from '../slack/slack-harness.ts';
import { blocksText, directMessage, postToSlack, SIGNING_SECRET } from '../slack/slack-requests.ts';
import { FaultProxy } from './fault-proxy.ts';

/**
 * Issue 9: the Slack Web API fails — HTTP 500 and 503, 429 with Retry-After, `ratelimited` and
 * `service_unavailable` with HTTP 200, dropped connections — and every outbound message still
 * arrives exactly once: the real app, Slack channel, outbox and delivery worker, against the
 * fake Web API behind a proxy that injects the faults (tests/slack covers a plain 429).
 */

let fake: FakeSlackApi;
let proxy: FaultProxy;
let app: Awaited<ReturnType<typeof testApp>>;
let slack: SlackChannel;
let server: HttpServer;
let url = '';
let knowledge: ReturnType<typeof smallKnowledgeBase>;

const posts = (channel: string, marker?: string) =>
  fake.made('chat.postMessage').filter((c) => c.params.channel === channel && (!marker || `${String(c.params.text)} ${blocksText(c.params.blocks)}`.includes(marker)));

async function settled(): Promise<void> {
  // Until nothing is pending or retrying in the outbox (the worker's own loop delivers it).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const counts = (await app.store.outbox.counts()) as Record<string, number>;
    if (!counts.pending && !counts.sending) return;
    if (Date.now() > deadline) throw new Error(`outbox not settled: ${JSON.stringify(counts)}\n${fake.describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  fake = await new FakeSlackApi().start();
  fake.addUser({ id: 'UFAULT', name: 'Fault', email: 'fault@example.com', locale: 'en-US' });
  proxy = await new FaultProxy(fake.url).start();
  knowledge = smallKnowledgeBase();
  app = await testApp('sqlite', {}, { KNOWLEDGE_DIR: knowledge.dir, SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: proxy.url });
  server = new HttpServer(app.logger);
  slack = (await attachSlack(server, app))!;
  app.start();
  url = `http://127.0.0.1:${(await server.listen(0, '127.0.0.1')).port}`;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await slack?.close();
  await app?.close();
  await proxy?.stop();
  await fake?.stop();
  knowledge?.remove();
});

describe('Slack Web API faults', () => {
  it('delivers an outbox message once through 500s, a dropped connection, ratelimited and a 429', async () => {
    proxy.script('chat.postMessage', 'status-500', 'status-500', 'status-500', 'reset', 'ratelimited-200', 'status-429');
    await app.store.outbox.enqueue(app.store.db.prisma, { channel: 'slack', conversationKey: 'DFAULTA', replies: [{ type: 'staff-message', from: '李四', text: 'FAULT-A 请把合同发给我', ticketId: 'ABCDEFGH' }] });
    app.delivery.poke();
    await fake.waitFor(() => posts('DFAULTA')[0], 'the delivery after the faults', 60_000);
    await settled();
    // Every fault was met before the one delivery, and another pass of the worker sends nothing.
    expect(proxy.pending()).toBe(0);
    await app.delivery.runDue();
    expect(posts('DFAULTA')).toHaveLength(1);
    expect(blocksText(posts('DFAULTA')[0]!.params.blocks)).toContain('FAULT-A');
  }, 120_000);

  it('does not post the first part of a message again when a later part fails', async () => {
    // message (part 1) → file upload → message (part 3); part 3 meets 503s (the Web API
    // client's own retries), then Slack's service_unavailable.
    proxy.script('chat.postMessage', 'pass', 'status-503', 'status-503', 'status-503', 'service_unavailable');
    await app.store.outbox.enqueue(app.store.db.prisma, {
      channel: 'slack',
      conversationKey: 'DFAULTB',
      replies: [
        { type: 'text', text: 'FAULT-B part 1' },
        { type: 'file', filename: 'meeting.ics', mimeType: 'text/calendar', title: 'FAULT-B part 2', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
        { type: 'text', text: 'FAULT-B part 3' },
      ],
    });
    app.delivery.poke();
    await fake.waitFor(() => posts('DFAULTB', 'part 3')[0], 'the last part', 60_000);
    await settled();
    await app.delivery.runDue();
    expect(proxy.pending()).toBe(0);
    expect(posts('DFAULTB', 'part 1')).toHaveLength(1);
    expect(posts('DFAULTB', 'part 3')).toHaveLength(1);
    expect(fake.made('files.completeUploadExternal').filter((c) => JSON.stringify(c.params).includes('FAULT-B part 2'))).toHaveLength(1);
  }, 120_000);

  it('delivers a turn’s answer once, as rendered, when Slack fails while the turn posts it', async () => {
    await postToSlack(url, { json: directMessage('UFAULT', 'hello') });
    await fake.waitFor(() => posts('DFAULT')[0], 'the first answer', 60_000);
    await slack.idle();
    const before = posts('DFAULT').length;
    proxy.script('chat.postMessage', 'status-500', 'status-500', 'status-500', 'ratelimited-200');
    expect((await postToSlack(url, { json: directMessage('UFAULT', 'help', 'EvFAULTHELP') })).status).toBe(200);
    await slack.idle();
    await fake.waitFor(() => posts('DFAULT').length > before && posts('DFAULT'), 'the answer to help', 60_000);
    await settled();
    await app.delivery.runDue();
    expect(proxy.pending()).toBe(0);
    const answers = posts('DFAULT').slice(before);
    expect(answers).toHaveLength(1);
    // The real message with its blocks, not a plain-text fallback.
    expect(blocksText(answers[0]!.params.blocks)).toContain('I can');
  }, 120_000);
});
