import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Prisma } from './database.ts';
import { newId } from './ids.ts';
import type { Db, SqlRunner } from './sql.ts';

/** A job claimed for running. */
export interface ClaimedJob {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  runAt: Date;
  /** The end of this claim's lease: with the attempt count, what tells this claim from a later one. */
  lockedUntil: Date;
}

/** Scheduled jobs with leases (see ScheduledJob in prisma/schema/outbox.prisma). */
export class JobRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
  ) {}

  /**
   * Schedules a job. With a `dedupeKey`, scheduling the same key again moves the job to the new
   * time instead of adding a second one (an SLA due time that changed, say); a job of that key
   * that already ran, failed or was cancelled is made pending again, with its attempts reset.
   *
   * One `INSERT … ON CONFLICT ("dedupeKey") DO UPDATE`, the same on SQLite and PostgreSQL and in
   * any transaction (`SqlTx` too). Why not look the key up and insert, as this did until
   * 2026-11-28: several instances starting together schedule the same start-up job (the daily
   * purges) at once, and the insert that lost the race failed on the unique key; inside a
   * transaction on PostgreSQL that also aborted the caller's transaction
   * (tests/scale/schedule-race.int.test.ts).
   */
  async schedule(db: Db, job: { kind: string; runAt: Date; payload?: unknown; dedupeKey?: string }): Promise<void> {
    const payload = JSON.stringify(job.payload ?? {});
    // In the update, a column names the row as it was: "status" is its status before this one.
    await this.sql.execute(
      db,
      sql`INSERT INTO "ScheduledJob" ("id", "kind", "runAt", "payload", "status", "attempts", "dedupeKey", "createdAt")
          VALUES (${newId()}, ${job.kind}, ${job.runAt}, ${payload}, 'pending', 0, ${job.dedupeKey ?? null}, ${new Date()})
          ON CONFLICT ("dedupeKey") DO UPDATE SET
            "runAt" = ${job.runAt},
            "payload" = ${payload},
            "attempts" = CASE WHEN "ScheduledJob"."status" = 'pending' THEN "ScheduledJob"."attempts" ELSE 0 END,
            "lockedUntil" = CASE WHEN "ScheduledJob"."status" = 'pending' THEN "ScheduledJob"."lockedUntil" ELSE NULL END,
            "lastError" = CASE WHEN "ScheduledJob"."status" = 'pending' THEN "ScheduledJob"."lastError" ELSE NULL END,
            "finishedAt" = CASE WHEN "ScheduledJob"."status" = 'pending' THEN "ScheduledJob"."finishedAt" ELSE NULL END,
            "status" = 'pending'`,
    );
  }

  /** Cancels a pending job by its key (e.g. the case was answered before its SLA ran out). */
  async cancel(db: Db, dedupeKey: string): Promise<void> {
    await this.sql.execute(db, sql`UPDATE "ScheduledJob" SET "status" = 'cancelled', "finishedAt" = ${new Date()} WHERE "dedupeKey" = ${dedupeKey} AND "status" = 'pending'`);
  }

  /** Claims up to `limit` due jobs (of the first `candidates`, not those in `exclude`): exactly one instance wins each (conditional update), for `leaseMs`. */
  async claimDue(limit: number, leaseMs: number, now = new Date(), candidates = limit, exclude: string[] = []): Promise<ClaimedJob[]> {
    const due = await this.prisma.scheduledJob.findMany({
      where: { OR: [{ status: 'pending', runAt: { lte: now } }, { status: 'running', lockedUntil: { lt: now } }], ...(exclude.length ? { id: { notIn: exclude } } : {}) },
      orderBy: { runAt: 'asc' },
      take: candidates,
    });
    const claimed: ClaimedJob[] = [];
    for (const row of due) {
      if (claimed.length >= limit) break;
      const lockedUntil = new Date(now.getTime() + leaseMs);
      const result = await this.prisma.scheduledJob.updateMany({
        where: { id: row.id, status: row.status, attempts: row.attempts },
        data: { status: 'running', lockedUntil, attempts: { increment: 1 } },
      });
      if (result.count !== 1) continue;
      let payload: unknown = {};
      try {
        payload = JSON.parse(row.payload);
      } catch {
        payload = undefined;
      }
      claimed.push({ id: row.id, kind: row.kind, payload, attempts: row.attempts + 1, runAt: row.runAt, lockedUntil });
    }
    return claimed;
  }

  /**
   * Claims the next due job, with a lease that starts now. The scheduler claims one job at a time,
   * just before running it: jobs claimed as a batch would all start their leases at once, and the
   * last of a slow batch could run out of lease before it started, to be run by another instance
   * as well (tests/scale/claim-batches.int.test.ts). Undefined when nothing is due (or others won it all).
   */
  async claimNext(leaseMs: number, now = new Date(), exclude: string[] = []): Promise<ClaimedJob | undefined> {
    const [job] = await this.claimDue(1, leaseMs, now, 10, exclude);
    return job;
  }

  /**
   * Marks a claimed run done. Conditional on the claim: a job that was rescheduled while it ran is
   * pending again, and that new request must not be lost. The attempt count alone does not tell
   * claims apart, because rescheduling starts it again from 0: another instance's claim of the
   * rescheduled job has the same count as this run, and this run's end would mark that one done
   * while it still runs (tests/scale/job-revival.int.test.ts). Its lease end does.
   */
  async finish(job: Pick<ClaimedJob, 'id' | 'attempts' | 'lockedUntil'>): Promise<void> {
    await this.prisma.scheduledJob.updateMany({ where: { id: job.id, status: 'running', attempts: job.attempts, lockedUntil: job.lockedUntil }, data: { status: 'done', finishedAt: new Date(), lockedUntil: null } });
  }

  /**
   * Extends a running job's lease, so that a long run (a reminder round over a large roster) is
   * not taken over by another instance while it is still working. Conditional on the claim like
   * `finish`; on success the claim's `lockedUntil` becomes the new lease end. False when the claim
   * was lost (taken over, or the job rescheduled meanwhile).
   */
  async renew(job: Pick<ClaimedJob, 'id' | 'attempts' | 'lockedUntil'>, leaseMs: number): Promise<boolean> {
    const lockedUntil = new Date(Date.now() + leaseMs);
    const result = await this.prisma.scheduledJob.updateMany({
      where: { id: job.id, status: 'running', attempts: job.attempts, lockedUntil: job.lockedUntil },
      data: { lockedUntil },
    });
    if (result.count !== 1) return false;
    job.lockedUntil = lockedUntil;
    return true;
  }

  /** Records a failed run: retried at `retryAt`, or given up. Conditional on the claim, like `finish`. */
  async fail(job: Pick<ClaimedJob, 'id' | 'attempts' | 'lockedUntil'>, error: string, retryAt?: Date): Promise<void> {
    await this.prisma.scheduledJob.updateMany({
      where: { id: job.id, status: 'running', attempts: job.attempts, lockedUntil: job.lockedUntil },
      data: retryAt ? { status: 'pending', runAt: retryAt, lockedUntil: null, lastError: error.slice(0, 500) } : { status: 'failed', finishedAt: new Date(), lockedUntil: null, lastError: error.slice(0, 500) },
    });
  }

  async list(filter: { kind?: string; status?: string } = {}): Promise<{ id: string; kind: string; status: string; runAt: Date; attempts: number; dedupeKey: string | null }[]> {
    return this.prisma.scheduledJob.findMany({
      where: { kind: filter.kind, status: filter.status },
      orderBy: { runAt: 'asc' },
      select: { id: true, kind: true, status: true, runAt: true, attempts: true, dedupeKey: true },
    });
  }
}
