import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { DeliveryWorker, type Deliverer } from '../../src/runtime/delivery.ts';
import { Scheduler } from '../../src/runtime/scheduler.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Two instances, one busy: instance A is stuck on the first of several due items past its lease
 * (a slow Slack, a long reminder round). Instance B may take over that item, whose lease ran
 * out, but not the items A has not even started: they must not run on both. They would if A
 * claimed them all at once and started each one's lease long before working on it.
 */
describe.each(providers)('claiming work item by item on %s', (provider) => {
  let store: Store | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await store?.close();
    await drop?.();
  });
  async function open(): Promise<Store> {
    const db = await freshDatabase(provider);
    drop = db.drop;
    store = await openStore(db.url);
    return store;
  }

  it('scheduled jobs: the jobs A has not started run once, on B', async () => {
    const s = await open();
    const logger = createLogger('silent');
    const runs = new Map<string, string[]>();
    const stuck = { started: gate(), release: gate() };
    const handler = (instance: string) => async (payload: unknown) => {
      const n = (payload as { n: string }).n;
      runs.set(n, [...(runs.get(n) ?? []), instance]);
      if (instance === 'A' && n === '1') {
        stuck.started.open();
        await stuck.release.promise;
      }
    };
    const leaseMs = 1_000;
    const a = new Scheduler({ jobs: s.jobs, logger, leaseMs }).register('probe', handler('A'));
    const b = new Scheduler({ jobs: s.jobs, logger, leaseMs }).register('probe', handler('B'));
    const now = new Date();
    for (const n of ['1', '2', '3', '4', '5']) await s.jobs.schedule(s.db.prisma, { kind: 'probe', runAt: new Date(now.getTime() - 10_000 + Number(n)), payload: { n }, dedupeKey: `probe:${n}` });
    const runA = a.runDue(now);
    await stuck.started.promise;
    // B looks after A's lease on job 1 ran out (its clock says so; nothing here waits).
    await b.runDue(new Date(now.getTime() + 2 * leaseMs));
    stuck.release.open();
    await runA;
    for (const n of ['2', '3', '4', '5']) expect(runs.get(n), `job ${n}`).toHaveLength(1);
  });

  it('outbox delivery: the messages A has not started are posted once, by B', async () => {
    const s = await open();
    const logger = createLogger('silent');
    const posted: string[] = [];
    const stuck = { started: gate(), release: gate() };
    const deliverer = (instance: string): Deliverer => ({
      channel: 'slack',
      async deliver(_key: string, replies: Reply[]) {
        const text = replies[0]!.type === 'text' ? replies[0]!.text : '';
        posted.push(text);
        if (instance === 'A' && text === 'message 1') {
          stuck.started.open();
          await stuck.release.promise;
        }
      },
    });
    const leaseMs = 300;
    const a = new DeliveryWorker(s.outbox, logger, { leaseMs }).register(deliverer('A'));
    const b = new DeliveryWorker(s.outbox, logger, { leaseMs }).register(deliverer('B'));
    for (const n of [1, 2, 3, 4, 5]) {
      await s.outbox.enqueue(s.db.prisma, { channel: 'slack', conversationKey: 'CBULK', replies: [{ type: 'text', text: `message ${n}` }] });
      await new Promise((r) => setTimeout(r, 5)); // distinct creation times: delivery order is creation order
    }
    const runA = a.runDue();
    await stuck.started.promise;
    // Longer than the lease: A's claim on message 1 has run out when B looks.
    await new Promise((r) => setTimeout(r, leaseMs * 3));
    await b.runDue();
    stuck.release.open();
    await runA;
    for (const n of [2, 3, 4, 5]) expect(posted.filter((p) => p === `message ${n}`), `message ${n}`).toHaveLength(1);
    // Message 1 was taken over after its lease (posted twice: at least once is the promise), and
    // the slow instance's late success does not undo the other's bookkeeping.
    expect(await s.db.prisma.outboundMessage.count({ where: { status: 'delivered' } })).toBe(5);
  });
});
