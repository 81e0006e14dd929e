import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Reply } from '../../src/core/reply.ts';
import { repoRoot } from '../helpers/cli.ts';
import { WebClient } from '../web/web-helpers.ts';

/** One real `union-assistant serve` process, and what it logged. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Everything the process wrote (JSON log lines on stderr). */
  logs(): string;
  /** SIGTERM, then the exit code once the process has finished (acknowledged work included). */
  stop(): Promise<number | null>;
}

/**
 * Starts the installed command (`bin/union-assistant.js serve`) on a free loopback port and
 * waits for its "listening" line, as bench/load.ts does. Rejects if the process exits first.
 */
export function startServerProcess(name: string, env: Record<string, string>, timeoutMs = 240_000): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'bin/union-assistant.js'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const collect = (d: Buffer) => {
    logs += d.toString();
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // no process outlives the test that started it
      reject(new Error(`${name} did not start:\n${logs.slice(-4000)}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} during start-up:\n${logs.slice(-4000)}`));
    };
    child.on('exit', onExit);
    const probe = () => {
      const match = /"url":"(http:[^"]+)"[^\n]*"msg":"Union Assistant is listening"/.exec(logs);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', probe);
      child.stderr!.off('data', probe);
      resolve({
        name,
        url: match[1]!,
        pid: child.pid!,
        logs: () => logs,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return closed;
        },
      });
    };
    child.stdout!.on('data', probe);
    child.stderr!.on('data', probe);
  });
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
