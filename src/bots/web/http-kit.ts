import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../../core/errors.ts';
import { cleanText } from '../../core/inbound.ts';
import { readBody } from '../../server/http.ts';
import type { SafeHtml } from './html.ts';

/** A cookie of a request, or undefined. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** How cookies are set: `Secure` when the public URL is https (browsers drop it on plain http). */
export interface CookiePolicy {
  secure: boolean;
}

/** A Set-Cookie value: always http-only, SameSite=Lax, path /. */
export function cookie(policy: CookiePolicy, name: string, value: string, maxAgeSeconds?: number): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
  if (policy.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Security headers for every page: nothing loads from anywhere but this server. */
export const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

export function sendHtml(res: ServerResponse, status: number, page: SafeHtml, headers: Record<string, string | string[]> = {}): void {
  const body = `<!doctype html>\n${page.value}`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body), ...PAGE_HEADERS, ...headers });
  res.end(body);
}

/** A 303 redirect after a POST (so reloading the page does not submit again). */
export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

/** Only paths on this server: "//evil.example" and "https://…" are refused (open redirects). */
export function localPath(value: string | undefined, fallback: string): string {
  return value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : fallback;
}

/** A submitted form (urlencoded) as name → value, or name → values for repeated names. */
export async function readForm(req: IncomingMessage, limit = 2_000_000): Promise<Record<string, string | string[]>> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new AppError('invalid_input', 'expected a form submission', { status: 415 });
  const params = new URLSearchParams((await readBody(req, limit)).toString('utf8'));
  // No prototype: a field named "__proto__" is a field like any other. Names and values are
  // cleaned like chat text (NUL dropped: PostgreSQL refuses it in text columns).
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [rawKey, rawValue] of params) {
    const key = cleanText(rawKey);
    const value = cleanText(rawValue);
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** The first value of a form field ('' when absent). */
export function field(form: Record<string, string | string[]>, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The query string of a request. */
export function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/** The client address for rate limiting (the socket's; a proxy in front should pass it through). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
