import { Agent, request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import { attachSlack, type SlackChannel } from '../../src/bots/slack/slack-channel.ts';
import { attachTeams } from '../../src/bots/teams/teams-channel.ts';
import { attachWeb } from '../../src/bots/web/attach-web.ts';
import type { WebContext } from '../../src/bots/web/web-context.ts';
import { createLogger } from '../../src/core/logger.ts';
import { HttpServer, sendJson } from '../../src/server/http.ts';
import { testApp } from '../helpers/app.ts';
import { smallKnowledgeBase } from '../slack/slack-harness.ts';
import { FakeSlackApi } from '../slack/fake-slack-api.ts';
import { SIGNING_SECRET } from '../slack/slack-requests.ts';
import { FakeBotConnector } from '../teams/fake-bot-connector.ts';
import { closeApp } from '../teams/shutdown.ts';
import { prototypePolluted, replayHint } from './mutate.ts';

/** One request of a fuzz case, and what came back. */
export interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}
export interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The connection was closed before an answer (only acceptable for an oversized body). */
  reset?: boolean;
}

/** A parsed log line. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** Markers put in message texts; no log line may ever contain one (logs never hold message text). */
export const CANARY = 'CANARY-7f3a';

/**
 * One real application with every inbound edge on one loopback server — Slack over HTTP (signed
 * requests, fake Web API), Teams in Emulator mode (fake Bot Connector), the web chat and console
 * — and a log that the fuzz can read: an error-level line means something threw that nobody meant.
 */
export class FuzzServer {
  readonly logs: LogLine[] = [];
  url = '';
  #agent = new Agent({ keepAlive: true, maxSockets: 8, timeout: 2_000 });
  #server!: HttpServer;
  #removeKnowledge!: () => void;
  app!: Awaited<ReturnType<typeof testApp>>;
  fake!: FakeSlackApi;
  connector!: FakeBotConnector;
  slack!: SlackChannel;
  web!: WebContext;

  static async start(options: { staffChannel?: string } = {}): Promise<FuzzServer> {
    const fuzz = new FuzzServer();
    await fuzz.#start(options);
    return fuzz;
  }

