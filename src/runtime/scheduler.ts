import type { Logger } from '../core/logger.ts';
import type { JobRepository } from '../store/jobs.ts';

/** Runs one kind of job. It must be idempotent: a job whose instance crashed runs again. */
export type JobHandler = (payload: unknown, job: { id: string; attempts: number; runAt: Date }) => Promise<void>;

export interface SchedulerOptions {
  jobs: JobRepository;
  logger: Logger;
  /** How often to look for due jobs. */
  intervalMs?: number;
  /** How long a claimed job is this instance's before another may take it over. */
  leaseMs?: number;
  maxAttempts?: number;
}

/**
 * Runs scheduled jobs stored in the database. Jobs survive restarts (they are rows), and with
 * several instances each job runs once: claiming is a conditional update that one instance wins.
 */
export class Scheduler {
  readonly #handlers = new Map<string, JobHandler>();
  readonly #options: Required<SchedulerOptions>;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(options: SchedulerOptions) {
    this.#options = { intervalMs: 1_000, leaseMs: 60_000, maxAttempts: 5, ...options };
  }

  register(kind: string, handler: JobHandler): this {
    this.#handlers.set(kind, handler);
    return this;
  }

  /**
   * Runs due jobs (up to 50) once each; returns how many ran. Tests and the loop both use it; a
   * test's `now` stands for the clock. Each job is claimed just before it runs, so that its lease
   * covers its own run and not the wait behind the others (JobRepository.claimNext); a job that
   * asked for another run while it ran gets it at the next look, not in this one.
   */
  async runDue(now?: Date): Promise<number> {
    const { jobs, logger, leaseMs, maxAttempts } = this.#options;
    const ran: string[] = [];
    while (ran.length < 50) {
      const job = await jobs.claimNext(leaseMs, now ?? new Date(), ran);
      if (!job) break;
      ran.push(job.id);
      const handler = this.#handlers.get(job.kind);
      if (!handler) {
        await jobs.fail(job, `no handler for job kind ${job.kind}`);
        logger.error({ job: job.id, kind: job.kind }, 'no handler for job');
        continue;
      }
      // The lease is renewed while the handler works, so only a dead instance's job is taken over.
      let renewing: Promise<unknown> = Promise.resolve();
      const heartbeat = setInterval(() => {
        renewing = renewing
          .then(() => jobs.renew(job, leaseMs))
          .then((kept) => {
            if (!kept) logger.warn({ job: job.id, kind: job.kind }, 'job lease lost while running');
          })
          .catch((error: unknown) => logger.warn({ job: job.id, err: error instanceof Error ? error.message : String(error) }, 'job lease renewal failed'));
      }, Math.max(10, Math.floor(leaseMs / 3)));
      const settle = async () => {
        clearInterval(heartbeat);
        await renewing;
      };
      try {
        await handler(job.payload, job);
        await settle();
        await jobs.finish(job);
      } catch (error) {
        await settle();
        const message = error instanceof Error ? error.message : String(error);
        const retryAt = job.attempts < maxAttempts ? new Date(Date.now() + 2 ** job.attempts * 1_000) : undefined;
        await jobs.fail(job, message, retryAt);
        logger.warn({ job: job.id, kind: job.kind, attempts: job.attempts, err: message, willRetry: !!retryAt }, 'job failed');
      }
    }
    return ran.length;
  }

  start(): void {
    if (this.#timer) return;
    const tick = () => {
      this.#running = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) => this.#options.logger.error({ err: error }, 'scheduler tick failed'))
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(tick, this.#options.intervalMs);
        });
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
