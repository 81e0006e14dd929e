import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** One Web API call as the fake received it. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status the fake answered with (429 for a rate-limited call). */
  status: number;
  /** What the fake answered (the posted message's ts, say). */
  response?: Record<string, unknown>;
  at: number;
}

/** A Slack user the fake knows (users.info). */
export interface FakeUser {
  id: string;
  team?: string;
  name?: string;
  email?: string;
  locale?: string;
  isBot?: boolean;
}

/**
 * A loopback fake of the Slack Web API: a node:http server on 127.0.0.1 port 0 that records every
 * call and answers the way Slack does (`{ok: true, …}` JSON; `ratelimited` with HTTP 429 and
 * Retry-After; `invalid_auth` for a wrong token). Point the app at it with SLACK_API_URL.
 */
export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly #rateLimits = new Map<string, { count: number; retryAfter: number }>();
  readonly #failures = new Map<string, string>();
  #server: Server | undefined;
  #ts = 1_700_000_000;
  url = '';

  constructor(
    readonly token = 'xoxb-test-token',
    readonly bot = { userId: 'UBOT', botId: 'BBOT', team: 'T0TEAM' },
  ) {}

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server?.close(() => resolve());
      this.#server?.closeAllConnections();
    });
  }

  addUser(user: FakeUser): this {
    this.users.set(user.id, user);
    return this;
  }

  /** The next `count` calls of `method` are answered 429 ratelimited with Retry-After. */
  rateLimit(method: string, retryAfterSeconds: number, count = 1): this {
    this.#rateLimits.set(method, { count, retryAfter: retryAfterSeconds });
    return this;
  }

  /** Every call of `method` fails with a Slack error (e.g. missing_scope) until cleared. */
  fail(method: string, error: string | undefined): this {
    if (error) this.#failures.set(method, error);
    else this.#failures.delete(method);
    return this;
  }

  /** Successful calls of a method. */
  made(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200);
  }

  /** Waits until a condition on the recorded calls holds (no timing is asserted). */
  async waitFor<T>(probe: () => T | undefined | false, what = 'the expected Slack call', timeoutMs = 20_000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; calls so far:\n${this.describe()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The calls so far, one line each (for failure messages). */
  describe(): string {
    return this.calls
      .map((c) => `  ${c.method}(${c.status}) ${[c.params.channel, c.params.thread_ts, c.params.user].filter(Boolean).join(' ')} ${String(c.params.text ?? '').slice(0, 80).replace(/\n/g, ' ')}`)
      .join('\n');
  }

  /** Waits for the n-th successful call of a method (1-based). */
  async nth(method: string, n = 1): Promise<RecordedCall> {
    return this.waitFor(() => this.made(method)[n - 1], `${method} #${n}`);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/upload/')) {
      this.calls.push({ method: 'upload', params: { path: url.pathname, bytes: raw.length, content: raw.toString('utf8') }, status: 200, at: Date.now() });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const params = this.#params(req, raw);
    const limit = this.#rateLimits.get(method);
    if (limit && limit.count > 0) {
      limit.count -= 1;
      this.calls.push({ method, params, status: 429, at: Date.now() });
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit.retryAfter) }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const auth = req.headers.authorization ?? (typeof params.token === 'string' ? `Bearer ${params.token}` : '');
    const body = auth === `Bearer ${this.token}` ? this.#answer(method, params) : { ok: false, error: 'invalid_auth' };
    this.calls.push({ method, params, status: 200, response: body, at: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }

  #params(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('application/json')) return JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(parseQuery(raw.toString('utf8')))) {
      const text = Array.isArray(value) ? value[0] : value;
      // The Web API client sends objects (blocks, views) as JSON strings inside the form.
      try {
        out[key] = text && /^[[{]/.test(text) ? JSON.parse(text) : text;
      } catch {
        out[key] = text;
      }
    }
    return out;
  }

  #answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    const failure = this.#failures.get(method);
    if (failure) return { ok: false, error: failure };
    const ts = () => `${++this.#ts}.000100`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'union-assistant', team_id: this.bot.team, user_id: this.bot.userId, bot_id: this.bot.botId };
      case 'users.info': {
        const user = this.users.get(String(params.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: user.team ?? this.bot.team,
            name: user.name ?? user.id.toLowerCase(),
            real_name: user.name ?? user.id,
            is_bot: !!user.isBot,
            ...(params.include_locale && user.locale ? { locale: user.locale } : {}),
            profile: { display_name: user.name ?? '', real_name: user.name ?? user.id, ...(user.email ? { email: user.email } : {}) },
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(params.users).replace(/^U/, '')}` } };
      case 'chat.postMessage': {
        const t = ts();
        return { ok: true, channel: params.channel, ts: t, message: { ts: t, text: params.text, blocks: params.blocks, ...(params.thread_ts ? { thread_ts: params.thread_ts } : {}) } };
      }
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts, text: params.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts() };
      case 'views.publish':
      case 'views.open':
      case 'views.update':
        return { ok: true, view: { id: `V${++this.#ts}`, ...(params.view as object) } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url.replace(/\/api\/$/, '')}/upload/F${this.#ts}`, file_id: `F${++this.#ts}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: (params.files as { id: string; title?: string }[] | undefined) ?? [] };
      default:
        return { ok: true };
    }
  }
}
