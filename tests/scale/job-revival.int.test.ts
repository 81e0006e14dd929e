import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import { Scheduler } from '../../src/runtime/scheduler.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * A job rescheduled while one instance runs it (a case reopened during its service-level check)
 * is pending again, and another instance may claim and run it. The first run's bookkeeping must
 * then leave the second run's claim alone: otherwise the row reads "done" while the second run
 * is still going, and if that run fails its retry is lost.
 */
describe.each(providers)('a job rescheduled while it runs, on %s', (provider) => {
  let store: Store | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await store?.close();
    await drop?.();
  });

  it('keeps the second run’s claim when the first run finishes, and retries the second run’s failure', async () => {
    const db = await freshDatabase(provider);
    drop = db.drop;
    store = await openStore(db.url);
    const logger = createLogger('silent');
    const first = { started: gate(), release: gate() };
    const second = { started: gate(), release: gate() };
    // Two instances' schedulers (one store: the bookkeeping is what is tested, not the connections).
    const a = new Scheduler({ jobs: store.jobs, logger }).register('probe', async () => {
      first.started.open();
      await first.release.promise;
    });
    const b = new Scheduler({ jobs: store.jobs, logger }).register('probe', async () => {
      second.started.open();
      await second.release.promise;
      throw new Error('the second run failed');
    });
    const job = { kind: 'probe', runAt: new Date(Date.now() - 1_000), dedupeKey: 'probe:1' };
    await store.jobs.schedule(store.db.prisma, job);
    const runA = a.runDue();
    await first.started.promise;
    await store.jobs.schedule(store.db.prisma, job); // rescheduled while A runs it: due again now
    const runB = b.runDue();
    await second.started.promise;

    first.release.open();
    expect(await runA).toBe(1);
    const during = await store.db.prisma.scheduledJob.findUniqueOrThrow({ where: { dedupeKey: 'probe:1' } });
    expect(during.status, 'B still holds its claim').toBe('running');

    second.release.open();
    expect(await runB).toBe(1);
    const after = await store.db.prisma.scheduledJob.findUniqueOrThrow({ where: { dedupeKey: 'probe:1' } });
    expect(after.status, 'the failed second run is retried').toBe('pending');
    expect(after.lastError).toContain('the second run failed');
  });
});
