import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../helpers/database.ts';
import { slackHarness, type SlackHarness } from './slack-harness.ts';
import { blocksText, buttonPress, directMessage, envelope, findButton, mention, postToSlack, slashCommand, SIGNING_SECRET } from './slack-requests.ts';

describe.each(providers)('Slack channel, member side, on %s', (provider) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await slackHarness({ provider });
    h.fake.addUser({ id: 'UALICE', name: 'Alice', email: 'alice@example.com', locale: 'en-US' });
    h.fake.addUser({ id: 'UZHANG', name: '张三', email: 'zhang@example.com', locale: 'zh-CN' });
    h.fake.addUser({ id: 'UNOMAIL', name: 'Nobody' });
    await h.app.store.members.upsert({ name: '张三', employeeNumber: 'E001', department: '研发部', email: 'zhang@example.com', status: 'member', roles: '' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const posts = (channel: string) => h.fake.made('chat.postMessage').filter((c) => c.params.channel === channel);

  it('answers the URL verification challenge', async () => {
    const res = await postToSlack(h.url, { json: { token: 'x', challenge: 'c-123', type: 'url_verification' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('answers a direct message in the DM, linking the Slack user to the roster by email', async () => {
    const res = await postToSlack(h.url, { json: directMessage('UZHANG', '帮助') });
    expect(res.status).toBe(200);
    const post = await h.fake.nth('chat.postMessage');
    expect(post.params.channel).toBe('DZHANG');
    expect(post.params.thread_ts).toBeUndefined();
    expect(blocksText(post.params.blocks)).toContain('我可以');
    // The email Slack verified linked the identity: no "how to get linked" notice.
    expect(blocksText(post.params.blocks)).not.toContain('还没有与工会会员名册关联');
    const { member } = await h.app.store.members.resolveIdentity({ channel: 'slack', tenant: 'T0TEAM', externalId: 'UZHANG' });
    expect(member?.employeeNumber).toBe('E001');
    expect(h.fake.made('users.info').some((c) => c.params.user === 'UZHANG')).toBe(true);
  });

  it('tells an unknown user how to get linked, once', async () => {
    await postToSlack(h.url, { json: directMessage('UNOMAIL', 'help') });
    const first = await h.fake.waitFor(() => posts('DNOMAIL')[0]);
    expect(blocksText(first.params.blocks)).toContain('did not share your email');
    expect(blocksText(first.params.blocks)).toContain('members link --channel slack --user UNOMAIL');
    await postToSlack(h.url, { json: directMessage('UNOMAIL', 'menu') });
    const second = await h.fake.waitFor(() => posts('DNOMAIL')[1]);
    expect(blocksText(second.params.blocks)).not.toContain('did not share your email');
  });

  it('answers a question with its citations as context blocks, and takes feedback', async () => {
    await postToSlack(h.url, { json: directMessage('UZHANG', '年假有几天') });
    const post = await h.fake.waitFor(() => posts('DZHANG').find((c) => blocksText(c.params.blocks).includes('职工带薪年休假条例')), 'the answer');
    const blocks = post.params.blocks as { type: string; elements?: { text: string }[] }[];
    const citations = blocks.filter((b) => b.type === 'context').flatMap((b) => b.elements!.map((e) => e.text));
    expect(citations.some((c) => c.startsWith('📖 *职工带薪年休假条例'))).toBe(true);
    expect(post.params.text).toContain('职工带薪年休假条例');
    const helpful = findButton(blocks, '有帮助')!;
    expect(helpful).toBeDefined();
    const before = posts('DZHANG').length;
    await postToSlack(h.url, { form: buttonPress('UZHANG', { channel: 'DZHANG', ts: post.response!.ts as string, blocks }, helpful) });
    const thanks = await h.fake.waitFor(() => posts('DZHANG')[before], 'the thanks');
    expect(blocksText(thanks.params.blocks)).toContain('谢谢');
  });

  it('answers a mention in a channel in its thread', async () => {
    const event = mention('UALICE', 'CGENERAL', 'help');
    const ts = (event.event as { ts: string }).ts;
    await postToSlack(h.url, { json: event });
    const post = await h.fake.waitFor(() => posts('CGENERAL')[0]);
    expect(post.params.thread_ts).toBe(ts);
    expect(blocksText(post.params.blocks)).toContain('I can');
    const session = await h.app.store.sessions.reference('slack', `CGENERAL:${ts}`);
    expect(JSON.parse(session!)).toMatchObject({ channel: 'CGENERAL', threadTs: ts, user: 'UALICE' });
  });

  it('does not answer a retried delivery twice', async () => {
    const event = directMessage('UALICE', 'menu', 'EvRETRY0001');
    await postToSlack(h.url, { json: event });
    await h.idle();
    const before = posts('DALICE').length;
    const retry = await postToSlack(h.url, { json: event }, { retryNum: 1 });
    expect(retry.status).toBe(200);
    const again = await postToSlack(h.url, { json: event }, { retryNum: 2 });
    expect(again.status).toBe(200);
    await h.idle();
    expect(posts('DALICE').length).toBe(before);
  });

  it('answers an event only when its turn is done, so that an event lost in a crash is retried by Slack', async () => {
    const before = posts('DALICE').length;
    const res = await postToSlack(h.url, { json: directMessage('UALICE', 'help', 'EvDONE00001') });
    expect(res.status).toBe(200);
    // No waiting: by the time Slack has its 200, the reply has been posted and the event recorded.
    expect(posts('DALICE').length).toBe(before + 1);
    expect(await h.app.store.sessions.isProcessed('slack:EvDONE00001')).toBe(true);
  });

  it('handles two deliveries of one event arriving together once', async () => {
    const event = directMessage('UALICE', 'help', 'EvTWINS0001');
    const before = posts('DALICE').length;
    await Promise.all([postToSlack(h.url, { json: event }), postToSlack(h.url, { json: event }, { retryNum: 1 })]);
    await h.idle();
    expect(posts('DALICE').length).toBe(before + 1);
  });

  it('runs /union subcommands in the member DM and acknowledges in the channel', async () => {
    const res = await postToSlack(h.url, { form: slashCommand('UZHANG', 'CGENERAL', 'help') });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('私信') });
    const before = posts('DZHANG').length;
    await h.idle();
    const post = await h.fake.waitFor(() => posts('DZHANG')[before]);
    expect(blocksText(post.params.blocks)).toContain('我可以');
    const ask = await postToSlack(h.url, { form: slashCommand('UALICE', 'DALICE', 'ask what is the minimum wage?') });
    expect(await ask.text()).toBe('');
    await h.idle();
  });

  it('publishes the App Home tab when it is opened', async () => {
    await postToSlack(h.url, { json: envelope({ type: 'app_home_opened', user: 'UZHANG', channel: 'DZHANG', tab: 'home' }) });
    const publish = await h.fake.nth('views.publish');
    expect(publish.params.user_id).toBe('UZHANG');
    const view = publish.params.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(blocksText(view.blocks)).toContain('张三');
    expect(blocksText(view.blocks)).toContain('/union');
  });

  it('refuses forged and stale requests with 401 and touches nothing', async () => {
    const prisma = h.app.store.db.prisma;
    const counts = async () => ({ sessions: await prisma.conversationSession.count(), events: await prisma.processedEvent.count(), identities: await prisma.identity.count() });
    await h.idle();
    const before = { counts: await counts(), calls: h.fake.calls.length };
    const forged = await postToSlack(h.url, { json: directMessage('UEVE', 'help') }, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await postToSlack(h.url, { json: directMessage('UEVE', 'help') }, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const future = await postToSlack(h.url, { json: directMessage('UEVE', 'help') }, { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(future.status).toBe(401);
    const unsigned = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(directMessage('UEVE', 'help')) });
    expect(unsigned.status).toBe(401);
    // A body changed after signing is forged too.
    const body = JSON.stringify(directMessage('UEVE', 'help'));
    const { sign } = await import('./slack-requests.ts');
    const tampered = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(body, SIGNING_SECRET) }, body: body.replace('help', 'menu') });
    expect(tampered.status).toBe(401);
    await h.idle();
    expect(await counts()).toEqual(before.counts);
    expect(h.fake.calls.length).toBe(before.calls);
  });

  it('waits out a rate limit and then delivers the answer once', async () => {
    h.fake.addUser({ id: 'URATE', name: 'Rate', email: 'rate@example.com', locale: 'en-US' });
    await h.idle();
    h.fake.rateLimit('chat.postMessage', 1);
    await postToSlack(h.url, { json: directMessage('URATE', 'help') });
    const delivered = await h.fake.waitFor(() => posts('DRATE')[0], 'the delivery after Retry-After');
    const limited = h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429 && c.params.channel === 'DRATE');
    expect(limited).toHaveLength(1);
    expect(delivered.at - limited[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(blocksText(delivered.params.blocks)).toContain('I can');
    await h.idle();
    // The outbox delivered it once and knows it.
    expect(posts('DRATE')).toHaveLength(1);
    for (let counts = await h.app.store.outbox.counts(); !counts.delivered; counts = await h.app.store.outbox.counts()) await new Promise((r) => setTimeout(r, 25));
    await h.app.delivery.runDue();
    expect(posts('DRATE')).toHaveLength(1);
  });
});
