import type { Bilingual, Locale } from '../../core/locale.ts';
import { AppError } from '../../core/errors.ts';
import { sendText, type HttpServer } from '../../server/http.ts';
import { toCsv } from '../../store/csv.ts';
import { barChart, timeChart } from './charts.ts';
import type { DemocracyServices } from './democracy-services.ts';
import { html } from './html.ts';
import { field, query, redirect, sendHtml } from './http-kit.ts';
import { formatDateTime, tr } from './i18n.ts';
import { consolePage, csrfField, flash } from './layout.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  back: { 'zh-CN': '返回问卷·投票·活动', en: 'Back to surveys, votes and events' },
  created: { 'zh-CN': '已创建。', en: 'Created.' },
  turnout: { 'zh-CN': '投票率', en: 'Turnout' },
  turnoutOf: { 'zh-CN': '{n} / {of} 名有资格的会员已投票', en: '{n} of {of} eligible members have voted' },
  secretNote: { 'zh-CN': '不记名投票：只统计票数，无法把选票与投票人对应；投票结束前不显示票数。', en: 'Secret ballot: only counts exist and no ballot can be linked to a voter; counts are shown once the vote closes.' },
  results: { 'zh-CN': '结果', en: 'Results' },
  outcome: { 'zh-CN': '结论：{o}', en: 'Outcome: {o}' },
  quorum: { 'zh-CN': '法定人数', en: 'Quorum' },
  met: { 'zh-CN': '已达到', en: 'met' },
  notMet: { 'zh-CN': '未达到', en: 'not met' },
  respondents: { 'zh-CN': '{n} 人提交（{started} 人开始填写）', en: '{n} submitted ({started} started)' },
  average: { 'zh-CN': '平均 {n}', en: 'average {n}' },
  texts: { 'zh-CN': '文字回答', en: 'Written answers' },
  breakdown: { 'zh-CN': '按部门', en: 'By department' },
  noBreakdown: { 'zh-CN': '不显示按部门的细分（保护小部门的匿名性）：', en: 'No breakdown by department (it would single people out):' },
  exportResults: { 'zh-CN': '导出结果 CSV', en: 'Export results (CSV)' },
  exportResponses: { 'zh-CN': '导出答卷 CSV', en: 'Export responses (CSV)' },
  exportAttendees: { 'zh-CN': '导出报名名单 CSV', en: 'Export sign-ups (CSV)' },
  exportTally: { 'zh-CN': '导出计票结果 CSV', en: 'Export the tally (CSV)' },
  signups: { 'zh-CN': '报名情况', en: 'Sign-ups' },
  confirmed: { 'zh-CN': '已确认 {n} / {capacity}，候补 {w}', en: '{n} of {capacity} confirmed, {w} waitlisted' },
  overTime: { 'zh-CN': '累计报名人数', en: 'Sign-ups over time' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  department: { 'zh-CN': '部门', en: 'Department' },
  status: { 'zh-CN': '状态', en: 'Status' },
  signedUp: { 'zh-CN': '报名时间', en: 'Signed up' },
  checkedIn: { 'zh-CN': '签到', en: 'Checked in' },
  checkIn: { 'zh-CN': '按签到码签到', en: 'Check in by code' },
  code: { 'zh-CN': '签到码', en: 'Code' },
  checkInButton: { 'zh-CN': '签到', en: 'Check in' },
  done: { 'zh-CN': '已完成。', en: 'Done.' },
  when: { 'zh-CN': '时间地点', en: 'When and where' },
  confirmedLabel: { 'zh-CN': '已确认', en: 'Confirmed' },
  waitlistedLabel: { 'zh-CN': '候补', en: 'Waitlisted' },
} satisfies Record<string, Bilingual>;

const REGISTRATION: Record<string, Bilingual> = {
  confirmed: { 'zh-CN': '已确认', en: 'confirmed' },
  waitlisted: { 'zh-CN': '候补', en: 'waitlisted' },
  cancelled: { 'zh-CN': '已取消', en: 'cancelled' },
};

