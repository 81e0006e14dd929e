import { createHash } from 'node:crypto';
import type { Bilingual, Locale } from '../../core/locale.ts';
import { AppError, isAppError, type ErrorCode } from '../../core/errors.ts';
import type { TicketService } from '../../flows/handoff/ticket-service.ts';
import type { TicketDetailView, TicketEntryView, TicketSummaryView } from '../../flows/handoff/ticket-views.ts';
import { canHandle } from '../../flows/handoff/ticket-access.ts';
import { sendJson, type HttpServer } from '../../server/http.ts';
import { CATEGORY_NAMES, STATUS_NAMES, categoryBadge, isActive, memberLabel, priorityBadge, slaTimer } from './case-format.ts';
import type { CaseActivity } from './case-list-page.ts';
import { html } from './html.ts';
import { field, query, redirect, sendHtml } from './http-kit.ts';
import { formatDateTime, tr } from './i18n.ts';
import { consolePage, csrfField, flash } from './layout.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  title: { 'zh-CN': '个案 {id}', en: 'Case {id}' },
  back: { 'zh-CN': '返回队列', en: 'Back to the queue' },
  member: { 'zh-CN': '会员', en: 'Member' },
  assignee: { 'zh-CN': '负责人', en: 'Assignee' },
  nobody: { 'zh-CN': '未认领', en: 'Unclaimed' },
  channel: { 'zh-CN': '渠道', en: 'Channel' },
  firstResponse: { 'zh-CN': '首次回复时限', en: 'First response' },
  resolution: { 'zh-CN': '解决时限', en: 'Resolution' },
  claim: { 'zh-CN': '认领', en: 'Claim' },
  reply: { 'zh-CN': '回复会员', en: 'Reply to the member' },
  replyHint: { 'zh-CN': '会员会在其使用的聊天渠道中收到这条消息，署您的名字。', en: 'The member receives this in the chat they used, under your name.' },
  send: { 'zh-CN': '发送回复', en: 'Send reply' },
  note: { 'zh-CN': '内部备注（会员看不到）', en: 'Internal note (the member never sees it)' },
  addNote: { 'zh-CN': '添加备注', en: 'Add note' },
  status: { 'zh-CN': '状态', en: 'Status' },
  waiting: { 'zh-CN': '等待会员', en: 'Waiting for member' },
  resolved: { 'zh-CN': '标记已解决', en: 'Mark resolved' },
  working: { 'zh-CN': '继续处理', en: 'Back to working' },
  reassign: { 'zh-CN': '转交给', en: 'Reassign to' },
  reassignButton: { 'zh-CN': '转交', en: 'Reassign' },
  close: { 'zh-CN': '结案', en: 'Close case' },
  closeConfirm: { 'zh-CN': '确定结案？会员会收到结案通知和评价邀请。', en: 'Close this case? The member is told and asked for a rating.' },
  reopen: { 'zh-CN': '重新打开', en: 'Reopen' },
  transcript: { 'zh-CN': '转人工前的对话', en: 'Conversation before the handoff' },
  messages: { 'zh-CN': '消息', en: 'Messages' },
  notes: { 'zh-CN': '内部备注', en: 'Internal notes' },
  none: { 'zh-CN': '暂无', en: 'None yet' },
  removed: { 'zh-CN': '此个案的内容已按保留期限或会员要求删除。', en: 'The content of this case was removed (retention period or the member’s request).' },
  restricted: {
    'zh-CN': '这是心理或危机个案，只有心理咨询师和管理员可以查看内容和处理。',
    en: 'This is a psychological or crisis case: only counsellors and admins may read it or act on it.',
  },
  rating: { 'zh-CN': '会员评分：{n} / 5', en: 'Member rating: {n} / 5' },
  done: { 'zh-CN': '已完成。', en: 'Done.' },
  member_author: { 'zh-CN': '会员', en: 'Member' },
  assistant_author: { 'zh-CN': '助手', en: 'Assistant' },
  system_author: { 'zh-CN': '系统', en: 'System' },
} satisfies Record<string, Bilingual>;

