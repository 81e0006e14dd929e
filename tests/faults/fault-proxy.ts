import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the way to Slack does to one Web API call: `pass` forwards it; the others are how Slack
 * and the network fail — an HTTP 500 (an HTML page, as a proxy or Slack's edge sends it), a 503,
 * HTTP 429 with Retry-After, `{ok:false,error:"ratelimited"}` with HTTP 200, Slack's own
 * `service_unavailable`, and a connection dropped without an answer (`reset`).
 */
export type Fault = 'pass' | 'status-500' | 'status-503' | 'status-429' | 'ratelimited-200' | 'service_unavailable' | 'reset';

/**
 * A loopback proxy in front of tests/slack/fake-slack-api.ts (or tests/teams/fake-bot-connector.ts) that fails the next calls of a method
 * as scripted, then forwards. A call it failed never reaches the fake, so the fake's record is
 * what Slack would have posted: delivered exactly once means one call there.
 */
export class FaultProxy {
  readonly #faults = new Map<string, Fault[]>();
  /** Every fault served, in order, as `method:fault`. */
  readonly served: string[] = [];
  #server: Server | undefined;
  url = '';

  /**
   * `keyOf` names a request for `script`: by default the Slack Web API method of its path; the
   * Bot Connector test keys its POSTs of activities instead.
   */
  constructor(
    readonly target: string,
    private readonly keyOf: (method: string, path: string) => string = (_method, path) => path.replace(/^\/api\//, ''),
  ) {}

  /** The next calls of `method` meet these faults in order ('pass' lets one through), then pass. */
  script(method: string, ...faults: Fault[]): this {
    this.#faults.set(method, [...(this.#faults.get(method) ?? []), ...faults]);
    return this;
  }

  /** Faults scripted but not yet served. */
  pending(): number {
    return [...this.#faults.values()].reduce((n, list) => n + list.length, 0);
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${new URL(this.target).pathname}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server?.close(() => resolve());
      this.#server?.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = this.keyOf(req.method ?? 'GET', path);
    const fault = this.#faults.get(method)?.shift() ?? 'pass';
    if (fault !== 'pass') this.served.push(`${method}:${fault}`);
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(payload));
    };
    switch (fault) {
      case 'status-500':
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>500 Internal Server Error</body></html>');
        return;
      case 'status-503':
        return json(503, { ok: false, error: 'service_unavailable' });
      case 'status-429':
        return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      case 'ratelimited-200':
        return json(200, { ok: false, error: 'ratelimited' });
      case 'service_unavailable':
        return json(200, { ok: false, error: 'service_unavailable' });
      case 'reset':
        // The request was read; the answer never comes: the connection drops.
        setTimeout(() => req.socket.destroy(), 200);
        return;
      case 'pass': {
        const target = new URL((req.url ?? '/').replace(/^\//, ''), new URL(this.target).origin + '/');
        const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        upstream.end(body);
        return;
      }
    }
  }
}
