import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  authorization?: string;
  body: Record<string, unknown> | undefined;
  /** The activity id the fake gave a posted activity (to reply to or update it later). */
  responseId?: string;
  /** The status the fake answered with. */
  status?: number;
  /** When the fake received it (Date.now()). */
  receivedAt: number;
}

/** A Teams member as `GET /v3/conversations/{id}/members/{userId}` returns it. */
export interface FakeMember {
  id: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
}

/**
 * A loopback fake of the Bot Connector REST API (the service Teams and the Emulator expose at an
 * activity's `serviceUrl`): it records what the bot sends and answers like the real service.
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, FakeMember>();
  /** Requests to answer 429 with this Retry-After (seconds), then normally. */
  throttle: { remaining: number; retryAfterSeconds: number } = { remaining: 0, retryAfterSeconds: 1 };
  #server: Server;
  #waiters: { match: (call: ConnectorCall) => boolean; resolve: (call: ConnectorCall) => void }[] = [];
  #counter = 0;
  url = '';

  constructor() {
    this.#server = createServer((req, res) => {
      void this.#handle(req).then(({ status, body, headers }) => {
        const text = body === undefined ? '' : JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(text);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Message activities the bot posted (new or as replies), in order. */
  posted(): (Record<string, unknown> & { conversationId?: string })[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId && c.body?.type === 'message').map((c) => ({ ...c.body!, conversationId: c.conversationId }));
  }

  /** Resolves with the first recorded call (past or future) that matches. */
  waitFor(match: (call: ConnectorCall) => boolean, timeoutMs = 15_000): Promise<ConnectorCall> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve };
      this.#waiters.push(waiter);
      setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error('the fake Bot Connector received no matching request'));
      }, timeoutMs).unref();
    });
  }

  reset(): void {
    this.calls.length = 0;
  }

  async #handle(req: IncomingMessage): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      conversationId: parts[0] === 'v3' && parts[1] === 'conversations' ? parts[2] : undefined,
      activityId: parts[3] === 'activities' ? parts[4] : undefined,
      authorization: req.headers.authorization,
      body: raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined,
      receivedAt: Date.now(),
    };
    const answer = this.#answer(call, parts);
    const body = answer.body as { id?: unknown } | undefined;
    call.status = answer.status;
    if (answer.status < 300 && body && typeof body.id === 'string') call.responseId = body.id;
    this.calls.push(call);
    for (const waiter of [...this.#waiters]) {
      if (waiter.match(call)) {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        waiter.resolve(call);
      }
    }
    return answer;
  }

  #answer(call: ConnectorCall, parts: string[]): { status: number; body?: unknown; headers?: Record<string, string> } {
    if (this.throttle.remaining > 0 && call.method !== 'GET') {
      this.throttle.remaining--;
      return { status: 429, body: { error: { code: 'Throttled', message: 'Too many requests' } }, headers: { 'retry-after': String(this.throttle.retryAfterSeconds) } };
    }
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { status: 404, body: { error: { code: 'NotFound', message: 'no such route' } } };
    if (call.method === 'POST' && parts.length === 2) {
      return { status: 201, body: { id: `created-${++this.#counter}`, activityId: `act-${++this.#counter}` } };
    }
    if (parts[3] === 'members' && parts[4] && call.method === 'GET') {
      const member = this.members.get(parts[4]);
      return member ? { status: 200, body: member } : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation' } } };
    }
    if (parts[3] === 'activities' && call.method === 'POST') return { status: 201, body: { id: `act-${++this.#counter}` } };
    if (parts[3] === 'activities' && parts[4] && call.method === 'PUT') return { status: 200, body: { id: parts[4] } };
    return { status: 404, body: { error: { code: 'NotFound', message: 'no such route' } } };
  }
}
