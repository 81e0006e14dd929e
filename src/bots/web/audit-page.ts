import type { Bilingual } from '../../core/locale.ts';
import type { HttpServer } from '../../server/http.ts';
import { html } from './html.ts';
import { query, sendHtml } from './http-kit.ts';
import { formatDateTime, tr } from './i18n.ts';
import { consolePage } from './layout.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  title: { 'zh-CN': '审计日志', en: 'Audit log' },
  actor: { 'zh-CN': '操作人', en: 'Actor' },
  action: { 'zh-CN': '操作（前缀）', en: 'Action (prefix)' },
  target: { 'zh-CN': '对象', en: 'Target' },
  since: { 'zh-CN': '起始日期', en: 'Since' },
  when: { 'zh-CN': '时间', en: 'When' },
  details: { 'zh-CN': '详情', en: 'Details' },
  filter: { 'zh-CN': '筛选', en: 'Filter' },
  count: { 'zh-CN': '显示最近 {n} 条', en: 'Showing the latest {n}' },
} satisfies Record<string, Bilingual>;

/** The audit log, filterable by actor, action prefix, target and date (admins only). */
export function attachAuditPage(server: HttpServer, web: WebContext): void {
  const { store } = web.app;
  server.route(
    'GET',
    '/console/audit',
    page(web, 'audit', async ({ req, res, viewer, path }) => {
      const { locale } = viewer;
      const q = query(req);
      const actor = (q.get('actor') ?? '').trim().slice(0, 200);
      const action = (q.get('action') ?? '').trim().slice(0, 100);
      const target = (q.get('target') ?? '').trim().slice(0, 200);
      const sinceText = q.get('since') ?? '';
      const since = /^\d{4}-\d{2}-\d{2}$/.test(sinceText) ? new Date(`${sinceText}T00:00:00`) : undefined;
      // An actor may be typed as an employee number; entries store member ids.
      const actorMember = actor ? await store.members.getByEmployeeNumber(actor) : undefined;
      const entries = await store.audit.list({ actor: actorMember?.id ?? (actor || undefined), action: action || undefined, target: target || undefined, since, limit: 500 });
      const ids = [...new Set(entries.flatMap((e) => [e.actor, e.target]))].filter((id) => /^[0-9a-f-]{36}$/.test(id));
      const names = new Map<string, string>();
      for (const id of ids) {
        const member = await store.members.get(id);
        if (member) names.set(id, `${member.name} (${member.employeeNumber})`);
      }
      const body = html`<form class="filters" method="get" action="/console/audit">
<label>${tr(text.actor, locale)}<input name="actor" value="${actor}"></label>
<label>${tr(text.action, locale)}<input name="action" value="${action}" placeholder="members."></label>
<label>${tr(text.target, locale)}<input name="target" value="${target}"></label>
<label>${tr(text.since, locale)}<input name="since" type="date" value="${sinceText}"></label>
<button type="submit">${tr(text.filter, locale)}</button></form>
<p class="muted">${tr(text.count, locale, { n: entries.length })}</p>
<table id="audit"><thead><tr><th>${tr(text.when, locale)}</th><th>${tr(text.actor, locale)}</th><th>${tr(text.action, locale)}</th><th>${tr(text.target, locale)}</th><th>${tr(text.details, locale)}</th></tr></thead>
<tbody>${entries.map(
        (e) => html`<tr><td>${formatDateTime(e.createdAt, locale)}</td><td>${names.get(e.actor) ?? e.actor}</td><td><code>${e.action}</code></td><td>${names.get(e.target) ?? e.target}</td><td><code>${Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code></td></tr>`,
      )}</tbody></table>`;
      sendHtml(res, 200, consolePage(viewer, { title: tr(text.title, locale), area: 'audit', path, body }));
    }),
  );
}
