import type { Command } from 'commander';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../core/logger.ts';
import { clusterRole, reportListening, runPrimary } from '../../server/cluster.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';

/**
 * `serve`: migrate, prepare the knowledge index, and serve every channel on PORT — in this
 * process (WORKERS=1), or in WORKERS worker processes behind a primary (src/server/cluster.ts).
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the server (web chat, Slack, Teams, console) on PORT')
    .action(async () => {
      const config = loadConfig();
      const role = config.workers > 1 ? clusterRole() : 'single';
      if (role === 'primary') return runPrimary({ workers: config.workers, logger: createLogger(config.logLevel) });
      if (role === 'prepare') {
        // Migrations (createApp) and the index, once for all workers.
        const app = await createApp(config);
        await app.ensureKnowledgeIndex();
        await app.close();
        process.exit(0);
      }
      const app = await createApp(config, role === 'worker' ? { clusterWorker: true } : {});
      let server: RunningServer | undefined;
      let stopping = false;
      // Installed before listening: a signal during start-up still shuts down cleanly.
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        app.logger.info({ signal }, 'shutting down');
        await server?.close();
        await app.close();
        process.exit(0);
      };
      process.on('SIGTERM', () => void stop('SIGTERM'));
      process.on('SIGINT', () => void stop('SIGINT'));
      // A worker whose primary is gone gets no more connections: it finishes what it has and stops.
      if (role === 'worker') process.on('disconnect', () => void stop('primary exited'));
      try {
        // The index is built before listening when it is missing or stale, so the first question is fast.
        await app.ensureKnowledgeIndex();
        if (stopping) return;
        server = await startServer(app);
      } catch (error) {
        // The port taken, the index unreadable: start-up failed. Exit (code 1) rather than keep
        // the background loops running in a process that serves nothing.
        app.logger.fatal({ err: error }, 'start-up failed');
        stopping = true;
        await app.close().catch(() => undefined);
        process.exit(1);
      }
      if (role === 'worker') {
        // The logger names the worker (src/core/logger.ts).
        app.logger.info({ url: server.url }, 'worker listening');
        reportListening(server.url, app.store.db.description);
      } else {
        app.logger.info({ url: server.url, database: app.store.db.description }, 'Union Assistant is listening');
      }
    });
}
