import type { Bilingual, Locale } from '../../core/locale.ts';
import type { TicketCategory, TicketPriority, TicketStatus } from '../../store/tickets.ts';
import type { TicketSummaryView } from '../../flows/handoff/ticket-views.ts';
import { html, type SafeHtml } from './html.ts';
import { formatDateTime, tr } from './i18n.ts';

// One set of case labels for every channel (Slack and Teams cards use the same ones).
import { categoryLabels, priorityLabels, statusLabels } from '../../flows/handoff/texts.ts';

export const CATEGORY_NAMES = categoryLabels;
export const PRIORITY_NAMES = priorityLabels;
export const STATUS_NAMES = statusLabels;

const text = {
  overdue: { 'zh-CN': '已超时 {t}', en: 'overdue by {t}' },
  dueIn: { 'zh-CN': '{t} 后到期', en: 'due in {t}' },
  met: { 'zh-CN': '已完成', en: 'met' },
  minutes: { 'zh-CN': '{n} 分钟', en: '{n} min' },
  hours: { 'zh-CN': '{h} 小时 {m} 分', en: '{h} h {m} min' },
  days: { 'zh-CN': '{d} 天 {h} 小时', en: '{d} d {h} h' },
  restricted: { 'zh-CN': '（受限）', en: '(restricted)' },
} satisfies Record<string, Bilingual>;

function span(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return tr(text.minutes, locale, { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return tr(text.hours, locale, { h: hours, m: minutes % 60 });
  return tr(text.days, locale, { d: Math.floor(hours / 24), h: hours % 24 });
}

/** Within this share of its time a service level counts as "due soon" (amber). */
const DUE_SOON_MS = 30 * 60_000;

/**
 * A service-level timer: green when met, amber when due within half an hour, red when overdue.
 * The script turns it red when the time passes while the page is open (`data-due`).
 */
export function slaTimer(due: Date, met: Date | null, locale: Locale, now: Date, active: boolean): SafeHtml {
  if (met) return html`<span class="badge ok" title="${formatDateTime(met, locale)}">${tr(text.met, locale)}</span>`;
  if (!active) return html`<span class="muted">—</span>`;
  const left = due.getTime() - now.getTime();
  if (left <= 0) return html`<span class="badge late sla" data-due="${due.toISOString()}" title="${formatDateTime(due, locale)}">${tr(text.overdue, locale, { t: span(-left, locale) })}</span>`;
  return html`<span class="badge ${left < DUE_SOON_MS ? 'due' : 'ok'} sla" data-due="${due.toISOString()}" title="${formatDateTime(due, locale)}">${tr(text.dueIn, locale, { t: span(left, locale) })}</span>`;
}

export function isActive(ticket: Pick<TicketSummaryView, 'status'>): boolean {
  return ticket.status !== 'resolved' && ticket.status !== 'closed';
}

/** The member column: restricted cases hide who they are about. */
export function memberLabel(ticket: TicketSummaryView, locale: Locale): string {
  return ticket.restricted ? tr(text.restricted, locale) : ticket.member;
}

export function categoryBadge(category: TicketCategory, locale: Locale): SafeHtml {
  const sensitive = category === 'psychological' || category === 'crisis';
  return html`<span class="badge${sensitive ? ' sensitive' : ''}">${tr(CATEGORY_NAMES[category], locale)}</span>`;
}

export function priorityBadge(priority: TicketPriority, locale: Locale): SafeHtml {
  return html`<span class="badge${priority === 'urgent' ? ' urgent' : priority === 'high' ? ' due' : ''}">${tr(PRIORITY_NAMES[priority], locale)}</span>`;
}
