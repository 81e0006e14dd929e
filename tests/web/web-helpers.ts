import { webContext } from '../../src/bots/web/attach-web.ts';
import type { App } from '../../src/app.ts';
import type { Role } from '../../src/store/members.ts';

/** The password every test account gets. */
export const PASSWORD = 'correct horse battery staple';

/** A roster member with a web account and the given roles. */
export async function seedPerson(app: App, employeeNumber: string, name: string, roles: Role[] = []): Promise<{ id: string; employeeNumber: string; name: string }> {
  const member = await app.store.members.upsert({ name, employeeNumber, department: '工会办公室', email: `${employeeNumber.toLowerCase()}@example.com`, status: 'member', roles: roles.join(';') });
  await webContext(app).auth.createAccount(employeeNumber, PASSWORD, 'test');
  return member;
}

/**
 * A browser-like HTTP client: keeps cookies, follows nothing by itself, and remembers the CSRF
 * token of the last page it read so that forms can be posted as a browser would.
 */
export class WebClient {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  #remember(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      const v = value.join('=');
      if (/Max-Age=0/.test(header) || v === '') this.cookies.delete(name!);
      else this.cookies.set(name!, v);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookieHeader, ...headers }, redirect: 'manual' });
    this.#remember(res);
    const text = await res.text();
    const token = /name="csrf-token" content="([^"]+)"|name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1] ?? token[2]!;
    return { status: res.status, text, location: res.headers.get('location') };
  }

  async post(path: string, fields: Record<string, string | string[]>, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<{ status: number; text: string; location: string | null }> {
    const body = new URLSearchParams();
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null) body.append('_csrf', csrf);
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    const res = await fetch(this.base + path, { method: 'POST', body, headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded', ...options.headers }, redirect: 'manual' });
    this.#remember(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  /** Signs in through the form; returns where the server sent the browser. */
  async signIn(username: string, password = PASSWORD, next = '/console'): Promise<{ status: number; location: string | null; text: string }> {
    await this.get(`/login?next=${encodeURIComponent(next)}`);
    return this.post('/login', { username, password, next });
  }
}