const OUTCOMES: Record<string, Bilingual> = {
  passed: { 'zh-CN': '通过', en: 'passed' },
  rejected: { 'zh-CN': '未通过', en: 'rejected' },
  elected: { 'zh-CN': '当选', en: 'elected' },
  tie: { 'zh-CN': '平票', en: 'tie' },
  'no-winner': { 'zh-CN': '无人当选', en: 'no winner' },
  'no-quorum': { 'zh-CN': '未达法定人数', en: 'no quorum' },
};

function download(filename: string) {
  return { 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
}

/**
 * Cumulative counts over time: per hour when everything happened within two days, else per day
 * (at most 60 buckets shown).
 */
function cumulative(times: Date[], locale: Locale) {
  if (times.length === 0) return [];
  const sorted = [...times].sort((a, b) => a.getTime() - b.getTime());
  const hourly = sorted.at(-1)!.getTime() - sorted[0]!.getTime() < 2 * 86_400_000;
  const size = hourly ? 3_600_000 : 86_400_000;
  const first = Math.floor(sorted[0]!.getTime() / size) * size;
  const buckets = Math.min(60, Math.floor((sorted.at(-1)!.getTime() - first) / size) + 1);
  return Array.from({ length: buckets }, (_, i) => {
    const start = new Date(first + i * size);
    const label = hourly
      ? start.toLocaleTimeString(locale === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false })
      : start.toLocaleDateString(locale === 'en' ? 'en-GB' : 'zh-CN', { month: '2-digit', day: '2-digit' });
    return { label, value: sorted.filter((t) => t.getTime() < first + (i + 1) * size).length };
  });
}

