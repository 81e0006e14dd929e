import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import { DeliveryWorker, RetryableDeliveryError, type Deliverer } from '../../src/runtime/delivery.ts';
import { Scheduler } from '../../src/runtime/scheduler.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

const logger = createLogger('silent');

describe.each(providers)('outbox and scheduled jobs on %s', (provider) => {
  const stores: Store[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    await drop?.();
  });
  /**
   * Two stores over one database: two instances of the server. SQLite is the single-instance
   * default (scale-out is PostgreSQL's job): there the "instances" share one connection, since
   * two synchronous connections in one thread would wait on each other's locks.
   */
  async function twoInstances(): Promise<[Store, Store]> {
    const db = await freshDatabase(provider);
    drop = db.drop;
    const a = await openStore(db.url);
    const b = provider === 'postgresql' ? await openStore(db.url) : a;
    stores.push(...new Set([a, b]));
    return [a, b];
  }

  it('enqueues once per dedupe key and hands each message to one reader', async () => {
    const [a, b] = await twoInstances();
    const reply = [{ type: 'text' as const, text: 'hello' }];
    expect(await a.outbox.enqueue(a.db.prisma, { channel: 'cli', conversationKey: 'cli:u1', replies: reply, dedupeKey: 'k1' })).toBe(true);
    expect(await a.outbox.enqueue(a.db.prisma, { channel: 'cli', conversationKey: 'cli:u1', replies: reply, dedupeKey: 'k1' })).toBe(false);
    await a.outbox.enqueue(a.db.prisma, { channel: 'cli', conversationKey: 'cli:u1', replies: [{ type: 'text', text: 'second' }] });
    const [x, y] = await Promise.all([a.outbox.take('cli', 'cli:u1'), b.outbox.take('cli', 'cli:u1')]);
    expect(x.length + y.length).toBe(2);
    expect([...x, ...y].map((m) => m.replies[0]!.type === 'text' && m.replies[0]!.text).sort()).toEqual(['hello', 'second']);
    expect(await a.outbox.take('cli', 'cli:u1')).toEqual([]);
  });

  it('ignores a key queued by a concurrent transaction, and the transaction that lost goes on and commits', async () => {
    const [a, b] = await twoInstances();
    const text = (t: string) => [{ type: 'text' as const, text: t }];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let queued!: () => void;
    const aQueued = new Promise<void>((resolve) => (queued = resolve));
    const won: Record<string, boolean> = {};
    // A queues the key and stays open; B queues the same key meanwhile (on PostgreSQL it waits for
    // A's row), then a message of its own. Both use the turn's raw transaction.
    const first = a.sqlTransaction(async (tx) => {
      won.a = await a.outbox.enqueue(tx, { channel: 'cli', conversationKey: 'cli:u1', replies: text('from a'), dedupeKey: 'promote:1' });
      queued();
      await held;
      await a.outbox.enqueue(tx, { channel: 'cli', conversationKey: 'cli:u1', replies: text('a after') });
    });
    await aQueued;
    const second = b.sqlTransaction(async (tx) => {
      won.b = await b.outbox.enqueue(tx, { channel: 'cli', conversationKey: 'cli:u1', replies: text('from b'), dedupeKey: 'promote:1' });
      await b.outbox.enqueue(tx, { channel: 'cli', conversationKey: 'cli:u1', replies: text('b after') });
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await Promise.all([first, second]);
    expect(won).toEqual({ a: true, b: false });
    const texts = (await a.outbox.take('cli', 'cli:u1')).map((m) => (m.replies[0]!.type === 'text' ? m.replies[0]!.text : '')).sort();
    expect(texts).toEqual(['a after', 'b after', 'from a']);
  });

  it('keeps no content of a message once it is delivered or given up', async () => {
    const [a] = await twoInstances();
    await a.outbox.enqueue(a.db.prisma, { channel: 'slack', conversationKey: 'DOK', replies: [{ type: 'text', text: 'receipt K7Q2-9XWD' }] });
    await a.outbox.enqueue(a.db.prisma, { channel: 'slack', conversationKey: 'DGONE', replies: [{ type: 'text', text: 'receipt M3P8-4TZA' }] });
    const ok = await a.outbox.claimNext('slack');
    const gone = await a.outbox.claimNext('slack');
    await a.outbox.markDelivered(ok!.id, ok!);
    await a.outbox.markFailed(gone!.id, 'channel_not_found', undefined, gone!);
    const rows = await a.db.prisma.outboundMessage.findMany();
    expect(rows.map((r) => [r.id === ok!.id ? 'ok' : 'gone', r.status, r.replies]).sort()).toEqual([
      ['gone', 'failed', '[]'],
      ['ok', 'delivered', '[]'],
    ]);
    expect(rows.find((r) => r.id === gone!.id)!.lastError).toBe('channel_not_found');
  });

  it('delivers to push channels once across instances, retrying after a rate limit', async () => {
    const [a, b] = await twoInstances();
    for (let i = 0; i < 20; i++) await a.outbox.enqueue(a.db.prisma, { channel: 'slack', conversationKey: `D${i}`, replies: [{ type: 'text', text: `m${i}` }] });
    const delivered: string[] = [];
    let limited = false;
    const deliverer: Deliverer = {
      channel: 'slack',
      async deliver(key) {
        if (key === 'D7' && !limited) {
          limited = true;
          throw new RetryableDeliveryError('ratelimited', 0);
        }
        delivered.push(key);
      },
    };
    const w1 = new DeliveryWorker(a.outbox, logger).register(deliverer);
    const w2 = new DeliveryWorker(b.outbox, logger).register(deliverer);
    await Promise.all([w1.runDue(), w2.runDue()]);
    await Promise.all([w1.runDue(), w2.runDue()]);
    expect(delivered.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `D${i}`).sort());
    expect(await a.outbox.counts()).toEqual({ delivered: 20 });
  });

  it('renews the lease of a job that runs longer than it, so that another instance does not run it too', async () => {
    const [a, b] = await twoInstances();
    const leaseMs = 300;
    const runs: string[] = [];
    let finishRun!: () => void;
    const running = new Promise<void>((resolve) => (finishRun = resolve));
    const slow = new Scheduler({ jobs: a.jobs, logger, leaseMs }).register('slow', async () => {
      runs.push('A');
      await running;
    });
    const other = new Scheduler({ jobs: b.jobs, logger, leaseMs }).register('slow', async () => {
      runs.push('B');
    });
    await a.jobs.schedule(a.db.prisma, { kind: 'slow', runAt: new Date(Date.now() - 1000), dedupeKey: 'slow-1' });
    const first = slow.runDue();
    while (runs.length === 0) await new Promise((r) => setTimeout(r, 10));
    // Three lease lengths later the job is still A's: B finds nothing to run.
    await new Promise((r) => setTimeout(r, 3 * leaseMs));
    expect(await other.runDue()).toBe(0);
    finishRun();
    await first;
    expect(runs).toEqual(['A']);
    expect(await a.jobs.list({ kind: 'slow' })).toMatchObject([{ status: 'done', attempts: 1 }]);
  });

  it('runs each due job once across instances, survives a restart, and retries failures', async () => {
    const [a, b] = await twoInstances();
    const ran: string[] = [];
    let failOnce = true;
    const handler = async (payload: unknown) => {
      const { n } = payload as { n: number };
      if (n === 3 && failOnce) {
        failOnce = false;
        throw new Error('temporary');
      }
      ran.push(String(n));
    };
    const past = new Date(Date.now() - 1000);
    for (let n = 0; n < 10; n++) await a.jobs.schedule(a.db.prisma, { kind: 'test', runAt: past, payload: { n }, dedupeKey: `job-${n}` });
    // Rescheduling the same key moves the job; it does not add another.
    await a.jobs.schedule(a.db.prisma, { kind: 'test', runAt: past, payload: { n: 9 }, dedupeKey: 'job-9' });
    await a.jobs.schedule(a.db.prisma, { kind: 'test', runAt: new Date(Date.now() + 3_600_000), payload: { n: 99 } });
    const s1 = new Scheduler({ jobs: a.jobs, logger }).register('test', handler);
    const s2 = new Scheduler({ jobs: b.jobs, logger }).register('test', handler);
    await Promise.all([s1.runDue(), s2.runDue()]);
    expect(ran.sort()).toEqual(['0', '1', '2', '4', '5', '6', '7', '8', '9']);
    // The failed job is retried after its backoff.
    await s1.runDue(new Date(Date.now() + 10_000));
    expect(ran.filter((n) => n === '3')).toHaveLength(1);
    // A job claimed by an instance that then died is taken over when the lease expires.
    await a.jobs.schedule(a.db.prisma, { kind: 'test', runAt: past, payload: { n: 42 } });
    await b.jobs.claimDue(10, 1); // claimed, never finished: the instance "crashed"
    await new Promise((r) => setTimeout(r, 20));
    await s1.runDue();
    expect(ran).toContain('42');
    const pending = await a.jobs.list({ status: 'pending' });
    expect(pending.map((j) => j.kind)).toEqual(['test']); // only the future one
  });

  it('keeps a job rescheduled while it runs', async () => {
    const [a] = await twoInstances();
    const past = new Date(Date.now() - 1000);
    await a.jobs.schedule(a.db.prisma, { kind: 'again', runAt: past, dedupeKey: 'again' });
    let runs = 0;
    const scheduler = new Scheduler({ jobs: a.jobs, logger }).register('again', async () => {
      runs++;
      // The handler's own work asks for another run of the same key (a case card to sync again).
      if (runs === 1) await a.jobs.schedule(a.db.prisma, { kind: 'again', runAt: past, dedupeKey: 'again' });
    });
    await scheduler.runDue();
    expect(await a.jobs.list({ kind: 'again', status: 'pending' })).toHaveLength(1);
    await scheduler.runDue();
    expect(runs).toBe(2);
    expect(await a.jobs.list({ kind: 'again', status: 'done' })).toHaveLength(1);
  });
});

describe('delivery worker', () => {
  it('stops even when stop() is called while it is delivering', async () => {
    const db = await freshDatabase('sqlite');
    const store = await openStore(db.url);
    await store.outbox.enqueue(store.db.prisma, { channel: 'slack', conversationKey: 'D1', replies: [{ type: 'text', text: 'x' }] });
    let release!: () => void;
    let delivering!: () => void;
    const inDelivery = new Promise<void>((resolve) => (delivering = resolve));
    const worker = new DeliveryWorker(store.outbox, logger, { intervalMs: 10 }).register({
      channel: 'slack',
      deliver: () => {
        delivering();
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    worker.start();
    await inDelivery;
    const stopped = worker.stop();
    release();
    await stopped; // before the fix the loop re-armed its timer and this never resolved
    expect(await store.outbox.counts()).toEqual({ delivered: 1 });
    await store.close();
    await db.drop();
  });
});