  async #start(options: { staffChannel?: string }): Promise<void> {
    const logs = this.logs;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) logs.push(JSON.parse(line) as LogLine);
        done();
      },
    });
    this.fake = await new FakeSlackApi().start();
    this.connector = await new FakeBotConnector().start();
    const knowledge = smallKnowledgeBase();
    this.#removeKnowledge = knowledge.remove;
    this.app = await testApp('sqlite', { logger: createLogger('info', sink) }, {
      KNOWLEDGE_DIR: knowledge.dir,
      SLACK_BOT_TOKEN: this.fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: this.fake.url,
      ...(options.staffChannel ? { SLACK_STAFF_CHANNEL: options.staffChannel } : {}),
    });
    await this.app.ensureKnowledgeIndex();
    // The same channels as src/server/serve.ts, kept by hand here so the fuzz can reach the Slack
    // channel (to wait until acknowledged work is done) and the web context.
    const app: App = this.app;
    const server = new HttpServer(app.logger);
    server.route('GET', '/healthz', async (_req, res) => {
      const database = await app.store.db.ping();
      sendJson(res, database ? 200 : 503, { status: database ? 'ok' : 'degraded' });
    });
    this.web = attachWeb(server, app);
    attachTeams(server, app);
    this.slack = (await attachSlack(server, app))!;
    app.start();
    const address = await server.listen(0, '127.0.0.1');
    this.#server = server;
    this.url = `http://127.0.0.1:${address.port}`;
  }

  /** One HTTP request over a keep-alive connection (fetch is slower and hides resets). */
  async send(sent: Sent): Promise<Received> {
    const first = await this.#send(sent);
    // A keep-alive socket the server closed as idle just as it was reused: the request never
    // reached the server, so it is sent again (an oversized body's reset is the server's answer).
    if (first.reset && Buffer.byteLength(sent.body ?? '') <= 1_000_000) return this.#send(sent);
    return first;
  }

  #send(sent: Sent): Promise<Received> {
    const body = sent.body === undefined ? undefined : Buffer.isBuffer(sent.body) ? sent.body : Buffer.from(sent.body, 'utf8');
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        `${this.url}${sent.path}`,
        { method: sent.method ?? 'POST', agent: this.#agent, headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...sent.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            // Refused before the whole body was read (413): stop uploading, or the connection
            // stays stuck until the server's headers timeout (a minute) and stalls the pool.
            if (!req.writableFinished) req.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
          });
          res.on('error', reject);
        },
      );
      // The server answers an oversized body with 413 but keeps the connection until its headers
      // timeout (a minute) unless the client gives up: give up after a few seconds.
      if (body && body.length > 1_000_000) req.setTimeout(3_000, () => req.destroy(Object.assign(new Error('oversized body: gave up'), { code: 'ECONNRESET' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve({ status: 0, headers: {}, text: '', reset: true });
        else reject(error);
      });
      req.end(body);
    });
  }

  /** Row counts of every table: "no state change" is these being equal before and after. */
  async tableCounts(): Promise<Record<string, number>> {
    const prisma = this.app.store.db.prisma;
    const tables = await prisma.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND substr(name, 1, 1) <> '_'");
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [row] = await prisma.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "${name}"`);
      counts[name] = Number(row!.n);
    }
    return counts;
  }

  /** Row counts once background work (the scheduler's first jobs) has settled. */
  async settledCounts(): Promise<Record<string, number>> {
    let last = JSON.stringify(await this.tableCounts());
    for (;;) {
      await this.idle();
      await new Promise((r) => setTimeout(r, 1_200));
      const now = JSON.stringify(await this.tableCounts());
      if (now === last) return JSON.parse(now) as Record<string, number>;
      last = now;
    }
  }

  /** Waits until acknowledged Slack work and proactive deliveries are done. */
  async idle(): Promise<void> {
    await this.slack.idle();
  }

  /**
   * What must hold after every batch: the server still answers its health check, nothing was
   * logged at error level (something threw that no one meant to), Object.prototype is clean, and
   * no log line holds message text (the canary) or a secret.
   */
  async checkBatch(edge: string, batch: number[]): Promise<void> {
    await this.idle();
    const health = await this.send({ method: 'GET', path: '/healthz' });
    expect(health.status, `health check after ${edge} batch ${batch[0]}…${batch.at(-1)}`).toBe(200);
    expect(prototypePolluted(), `prototype pollution after ${edge} batch ${batch[0]}…${batch.at(-1)}`).toBeUndefined();
    const logs = this.logs.splice(0);
    const errors = logs.filter((l) => l.level >= 50);
    expect(errors.length === 0 ? [] : [`${errors.length} error lines, the first:`, ...errors.slice(0, 3).map((e) => JSON.stringify(e).slice(0, 500))], `error logs during ${edge} cases ${batch[0]}…${batch.at(-1)} (${replayHint(edge, batch[0]!)} and the following, one by one)`).toEqual([]);
    const leaking = logs.filter((l) => {
      const text = JSON.stringify(l);
      return text.includes(CANARY) || text.includes(SIGNING_SECRET) || text.includes(this.fake.token);
    });
    expect(leaking.map((l) => JSON.stringify(l).slice(0, 300)), 'log lines holding message text or a secret').toEqual([]);
  }

  async close(): Promise<void> {
    await this.#server?.close();
    await this.slack?.close();
    this.#agent.destroy();
    if (this.app) await closeApp(this.app);
    await this.fake?.stop();
    await this.connector?.close();
    this.#removeKnowledge?.();
  }
}

/** Runs `work` over items with a bounded number in flight. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(runners);
}

/** Splits case indices into batches (invariants are checked between batches). */
export function batches(indices: number[], size = 1_000): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < indices.length; i += size) out.push(indices.slice(i, i + size));
  return out;
}

/** A response body that says what is wrong: JSON with error and message, or a page with text. */
export function clearRefusal(res: Received): string | undefined {
  if (res.status < 400 || res.status >= 500) return `status ${res.status}`;
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    try {
      const body = JSON.parse(res.text) as { error?: unknown; message?: unknown };
      if (typeof body.error !== 'string' || !body.error) return `JSON refusal without an error code: ${res.text.slice(0, 200)}`;
      return undefined;
    } catch {
      return `refusal claims JSON but is not: ${res.text.slice(0, 200)}`;
    }
  }
  if (type.startsWith('text/html')) return res.text.includes('<h1>') || res.text.includes('role="alert"') || res.text.includes('class="flash') ? undefined : `HTML refusal without a message: ${res.text.slice(0, 200)}`;
  return `refusal of type "${type}": ${res.text.slice(0, 200)}`;
}

/** Collects failures of cases and reports them together, each with its replay line. */
export class Failures {
  readonly list: string[] = [];
  constructor(readonly edge: string) {}
  add(index: number, problem: string, did?: string[]): void {
    if (this.list.length < 50) this.list.push(`#${index} ${problem}${did?.length ? ` [${did.join('; ')}]` : ''} — ${replayHint(this.edge, index)}`);
  }
  assertNone(): void {
    expect(this.list, `${this.edge}: failing cases`).toEqual([]);
  }
}
