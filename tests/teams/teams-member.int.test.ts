import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { cardOf, emulatorMessage, executeActions, postActivity, pressed, shownText, teamsActivity, tenantId, type TestUser } from './activities.ts';
import { closeApp } from './shutdown.ts';
import { FakeBotConnector } from './fake-bot-connector.ts';

const zhang: TestUser = { id: '29:zhang', name: '张三', aadObjectId: 'aad-zhang' };

describe.each(providers)('Teams channel, member side, on %s', (provider) => {
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

  it('answers an Emulator message without credentials, citing the law and article, at the activity\'s serviceUrl', async () => {
    const activity = emulatorMessage(connector.url, 'How long is maternity leave?');
    const res = await postActivity(server.url, activity);
    expect(res.status).toBe(200);
    const [reply] = connector.posted();
    expect(reply).toBeDefined();
    expect(reply!.conversationId).toBe('emulator-conversation|livechat');
    const call = connector.calls.find((c) => c.body?.type === 'message')!;
    // A reply to the member's message, as the Bot Framework protocol has it.
    expect(call.activityId).toBe(activity.id);
    expect(reply!.attachments).toEqual([expect.objectContaining({ contentType: 'application/vnd.microsoft.card.adaptive' })]);
    expect(shownText(reply!)).toContain('女职工劳动保护特别规定 第七条');
    expect(shownText(reply!)).toContain('98');
  });

  it('links a Teams member to the roster by the email Teams reports, and answers in a 1:1 chat', async () => {
    await app.store.members.upsert({ name: '张三', employeeNumber: 'E001', email: 'zhang@example.com', status: 'member', roles: '' });
    connector.members.set(zhang.id, { id: zhang.id, name: zhang.name, aadObjectId: zhang.aadObjectId, email: 'zhang@example.com', userPrincipalName: 'zhang@example.com' });
    const res = await postActivity(server.url, teamsActivity(connector.url, zhang, { id: 'a:personal-zhang' }, { type: 'message', text: 'help' }));
    expect(res.status).toBe(200);
    expect(connector.calls.some((c) => c.method === 'GET' && c.path.endsWith(`/members/${encodeURIComponent(zhang.id)}`))).toBe(true);
    const { member } = await app.store.members.resolveIdentity({ channel: 'teams', tenant: tenantId, externalId: 'aad-zhang' });
    expect(member?.employeeNumber).toBe('E001');
    const texts = connector.posted().map(shownText).join('\n');
    expect(texts).toContain('I can');
    // Linked: no "not linked to the roster" note any more.
    expect(texts).not.toContain('not yet linked');
    // Once linked, Teams is not asked again.
    connector.reset();
    await postActivity(server.url, teamsActivity(connector.url, zhang, { id: 'a:personal-zhang' }, { type: 'message', text: 'help' }));
    expect(connector.calls.some((c) => c.method === 'GET')).toBe(false);
  });

  it('records a rating pressed on an answer, and keeps the answer on the card', async () => {
    await postActivity(server.url, teamsActivity(connector.url, zhang, { id: 'a:personal-zhang' }, { type: 'message', text: '产假有多长时间？' }));
    const answer = cardOf(connector.posted().find((p) => shownText(p).includes('第七条'))!);
    const helpful = executeActions(answer).find((a) => String(a.title).includes('有帮助'))!;
    const invoke = teamsActivity(connector.url, zhang, { id: 'a:personal-zhang' }, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'answer-1', value: { action: { type: 'Action.Execute', verb: helpful.verb, data: pressed(answer, helpful.title as string) } } });
    const res = await postActivity(server.url, invoke);
    const redrawn = JSON.stringify((res.body as { value: unknown }).value);
    expect(redrawn).toContain('第七条');
    expect(redrawn).toContain('谢谢您的反馈');
    expect(executeActions((res.body as { value: unknown }).value)).toHaveLength(0);
  });

  it('answers an @mention in a channel inside the thread, without the mention', async () => {
    const channelThread = '19:general@thread.tacv2;messageid=1700000000000';
    // Teams shows the bot under its localized name: the mention is recognised by the account, not the name.
    const activity = teamsActivity(connector.url, zhang, { id: channelThread, conversationType: 'channel' }, { type: 'message', text: '<at>工会助手</at> help', entities: [{ type: 'mention', text: '<at>工会助手</at>', mentioned: { id: '28:union-assistant', name: '工会助手' } }] });
    await postActivity(server.url, activity);
    const posted = connector.posted();
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((p) => p.conversationId === channelThread)).toBe(true);
    expect(posted.map(shownText).join('\n')).toContain('I can');
  });

  it('keeps each person in a channel thread in their own conversation with the bot', async () => {
    const thread = { id: '19:general@thread.tacv2;messageid=1700000000999', conversationType: 'channel' };
    const other: TestUser = { id: '29:other', name: '王二', aadObjectId: 'aad-other' };
    await postActivity(server.url, teamsActivity(connector.url, zhang, thread, { type: 'message', text: '<at>Union Assistant</at> talk to a person' }));
    connector.reset();
    // Someone else in the same thread is not talking to zhang's case.
    await postActivity(server.url, teamsActivity(connector.url, other, thread, { type: 'message', text: '<at>Union Assistant</at> help' }));
    const texts = connector.posted().map(shownText).join('\n');
    expect(texts).toContain('I can');
    expect(texts).not.toMatch(/passed on to staff/i);
    expect(connector.posted().every((p) => p.conversationId === thread.id)).toBe(true);
  });

  it('greets with a welcome card when installed, and remembers the conversation for later', async () => {
    const update = teamsActivity(connector.url, zhang, { id: 'a:personal-new' }, { type: 'conversationUpdate', membersAdded: [{ id: '28:union-assistant' }] });
    await postActivity(server.url, update);
    const [welcome] = connector.posted();
    expect(welcome?.attachments).toEqual([expect.objectContaining({ contentType: 'application/vnd.microsoft.card.adaptive' })]);
    expect(shownText(welcome!)).toContain('Welcome to the Union Assistant');
    expect(await app.store.sessions.reference('teams', 'a:personal-new')).toContain(connector.url);
  });

  it('drops a retried delivery of the same activity', async () => {
    const activity = teamsActivity(connector.url, zhang, { id: 'a:personal-zhang' }, { type: 'message', text: 'help' });
    await postActivity(server.url, activity);
    const first = connector.posted().length;
    await postActivity(server.url, activity);
    expect(connector.posted().length).toBe(first);
  });

  it('refuses, without credentials, a serviceUrl that is not on this machine', async () => {
    const res = await postActivity(server.url, { ...emulatorMessage('https://smba.trafficmanager.net/emea/', 'hi') });
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });
});
