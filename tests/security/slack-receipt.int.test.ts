import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseReceipt } from '../../src/democracy/receipt.ts';
import { providers } from '../helpers/database.ts';
import type { RecordedCall } from '../slack/fake-slack-api.ts';
import { memberDm, slackHarness, type SlackHarness } from '../slack/slack-harness.ts';
import { buttonPress, directMessage, findButton, postToSlack } from '../slack/slack-requests.ts';
import { dumpDatabase, rowText } from './db-dump.ts';

/**
 * A secret ballot cast in Slack while Slack rate-limits the bot: the turn's replies (the receipt
 * card, whose buttons carry the receipt code, and the receipt file) wait in the outbox and are
 * delivered later. The outbox row names the voter's conversation, so whatever it keeps of the
 * receipt would link the voter to their ballot (Ballot.receiptHash) for anyone reading the table.
 */
describe.each(providers)('a Slack ballot delivered through the outbox on %s', (provider) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await slackHarness({ provider, env: { DEFAULT_LOCALE: 'en' } });
    h.fake.addUser({ id: 'UZHAO', name: 'Zhao', email: 'zhao@example.com', locale: 'en-US' });
    await h.app.store.members.upsert({ name: 'Zhao Yi', employeeNumber: 'E101', department: 'R&D', email: 'zhao@example.com', status: 'member', roles: '' });
    h.app.start();
  });
  afterAll(async () => {
    await h?.close();
  });

  const { dm, nextWith, press } = memberDm(() => h, 'UZHAO', 'DZHAO');

  it('keeps no receipt code in the outbox once the rate-limited receipt is delivered', async () => {
    const election = await h.app.votes.open(
      (await h.app.votes.create({ kind: 'choose-one', secret: true, allowChange: true, title: { 'zh-CN': '代表选举', en: 'Delegate election' }, candidates: [{ name: 'Dan' }, { name: 'Eve' }] }, 'test')).id,
      'test',
    );
    let seen = dm().length;
    await postToSlack(h.url, { json: directMessage('UZHAO', 'vote') });
    const list = await nextWith(seen, 'Vote');
    seen = dm().length;
    await press(list, 'Vote');
    const ballot = await nextWith(seen, 'Eve');
    seen = dm().length;
    await press(ballot, 'Eve');
    const confirm = await nextWith(seen, /cast/i);
    seen = dm().length;
    const uploads = h.fake.made('files.completeUploadExternal').length;
    h.fake.rateLimit('chat.postMessage', 1, 1);
    await press(confirm, /cast/i);
    await h.fake.waitFor(() => h.fake.made('files.completeUploadExternal')[uploads], 'the receipt, delivered after the rate limit');
    await h.fake.waitFor(() => dm().slice(seen).find((c) => findButton(c.params.blocks, /verify/i)), 'the receipt card');
    const upload = h.fake.calls.filter((c) => c.method === 'upload').at(-1)!;
    const receipt = /([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}/.exec(String(upload.params.content))![0];
    expect(await h.app.votes.verifyReceipt(receipt)).toMatchObject({ counted: true, election: { id: election.id } });
    // The receipt really went through the outbox, and its row is marked delivered.
    expect(await h.app.store.db.prisma.outboundMessage.count({ where: { channel: 'slack' } })).toBeGreaterThan(0);
    for (let i = 0; (await h.app.store.db.prisma.outboundMessage.count({ where: { status: { not: 'delivered' } } })) > 0; i++) {
      if (i > 600) throw new Error('the outbox row was never marked delivered');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const dump = await dumpDatabase(provider, h.app.databaseUrl);
    for (const [table, rows] of dump) {
      if (table === 'Ballot') continue;
      for (const row of rows) {
        const text = rowText(row);
        expect(text.includes(receipt) || text.includes(normaliseReceipt(receipt)), `${table} keeps the receipt: ${text.slice(0, 300)}`).toBe(false);
      }
    }
  });
});
