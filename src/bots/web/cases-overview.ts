import type { Bilingual } from '../../core/locale.ts';
import type { TicketService } from '../../flows/handoff/ticket-service.ts';
import { barChart } from './charts.ts';
import { CATEGORY_NAMES } from './case-format.ts';
import { html } from './html.ts';
import { tr } from './i18n.ts';
import type { OverviewSection } from './overview-page.ts';

const text = {
  open: { 'zh-CN': '未结个案', en: 'Open cases' },
  breaches: { 'zh-CN': '{n} 个超出服务时限', en: '{n} past their service level' },
  byCategory: { 'zh-CN': '按类别', en: 'By category' },
  queue: { 'zh-CN': '打开个案队列', en: 'Open the case queue' },
} satisfies Record<string, Bilingual>;

/**
 * Open cases and service-level breaches, counted by category. The operator view of the service
 * (no actor) gives counts for every category without content; nobody is named here.
 */
export function casesOverview(tickets: TicketService): OverviewSection {
  return async (viewer) => {
    const { locale } = viewer;
    const open = await tickets.list(undefined, { status: ['open', 'claimed', 'waiting'], limit: 5000 });
    const breaches = open.filter((c) => c.overdue.length > 0).length;
    const counts = new Map<string, number>();
    for (const c of open) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    const bars = [...counts.entries()].map(([category, value]) => ({ label: tr(CATEGORY_NAMES[category as keyof typeof CATEGORY_NAMES], locale), value }));
    return html`<div class="card" id="overview-cases"><h2>${tr(text.open, locale)}</h2><div class="stat">${open.length} <small class="${breaches > 0 ? 'badge late' : ''}">${tr(text.breaches, locale, { n: breaches })}</small></div>
${bars.length > 0 ? html`<h2>${tr(text.byCategory, locale)}</h2>${barChart(bars, { title: tr(text.byCategory, locale), width: 420 })}` : ''}
${viewer.signedIn && viewer.signedIn.member.roles.some((r) => r === 'staff' || r === 'counsellor' || r === 'admin') ? html`<p><a href="/console/cases">${tr(text.queue, locale)}</a></p>` : ''}</div>`;
  };
}
