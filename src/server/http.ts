import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, isAppError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { isDatabaseUnavailable } from '../store/database.ts';

/** A request handler; `params` holds the named groups of the route's pattern. */
export type Handler = (req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => Promise<void> | void;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Reads a request body up to `limit` bytes; larger bodies are refused with 413. */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('invalid_input', `request body larger than ${limit} bytes`, { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads and parses a JSON body; malformed JSON is a 400. */
export async function readJson(req: IncomingMessage, limit?: number): Promise<unknown> {
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8') || 'null');
  } catch {
    throw new AppError('invalid_input', 'the request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** What a request is told while the database is unavailable (both languages: no turn, no locale). */
export const UNAVAILABLE_MESSAGE = '服务暂时不可用，请稍后再试。The service is temporarily unavailable; please try again in a moment.';

/**
 * The one HTTP server every channel shares (Slack events, Bot Framework activities, web chat,
 * console, health). A tiny route table rather than a framework: each channel library brings its
 * own request handling, and this keeps them side by side without adapters between frameworks.
 */
/**
 * A path as logs may show it: long segments are cut. Why: some links carry data in the path (a
 * Teams file link carries the file, e.g. a ballot receipt), and logs must not hold it.
 */
export function loggedPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => (segment.length > 40 ? `${segment.slice(0, 8)}…(${segment.length})` : segment))
    .join('/');
}

export class HttpServer {
  readonly #routes: Route[] = [];
  readonly #server: Server;
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
    this.#server = createServer((req, res) => void this.#dispatch(req, res));
    // Longer than a load balancer's idle timeout (AWS ALB, nginx: 60 s), so that the balancer, not
    // this server, closes an idle connection: otherwise a request it sends on a connection we are
    // closing fails (a 502 for the member). Headers must be allowed a little longer still.
    this.#server.keepAliveTimeout = 65_000;
    this.#server.headersTimeout = 66_000;
  }

  route(method: string, path: string | RegExp, handler: Handler): this {
    const pattern = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
    this.#routes.push({ method, pattern, handler });
    return this;
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    // A response sent before the request's body was read to its end (refused early, too large)
    // closes the connection. Why: Node then reads and discards the rest of the declared body, and
    // with a client whose Content-Length overstates its body (found by tests/fuzz), the client's
    // next request on that connection was swallowed as that rest and never answered.
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (!req.complete) res.shouldKeepAlive = false;
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as typeof res.writeHead;
    const candidates = this.#routes.filter((r) => r.pattern.test(url.pathname));
    const route = candidates.find((r) => r.method === req.method || (r.method === 'GET' && req.method === 'HEAD'));
    try {
      if (!route) {
        if (candidates.length > 0) sendJson(res, 405, { error: 'method_not_allowed' }, { allow: [...new Set(candidates.map((r) => r.method))].join(', ') });
        else sendJson(res, 404, { error: 'not_found' });
        return;
      }
      const params = route.pattern.exec(url.pathname)?.groups ?? {};
      await route.handler(req, res, { ...params });
    } catch (error) {
      if (isAppError(error)) {
        const status = (error.details as { status?: number } | undefined)?.status ?? error.status;
        if (!res.headersSent) sendJson(res, status, { error: error.code, message: error.message });
      } else if (isDatabaseUnavailable(error)) {
        // The database is away (PostgreSQL unreachable, SQLite locked by another process): not a
        // bug, and the same process serves again once it is back. A clear 503 in both languages;
        // the error's message, not its stack, is logged.
        this.#logger.warn({ err: error instanceof Error ? error.message.slice(0, 300) : String(error), path: loggedPath(url.pathname) }, 'request failed: database unavailable');
        if (!res.headersSent) sendJson(res, 503, { error: 'unavailable', message: UNAVAILABLE_MESSAGE }, { 'retry-after': '5' });
        else res.destroy();
      } else {
        this.#logger.error({ err: error, path: loggedPath(url.pathname) }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal', message: 'internal error' });
        else res.destroy();
      }
    } finally {
      this.#logger.debug({ method: req.method, path: loggedPath(url.pathname), status: res.statusCode, ms: Date.now() - started }, 'request');
    }
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => resolve(this.#server.address() as AddressInfo));
    });
  }

  /** Stops accepting connections, lets requests in flight finish, then closes idle sockets. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeIdleConnections();
      setTimeout(() => this.#server.closeAllConnections(), 5_000).unref();
    });
  }
}
