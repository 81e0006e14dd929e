import { createHash } from 'node:crypto';
import type { App } from '../../app.ts';
import { sendText, type HttpServer } from '../../server/http.ts';
import { KnowledgeRevisionRepository } from '../../store/knowledge-revisions.ts';
import { WebAccountRepository } from '../../store/web-accounts.ts';
import { CHAT_CSS, CHAT_JS } from './chat-assets.ts';
import { CONSOLE_CSS, CONSOLE_JS } from './console-assets.ts';
import { attachConsole } from './console-routes.ts';
import { attachLoginRoutes } from './login-routes.ts';
import { attachPasswordPage } from './password-page.ts';
import { RateLimiter } from './rate-limit.ts';
import { WebAuth } from './web-auth.ts';
import { attachWebChat } from './web-chat.ts';
import type { WebContext } from './web-context.ts';

/** Builds what the web pages share; the CLI's `accounts` command uses the same `WebAuth`. */
export function webContext(app: App): WebContext {
  const accounts = new WebAccountRepository(app.store.db.prisma);
  return {
    app,
    accounts,
    auth: new WebAuth(app.store, accounts, app.logger),
    revisions: new KnowledgeRevisionRepository(app.store.db.prisma),
    cookies: { secure: (app.config.publicUrl ?? '').startsWith('https:') },
    // Per five minutes: 60 tries from one address (offices share one behind NAT), 10 for one
    // name; and the account itself locks after five wrong passwords in a row (web-auth.ts).
    addressLimiter: new RateLimiter(60, 5 * 60_000),
    signInLimiter: new RateLimiter(10, 5 * 60_000),
  };
}

function asset(server: HttpServer, path: string, type: string, body: string): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
  server.route('GET', path, (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    sendText(res, 200, body, type, { etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  });
}

/** The daily job that removes expired web sessions and sign-in links. */
const PURGE_JOB = 'web.purge-sessions';

function schedulePurge(app: App, runAt: Date): Promise<void> {
  return app.store.jobs.schedule(app.store.db.prisma, { kind: PURGE_JOB, runAt, dedupeKey: `${PURGE_JOB}:${runAt.toISOString().slice(0, 10)}` });
}

/** The web application: member chat at `/`, sign-in, and the console under `/console`. */
export function attachWeb(server: HttpServer, app: App): WebContext {
  const web = webContext(app);
  // Expired sessions are refused when read anyway; this only keeps the table small.
  app.scheduler.register(PURGE_JOB, async (_payload, job) => {
    const removed = await web.accounts.purgeExpired();
    app.logger.info({ removed }, 'expired web sessions removed');
    await schedulePurge(app, new Date(Math.max(job.runAt.getTime(), Date.now()) + 86_400_000));
  });
  schedulePurge(app, new Date()).catch((error: unknown) => app.logger.error({ err: error }, 'could not schedule the web session purge'));
  asset(server, '/assets/console.css', 'text/css; charset=utf-8', CONSOLE_CSS);
  asset(server, '/assets/console.js', 'text/javascript; charset=utf-8', CONSOLE_JS);
  asset(server, '/assets/chat.css', 'text/css; charset=utf-8', CHAT_CSS);
  asset(server, '/assets/chat.js', 'text/javascript; charset=utf-8', CHAT_JS);
  attachLoginRoutes(server, web);
  attachPasswordPage(server, web);
  attachWebChat(server, web);
  attachConsole(server, web);
  return web;
}
