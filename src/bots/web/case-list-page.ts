import { createHash } from 'node:crypto';
import type { Bilingual } from '../../core/locale.ts';
import type { TicketService } from '../../flows/handoff/ticket-service.ts';
import type { TicketSummaryView } from '../../flows/handoff/ticket-views.ts';
import { sendJson, type HttpServer } from '../../server/http.ts';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES, TicketCategorySchema, TicketPrioritySchema, TicketStatusSchema, type TicketStatus } from '../../store/tickets.ts';
import { CATEGORY_NAMES, PRIORITY_NAMES, STATUS_NAMES, categoryBadge, isActive, memberLabel, priorityBadge, slaTimer } from './case-format.ts';
import { html } from './html.ts';
import { query, sendHtml } from './http-kit.ts';
import { formatDateTime, tr } from './i18n.ts';
import { consolePage } from './layout.ts';
import type { Viewer } from './viewer.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  title: { 'zh-CN': '个案队列', en: 'Case queue' },
  status: { 'zh-CN': '状态', en: 'Status' },
  active: { 'zh-CN': '未结案', en: 'Not closed' },
  all: { 'zh-CN': '全部', en: 'All' },
  category: { 'zh-CN': '类别', en: 'Category' },
  priority: { 'zh-CN': '优先级', en: 'Priority' },
  mine: { 'zh-CN': '只看我的', en: 'Mine only' },
  filter: { 'zh-CN': '筛选', en: 'Filter' },
  case: { 'zh-CN': '个案', en: 'Case' },
  member: { 'zh-CN': '会员', en: 'Member' },
  assignee: { 'zh-CN': '负责人', en: 'Assignee' },
  opened: { 'zh-CN': '创建时间', en: 'Opened' },
  firstResponse: { 'zh-CN': '首次回复时限', en: 'First response' },
  resolution: { 'zh-CN': '解决时限', en: 'Resolution' },
  nobody: { 'zh-CN': '未认领', en: 'Unclaimed' },
  empty: { 'zh-CN': '没有符合条件的个案。', en: 'No cases match.' },
  live: { 'zh-CN': '新个案和会员消息会自动出现，无需刷新。', en: 'New cases and member messages appear without reloading.' },
  count: { 'zh-CN': '{n} 个个案，{late} 个已超时', en: '{n} cases, {late} overdue' },
} satisfies Record<string, Bilingual>;

/** Reads the queue's filters from the query string (invalid values are ignored). */
function filtersOf(search: URLSearchParams) {
  const statusParam = search.get('status') ?? 'active';
  const status: TicketStatus[] | undefined =
    statusParam === 'all' ? undefined : statusParam === 'active' ? ['open', 'claimed', 'waiting', 'resolved'] : TicketStatusSchema.safeParse(statusParam).success ? [statusParam as TicketStatus] : undefined;
  const category = TicketCategorySchema.safeParse(search.get('category')).data;
  const priority = TicketPrioritySchema.safeParse(search.get('priority')).data;
  return { statusParam, status, category, priority, mine: search.get('mine') === '1' };
}

async function queue(tickets: TicketService, viewer: Viewer, search: URLSearchParams): Promise<{ filters: ReturnType<typeof filtersOf>; cases: TicketSummaryView[] }> {
  const filters = filtersOf(search);
  const me = viewer.signedIn!.member;
  const cases = (
    await tickets.list(me, { status: filters.status, category: filters.category ? [filters.category] : undefined, assigneeId: filters.mine ? me.id : undefined, limit: 500 })
  ).filter((c) => !filters.priority || c.priority === filters.priority);
  return { filters, cases };
}

/** A change signal for the live queue: moves when a case is opened, changes, or gets a message. */
export class CaseActivity {
  #counter = 0;
  constructor(tickets: TicketService) {
    tickets.onTicketEvent(() => {
      this.#counter++;
    });
  }
  get counter(): number {
    return this.#counter;
  }
}

