import type { App } from '../app.ts';
import { attachWeb } from '../bots/web/attach-web.ts';
import { attachTeams } from '../bots/teams/teams-channel.ts';
import { attachSlack } from '../bots/slack/slack-channel.ts';
import { workerSlot } from './cluster.ts';
import { HttpServer, sendJson } from './http.ts';

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Extra routes a caller attaches (channels that need more than the app). */
export type ServerPlugin = (server: HttpServer, app: App) => void | Promise<void>;

/** Starts the shared HTTP server: health, web chat, and every configured channel. */
export async function startServer(app: App, options: { port?: number; host?: string; plugins?: ServerPlugin[] } = {}): Promise<RunningServer> {
  const server = new HttpServer(app.logger);
  server.route('GET', '/healthz', async (_req, res) => {
    const database = await app.store.db.ping();
    sendJson(res, database ? 200 : 503, {
      status: database ? 'ok' : 'degraded',
      database: { ok: database, provider: app.store.db.provider },
      uptimeSeconds: Math.round(process.uptime()),
      // Which of `serve`'s worker processes answered (WORKERS > 1), to tell them apart behind one port.
      ...(workerSlot() === undefined ? {} : { worker: workerSlot() }),
    });
  });
  attachWeb(server, app);
  attachTeams(server, app);
  const slack = await attachSlack(server, app);
  for (const plugin of options.plugins ?? []) await plugin(server, app);
  app.start();
  const address = await server.listen(options.port ?? app.config.port, options.host ?? app.config.host);
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const close = async () => {
    await server.close();
    await slack?.close();
  };
  return { url: `http://${host}:${address.port}`, port: address.port, close };
}
