import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { cardOf, executeActions, postActivity, pressed, shownText, teamsActivity, type Card, type TestUser } from './activities.ts';
import { closeApp } from './shutdown.ts';
import { FakeBotConnector, type ConnectorCall } from './fake-bot-connector.ts';

const STAFF_CHANNEL = '19:staff@thread.tacv2';
const zhang: TestUser = { id: '29:zhang', name: '张三', aadObjectId: 'aad-zhang' };
const li: TestUser = { id: '29:li', name: '李四', aadObjectId: 'aad-li' };
const memberChat = { id: 'a:zhang' };

describe.each(providers)('Teams staff channel and handoff on %s', (provider) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let connector: FakeBotConnector;
  let caseCard: Card;
  let casePost: ConnectorCall;
  let thread: { id: string; conversationType: string };

  beforeAll(async () => {
    connector = await new FakeBotConnector().start();
    app = await testApp(provider, {}, { TEAMS_STAFF_CONVERSATION: STAFF_CHANNEL, DEFAULT_LOCALE: 'en' });
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    await app.store.members.upsert({ name: '张三', employeeNumber: 'E001', email: 'zhang@example.com', status: 'member', roles: '' });
    await app.store.members.upsert({ name: '李四', employeeNumber: 'E002', email: 'li@example.com', status: 'member', roles: 'staff' });
    connector.members.set(zhang.id, { id: zhang.id, name: zhang.name, aadObjectId: zhang.aadObjectId, email: 'zhang@example.com' });
    connector.members.set(li.id, { id: li.id, name: li.name, aadObjectId: li.aadObjectId, email: 'li@example.com' });
  });
  afterAll(async () => {
    await server?.close();
    if (app) await closeApp(app);
    await connector?.close();
  });

  /** Presses a case-card button as someone, by invoke; returns the invoke response body. */
  async function press(user: TestUser, title: string, extra: Record<string, unknown> = {}) {
    const data = { ...pressed(caseCard, title), ...extra };
    const invoke = teamsActivity(connector.url, user, thread, { type: 'invoke', name: 'adaptiveCard/action', replyToId: casePost.responseId, value: { action: { type: 'Action.Execute', data }, trigger: 'manual' } });
    const res = await postActivity(server.url, invoke);
    expect(res.status).toBe(200);
    return res.body as { statusCode: number; type: string; value: unknown };
  }

  it('lists cases for staff who @mention the bot in the staff channel (and remembers the channel)', async () => {
    const mention = teamsActivity(connector.url, li, { id: `${STAFF_CHANNEL};messageid=100`, conversationType: 'channel' }, { type: 'message', text: '<at>Union Assistant</at> cases' });
    await postActivity(server.url, mention);
    expect(connector.posted().map(shownText).join('\n')).toContain('no open cases');
    expect(await app.store.sessions.reference('teams', STAFF_CHANNEL)).toContain(connector.url);
  });

  it('posts a case card with Claim and Close to the staff channel when a member asks for a person', async () => {
    await postActivity(server.url, teamsActivity(connector.url, zhang, memberChat, { type: 'message', text: 'help' }));
    await postActivity(server.url, teamsActivity(connector.url, zhang, memberChat, { type: 'message', text: 'talk to a person' }));
    casePost = await connector.waitFor((c) => c.method === 'POST' && c.conversationId === STAFF_CHANNEL && c.body?.type === 'message' && JSON.stringify(c.body).includes('Claim'));
    caseCard = cardOf(casePost.body!);
    const titles = executeActions(caseCard).map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['Claim', 'Close', 'Show conversation']));
    expect(shownText(casePost.body!)).toContain('张三');
    // The card never carries what the member wrote.
    expect(shownText(casePost.body!)).not.toContain('talk to a person');
    thread = { id: `${STAFF_CHANNEL};messageid=${casePost.responseId}`, conversationType: 'channel' };
  });

  it('lists a member\'s own cases, where each stands, with "cases"', async () => {
    connector.reset();
    await postActivity(server.url, teamsActivity(connector.url, zhang, memberChat, { type: 'message', text: 'cases' }));
    const [ticket] = await app.tickets.list(undefined, {});
    const shown = connector.posted().map(shownText).join('\n');
    expect(shown).toContain('My cases');
    expect(shown).toContain(ticket!.id);
    // A member sees no one else's cases, and no staff case cards.
    expect(JSON.stringify(connector.posted())).not.toContain('Claim');
  });

  it('refuses case operations to someone who is not staff', async () => {
    const body = await press(zhang, 'Claim');
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toMatch(/union staff/);
  });

  it('claims the case for the staff member who pressed Claim and redraws the card for everyone', async () => {
    connector.reset();
    const body = await press(li, 'Claim');
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain('Claimed by 李四');
    const update = connector.calls.find((c) => c.method === 'PUT');
    expect(update?.activityId).toBe(casePost.responseId);
    expect(JSON.stringify(update!.body)).toContain('李四');
    const [ticket] = await app.tickets.list(undefined, {});
    expect(ticket).toMatchObject({ status: 'claimed', assignee: { name: '李四' } });
  });

  it("announces the member's next message with a new card, without its content", async () => {
    connector.reset();
    await postActivity(server.url, teamsActivity(connector.url, zhang, memberChat, { type: 'message', text: 'My boss has not paid me for two months.' }));
    const announced = await connector.waitFor((c) => c.method === 'POST' && c.conversationId === STAFF_CHANNEL && c.body?.type === 'message');
    expect(shownText(announced.body!)).toMatch(/Member wrote/);
    expect(JSON.stringify(announced.body)).not.toContain('not paid');
  });

  it('shows the conversation only to the staff member who asked', async () => {
    connector.reset();
    const body = await press(li, 'Show conversation');
    const shown = JSON.stringify(body.value);
    expect(shown).toContain('My boss has not paid me for two months.');
    expect(shown).toContain('help');
    // Nothing was redrawn for the rest of the channel.
    expect(connector.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it('sends the conversation to an older client privately, never into the channel', async () => {
    connector.reset();
    const submit = teamsActivity(connector.url, li, thread, { type: 'message', replyToId: casePost.responseId, value: pressed(caseCard, 'Show conversation') });
    await postActivity(server.url, submit);
    const created = connector.calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created?.body).toMatchObject({ isGroup: false, members: [{ id: li.id }], tenantId: 'tenant-1' });
    const privately = connector.calls.find((c) => c.method === 'POST' && c.conversationId === created!.responseId);
    expect(JSON.stringify(privately?.body)).toContain('My boss has not paid me for two months.');
    const inChannel = connector.posted().filter((p) => p.conversationId === thread.id);
    expect(inChannel.map(shownText).join('\n')).toContain('private chat');
    expect(JSON.stringify(inChannel)).not.toContain('not paid');
    expect(connector.calls.some((c) => c.method === 'PUT')).toBe(false);
  });

  it("delivers a staff reply typed in the case card to the member's chat by proactive message", async () => {
    const sendReply = executeActions(caseCard).find((a) => String(a.verb) === 'teams-staff.reply')!;
    const body = await press(li, sendReply.title as string, { uaStaffReply: 'We will call you today.' });
    expect(JSON.stringify(body.value)).toMatch(/reply was sent/);
    const delivered = await connector.waitFor((c) => c.method === 'POST' && c.conversationId === memberChat.id && JSON.stringify(c.body ?? {}).includes('We will call you today.'));
    expect(shownText(delivered.body!)).toContain('李四');
  });

  it('closes the case from the card', async () => {
    const body = await press(li, 'Close');
    expect(JSON.stringify(body.value)).toContain('Closed by 李四');
    expect(executeActions(body.value)).toHaveLength(0);
    const [ticket] = await app.tickets.list(undefined, {});
    expect(ticket?.status).toBe('closed');
    // The member hears of it in their chat and is asked to rate the help.
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === memberChat.id && /rate this help/.test(JSON.stringify(c.body ?? {})));
  });
});
