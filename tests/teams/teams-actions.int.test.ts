import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { cardOf, executeActions, postActivity, pressed, shownText, teamsActivity, type Card, type TestUser } from './activities.ts';
import { closeApp } from './shutdown.ts';
import { FakeBotConnector } from './fake-bot-connector.ts';

const li: TestUser = { id: '29:li', name: '李四', aadObjectId: 'aad-li' };
describe.each(providers)('Teams card actions on %s', (provider) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let connector: FakeBotConnector;
  beforeAll(async () => {
    connector = await new FakeBotConnector().start();
    app = await testApp(provider);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    if (app) await closeApp(app);
    await connector?.close();
  });
  afterEach(() => connector.reset());

  /** Asks for something that answers with a question and buttons (erasing one's cases). */
  async function question(conversation: { id: string; conversationType?: string }) {
    await postActivity(server.url, teamsActivity(connector.url, li, conversation, { type: 'message', text: 'delete my cases' }));
    const [posted] = connector.posted();
    connector.reset();
    return { card: cardOf(posted!) };
  }

  it('draws buttons as Action.Execute with an Action.Submit fallback carrying the same data', async () => {
    const { card } = await question({ id: 'a:li' });
    expect(card.version).toBe('1.5');
    const buttons = executeActions(card);
    expect(buttons.length).toBeGreaterThanOrEqual(2);
    for (const button of buttons) {
      expect(button.fallback).toMatchObject({ type: 'Action.Submit', title: button.title, data: button.data });
      expect(typeof (button.data as { ua: string }).ua).toBe('string');
    }
  });

  it('runs an adaptiveCard/action invoke and answers with the card redrawn, without its buttons', async () => {
    const { card } = await question({ id: 'a:li' });
    const cancel = executeActions(card).at(-1)!;
    const invoke = teamsActivity(connector.url, li, { id: 'a:li' }, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'card-activity-1',
      value: { action: { type: 'Action.Execute', verb: cancel.verb, data: pressed(card, cancel.title as string) }, trigger: 'manual' },
    });
    const res = await postActivity(server.url, invoke);
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Card };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const redrawn = JSON.stringify(body.value);
    // The question is still there, the outcome is under it, and nothing can be pressed twice.
    expect(redrawn).toContain(String((card.body[0] as { text: string }).text));
    expect(redrawn).toMatch(/nothing was deleted/i);
    expect(executeActions(body.value)).toHaveLength(0);
    // The invoke response is the only answer: no extra messages in the chat.
    expect(connector.posted()).toHaveLength(0);
  });

  it('updates the card in place (PUT) for an Action.Submit from an older client in a 1:1 chat', async () => {
    const { card } = await question({ id: 'a:li' });
    const cancel = executeActions(card).at(-1)!;
    const submit = teamsActivity(connector.url, li, { id: 'a:li' }, { type: 'message', replyToId: 'card-activity-2', value: pressed(card, cancel.title as string) });
    expect((await postActivity(server.url, submit)).status).toBe(200);
    const update = connector.calls.find((c) => c.method === 'PUT');
    expect(update?.path).toBe('/v3/conversations/a%3Ali/activities/card-activity-2');
    expect(JSON.stringify(update!.body)).toMatch(/nothing was deleted/i);
    expect(executeActions(update!.body)).toHaveLength(0);
  });

  it('leaves a shared card alone in a channel and answers in the thread instead', async () => {
    const thread = { id: '19:general@thread.tacv2;messageid=42', conversationType: 'channel' };
    const { card } = await question(thread);
    const cancel = executeActions(card).at(-1)!;
    await postActivity(server.url, teamsActivity(connector.url, li, thread, { type: 'message', replyToId: 'card-activity-3', value: pressed(card, cancel.title as string) }));
    expect(connector.calls.some((c) => c.method === 'PUT')).toBe(false);
    expect(connector.posted().map(shownText).join('\n')).toMatch(/nothing was deleted/i);
  });

  it('treats a forged or foreign button value as stale, and says so', async () => {
    const invoke = teamsActivity(connector.url, li, { id: 'a:li' }, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x', data: { ua: '{"a":"vote.cast","ballot":"nope"}' } } } });
    const res = await postActivity(server.url, invoke);
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body)).toMatch(/expired|not recognised/i);
  });
});
