import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { postActivity, teamsActivity, type TestUser } from '../teams/activities.ts';
import { FakeBotConnector } from '../teams/fake-bot-connector.ts';
import { closeApp } from '../teams/shutdown.ts';
import { FaultProxy, type Fault } from './fault-proxy.ts';

/**
 * Issue 9, Teams: the Bot Connector keeps failing (HTTP 500, more often than botbuilder's own
 * retries) in the middle of an outbox message; each activity still arrives exactly once. (Fewer
 * 500s, 503s and dropped connections are absorbed by botbuilder's retries; 429 is covered in
 * tests/teams/teams-proactive.int.test.ts.) The member's conversation lives at a serviceUrl that
 * is a fault-injecting proxy in front of the fake Bot Connector.
 */

const zhao: TestUser = { id: '29:zhao', name: '赵六', aadObjectId: 'aad-zhao' };

let app: Awaited<ReturnType<typeof testApp>>;
let server: RunningServer;
let connector: FakeBotConnector;
let proxy: FaultProxy;

const sent = (marker: string) => connector.calls.filter((c) => c.method === 'POST' && c.status !== undefined && c.status < 300 && JSON.stringify(c.body ?? {}).includes(marker));

async function settled(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const counts = (await app.store.outbox.counts()) as Record<string, number>;
    if (!counts.pending && !counts.sending) return;
    if (Date.now() > deadline) throw new Error(`outbox not settled: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  connector = await new FakeBotConnector().start();
  proxy = await new FaultProxy(connector.url, (method, path) => (method === 'POST' && /\/activities/.test(path) ? 'activity' : `${method} ${path}`)).start();
  app = await testApp('sqlite');
  server = await startServer(app, { port: 0, host: '127.0.0.1' });
  // The member writes once: that stores where their conversation lives (behind the proxy).
  await postActivity(server.url, teamsActivity(proxy.url, zhao, { id: 'a:zhao' }, { type: 'message', text: 'help' }));
  await connector.waitFor((c) => c.method === 'POST' && c.conversationId === 'a:zhao');
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (app) await closeApp(app);
  await proxy?.stop();
  await connector?.close();
});

describe('Bot Connector faults', () => {
  it('delivers a multi-part outbox message once per part when a later part fails', async () => {
    proxy.script('activity', 'pass', ...Array<Fault>(4).fill('status-500'));
    await app.store.outbox.enqueue(app.store.db.prisma, {
      channel: 'teams',
      conversationKey: 'a:zhao',
      replies: [
        { type: 'staff-message', from: '李四', text: 'TEAMS-FAULT part 1', ticketId: 'ABCDEFGH' },
        { type: 'notice', level: 'info', text: 'TEAMS-FAULT part 2' },
      ],
    });
    app.delivery.poke();
    await connector.waitFor((c) => c.method === 'POST' && c.status === 201 && JSON.stringify(c.body ?? {}).includes('TEAMS-FAULT part 2'), 60_000);
    await settled();
    await app.delivery.runDue();
    expect(proxy.pending()).toBe(0);
    expect(sent('TEAMS-FAULT part 1')).toHaveLength(1);
    expect(sent('TEAMS-FAULT part 2')).toHaveLength(1);
  }, 120_000);
});
