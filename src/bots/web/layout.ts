import type { Bilingual, Locale } from '../../core/locale.ts';
import { html, type SafeHtml } from './html.ts';
import { tr } from './i18n.ts';
import { mayEnter, type Area, type Viewer } from './viewer.ts';

const text = {
  app: { 'zh-CN': '工会助手 · 工作台', en: 'Union Assistant · Console' },
  overview: { 'zh-CN': '概览', en: 'Overview' },
  cases: { 'zh-CN': '个案', en: 'Cases' },
  knowledge: { 'zh-CN': '知识库', en: 'Knowledge' },
  members: { 'zh-CN': '会员名册', en: 'Roster' },
  democracy: { 'zh-CN': '问卷·投票·活动', en: 'Surveys · Votes · Events' },
  audit: { 'zh-CN': '审计日志', en: 'Audit log' },
  chat: { 'zh-CN': '会员聊天', en: 'Member chat' },
  signOut: { 'zh-CN': '退出', en: 'Sign out' },
  signIn: { 'zh-CN': '登录', en: 'Sign in' },
  password: { 'zh-CN': '修改密码', en: 'Change password' },
  otherLanguage: { 'zh-CN': 'English', en: '中文' },
  skip: { 'zh-CN': '跳到正文', en: 'Skip to content' },
} satisfies Record<string, Bilingual>;

const NAV: { area: Area; href: string }[] = [
  { area: 'overview', href: '/console' },
  { area: 'cases', href: '/console/cases' },
  { area: 'knowledge', href: '/console/knowledge' },
  { area: 'members', href: '/console/members' },
  { area: 'democracy', href: '/console/democracy' },
  { area: 'audit', href: '/console/audit' },
];

/** The language switch: a link that sets the cookie and comes back to the same page. */
export function languageLink(locale: Locale, back: string): SafeHtml {
  const other = locale === 'en' ? 'zh-CN' : 'en';
  return html`<a class="lang" href="/lang?to=${other}&amp;next=${encodeURIComponent(back)}" hreflang="${other}">${text.otherLanguage[locale]}</a>`;
}

/** A hidden CSRF field for a form. */
export function csrfField(viewer: Viewer): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${viewer.csrfToken}">`;
}

/** A page with no console chrome (sign-in, errors). */
export function plainPage(viewer: Viewer, title: string, body: SafeHtml, path = '/'): SafeHtml {
  return html`<html lang="${viewer.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${tr(text.app, viewer.locale)}</title><link rel="stylesheet" href="/assets/console.css"></head>
<body class="plain"><header class="top"><a class="brand" href="/">${tr(text.app, viewer.locale)}</a><span class="spacer"></span>${languageLink(viewer.locale, path)}</header>
<main id="main" class="narrow">${body}</main></body></html>`;
}

/** The console shell: navigation for the areas the viewer may enter, language switch, sign-out. */
export function consolePage(viewer: Viewer, options: { title: string; area: Area; path: string; body: SafeHtml; live?: string }): SafeHtml {
  const { locale } = viewer;
  const member = viewer.signedIn?.member;
  const nav = NAV.filter((item) => mayEnter(viewer, item.area)).map(
    (item) => html`<a href="${item.href}"${item.area === options.area ? html` aria-current="page"` : ''}>${tr(text[item.area], locale)}</a>`,
  );
  return html`<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${viewer.csrfToken}">
<title>${options.title} · ${tr(text.app, locale)}</title><link rel="stylesheet" href="/assets/console.css"></head>
<body data-locale="${locale}"${options.live ? html` data-live="${options.live}"` : ''}>
<a class="skip" href="#main">${tr(text.skip, locale)}</a>
<header class="top"><a class="brand" href="/console">${tr(text.app, locale)}</a>
<nav class="areas">${nav}</nav><span class="spacer"></span>
<a href="/">${tr(text.chat, locale)}</a>
${languageLink(locale, options.path)}
${member ? html`<a class="who" href="/account/password" title="${tr(text.password, locale)}">${member.name}</a><form method="post" action="/logout" class="inline">${csrfField(viewer)}<button type="submit" class="link">${tr(text.signOut, locale)}</button></form>` : html`<a href="/login">${tr(text.signIn, locale)}</a>`}
</header>
<main id="main"><h1>${options.title}</h1>${options.body}</main>
<script src="/assets/console.js" defer></script>
</body></html>`;
}

/** A flash message carried in the redirect's query string (?ok=… / ?error=…), already translated. */
export function flash(message: { ok?: string; error?: string }): SafeHtml {
  return html`${message.ok ? html`<p class="flash ok" role="status">${message.ok}</p>` : ''}${message.error ? html`<p class="flash error" role="alert">${message.error}</p>` : ''}`;
}