/** The case queue with filters, service-level timers, and live updates (staff, counsellors, admins). */
export function attachCaseListPage(server: HttpServer, web: WebContext, tickets: TicketService, activity: CaseActivity): void {
  server.route(
    'GET',
    '/console/cases',
    page(web, 'cases', async ({ req, res, viewer, path }) => {
      const { locale } = viewer;
      const now = new Date();
      const { filters, cases } = await queue(tickets, viewer, query(req));
      const late = cases.filter((c) => c.overdue.length > 0).length;
      const options = <T extends string>(values: readonly T[], names: Record<T, Bilingual>, selected: string | undefined) =>
        values.map((v) => html`<option value="${v}"${selected === v ? html` selected` : ''}>${tr(names[v], locale)}</option>`);
      const body = html`<form class="filters" method="get" action="/console/cases">
<label>${tr(text.status, locale)}<select name="status"><option value="active"${filters.statusParam === 'active' ? html` selected` : ''}>${tr(text.active, locale)}</option><option value="all"${filters.statusParam === 'all' ? html` selected` : ''}>${tr(text.all, locale)}</option>${options(TICKET_STATUSES, STATUS_NAMES, filters.statusParam)}</select></label>
<label>${tr(text.category, locale)}<select name="category"><option value="">${tr(text.all, locale)}</option>${options(TICKET_CATEGORIES, CATEGORY_NAMES, filters.category)}</select></label>
<label>${tr(text.priority, locale)}<select name="priority"><option value="">${tr(text.all, locale)}</option>${options(TICKET_PRIORITIES, PRIORITY_NAMES, filters.priority)}</select></label>
<label class="check"><input type="checkbox" name="mine" value="1"${filters.mine ? html` checked` : ''}> ${tr(text.mine, locale)}</label>
<button type="submit">${tr(text.filter, locale)}</button></form>
<p class="muted">${tr(text.live, locale)}</p>
<div id="queue" data-live-region>
<p class="muted">${tr(text.count, locale, { n: cases.length, late })}</p>
${cases.length === 0
  ? html`<p>${tr(text.empty, locale)}</p>`
  : html`<table id="cases"><thead><tr><th>${tr(text.case, locale)}</th><th>${tr(text.category, locale)}</th><th>${tr(text.priority, locale)}</th><th>${tr(text.status, locale)}</th><th>${tr(text.member, locale)}</th><th>${tr(text.assignee, locale)}</th><th>${tr(text.firstResponse, locale)}</th><th>${tr(text.resolution, locale)}</th><th>${tr(text.opened, locale)}</th></tr></thead><tbody>
${cases.map(
  (c) => html`<tr class="${c.overdue.length > 0 ? 'late' : ''}" data-case="${c.id}"><td><a href="/console/cases/${c.id}">${c.id}</a></td><td>${categoryBadge(c.category, locale)}</td><td>${priorityBadge(c.priority, locale)}</td><td>${tr(STATUS_NAMES[c.status], locale)}</td><td>${memberLabel(c, locale)}</td><td>${c.assignee?.name ?? tr(text.nobody, locale)}</td><td>${slaTimer(c.firstResponseDueAt, c.firstRespondedAt, locale, now, isActive(c))}</td><td>${slaTimer(c.resolutionDueAt, c.resolvedAt, locale, now, isActive(c))}</td><td>${formatDateTime(c.createdAt, locale)}</td></tr>`,
)}</tbody></table>`}
</div>`;
      sendHtml(res, 200, consolePage(viewer, { title: tr(text.title, locale), area: 'cases', path, body, live: `/console/cases/version${new URL(path, 'http://x').search}` }));
    }),
  );

  server.route(
    'GET',
    '/console/cases/version',
    page(web, 'cases', async ({ req, res, viewer }) => {
      const { cases } = await queue(tickets, viewer, query(req));
      const fingerprint = cases.map((c) => [c.id, c.status, c.priority, c.assignee?.id, c.overdue.join('+'), c.firstRespondedAt?.getTime()].join(':')).join('|');
      const version = createHash('sha256').update(`${activity.counter}|${fingerprint}`).digest('base64url').slice(0, 16);
      sendJson(res, 200, { version }, { 'cache-control': 'no-store' });
    }),
  );
}