/** Errors of case operations, said in the viewer's language (the service's messages are English). */
const ERRORS: Partial<Record<ErrorCode, Bilingual>> = {
  conflict: { 'zh-CN': '操作冲突：个案已被他人认领或已变化，请查看最新状态。', en: 'Conflict: someone else claimed or changed this case. See its current state.' },
  concurrent_update: { 'zh-CN': '个案刚刚被他人修改，请重试。', en: 'The case changed just now. Please try again.' },
  closed: { 'zh-CN': '个案已关闭，请先重新打开。', en: 'The case is closed: reopen it first.' },
  forbidden: { 'zh-CN': '您的角色不能处理这类个案。', en: 'Your role cannot handle this kind of case.' },
  invalid_input: { 'zh-CN': '内容为空或过长（最多 4000 字）。', en: 'The text is empty or too long (at most 4000 characters).' },
};

function entries(list: TicketEntryView[], kind: 'line' | 'note', locale: Locale) {
  if (list.length === 0) return html`<p class="muted">${tr(text.none, locale)}</p>`;
  return list.map((e) => {
    const who = e.author === 'staff' ? (e.name ?? '') : tr(text[`${e.author}_author`], locale);
    return html`<div class="line ${kind === 'note' ? 'note' : e.author}"><span class="meta">${who} · ${formatDateTime(e.at, locale)}</span>${e.text}</div>`;
  });
}

function isDetail(view: TicketDetailView | TicketSummaryView): view is TicketDetailView {
  return 'transcript' in view;
}

