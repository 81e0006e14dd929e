import type { Reply } from '../../src/core/reply.ts';
import { WebClient } from '../web/web-helpers.ts';
import { startServerProcess as start, type ServerProcess } from '../helpers/server-process.ts';

/** Two instances are two of these (tests/helpers/server-process.ts), started with a name each. */
export type { ServerProcess };

export function startServerProcess(name: string, env: Record<string, string>, timeoutMs = 240_000): Promise<ServerProcess> {
  return start(env, { name, timeoutMs });
}

/** The same browser session (cookies and CSRF token) pointed at another server: a load balancer's next pick. */
export function sameSessionOn(client: WebClient, base: string): WebClient {
  const twin = new WebClient(base);
  for (const [name, value] of client.cookies) twin.cookies.set(name, value);
  twin.csrf = client.csrf;
  return twin;
}

/** One input to the web chat as the page's script sends it; the replies of the turn. */
export async function chat(client: WebClient, input: { type: 'message'; text: string } | { type: 'action'; value: string }): Promise<Reply[]> {
  const res = await fetch(`${client.base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN', cookie: client.cookieHeader, ...(client.csrf ? { 'x-csrf-token': client.csrf } : {}) },
    body: JSON.stringify({ input }),
  });
  const body = (await res.json()) as { replies?: Reply[]; error?: unknown };
  if (res.status !== 200 || !body.replies) throw new Error(`POST /api/chat on ${client.base}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return body.replies;
}

/** The button values of some replies whose action (`a`) is `verb`, with their labels and payloads. */
export function actionsOf(replies: Reply[], verb: string): { label: string; value: string; payload: Record<string, unknown> }[] {
  const all = replies.flatMap((r) => (r.type === 'card' || r.type === 'answer' ? r.actions : r.type === 'choices' ? r.choices : []));
  return all.flatMap((b) => {
    try {
      const payload = JSON.parse(b.value) as Record<string, unknown>;
      return payload.a === verb ? [{ label: b.label, value: b.value, payload }] : [];
    } catch {
      return [];
    }
  });
}

/** Polls `probe` until it returns something truthy; throws with `what` after `timeoutMs`. No timing is asserted. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
