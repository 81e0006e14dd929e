import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../core/errors.ts';
import type { Locale } from '../../core/locale.ts';
import { hasRole, type Role } from '../../store/members.ts';
import { cookie, readCookie, type CookiePolicy } from './http-kit.ts';
import { requestLocale } from './i18n.ts';
import type { SignedIn, WebAuth } from './web-auth.ts';

/** The session cookie (a random token; the database keeps its hash). */
export const SESSION_COOKIE = 'ua_session';
/** The CSRF token of a browser that has not signed in (double-submit: cookie and form must agree). */
export const ANONYMOUS_CSRF_COOKIE = 'ua_csrf';

/** Who is looking at a page, in which language, and the CSRF token their forms must carry. */
export interface Viewer {
  locale: Locale;
  signedIn?: SignedIn;
  csrfToken: string;
  /** Cookies the response must set (a fresh anonymous CSRF token). */
  setCookies: string[];
}

/** Reads the viewer of a request: session cookie, language, CSRF token. */
export async function viewerOf(req: IncomingMessage, auth: WebAuth, policy: CookiePolicy, fallbackLocale: Locale): Promise<Viewer> {
  const signedIn = await auth.fromToken(readCookie(req, SESSION_COOKIE));
  const memberLocale = signedIn?.member.locale === 'en' ? 'en' : signedIn?.member.locale === 'zh-CN' ? 'zh-CN' : undefined;
  const locale = requestLocale(req, memberLocale ?? fallbackLocale);
  if (signedIn) return { locale, signedIn, csrfToken: signedIn.session.csrfToken, setCookies: [] };
  const existing = readCookie(req, ANONYMOUS_CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{40,60}$/.test(existing)) return { locale, csrfToken: existing, setCookies: [] };
  const token = randomBytes(32).toString('base64url');
  return { locale, csrfToken: token, setCookies: [cookie(policy, ANONYMOUS_CSRF_COOKIE, token)] };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Refuses a state-changing request that does not carry the viewer's CSRF token (form field
 * `_csrf` or header `x-csrf-token`), or that a browser says came from another site.
 */
export function checkCsrf(req: IncomingMessage, viewer: Viewer, submitted?: string): void {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host !== req.headers.host) throw new AppError('forbidden', 'cross-site request refused');
  }
  const header = req.headers['x-csrf-token'];
  const token = submitted || (Array.isArray(header) ? header[0] : header) || '';
  if (!token || !same(token, viewer.csrfToken)) throw new AppError('forbidden', 'the form has expired: reload the page and try again');
}

/** What each console area needs. The services check again; this keeps pages from leaking. */
export const AREA_ROLES = {
  overview: ['staff', 'counsellor', 'editor', 'admin'],
  cases: ['staff', 'counsellor', 'admin'],
  knowledge: ['editor'],
  members: ['admin'],
  democracy: ['admin'],
  audit: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
/** A console area, each guarded by the roles in `AREA_ROLES`. */
export type Area = keyof typeof AREA_ROLES;

export function mayEnter(viewer: Viewer, area: Area): boolean {
  return !!viewer.signedIn && hasRole(viewer.signedIn.member, ...AREA_ROLES[area]);
}
