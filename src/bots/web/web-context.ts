import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../../app.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import type { Bilingual } from '../../core/locale.ts';
import { readJson, sendJson, type Handler } from '../../server/http.ts';
import type { KnowledgeRevisionRepository } from '../../store/knowledge-revisions.ts';
import type { WebAccountRepository } from '../../store/web-accounts.ts';
import { html } from './html.ts';
import { readForm, redirect, sendHtml, field, type CookiePolicy } from './http-kit.ts';
import { tr } from './i18n.ts';
import { plainPage } from './layout.ts';
import type { RateLimiter } from './rate-limit.ts';
import { checkCsrf, mayEnter, viewerOf, type Area, type Viewer } from './viewer.ts';
import type { WebAuth } from './web-auth.ts';

/** What every web page and API shares. */
export interface WebContext {
  app: App;
  auth: WebAuth;
  accounts: WebAccountRepository;
  revisions: KnowledgeRevisionRepository;
  cookies: CookiePolicy;
  /** Sign-in attempts per client address. */
  addressLimiter: RateLimiter;
  /** Sign-in attempts per account name. */
  signInLimiter: RateLimiter;
}

/** One request as a page handler sees it. */
export interface PageRequest {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  viewer: Viewer;
  /** The submitted form or JSON body of a POST (already CSRF-checked); {} for GET. */
  form: Record<string, string | string[]>;
  json: unknown;
  /** The path and query of the request, for coming back after a language switch or sign-in. */
  path: string;
}

const text = {
  forbidden: { 'zh-CN': '没有权限', en: 'Not allowed' },
  forbiddenBody: {
    'zh-CN': '您的账号没有访问此页面的角色。如需开通，请联系工会管理员。',
    en: 'Your account does not have a role that may open this page. Ask a union administrator if you need it.',
  },
  error: { 'zh-CN': '出错了', en: 'Something went wrong' },
  back: { 'zh-CN': '返回', en: 'Go back' },
} satisfies Record<string, Bilingual>;

function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/json') || (req.headers['content-type'] ?? '').startsWith('application/json');
}

/** An error page (or JSON for fetch requests) in the viewer's language. */
export function sendError(res: ServerResponse, req: IncomingMessage, viewer: Viewer, status: number, title: string, message: string): void {
  if (wantsJson(req)) return sendJson(res, status, { error: title, message });
  sendHtml(res, status, plainPage(viewer, title, html`<h1>${title}</h1><p>${message}</p><p><a href="/console">${tr(text.back, viewer.locale)}</a></p>`), { 'set-cookie': viewer.setCookies });
}

/**
 * Wraps a page handler: reads the viewer, sends a visitor who is not signed in to the sign-in
 * page, refuses (403) a signed-in person without the area's role, checks the CSRF token of every
 * POST, and turns an AppError into a page in the viewer's language.
 */
export function page(web: WebContext, area: Area | null, handler: (request: PageRequest) => Promise<void>): Handler {
  return async (req, res, params) => {
    const viewer = await viewerOf(req, web.auth, web.cookies, web.app.config.defaultLocale);
    const path = req.url ?? '/';
    if (area) {
      if (!viewer.signedIn) {
        if (wantsJson(req)) return sendJson(res, 401, { error: 'unauthorised', message: 'sign in first' });
        return redirect(res, `/login?next=${encodeURIComponent(path)}`, { 'set-cookie': viewer.setCookies });
      }
      if (!mayEnter(viewer, area)) return sendError(res, req, viewer, 403, tr(text.forbidden, viewer.locale), tr(text.forbiddenBody, viewer.locale));
    }
    try {
      let form: Record<string, string | string[]> = {};
      let json: unknown;
      if (req.method === 'POST') {
        if ((req.headers['content-type'] ?? '').startsWith('application/json')) {
          checkCsrf(req, viewer);
          json = await readJson(req, 2_000_000);
        } else {
          form = await readForm(req);
          checkCsrf(req, viewer, field(form, '_csrf'));
        }
      }
      await handler({ req, res, params, viewer, form, json, path });
    } catch (error) {
      if (!isAppError(error) || res.headersSent) throw error;
      const status = (error.details as { status?: number } | undefined)?.status ?? error.status;
      sendError(res, req, viewer, status, error.code === 'forbidden' ? tr(text.forbidden, viewer.locale) : tr(text.error, viewer.locale), error.message);
    }
  };
}

/** Throws unless the viewer is signed in (for handlers of pages with `area` null). */
export function signedInMember(viewer: Viewer) {
  if (!viewer.signedIn) throw new AppError('unauthorised', 'sign in first');
  return viewer.signedIn.member;
}
