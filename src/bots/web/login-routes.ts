import type { ServerResponse } from 'node:http';
import type { Bilingual } from '../../core/locale.ts';
import { normaliseLocale } from '../../core/locale.ts';
import { hasRole } from '../../store/members.ts';
import type { HttpServer } from '../../server/http.ts';
import { html } from './html.ts';
import { clientAddress, cookie, field, localPath, query, redirect, sendHtml } from './http-kit.ts';
import { LANGUAGE_COOKIE, tr } from './i18n.ts';
import { csrfField, plainPage } from './layout.ts';
import { SESSION_COOKIE, type Viewer } from './viewer.ts';
import type { SignedIn } from './web-auth.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  title: { 'zh-CN': '登录', en: 'Sign in' },
  username: { 'zh-CN': '工号', en: 'Employee number' },
  password: { 'zh-CN': '密码', en: 'Password' },
  submit: { 'zh-CN': '登录', en: 'Sign in' },
  invalid: { 'zh-CN': '工号或密码不正确。', en: 'Wrong employee number or password.' },
  locked: { 'zh-CN': '失败次数过多，账号已暂时锁定，请 15 分钟后再试。', en: 'Too many failed attempts: the account is locked for 15 minutes.' },
  disabled: { 'zh-CN': '此账号已停用，请联系工会管理员。', en: 'This account is disabled. Please contact a union administrator.' },
  noPassword: { 'zh-CN': '此账号尚未设置密码，请使用管理员发给您的登录链接。', en: 'This account has no password yet: use the sign-in link an administrator gave you.' },
  slowDown: { 'zh-CN': '尝试次数过多，请稍后再试。', en: 'Too many attempts. Please wait a few minutes and try again.' },
  hint: {
    'zh-CN': '会员登录后，网页聊天会与您的会员身份关联，可以参加投票、报名活动。工作人员、编辑和管理员登录后进入工作台。',
    en: 'Members who sign in are linked to their roster record in the web chat, so they can vote and sign up for events. Staff, editors and admins get the console.',
  },
  setTitle: { 'zh-CN': '设置密码', en: 'Set your password' },
  newPassword: { 'zh-CN': '新密码（至少 10 个字符）', en: 'New password (at least 10 characters)' },
  setSubmit: { 'zh-CN': '保存并登录', en: 'Save and sign in' },
  badLink: { 'zh-CN': '此登录链接无效或已过期，请向管理员重新申请。', en: 'This sign-in link is not valid or has expired. Ask an administrator for a new one.' },
  badPassword: { 'zh-CN': '密码至少需要 10 个字符。', en: 'The password needs at least 10 characters.' },
} satisfies Record<string, Bilingual>;

function loginForm(viewer: Viewer, next: string, error?: string, username = '') {
  const { locale } = viewer;
  return plainPage(
    viewer,
    tr(text.title, locale),
    html`<h1>${tr(text.title, locale)}</h1>
${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
<form method="post" action="/login" class="stack">${csrfField(viewer)}<input type="hidden" name="next" value="${next}">
<label>${tr(text.username, locale)}<input name="username" autocomplete="username" required value="${username}" autofocus></label>
<label>${tr(text.password, locale)}<input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit" class="primary">${tr(text.submit, locale)}</button></form>
<p class="muted">${tr(text.hint, locale)}</p>`,
    `/login?next=${encodeURIComponent(next)}`,
  );
}

/** Where a person lands after signing in: the page they asked for; members without a console role, the chat. */
function landing(signedIn: SignedIn, next: string): string {
  const staffish = hasRole(signedIn.member, 'staff', 'counsellor', 'editor', 'admin');
  return next.startsWith('/console') && !staffish ? '/' : next;
}

