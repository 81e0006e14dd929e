import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../src/bots/teams/teams-adapter.ts';
import { TeamsDeliverer } from '../../src/bots/teams/teams-deliverer.ts';
import { RetryableDeliveryError } from '../../src/runtime/delivery.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { postActivity, shownText, teamsActivity, type TestUser } from './activities.ts';
import { closeApp } from './shutdown.ts';
import { FakeBotConnector } from './fake-bot-connector.ts';

const wang: TestUser = { id: '29:wang', name: '王五', aadObjectId: 'aad-wang' };

describe.each(providers)('Teams proactive messages on %s', (provider) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let connector: FakeBotConnector;
  beforeAll(async () => {
    connector = await new FakeBotConnector().start();
    app = await testApp(provider);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    // The member writes once: that stores where their conversation lives.
    await postActivity(server.url, teamsActivity(connector.url, wang, { id: 'a:wang' }, { type: 'message', text: 'help' }));
  });
  afterAll(async () => {
    await server?.close();
    if (app) await closeApp(app);
    await connector?.close();
  });

  it('delivers outbox messages to the stored conversation, as new messages', async () => {
    await app.store.outbox.enqueue(app.store.db.prisma, {
      channel: 'teams',
      conversationKey: 'a:wang',
      replies: [{ type: 'card', title: 'Annual general meeting', body: 'Friday 14:00, hall B', actions: [], link: { label: 'Add to calendar', url: 'https://union.example/agm.ics' } }],
      dedupeKey: 'test:agm',
    });
    app.delivery.poke();
    const call = await connector.waitFor((c) => c.method === 'POST' && JSON.stringify(c.body ?? {}).includes('Annual general meeting'));
    expect(call.conversationId).toBe('a:wang');
    expect(shownText(call.body!)).toContain('Add to calendar');
    expect(JSON.stringify(call.body)).toContain('"Action.OpenUrl"');
  });

  it('waits as long as the Bot Connector asks when it is throttled, then delivers', async () => {
    connector.throttle = { remaining: 1, retryAfterSeconds: 1 };
    await app.store.outbox.enqueue(app.store.db.prisma, { channel: 'teams', conversationKey: 'a:wang', replies: [{ type: 'notice', level: 'info', text: 'Your sign-up is confirmed.' }], dedupeKey: 'test:throttled' });
    app.delivery.poke();
    const delivered = await connector.waitFor((c) => c.status === 201 && JSON.stringify(c.body ?? {}).includes('Your sign-up is confirmed.'));
    expect(delivered.conversationId).toBe('a:wang');
    expect(connector.calls.filter((c) => c.status === 429)).toHaveLength(1);
  });

  it("reports throttling that outlasts the client's own retries as retryable, and an unknown conversation as a failure", async () => {
    const deliverer = new TeamsDeliverer({ adapter: createTeamsAdapter(app.config.teams, app.logger), store: app.store, appId: '', defaultLocale: 'zh-CN' });
    connector.throttle = { remaining: 100, retryAfterSeconds: 0 };
    const error = await deliverer.deliver('a:wang', [{ type: 'text', text: 'hello' }]).catch((e: unknown) => e);
    connector.throttle = { remaining: 0, retryAfterSeconds: 0 };
    expect(error).toBeInstanceOf(RetryableDeliveryError);
    expect((error as RetryableDeliveryError).retryAfterMs).toBe(0);
    await expect(deliverer.deliver('a:nobody', [{ type: 'text', text: 'hello' }])).rejects.toThrow(/no stored Teams conversation reference/);
  });
});
