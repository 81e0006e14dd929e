import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/cli.ts';

/** The real `union-assistant serve` in its own process, with its logs. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote (JSON log lines on stderr). */
  logs(): string;
  /** SIGKILL: no shutdown hook, no flush, nothing in flight finishes. Resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, the graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the installed command (as bench/load.ts and tests/slack/slack-serve.int.test.ts do) on
 * port 0 and waits for its "listening" line. `env` adds to (and overrides) the test's environment.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/union-assistant.js'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.slice(-4000)}`)), 240_000);
    const onData = (d: Buffer) => {
      logs += d.toString();
      const match = /"url":"(http:[^"]+)"[^\n]*"msg":"Union Assistant is listening"/.exec(logs);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${logs.slice(-4000)}`));
    });
  });
  return {
    url,
    child,
    logs: () => logs,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * The web chat as a browser uses it: cookies, the CSRF token of the page, `POST /api/chat`. The
 * base URL can change (a restarted server listens on another port); the cookies stay, as they
 * would in the member's browser.
 */
export class ChatBrowser {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(public base: string) {}

  #remember(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      if (/Max-Age=0/.test(header)) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join('='));
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Signs in with the login form, then reads the chat page for its CSRF token. */
  async signIn(username: string, password: string): Promise<void> {
    const login = await fetch(`${this.base}/login?next=%2F`, { headers: { cookie: this.cookieHeader }, redirect: 'manual' });
    this.#remember(login);
    const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';
    const body = new URLSearchParams({ _csrf: token, username, password, next: '/' });
    const res = await fetch(`${this.base}/login`, { method: 'POST', body, headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    this.#remember(res);
    const text = await res.text();
    if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}: ${text.replace(/\s+/g, " ").slice(-600)}`);
    const page = await fetch(`${this.base}/`, { headers: { cookie: this.cookieHeader } });
    this.#remember(page);
    this.csrf = /name="csrf-token" content="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    if (!this.csrf) throw new Error('no CSRF token on the chat page');
  }

  /** One chat request; the raw status and body, so that a test can look at failures too. */
  async send(input: { type: 'message'; text: string } | { type: 'action'; value: string }): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookieHeader, ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}) },
      body: JSON.stringify({ input }),
    });
    this.#remember(res);
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, body };
  }
}
