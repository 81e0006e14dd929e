import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../helpers/database.ts';
import { slackHarness, type SlackHarness } from './slack-harness.ts';
import { blocksText, buttonPress, channelMessage, directMessage, findButton, postToSlack, slashCommand, viewSubmission } from './slack-requests.ts';

const STAFF = 'CSTAFF';

describe.each(providers)('Slack staff channel on %s', (provider) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await slackHarness({ provider, env: { SLACK_STAFF_CHANNEL: STAFF, DEFAULT_LOCALE: 'en', LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' } });
    h.fake.addUser({ id: 'UALICE', name: 'Alice', email: 'alice@example.com', locale: 'en-US' });
    h.fake.addUser({ id: 'UBOB', name: 'Bob', email: 'bob@example.com', locale: 'en-US' });
    h.fake.addUser({ id: 'ULI', name: 'Li Si', email: 'li@example.com', locale: 'en-US' });
    h.fake.addUser({ id: 'UWANG', name: 'Wang Wu', email: 'wang@example.com', locale: 'en-US' });
    h.fake.addUser({ id: 'USTRANGER', name: 'Stranger', locale: 'en-US' });
    const members = h.app.store.members;
    await members.upsert({ name: 'Alice Chen', employeeNumber: 'E100', department: 'R&D', email: 'alice@example.com', status: 'member', roles: '' });
    await members.upsert({ name: 'Bob Wu', employeeNumber: 'E101', department: 'Sales', email: 'bob@example.com', status: 'member', roles: '' });
    await members.upsert({ name: 'Li Si', employeeNumber: 'E200', department: 'Union office', email: 'li@example.com', status: 'member', roles: 'staff' });
    await members.upsert({ name: 'Wang Wu', employeeNumber: 'E201', department: 'Union office', email: 'wang@example.com', status: 'member', roles: 'counsellor' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const staffPosts = () => h.fake.made('chat.postMessage').filter((c) => c.params.channel === STAFF);
  const dm = (user: string) => h.fake.made('chat.postMessage').filter((c) => c.params.channel === `D${user.replace(/^U/, '')}`);
  const cardOf = (text: string) => h.fake.waitFor(() => staffPosts().find((c) => !c.params.thread_ts && blocksText(c.params.blocks).includes(text)), `a case card containing ${text}`);
  const updatesOf = (ts: string) => h.fake.made('chat.update').filter((c) => c.params.ts === ts);
  const ephemerals = (user: string) => h.fake.made('chat.postEphemeral').filter((c) => c.params.user === user);

  let cardTs = '';
  let cardBlocks: unknown[] = [];

  it('announces a new case with priority, category, a summary and Claim / Close buttons', async () => {
    await postToSlack(h.url, { json: directMessage('UALICE', 'My company has not paid my overtime for three months') });
    await h.fake.waitFor(() => dm('UALICE')[0]);
    await postToSlack(h.url, { json: directMessage('UALICE', 'talk to a person') });
    const card = await cardOf('Case ');
    const text = blocksText(card.params.blocks);
    expect(text).toContain('Alice Chen');
    expect(text).toMatch(/Priority/);
    expect(text).toContain('overtime for three months');
    cardBlocks = card.params.blocks as unknown[];
    expect(findButton(cardBlocks, 'Claim')).toBeDefined();
    expect(findButton(cardBlocks, 'Close')).toBeDefined();
    cardTs = card.response!.ts as string;
  });

  it('lists the member\'s open cases with /union cases', async () => {
    const before = dm('UALICE').length;
    await postToSlack(h.url, { form: slashCommand('UALICE', 'DALICE', 'cases') });
    const list = await h.fake.waitFor(() => dm('UALICE')[before], 'the case list');
    expect(blocksText(list.params.blocks)).toMatch(/Case [A-Z0-9]{8} · Legal · Open/);
  });

  it('carries the conversation in the card thread, both ways', async () => {
    await postToSlack(h.url, { json: directMessage('UALICE', 'They also cut my base pay') });
    const relayed = await h.fake.waitFor(() => staffPosts().find((c) => c.params.thread_ts === cardTs && String(c.params.text).includes('cut my base pay')), 'the member message in the thread');
    expect(relayed.params.text).toContain('Member');
    const before = dm('UALICE').length;
    const reply = channelMessage('ULI', STAFF, 'Hello Alice, I will call you tomorrow at 10.', cardTs);
    await postToSlack(h.url, { json: reply });
    const delivered = await h.fake.waitFor(() => dm('UALICE').slice(before).find((c) => blocksText(c.params.blocks).includes('call you tomorrow')), 'the staff reply in the member DM');
    expect(blocksText(delivered.params.blocks)).toContain('*Li Si*');
    await h.fake.waitFor(() => h.fake.made('reactions.add')[0]);
    // Slack retries the same event: the member does not get the reply twice.
    await postToSlack(h.url, { json: reply }, { retryNum: 1 });
    await h.idle();
    await h.app.delivery.runDue();
    expect(dm('UALICE').filter((c) => blocksText(c.params.blocks).includes('call you tomorrow'))).toHaveLength(1);
    // An internal note stays with staff.
    await postToSlack(h.url, { json: channelMessage('ULI', STAFF, 'note: she has payslips', cardTs) });
    await h.fake.waitFor(() => h.fake.made('reactions.add').find((c) => c.params.name === 'memo'));
    await h.app.delivery.runDue();
    expect(dm('UALICE').filter((c) => String(c.params.text).includes('she has payslips'))).toEqual([]);
    const entries = await h.app.store.tickets.entries((await h.app.store.db.prisma.slackCaseCard.findFirst({ where: { ts: cardTs } }))!.ticketId);
    expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['transcript', 'member', 'staff', 'note']));
  });

  it('updates the card in place when staff claim and close the case', async () => {
    const claim = findButton(cardBlocks, 'Claim')!;
    await postToSlack(h.url, { form: buttonPress('ULI', { channel: STAFF, ts: cardTs, blocks: cardBlocks }, claim) });
    // The reply above already gave the case to Li; the card shows Li, without a Claim button.
    const updated = await h.fake.waitFor(() => updatesOf(cardTs).find((c) => blocksText(c.params.blocks).includes('Li Si')));
    expect(findButton(updated.params.blocks, 'Claim')).toBeUndefined();
    const close = findButton(updated.params.blocks, 'Close')!;
    await postToSlack(h.url, { form: buttonPress('ULI', { channel: STAFF, ts: cardTs, blocks: updated.params.blocks as unknown[] }, close) });
    const closed = await h.fake.waitFor(() => updatesOf(cardTs).find((c) => findButton(c.params.blocks, 'Reopen')), 'the closed card');
    expect(blocksText(closed.params.blocks)).toContain('Closed');
    const rating = await h.fake.waitFor(() => dm('UALICE').find((c) => findButton(c.params.blocks, /5/)), 'the rating question');
    expect(blocksText(rating.params.blocks)).toContain('rate');
  });

  it('shows a psychological case without content and lets only counsellors claim it', async () => {
    await postToSlack(h.url, { json: directMessage('UBOB', 'I want to talk to a counsellor') });
    const card = await cardOf('Psychological');
    const text = blocksText(card.params.blocks);
    expect(text).not.toContain('Bob');
    expect(text).toContain('counsellors and admins only');
    const row = { ts: card.response!.ts as string };
    await postToSlack(h.url, { json: directMessage('UBOB', 'I cannot sleep because of my manager') });
    const relayed = await h.fake.waitFor(() => staffPosts().find((c) => c.params.thread_ts === row!.ts && String(c.params.text).includes('new message')));
    expect(String(relayed.params.text)).not.toContain('sleep');
    const claim = findButton(card.params.blocks, 'Claim')!;
    await postToSlack(h.url, { form: buttonPress('ULI', { channel: STAFF, ts: row!.ts, blocks: card.params.blocks as unknown[] }, claim) });
    const refusal = await h.fake.waitFor(() => ephemerals('ULI')[0]);
    expect(refusal.params.text).toContain('counsellors');
    await postToSlack(h.url, { form: buttonPress('UWANG', { channel: STAFF, ts: row!.ts, blocks: card.params.blocks as unknown[] }, claim) });
    await h.fake.waitFor(() => updatesOf(row!.ts).find((c) => blocksText(c.params.blocks).includes('Wang Wu')), 'the card claimed by the counsellor');
  });

  it('reassigns through a modal and refuses Slack users who are not staff', async () => {
    const card = h.fake.made('chat.postMessage').find((c) => c.params.channel === STAFF && !c.params.thread_ts && blocksText(c.params.blocks).includes('Psychological'))!;
    const row = { ts: card.response!.ts as string };
    const reassign = findButton(card.params.blocks, 'Reassign')!;
    await postToSlack(h.url, { form: buttonPress('USTRANGER', { channel: STAFF, ts: row!.ts, blocks: card.params.blocks as unknown[] }, { ...findButton(card.params.blocks, 'Close')! }) });
    expect((await h.fake.waitFor(() => ephemerals('USTRANGER')[0])).params.text).toContain('not linked');
    await postToSlack(h.url, { form: buttonPress('UWANG', { channel: STAFF, ts: row!.ts, blocks: card.params.blocks as unknown[] }, reassign) });
    const modal = await h.fake.waitFor(() => h.fake.made('views.open').find((c) => (c.params.view as { callback_id: string }).callback_id === 'ua-reassign'));
    const view = modal.params.view as { callback_id: string; private_metadata: string };
    // Li is staff but not a counsellor: the service refuses, and Wang is told.
    const res = await postToSlack(h.url, { form: viewSubmission('UWANG', view, { to: { v: { type: 'users_select', selected_user: 'ULI' } } }) });
    expect(res.status).toBe(200);
    const refusal = await h.fake.waitFor(() => ephemerals('UWANG')[0]);
    expect(refusal.params.text).toMatch(/cannot handle/);
    const unknown = await postToSlack(h.url, { form: viewSubmission('UWANG', view, { to: { v: { type: 'users_select', selected_user: 'USTRANGER' } } }) });
    expect(await unknown.json()).toMatchObject({ response_action: 'errors' });
  });

  it('re-announces an overdue case in the channel', async () => {
    const card = h.fake.made('chat.postMessage').find((c) => c.params.channel === STAFF && !c.params.thread_ts && blocksText(c.params.blocks).includes('Psychological'))!;
    const ts = card.response!.ts as string;
    const { ticketId } = (await h.app.store.db.prisma.slackCaseCard.findFirst({ where: { ts } }))!;
    expect(await h.app.tickets.escalate(ticketId, 'first-response')).toBe(true);
    const again = await h.fake.waitFor(() => staffPosts().find((c) => c.params.thread_ts === ts && c.params.reply_broadcast === 'true'), 'the re-announcement');
    expect(String(again.params.text)).toContain('overdue');
    const updated = await h.fake.waitFor(() => updatesOf(ts).find((c) => blocksText(c.params.blocks).includes('Overdue')), 'the card marked overdue');
    expect(blocksText(updated.params.blocks)).toContain('first response');
    // Syncing again announces nothing new.
    const count = staffPosts().length;
    await h.app.tickets.escalate(ticketId, 'first-response');
    await h.slack.idle();
    expect(staffPosts()).toHaveLength(count);
  });
});
