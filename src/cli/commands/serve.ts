import type { Command } from 'commander';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';

/** `serve`: migrate, prepare the knowledge index, and serve every channel on PORT. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the server (web chat, Slack, Teams, console) on PORT')
    .action(async () => {
      const config = loadConfig();
      const app = await createApp(config);
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
      // The index is built before listening when it is missing or stale, so the first question is fast.
      await app.ensureKnowledgeIndex();
      if (stopping) return;
      server = await startServer(app);
      app.logger.info({ url: server.url, database: app.store.db.description }, 'Union Assistant is listening');
    });
}
