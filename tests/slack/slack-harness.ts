import type { AppOverrides } from '../../src/app.ts';
import { attachSlack, type SlackChannel } from '../../src/bots/slack/slack-channel.ts';
import { HttpServer } from '../../src/server/http.ts';
import { testApp } from '../helpers/app.ts';
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

export async function slackHarness(options: { provider?: 'sqlite' | 'postgresql'; overrides?: AppOverrides; env?: Record<string, string> } = {}): Promise<SlackHarness> {
  const fake = await new FakeSlackApi().start();
  const app = await testApp(options.provider ?? 'sqlite', options.overrides ?? {}, {
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
    },
  };
}
