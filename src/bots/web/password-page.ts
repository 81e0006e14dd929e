import type { Bilingual } from '../../core/locale.ts';
import type { HttpServer } from '../../server/http.ts';
import { html } from './html.ts';
import { clientAddress, field, redirect, sendHtml } from './http-kit.ts';
import { tr } from './i18n.ts';
import { csrfField, plainPage } from './layout.ts';
import { passwordProblem } from './password.ts';
import type { Viewer } from './viewer.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  title: { 'zh-CN': '修改密码', en: 'Change password' },
  current: { 'zh-CN': '当前密码', en: 'Current password' },
  next: { 'zh-CN': '新密码（至少 10 个字符）', en: 'New password (at least 10 characters)' },
  save: { 'zh-CN': '保存', en: 'Save' },
  wrong: { 'zh-CN': '当前密码不正确。', en: 'The current password is wrong.' },
  short: { 'zh-CN': '新密码至少需要 10 个字符。', en: 'The new password needs at least 10 characters.' },
  slowDown: { 'zh-CN': '尝试次数过多，请稍后再试。', en: 'Too many attempts. Please wait a few minutes and try again.' },
  signIn: { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
} satisfies Record<string, Bilingual>;

function form(viewer: Viewer, error?: string) {
  const { locale } = viewer;
  return plainPage(
    viewer,
    tr(text.title, locale),
    html`<h1>${tr(text.title, locale)}</h1>${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
<form method="post" action="/account/password" class="stack">${csrfField(viewer)}
<label>${tr(text.current, locale)}<input name="current" type="password" autocomplete="current-password" required></label>
<label>${tr(text.next, locale)}<input name="password" type="password" autocomplete="new-password" minlength="10" required></label>
<button type="submit" class="primary">${tr(text.save, locale)}</button></form>`,
    '/account/password',
  );
}

/** Anyone signed in changes their own password; every other session of theirs is signed out. */
export function attachPasswordPage(server: HttpServer, web: WebContext): void {
  server.route(
    'GET',
    '/account/password',
    page(web, null, async ({ res, viewer }) => {
      if (!viewer.signedIn) return redirect(res, '/login?next=%2Faccount%2Fpassword');
      sendHtml(res, 200, form(viewer));
    }),
  );
  server.route(
    'POST',
    '/account/password',
    page(web, null, async ({ req, res, viewer, form: submitted }) => {
      const signedIn = viewer.signedIn;
      if (!signedIn) return redirect(res, '/login?next=%2Faccount%2Fpassword');
      if (!web.signInLimiter.take(signedIn.account.username) || !web.addressLimiter.take(clientAddress(req))) return sendHtml(res, 429, form(viewer, tr(text.slowDown, viewer.locale)));
      const password = field(submitted, 'password');
      if (passwordProblem(password)) return sendHtml(res, 400, form(viewer, tr(text.short, viewer.locale)));
      const changed = await web.auth.changePassword(signedIn, field(submitted, 'current'), password);
      if (!changed) return sendHtml(res, 401, form(viewer, tr(text.wrong, viewer.locale)));
      redirect(res, '/console');
    }),
  );
}