/** Sign-in, sign-out, sign-in links and the language switch. */
export function attachLoginRoutes(server: HttpServer, web: WebContext): void {
  // A browser-session cookie: the server's session (8 hours from the last request) decides expiry.
  const sessionCookie = (token: string) => cookie(web.cookies, SESSION_COOKIE, token);
  const signedInResponse = (res: ServerResponse, token: string, signedIn: SignedIn, next: string) =>
    redirect(res, landing(signedIn, next), { 'set-cookie': sessionCookie(token) });

  server.route(
    'GET',
    '/login',
    page(web, null, async ({ req, res, viewer }) => {
      const next = localPath(query(req).get('next') ?? undefined, '/console');
      if (viewer.signedIn) return redirect(res, landing(viewer.signedIn, next));
      sendHtml(res, 200, loginForm(viewer, next), { 'set-cookie': viewer.setCookies });
    }),
  );

  server.route(
    'POST',
    '/login',
    page(web, null, async ({ req, res, viewer, form }) => {
      const { locale } = viewer;
      const username = field(form, 'username').trim().slice(0, 100);
      const next = localPath(field(form, 'next'), '/console');
      if (!web.addressLimiter.take(clientAddress(req)) || !web.signInLimiter.take(username.toLowerCase())) {
        return sendHtml(res, 429, loginForm(viewer, next, tr(text.slowDown, locale), username));
      }
      const result = await web.auth.signIn(username, field(form, 'password'));
      if (!result.ok) {
        const message = { invalid: text.invalid, locked: text.locked, disabled: text.disabled, 'no-password': text.noPassword }[result.reason];
        return sendHtml(res, 401, loginForm(viewer, next, tr(message, locale), username));
      }
      await web.app.store.members.link({ channel: 'web', tenant: '', externalId: `account:${result.signedIn.account.id}` }, result.signedIn.member.id);
      signedInResponse(res, result.token, result.signedIn, next);
    }),
  );

  server.route(
    'POST',
    '/logout',
    page(web, null, async ({ res, viewer }) => {
      if (viewer.signedIn) await web.auth.signOut(viewer.signedIn);
      redirect(res, '/login', { 'set-cookie': cookie(web.cookies, SESSION_COOKIE, '', 0) });
    }),
  );

  const linkForm = (viewer: Viewer, token: string, error?: string) =>
    plainPage(
      viewer,
      tr(text.setTitle, viewer.locale),
      html`<h1>${tr(text.setTitle, viewer.locale)}</h1>${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
<form method="post" action="/login/link" class="stack">${csrfField(viewer)}<input type="hidden" name="token" value="${token}">
<label>${tr(text.newPassword, viewer.locale)}<input name="password" type="password" autocomplete="new-password" minlength="10" required autofocus></label>
<button type="submit" class="primary">${tr(text.setSubmit, viewer.locale)}</button></form>`,
    );

  server.route(
    'GET',
    '/login/link',
    page(web, null, async ({ req, res, viewer }) => {
      const token = query(req).get('token') ?? '';
      const account = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await web.auth.linkAccount(token) : undefined;
      if (!account) return sendHtml(res, 410, plainPage(viewer, tr(text.setTitle, viewer.locale), html`<p class="flash error">${tr(text.badLink, viewer.locale)}</p>`), { 'set-cookie': viewer.setCookies });
      sendHtml(res, 200, linkForm(viewer, token), { 'set-cookie': viewer.setCookies, 'referrer-policy': 'no-referrer' });
    }),
  );

  server.route(
    'POST',
    '/login/link',
    page(web, null, async ({ req, res, viewer, form }) => {
      if (!web.addressLimiter.take(clientAddress(req))) return sendHtml(res, 429, plainPage(viewer, tr(text.setTitle, viewer.locale), html`<p class="flash error">${tr(text.slowDown, viewer.locale)}</p>`));
      const token = field(form, 'token');
      const result = await web.auth.redeemLink(token, field(form, 'password'));
      if (!result.ok) {
        if (result.reason === 'bad-password') return sendHtml(res, 400, linkForm(viewer, token, tr(text.badPassword, viewer.locale)));
        return sendHtml(res, 410, plainPage(viewer, tr(text.setTitle, viewer.locale), html`<p class="flash error">${tr(text.badLink, viewer.locale)}</p>`));
      }
      await web.app.store.members.link({ channel: 'web', tenant: '', externalId: `account:${result.signedIn.account.id}` }, result.signedIn.member.id);
      signedInResponse(res, result.token, result.signedIn, '/console');
    }),
  );

  // A preference, not a state change on the server: a plain link works without JavaScript.
  server.route('GET', '/lang', (req, res) => {
    const params = query(req);
    const locale = normaliseLocale(params.get('to')) ?? 'zh-CN';
    redirect(res, localPath(params.get('next') ?? undefined, '/'), { 'set-cookie': cookie(web.cookies, LANGUAGE_COOKIE, locale, 365 * 24 * 3600) });
  });
}