/** One case: transcript, messages, notes, and every staff action (roles checked by the service). */
export function attachCaseDetailPage(server: HttpServer, web: WebContext, tickets: TicketService, activity: CaseActivity): void {
  const { store } = web.app;
  const ID = '(?<id>[A-Z0-9]{4,40})';

  server.route(
    'GET',
    new RegExp(`^/console/cases/${ID}$`),
    page(web, 'cases', async ({ req, res, viewer, params, path }) => {
      const { locale } = viewer;
      const me = viewer.signedIn!.member;
      const view = await tickets.show(me, params.id!);
      const q = query(req);
      const errorCode = q.get('error') as ErrorCode | null;
      const note = flash({ ok: q.get('ok') ? tr(text.done, locale) : undefined, error: errorCode && ERRORS[errorCode] ? tr(ERRORS[errorCode], locale) : undefined });
      const now = new Date();
      const active = isActive(view);
      const workers = isDetail(view) && active ? (await store.members.withRole('staff', 'counsellor', 'admin')).filter((m) => canHandle(m, view.category) && m.id !== view.assignee?.id) : [];
      const action = (verb: string, label: string, extra = html``, confirm?: string) =>
        html`<form method="post" action="/console/cases/${view.id}/${verb}" class="inline">${csrfField(viewer)}${extra}<button type="submit"${confirm ? html` data-confirm="${confirm}"` : ''}>${label}</button></form>`;
      const body = html`<p><a href="/console/cases">${tr(text.back, locale)}</a></p>${note}
<div class="card" id="case-summary" data-live-region>
<p>${categoryBadge(view.category, locale)} ${priorityBadge(view.priority, locale)} <span class="badge" id="case-status">${tr(STATUS_NAMES[view.status], locale)}</span></p>
<table><tbody>
<tr><th>${tr(text.member, locale)}</th><td>${memberLabel(view, locale)}</td><th>${tr(text.channel, locale)}</th><td>${view.channel}</td></tr>
<tr><th>${tr(text.assignee, locale)}</th><td id="case-assignee">${view.assignee?.name ?? tr(text.nobody, locale)}</td><th></th><td>${view.rating ? tr(text.rating, locale, { n: view.rating }) : ''}</td></tr>
<tr><th>${tr(text.firstResponse, locale)}</th><td>${slaTimer(view.firstResponseDueAt, view.firstRespondedAt, locale, now, active)}</td><th>${tr(text.resolution, locale)}</th><td>${slaTimer(view.resolutionDueAt, view.resolvedAt, locale, now, active)}</td></tr>
</tbody></table></div>
${!isDetail(view)
  ? html`<p class="flash error" id="restricted">${tr(text.restricted, locale)}</p>`
  : html`${view.contentRemoved ? html`<p class="flash">${tr(text.removed, locale)}</p>` : ''}
<div class="actions card">
${!view.assignee && active ? action('claim', tr(text.claim, locale)) : ''}
${active && view.status !== 'waiting' ? action('status', tr(text.waiting, locale), html`<input type="hidden" name="status" value="waiting">`) : ''}
${active && view.status === 'waiting' ? action('status', tr(text.working, locale), html`<input type="hidden" name="status" value="claimed">`) : ''}
${active ? action('status', tr(text.resolved, locale), html`<input type="hidden" name="status" value="resolved">`) : ''}
${view.status !== 'closed' ? action('close', tr(text.close, locale), html``, tr(text.closeConfirm, locale)) : action('reopen', tr(text.reopen, locale))}
${workers.length > 0
  ? html`<form method="post" action="/console/cases/${view.id}/reassign" class="actions">${csrfField(viewer)}<label>${tr(text.reassign, locale)}<select name="to">${workers.map((w) => html`<option value="${w.id}">${w.name} (${w.employeeNumber})</option>`)}</select></label><button type="submit">${tr(text.reassignButton, locale)}</button></form>`
  : ''}
</div>
<div class="split">
<div>
<h2>${tr(text.messages, locale)}</h2><div class="transcript" id="messages" data-live-region>${entries(view.messages, 'line', locale)}</div>
${view.status !== 'closed'
  ? html`<form method="post" action="/console/cases/${view.id}/reply" class="stack card">${csrfField(viewer)}<label>${tr(text.reply, locale)}<textarea name="text" id="reply-text" required maxlength="4000"></textarea></label><p class="muted">${tr(text.replyHint, locale)}</p><div class="actions"><button type="submit" class="primary">${tr(text.send, locale)}</button></div></form>`
  : ''}
<h2>${tr(text.notes, locale)}</h2><div class="transcript" id="notes" data-live-region>${entries(view.notes, 'note', locale)}</div>
<form method="post" action="/console/cases/${view.id}/note" class="stack card">${csrfField(viewer)}<label>${tr(text.note, locale)}<textarea name="text" required maxlength="4000"></textarea></label><div class="actions"><button type="submit">${tr(text.addNote, locale)}</button></div></form>
</div>
<div><h2>${tr(text.transcript, locale)}</h2><div class="transcript" id="transcript">${entries(view.transcript, 'line', locale)}</div></div>
</div>`}`;
      const title = tr(text.title, locale, { id: view.id });
      sendHtml(res, 200, consolePage(viewer, { title: `${title} · ${tr(CATEGORY_NAMES[view.category], locale)}`, area: 'cases', path, body, live: `/console/cases/${view.id}/version` }));
    }),
  );

  // A change signal for one case (no content, no audit entry): its row and how many lines it has.
  server.route(
    'GET',
    new RegExp(`^/console/cases/${ID}/version$`),
    page(web, 'cases', async ({ res, params }) => {
      const ticket = await store.tickets.get(params.id!);
      if (!ticket) throw new AppError('not_found', 'no such case');
      const counts = await store.tickets.entryCounts(ticket.id);
      const version = createHash('sha256').update(`${activity.counter}|${ticket.version}|${JSON.stringify(counts)}`).digest('base64url').slice(0, 16);
      sendJson(res, 200, { version }, { 'cache-control': 'no-store' });
    }),
  );

  server.route(
    'POST',
    new RegExp(`^/console/cases/${ID}/(?<verb>claim|reply|note|status|reassign|close|reopen)$`),
    page(web, 'cases', async ({ res, viewer, params, form }) => {
      const me = viewer.signedIn!.member;
      const id = params.id!;
      const back = (suffix: string) => redirect(res, `/console/cases/${id}?${suffix}`);
      try {
        switch (params.verb) {
          case 'claim':
            await tickets.claim(me, id);
            break;
          case 'reply':
            await tickets.reply(me, id, field(form, 'text'));
            break;
          case 'note':
            await tickets.note(me, id, field(form, 'text'));
            break;
          case 'status': {
            const status = field(form, 'status');
            if (status !== 'claimed' && status !== 'waiting' && status !== 'resolved') throw new AppError('invalid_input', 'unknown status');
            await tickets.setStatus(me, id, status);
            break;
          }
          case 'reassign': {
            const to = await store.members.get(field(form, 'to'));
            if (!to) throw new AppError('not_found', 'no such member');
            await tickets.reassign(me, id, to);
            break;
          }
          case 'close':
            await tickets.close(me, id);
            break;
          case 'reopen':
            await tickets.reopen(me, id);
            break;
        }
      } catch (error) {
        // zod errors (empty reply) and the service's refusals come back to the case page.
        if (isAppError(error) && error.code !== 'not_found') return back(`error=${error.code}`);
        if (error instanceof Error && error.name === 'ZodError') return back('error=invalid_input');
        throw error;
      }
      back('ok=1');
    }),
  );
}
