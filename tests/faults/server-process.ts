// The server process itself is started by the shared helper; this file adds the browser.
export { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

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
