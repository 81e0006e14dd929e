import type { Bilingual } from '../../core/locale.ts';
import { barChart } from './charts.ts';
import type { DemocracyServices } from './democracy-services.ts';
import { html } from './html.ts';
import { formatDateTime, tr } from './i18n.ts';
import type { OverviewSection } from './overview-page.ts';

const text = {
  votes: { 'zh-CN': '进行中的投票：投票率', en: 'Open votes: turnout' },
  events: { 'zh-CN': '即将举行的活动', en: 'Upcoming events' },
  none: { 'zh-CN': '暂无。', en: 'None.' },
  seats: { 'zh-CN': '{n}/{capacity} 人报名', en: '{n} of {capacity} signed up' },
} satisfies Record<string, Bilingual>;

/**
 * Turnout of open votes (a share of eligible members: never who voted or how) and upcoming
 * events with their sign-up counts.
 */
export function democracyOverview(services: DemocracyServices): OverviewSection {
  return async (viewer) => {
    const { locale } = viewer;
    const now = new Date();
    const open = await services.votes.list({ status: ['open'] });
    const turnouts = await Promise.all(
      open.map(async (v) => {
        const t = await services.votes.turnout(v.id);
        return { label: v.title[locale], value: t.eligible ? Math.round((t.participants / t.eligible) * 1000) / 10 : 0 };
      }),
    );
    const events = (await services.events.list({ status: ['open'], endsAfter: now })).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, 6);
    return html`<div class="grid">
<div class="card" id="overview-votes"><h2>${tr(text.votes, locale)}</h2>${turnouts.length > 0 ? barChart(turnouts, { title: tr(text.votes, locale), unit: '%', width: 420 }) : html`<p class="muted">${tr(text.none, locale)}</p>`}</div>
<div class="card" id="overview-events"><h2>${tr(text.events, locale)}</h2>${events.length > 0
      ? html`<ul>${events.map((e) => html`<li><strong>${e.title[locale]}</strong> · ${formatDateTime(e.startsAt, locale)} · ${tr(text.seats, locale, { n: e.confirmed, capacity: e.capacity })}</li>`)}</ul>`
      : html`<p class="muted">${tr(text.none, locale)}</p>`}</div></div>`;
  };
}
