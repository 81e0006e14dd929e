import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase } from '../helpers/database.ts';

/**
 * Instances starting together each schedule the same start-up jobs (the daily purges of web
 * sessions and of expired case transcripts) under one dedupe key. Before the fix, the one whose
 * insert came second failed with a unique violation and logged "could not schedule …" at every
 * start of a deployment with several instances. Two stores here are two instances' connection
 * pools on one PostgreSQL database.
 */
describe.skipIf(!process.env.TEST_POSTGRES_URL)('scheduling one job from two instances at once (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let one: Store;
  let two: Store;
  beforeAll(async () => {
    db = await freshDatabase('postgresql');
    one = await openStore(db.url);
    two = await openStore(db.url, { migrate: false });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  it('keeps one job per key and fails neither caller', async () => {
    const runAt = new Date(Date.now() + 60_000);
    const rounds = 20;
    for (let i = 0; i < rounds; i++) {
      const job = { kind: 'web.purge-sessions', runAt, dedupeKey: `race:${i}` };
      const results = await Promise.allSettled([one.jobs.schedule(one.db.prisma, job), two.jobs.schedule(two.db.prisma, job)]);
      expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason).slice(0, 200))).toEqual([]);
    }
    const rows = await one.db.prisma.scheduledJob.findMany({ where: { dedupeKey: { startsWith: 'race:' } } });
    expect(rows).toHaveLength(rounds);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 0 && r.runAt.getTime() === runAt.getTime())).toBe(true);
  });
});
