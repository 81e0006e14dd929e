import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../core/logger.ts';

/**
 * `serve` with several worker processes on one machine (WORKERS, docs/DEPLOYMENT.md).
 *
 * Why processes: a chat turn is CPU work in JavaScript (the Prisma client, routing, retrieval,
 * the channel SDKs), so one Node.js process serves one core. On SQLite, several processes can
 * share the file because reads run on their own connection and writes take turns at SQLite's
 * write lock, tried without blocking (src/store/sqlite-adapter.ts); on PostgreSQL the workers
 * are simply several instances. Everything that must happen once — a ballot, a sign-up, a claim, a
 * scheduled job, a Slack event — is already guarded in the database for several instances
 * (tests/scale), so it holds for workers too.
 *
 * The primary serves no request and opens no database. It
 * 1. runs one short-lived `prepare` process (migrations, the knowledge index), so the workers do
 *    not race to build it;
 * 2. starts the workers; each listens on the same port (the primary hands out connections in
 *    turn) and reports when it listens; once all have, it logs "Union Assistant is listening";
 * 3. replaces a worker that died (after 1 s, longer if it keeps dying soon after starting);
 *    but a worker that fails before the server was first up fails start-up (exit code 1);
 * 4. on SIGTERM / SIGINT stops the workers gracefully (each finishes its requests) and exits.
 * A worker whose primary is gone (killed) stops as well: it gets no new connections anyway.
 */

/** What a worker tells the primary. */
type WorkerMessage = { ua: 'listening'; url: string; database: string };

/** The role of this process in a cluster, from the environment the primary set. */
export function clusterRole(): 'primary' | 'prepare' | 'worker' {
  if (cluster.isPrimary) return 'primary';
  return process.env.UA_CLUSTER_ROLE === 'prepare' ? 'prepare' : 'worker';
}

/** Which worker this process is (0 … WORKERS-1), or undefined outside a cluster: in logs and /healthz. */
export function workerSlot(): number | undefined {
  const slot = process.env.UA_CLUSTER_ROLE === 'worker' ? Number(process.env.UA_WORKER_SLOT) : NaN;
  return Number.isInteger(slot) ? slot : undefined;
}

/** A worker reports that it listens (the primary logs once all do). */
export function reportListening(url: string, database: string): void {
  process.send?.({ ua: 'listening', url, database } satisfies WorkerMessage);
}

/**
 * The workers' young generation (V8's semi-space, in MB), unless the operator chose one. Why: under
 * load a turn's objects live for its whole wait (hundreds of ms), longer than the default 16 MB
 * takes to fill, so most of them were copied into the old generation and collected again there.
 * At 100 members on two workers, 64 MB served 12–14% more turns per second (bench/load.ts, paired
 * runs: 268 → 305, 322 → 361) for ~50 MB more memory per worker.
 */
const SEMI_SPACE_MB = 64;

/** The Node.js options a worker is started with: this process's, plus the young generation's size. */
export function workerExecArgv(execArgv: readonly string[], nodeOptions = ''): string[] {
  const chosen = [...execArgv, nodeOptions].some((option) => option.includes('--max-semi-space-size'));
  return chosen ? [...execArgv] : [...execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`];
}

/** How long the primary waits for workers to finish on SIGTERM before killing them. */
const STOP_TIMEOUT_MS = 30_000;

export async function runPrimary(options: { workers: number; logger: Logger }): Promise<void> {
  const { workers, logger } = options;
  let stopping = false;

  const stopAll = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    // SIGTERM, not worker.kill(): that disconnects first, which a worker takes for a dead primary.
    for (const worker of alive) worker.process.kill('SIGTERM');
    const exited = Promise.all(alive.map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve())))));
    const timer = setTimeout(() => {
      logger.warn('workers did not stop in time; killing them');
      for (const worker of alive) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void stopAll('SIGTERM'));
  process.on('SIGINT', () => void stopAll('SIGINT'));

  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });

  // 1. Migrations and the knowledge index, once.
  const prepared = await new Promise<number | null>((resolve) => {
    const prepare = cluster.fork({ UA_CLUSTER_ROLE: 'prepare' });
    prepare.once('exit', (code, signal) => resolve(signal ? 1 : code));
  });
  if (stopping) return;
  if (prepared !== 0) {
    logger.fatal({ code: prepared }, 'start-up preparation failed (see the lines above)');
    process.exit(prepared ?? 1);
  }

  // 2–3. The workers, replacements.
  const listening = new Map<number, WorkerMessage>();
  let announced = false;
  let quickDeaths = 0;

  const start = (slot: number) => {
    const startedAt = Date.now();
    const worker = cluster.fork({ UA_CLUSTER_ROLE: 'worker', UA_WORKER_SLOT: String(slot) });
    worker.on('message', (message: unknown) => {
      const m = message as Partial<WorkerMessage> | null;
      if (m?.ua !== 'listening' || typeof m.url !== 'string') return;
      listening.set(slot, m as WorkerMessage);
      if (!announced && listening.size === workers) {
        announced = true;
        logger.info({ url: m.url, database: m.database, workers }, 'Union Assistant is listening');
      }
    });
    worker.once('exit', (code, signal) => {
      listening.delete(slot);
      if (stopping) return;
      // A worker that fails before the server was ever up (the port taken, a bad certificate)
      // fails start-up, as one process would: exit rather than retry for ever.
      if (!announced) {
        logger.fatal({ slot, code, signal }, 'a worker failed to start (see the lines above); stopping');
        void stopAll('start-up failed', 1);
        return;
      }
      quickDeaths = Date.now() - startedAt < 10_000 ? quickDeaths + 1 : 0;
      const delay = Math.min(1_000 * 2 ** Math.min(quickDeaths, 5), 30_000);
      logger.error({ slot, code, signal, restartInMs: delay }, 'a worker process exited; starting another');
      setTimeout(() => {
        if (!stopping) start(slot);
      }, delay);
    });
  };
  for (let slot = 0; slot < workers; slot++) start(slot);
}
