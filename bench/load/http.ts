import { Agent, request } from 'node:http';

/**
 * One keep-alive agent for every request the generator makes: no connection set-up per turn.
 * An idle socket is dropped after 4 s, before the server's keep-alive timeout (5 s) closes it:
 * otherwise a member that waited ~5 s for a Slack reply could send its next request on a socket
 * the server is closing at that moment (ECONNRESET), an artefact of the client, not the server.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, timeout: 4_000 });

/** BENCH_LOAD_TRACE=1: requests slower than 3 s are written to stderr with their socket, write and response times. */
const TRACE = !!process.env.BENCH_LOAD_TRACE;

/** When each keep-alive socket last finished a response (to tell how long it idled before reuse). */
const lastUsed = new WeakMap<object, number>();

/** A transport error, with how long the socket had been idle when it was reused. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A plain HTTP request on loopback (lighter than fetch: no WHATWG streams per request). */
export function http(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body, 'utf8');
    const req = request(url, { method: options.method ?? 'GET', agent, headers: { ...options.headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (used) lastUsed.set(used, performance.now());
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error('HTTP timeout after 60 s')));
    let idle = 0;
    let used: object | undefined;
    const t0 = performance.now();
    const wall = Date.now();
    const marks: string[] = [];
    if (TRACE) {
      req.on('finish', () => marks.push(`written ${Math.round(performance.now() - t0)}`));
      req.on('response', () => marks.push(`response ${Math.round(performance.now() - t0)}`));
      req.on('close', () => {
        if (performance.now() - t0 > 3000) process.stderr.write(`[trace] ${url} wall ${wall} ${marks.join(", ")} reused=${req.reusedSocket}\n`);
      });
    }
    req.on('socket', (socket) => {
      if (TRACE) {
        marks.push(`socket ${Math.round(performance.now() - t0)}`);
        if (!req.reusedSocket) socket.once('connect', () => marks.push(`connect ${Math.round(performance.now() - t0)}`));
      }
      used = socket;
      idle = performance.now() - (lastUsed.get(socket) ?? performance.now());
    });
    req.on('error', (error) =>
      reject(req.reusedSocket ? new TransportError(`${error.message} (on a reused keep-alive socket)`, `socket idle ${Math.round(idle)} ms before this request`) : error),
    );
    req.end(body);
  });
}

export function closeAgent(): void {
  agent.destroy();
}