/** Results pages: vote tallies and turnout, survey charts, event sign-ups; CSV exports. */
export function attachDemocracyResults(server: HttpServer, web: WebContext, services: DemocracyServices): void {
  const ID = '(?<id>[A-Za-z0-9-]{1,64})';
  const okFlash = (req: Parameters<Parameters<typeof page>[2]>[0]['req'], locale: Locale) => {
    const ok = query(req).get('ok');
    return ok ? flash({ ok: tr(ok === 'created' ? text.created : text.done, locale) }) : '';
  };

  server.route(
    'GET',
    new RegExp(`^/console/democracy/vote/${ID}$`),
    page(web, 'democracy', async ({ req, res, viewer, params, path }) => {
      const { locale } = viewer;
      const election = await services.votes.get(params.id!);
      const turnout = await services.votes.turnout(election.id);
      const tally = election.status === 'closed' ? (await services.votes.results(election.id)).tally : undefined;
      const pct = turnout.eligible ? Math.round((turnout.participants / turnout.eligible) * 1000) / 10 : 0;
      const body = html`<p><a href="/console/democracy">${tr(text.back, locale)}</a></p>${okFlash(req, locale)}
<div class="grid"><div class="card"><h2>${tr(text.turnout, locale)}</h2><div class="stat" id="turnout">${pct}%</div><p class="muted">${tr(text.turnoutOf, locale, { n: turnout.participants, of: turnout.eligible })}</p>
${barChart([{ label: tr(text.turnout, locale), value: pct }], { title: tr(text.turnout, locale), unit: '%', width: 420 })}
${timeChart(cumulative(await services.votes.turnoutTimeline(election.id), locale), { title: tr(text.overTime, locale), kind: 'line', max: turnout.eligible })}
${election.quorumPercent > 0 ? html`<p class="muted">${tr(text.quorum, locale)}: ${election.quorumPercent}%</p>` : ''}</div>
${election.secret ? html`<div class="card"><p class="muted">${tr(text.secretNote, locale)}</p></div>` : ''}</div>
${tally
  ? html`<div class="card" id="tally"><h2>${tr(text.results, locale)}</h2><p><strong>${tr(text.outcome, locale, { o: OUTCOMES[tally.outcome] ? tr(OUTCOMES[tally.outcome]!, locale) : tally.outcome })}</strong> · ${tr(text.quorum, locale)} ${tr(tally.quorumMet ? text.met : text.notMet, locale)}${tally.winners.length > 0 ? html` · <span id="winners">${tally.winners.map((id) => tally.options.find((o) => o.id === id)?.label[locale] ?? id).join('、')}</span>` : ''}</p>
${barChart(tally.options.map((o) => ({ label: o.label[locale], value: o.votes })), { title: tr(text.results, locale) })}
<p><a class="button" href="/console/democracy/vote/${election.id}/tally.csv">${tr(text.exportTally, locale)}</a></p></div>`
  : ''}`;
      sendHtml(res, 200, consolePage(viewer, { title: election.title[locale], area: 'democracy', path, body }));
    }),
  );

  // The tally of a closed vote: counts per option only, as the service stored them at closing.
  server.route(
    'GET',
    new RegExp(`^/console/democracy/vote/${ID}/tally\\.csv$`),
    page(web, 'democracy', async ({ res, viewer, params }) => {
      const { election, tally } = await services.votes.results(params.id!);
      if (election.status !== 'closed') throw new AppError('conflict', 'the tally is available once the vote is closed');
      const rows = tally.options.map((o) => [o.id, o.label[viewer.locale], o.votes, o.percent, tally.winners.includes(o.id) ? 'yes' : '']);
      const csv = toCsv(['option', 'label', 'votes', 'percent', 'winner'], [...rows, ['', 'ballots', tally.ballots, '', ''], ['', 'eligible', tally.eligible, tally.turnoutPercent, ''], ['', 'outcome', tally.outcome, '', '']]);
      await web.app.store.audit.record({ actor: viewer.signedIn!.member.id, action: 'vote.export-tally', target: election.id });
      sendText(res, 200, `\uFEFF${csv}`, 'text/csv; charset=utf-8', download(`vote-${election.id}-tally.csv`));
    }),
  );

  server.route(
    'GET',
    new RegExp(`^/console/democracy/survey/${ID}$`),
    page(web, 'democracy', async ({ req, res, viewer, params, path }) => {
      const { locale } = viewer;
      const { survey, results, started, submitted } = await services.surveys.results(params.id!);
      const body = html`<p><a href="/console/democracy">${tr(text.back, locale)}</a></p>${okFlash(req, locale)}
<p class="actions"><a class="button" href="/console/democracy/survey/${survey.id}/results.csv">${tr(text.exportResults, locale)}</a> <a class="button" href="/console/democracy/survey/${survey.id}/responses.csv">${tr(text.exportResponses, locale)}</a></p>
<div class="stat" id="respondents">${submitted} <small>${tr(text.respondents, locale, { n: submitted, started })}</small></div>
${results.questions.map(
  (q) => html`<div class="card"><h2>${q.text[locale]}</h2>
${q.options.length > 0 ? barChart(q.options.map((o) => ({ label: o.label[locale], value: o.count })), { title: q.text[locale] }) : ''}
${q.average !== undefined ? html`<p class="muted">${tr(text.average, locale, { n: q.average.toFixed(2) })}</p>` : ''}
${q.texts.length > 0 ? html`<details><summary>${tr(text.texts, locale)} (${q.texts.length})</summary><ul>${q.texts.map((t) => html`<li>${t}</li>`)}</ul></details>` : ''}</div>`,
)}
${results.breakdown.shown && results.breakdown.groups.length > 0
  ? html`<div class="card"><h2>${tr(text.breakdown, locale)}</h2><table><thead><tr><th>${tr(text.department, locale)}</th><th>n</th></tr></thead><tbody>${results.breakdown.groups.map((g) => html`<tr><td>${g.department}</td><td>${g.respondents}</td></tr>`)}</tbody></table></div>`
  : results.breakdown.reason ? html`<p class="muted">${tr(text.noBreakdown, locale)} ${results.breakdown.reason}</p>` : ''}`;
      sendHtml(res, 200, consolePage(viewer, { title: survey.title[locale], area: 'democracy', path, body }));
    }),
  );

  server.route(
    'GET',
    new RegExp(`^/console/democracy/survey/${ID}/(?<which>results|responses)\\.csv$`),
    page(web, 'democracy', async ({ res, viewer, params }) => {
      const csv = await services.surveys.exportCsv(params.id!, viewer.locale);
      await web.app.store.audit.record({ actor: viewer.signedIn!.member.id, action: `survey.export-${params.which}`, target: params.id! });
      sendText(res, 200, `\uFEFF${params.which === 'results' ? csv.results : csv.responses}`, 'text/csv; charset=utf-8', download(`survey-${params.id}-${params.which}.csv`));
    }),
  );

  server.route(
    'GET',
    new RegExp(`^/console/democracy/event/${ID}$`),
    page(web, 'democracy', async ({ req, res, viewer, params, path }) => {
      const { locale } = viewer;
      const { event, attendees } = await services.events.attendees(params.id!);
      const series = cumulative(attendees.map((a) => a.registration.createdAt), locale);
      const body = html`<p><a href="/console/democracy">${tr(text.back, locale)}</a></p>${okFlash(req, locale)}
<div class="grid"><div class="card"><h2>${tr(text.signups, locale)}</h2><div class="stat" id="signup-count">${event.confirmed} <small>${tr(text.confirmed, locale, { n: event.confirmed, capacity: event.capacity, w: event.waitlisted })}</small></div>
${barChart([{ label: tr(text.confirmedLabel, locale), value: event.confirmed }, { label: tr(text.waitlistedLabel, locale), value: event.waitlisted }], { title: tr(text.signups, locale), width: 420 })}</div>
<div class="card"><h2>${tr(text.overTime, locale)}</h2>${timeChart(series, { title: tr(text.overTime, locale), kind: 'line', max: event.capacity })}
<p class="muted">${tr(text.when, locale)}: ${formatDateTime(event.startsAt, locale)} · ${event.place || event.link}</p></div></div>
<p class="actions"><a class="button" href="/console/democracy/event/${event.id}/attendees.csv">${tr(text.exportAttendees, locale)}</a></p>
<form method="post" action="/console/democracy/event/${event.id}/check-in" class="filters">${csrfField(viewer)}<label>${tr(text.checkIn, locale)}<input name="code" required maxlength="20" autocomplete="off"></label><button type="submit">${tr(text.checkInButton, locale)}</button></form>
<table id="attendees"><thead><tr><th>${tr(text.name, locale)}</th><th>${tr(text.department, locale)}</th><th>${tr(text.status, locale)}</th><th>${tr(text.signedUp, locale)}</th><th>${tr(text.checkedIn, locale)}</th></tr></thead><tbody>${attendees.map(
  ({ registration: r, member: m }) => html`<tr><td>${m ? `${m.name} (${m.employeeNumber})` : r.memberId}</td><td>${m?.department ?? ''}</td><td>${REGISTRATION[r.status] ? tr(REGISTRATION[r.status]!, locale) : r.status}${r.position ? ` #${r.position}` : ''}</td><td>${formatDateTime(r.createdAt, locale)}</td><td>${r.checkedInAt ? formatDateTime(r.checkedInAt, locale) : ''}</td></tr>`,
)}</tbody></table>`;
      sendHtml(res, 200, consolePage(viewer, { title: event.title[locale], area: 'democracy', path, body }));
    }),
  );

  server.route(
    'GET',
    new RegExp(`^/console/democracy/event/${ID}/attendees\\.csv$`),
    page(web, 'democracy', async ({ res, viewer, params }) => {
      const csv = await services.events.attendeesCsv(params.id!);
      await web.app.store.audit.record({ actor: viewer.signedIn!.member.id, action: 'event.export-attendees', target: params.id! });
      sendText(res, 200, `\uFEFF${csv}`, 'text/csv; charset=utf-8', download(`event-${params.id}-attendees.csv`));
    }),
  );

  server.route(
    'POST',
    new RegExp(`^/console/democracy/event/${ID}/check-in$`),
    page(web, 'democracy', async ({ res, viewer, params, form }) => {
      await services.events.checkIn(params.id!, field(form, 'code').trim().toUpperCase(), viewer.signedIn!.member.id);
      redirect(res, `/console/democracy/event/${params.id}?ok=1`);
    }),
  );
}
