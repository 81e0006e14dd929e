import type { Bilingual } from '../../core/locale.ts';
import { html, type SafeHtml } from './html.ts';
import { tr } from './i18n.ts';
import { csrfField, languageLink } from './layout.ts';
import type { Viewer } from './viewer.ts';

const text = {
  title: { 'zh-CN': '工会助手', en: 'Union Assistant' },
  send: { 'zh-CN': '发送', en: 'Send' },
  placeholder: { 'zh-CN': '输入您的问题，例如：公司不给我签合同怎么办', en: 'Type your question, e.g. How long is maternity leave?' },
  sources: { 'zh-CN': '依据', en: 'Sources' },
  error: { 'zh-CN': '发送失败，请重试。', en: 'Could not send. Please try again.' },
  signIn: { 'zh-CN': '会员登录', en: 'Member sign-in' },
  signOut: { 'zh-CN': '退出', en: 'Sign out' },
  console: { 'zh-CN': '工作台', en: 'Console' },
  message: { 'zh-CN': '消息', en: 'Message' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  chooseBetween: { 'zh-CN': '请选择 {min}–{max} 项', en: 'Choose {min} to {max}' },
  welcome: {
    'zh-CN': '您好！我是工会助手。可以问我劳动法问题（如加班费、年假、解除合同），也可以输入“帮助”查看问卷、投票、活动报名和联系工会工作人员。',
    en: 'Hello! I am the union assistant. Ask me about labour law (overtime pay, annual leave, dismissal), or type "help" for surveys, votes, event sign-ups and talking to union staff.',
  },
  welcomeMember: { 'zh-CN': '{name}，您好！您已登录，可以参加投票和报名活动。', en: 'Hello {name}! You are signed in, so you can vote and sign up for events.' },
} satisfies Record<string, Bilingual>;

/**
 * The member web chat page: the server picks the language and puts every text the script needs
 * on the page; the script (/assets/chat.js) renders the core's replies. Usable on a phone.
 */
export function webChatPage(viewer: Viewer, options: { staffish: boolean }): SafeHtml {
  const { locale } = viewer;
  const member = viewer.signedIn?.member;
  return html`<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${viewer.csrfToken}">
<title>${tr(text.title, locale)}</title>
<link rel="stylesheet" href="/assets/chat.css">
</head>
<body data-locale="${locale}" data-sources="${tr(text.sources, locale)}" data-error="${tr(text.error, locale)}" data-submit="${tr(text.submit, locale)}" data-choose-between="${tr(text.chooseBetween, locale)}">
<header><span class="title">${tr(text.title, locale)}</span>
${options.staffish ? html`<a href="/console">${tr(text.console, locale)}</a>` : ''}
${languageLink(locale, '/')}
${member
  ? html`<span>${member.name}</span><form method="post" action="/logout">${csrfField(viewer)}<button type="submit">${tr(text.signOut, locale)}</button></form>`
  : html`<a href="/login?next=%2F" id="sign-in">${tr(text.signIn, locale)}</a>`}
</header>
<main id="log" aria-live="polite">
<div class="msg bot">${member ? tr(text.welcomeMember, locale, { name: member.name }) : tr(text.welcome, locale)}</div>
</main>
<footer><textarea id="text" aria-label="${tr(text.message, locale)}" placeholder="${tr(text.placeholder, locale)}"></textarea><button id="send" type="button">${tr(text.send, locale)}</button></footer>
<script src="/assets/chat.js" defer></script>
</body>
</html>`;
}
