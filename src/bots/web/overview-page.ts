import type { Bilingual, Locale } from '../../core/locale.ts';
import type { HttpServer } from '../../server/http.ts';
import { AnswerInsightsQuery } from '../../store/answer-insights.ts';
import { barChart, timeChart } from './charts.ts';
import { html, type SafeHtml } from './html.ts';
import { sendHtml } from './http-kit.ts';
import { tr } from './i18n.ts';
import { consolePage } from './layout.ts';
import { page, type WebContext } from './web-context.ts';
import type { Viewer } from './viewer.ts';

const text = {
  title: { 'zh-CN': '概览', en: 'Overview' },
  questions: { 'zh-CN': '近 30 天提问', en: 'Questions, last 30 days' },
  perDay: { 'zh-CN': '每日提问数', en: 'Questions per day' },
  topics: { 'zh-CN': '最常引用的依据（会员关心的话题）', en: 'Most cited sources (what members care about)' },
  kinds: { 'zh-CN': '问题类型', en: 'Kinds of question' },
  rating: { 'zh-CN': '回答评价', en: 'Answer rating' },
  helpfulShare: { 'zh-CN': '{pct}% 认为有帮助', en: '{pct}% found helpful' },
  rated: { 'zh-CN': '{n} 条评价，其中 {bad} 条“没帮助”；{low} 条低置信度', en: '{n} ratings, {bad} "not helpful"; {low} low-confidence' },
  noRatings: { 'zh-CN': '暂无评价', en: 'No ratings yet' },
  legal: { 'zh-CN': '法律', en: 'Legal' },
  psych: { 'zh-CN': '心理（只计数）', en: 'Psychological (counted only)' },
  union: { 'zh-CN': '工会事务', en: 'Union' },
  none: { 'zh-CN': '未能回答', en: 'Not answered' },
  privacy: {
    'zh-CN': '这里只显示汇总数字：不显示谁提了什么问题，心理类问题只计数，不记录内容；不记名投票只显示投票率。',
    en: 'Only totals are shown here: never who asked what. Psychological questions are counted, never quoted; secret ballots show turnout only.',
  },
} satisfies Record<string, Bilingual>;

/** A section of the overview that another area contributes (cases, votes, events). */
export type OverviewSection = (viewer: Viewer) => Promise<SafeHtml | undefined>;

const KIND_NAMES: Record<string, Bilingual> = { legal: text.legal, psych: text.psych, union: text.union, none: text.none };

async function answersSection(web: WebContext, locale: Locale): Promise<SafeHtml> {
  const days = 30;
  const since = new Date(Date.now() - (days - 1) * 86_400_000);
  since.setUTCHours(0, 0, 0, 0);
  const insights = await new AnswerInsightsQuery(web.app.store.db.prisma).since(since, days);
  const stats = await web.app.store.answers.stats(since);
  const total = insights.days.reduce((sum, d) => sum + d.total, 0);
  const rated = stats.helpful + stats.notHelpful;
  const pct = rated > 0 ? Math.round((stats.helpful / rated) * 100) : 0;
  return html`<div class="grid">
<div class="card"><h2>${tr(text.questions, locale)}</h2><div class="stat" id="questions-total">${total}</div>
${timeChart(insights.days.map((d) => ({ label: d.day.slice(5), value: d.total })), { title: tr(text.perDay, locale), kind: 'columns' })}</div>
<div class="card"><h2>${tr(text.rating, locale)}</h2>
${rated > 0 ? html`<div class="stat">${pct}% <small>${tr(text.helpfulShare, locale, { pct })}</small></div>` : html`<p class="muted">${tr(text.noRatings, locale)}</p>`}
<p class="muted">${tr(text.rated, locale, { n: rated, bad: stats.notHelpful, low: stats.lowConfidence })}</p>
<h2>${tr(text.kinds, locale)}</h2>
${barChart(Object.entries(insights.kinds).map(([kind, value]) => ({ label: KIND_NAMES[kind] ? tr(KIND_NAMES[kind], locale) : kind, value })), { title: tr(text.kinds, locale), width: 420 })}</div>
</div>
<div class="card"><h2>${tr(text.topics, locale)}</h2>${barChart(insights.topSources.map((s) => ({ label: s.title, value: s.count })), { title: tr(text.topics, locale) })}</div>`;
}

/** The overview dashboard: aggregate numbers only (staff, counsellors, editors, admins). */
export function attachOverviewPage(server: HttpServer, web: WebContext, sections: OverviewSection[]): void {
  server.route(
    'GET',
    '/console',
    page(web, 'overview', async ({ res, viewer, path }) => {
      const { locale } = viewer;
      const extra = (await Promise.all(sections.map((section) => section(viewer)))).filter((s): s is SafeHtml => !!s);
      const body = html`<p class="muted">${tr(text.privacy, locale)}</p>${extra}${await answersSection(web, locale)}`;
      sendHtml(res, 200, consolePage(viewer, { title: tr(text.title, locale), area: 'overview', path, body }));
    }),
  );
}
