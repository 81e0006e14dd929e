import { parse as parseYaml } from 'yaml';
import type { Bilingual, Locale } from '../../core/locale.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import type { HttpServer } from '../../server/http.ts';
import { definitionTemplate, type DemocracyKind } from './democracy-templates.ts';
import type { DemocracyServices } from './democracy-services.ts';
import { html, type SafeHtml } from './html.ts';
import { field, query, redirect, sendHtml } from './http-kit.ts';
import { formatDateTime, tr } from './i18n.ts';
import { consolePage, csrfField, flash } from './layout.ts';
import type { Viewer } from './viewer.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  title: { 'zh-CN': '问卷 · 投票 · 活动', en: 'Surveys · Votes · Events' },
  surveys: { 'zh-CN': '问卷', en: 'Surveys' },
  votes: { 'zh-CN': '投票与选举', en: 'Votes and elections' },
  events: { 'zh-CN': '活动', en: 'Events' },
  newSurvey: { 'zh-CN': '新建问卷', en: 'New survey' },
  newVote: { 'zh-CN': '新建投票', en: 'New vote' },
  newEvent: { 'zh-CN': '新建活动', en: 'New event' },
  name: { 'zh-CN': '标题', en: 'Title' },
  status: { 'zh-CN': '状态', en: 'Status' },
  when: { 'zh-CN': '时间', en: 'When' },
  numbers: { 'zh-CN': '数字', en: 'Numbers' },
  open: { 'zh-CN': '开放', en: 'Open' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  closeConfirm: { 'zh-CN': '确定关闭？关闭后不能再参与。', en: 'Close it? Nobody can take part afterwards.' },
  details: { 'zh-CN': '结果', en: 'Results' },
  attendees: { 'zh-CN': '报名名单', en: 'Sign-ups' },
  none: { 'zh-CN': '暂无。', en: 'None yet.' },
  signups: { 'zh-CN': '{confirmed}/{capacity} 人，候补 {waitlisted}', en: '{confirmed}/{capacity}, {waitlisted} waitlisted' },
  secret: { 'zh-CN': '不记名', en: 'secret' },
  definition: { 'zh-CN': '定义（YAML，与命令行的定义文件相同）', en: 'Definition (YAML, as in the command line’s definition files)' },
  create: { 'zh-CN': '创建（草稿）', en: 'Create (as a draft)' },
  createOpen: { 'zh-CN': '创建并开放', en: 'Create and open' },
  invalid: { 'zh-CN': '定义有误，未创建：', en: 'The definition has problems and was not created:' },
  created: { 'zh-CN': '已创建。', en: 'Created.' },
  done: { 'zh-CN': '已完成。', en: 'Done.' },
  back: { 'zh-CN': '返回', en: 'Back' },
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  openStatus: { 'zh-CN': '进行中', en: 'Open' },
  closed: { 'zh-CN': '已结束', en: 'Closed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
} satisfies Record<string, Bilingual>;

const STATUS: Record<string, Bilingual> = { draft: text.draft, open: text.openStatus, closed: text.closed, cancelled: text.cancelled };
const KINDS = ['survey', 'vote', 'event'] as const satisfies readonly DemocracyKind[];

function statusBadge(status: string, locale: Locale): SafeHtml {
  return html`<span class="badge${status === 'open' ? ' ok' : ''}">${STATUS[status] ? tr(STATUS[status], locale) : status}</span>`;
}

function lifecycle(viewer: Viewer, kind: DemocracyKind, id: string, status: string): SafeHtml {
  const { locale } = viewer;
  const form = (verb: 'open' | 'close', label: string, confirm?: string) =>
    html`<form method="post" action="/console/democracy/${kind}/${id}/${verb}" class="inline">${csrfField(viewer)}<button type="submit"${confirm ? html` data-confirm="${confirm}"` : ''}>${label}</button></form>`;
  return html`${status === 'draft' ? form('open', tr(text.open, locale)) : ''}${status === 'open' ? form('close', tr(text.close, locale), tr(text.closeConfirm, locale)) : ''}`;
}

/** Surveys, votes and events for admins: list, create from a definition, open, close. */
export function attachDemocracyPages(server: HttpServer, web: WebContext, services: DemocracyServices): void {
  server.route(
    'GET',
    '/console/democracy',
    page(web, 'democracy', async ({ req, res, viewer, path }) => {
      const { locale } = viewer;
      const [surveys, votes, events] = await Promise.all([services.surveys.list(), services.votes.list(), services.events.list()]);
      const ok = query(req).get('ok');
      const body = html`${ok ? flash({ ok: tr(ok === 'created' ? text.created : text.done, locale) }) : ''}
<p class="actions"><a class="button primary" href="/console/democracy/new?kind=event">${tr(text.newEvent, locale)}</a> <a class="button" href="/console/democracy/new?kind=vote">${tr(text.newVote, locale)}</a> <a class="button" href="/console/democracy/new?kind=survey">${tr(text.newSurvey, locale)}</a></p>
<h2>${tr(text.events, locale)}</h2>
${events.length === 0 ? html`<p class="muted">${tr(text.none, locale)}</p>` : html`<table id="events"><thead><tr><th>${tr(text.name, locale)}</th><th>${tr(text.status, locale)}</th><th>${tr(text.when, locale)}</th><th>${tr(text.numbers, locale)}</th><th></th></tr></thead><tbody>${events.map(
  (e) => html`<tr data-event="${e.id}"><td><a href="/console/democracy/event/${e.id}">${e.title[locale]}</a></td><td>${statusBadge(e.status, locale)}</td><td>${formatDateTime(e.startsAt, locale)}</td><td>${tr(text.signups, locale, { confirmed: e.confirmed, capacity: e.capacity, waitlisted: e.waitlisted })}</td><td><div class="actions">${lifecycle(viewer, 'event', e.id, e.status)}<a href="/console/democracy/event/${e.id}">${tr(text.attendees, locale)}</a></div></td></tr>`,
)}</tbody></table>`}
<h2>${tr(text.votes, locale)}</h2>
${votes.length === 0 ? html`<p class="muted">${tr(text.none, locale)}</p>` : html`<table id="votes"><thead><tr><th>${tr(text.name, locale)}</th><th>${tr(text.status, locale)}</th><th>${tr(text.when, locale)}</th><th></th></tr></thead><tbody>${votes.map(
  (v) => html`<tr data-vote="${v.id}"><td><a href="/console/democracy/vote/${v.id}">${v.title[locale]}</a> ${v.secret ? html`<span class="badge">${tr(text.secret, locale)}</span>` : ''}</td><td>${statusBadge(v.status, locale)}</td><td>${v.closesAt ? formatDateTime(v.closesAt, locale) : ''}</td><td><div class="actions">${lifecycle(viewer, 'vote', v.id, v.status)}<a href="/console/democracy/vote/${v.id}">${tr(text.details, locale)}</a></div></td></tr>`,
)}</tbody></table>`}
<h2>${tr(text.surveys, locale)}</h2>
${surveys.length === 0 ? html`<p class="muted">${tr(text.none, locale)}</p>` : html`<table id="surveys"><thead><tr><th>${tr(text.name, locale)}</th><th>${tr(text.status, locale)}</th><th>${tr(text.when, locale)}</th><th></th></tr></thead><tbody>${surveys.map(
  (s) => html`<tr data-survey="${s.id}"><td><a href="/console/democracy/survey/${s.id}">${s.title[locale]}</a></td><td>${statusBadge(s.status, locale)}</td><td>${s.closesAt ? formatDateTime(s.closesAt, locale) : ''}</td><td><div class="actions">${lifecycle(viewer, 'survey', s.id, s.status)}<a href="/console/democracy/survey/${s.id}">${tr(text.details, locale)}</a></div></td></tr>`,
)}</tbody></table>`}`;
      sendHtml(res, 200, consolePage(viewer, { title: tr(text.title, locale), area: 'democracy', path, body }));
    }),
  );

  const newPage = (viewer: Viewer, kind: DemocracyKind, definition: string, problem?: string) => {
    const { locale } = viewer;
    const title = tr(kind === 'event' ? text.newEvent : kind === 'vote' ? text.newVote : text.newSurvey, locale);
    const body = html`<p><a href="/console/democracy">${tr(text.back, locale)}</a></p>
${problem ? html`<div class="flash error" role="alert" id="problems">${tr(text.invalid, locale)}<pre>${problem}</pre></div>` : ''}
<form method="post" action="/console/democracy/create" class="stack">${csrfField(viewer)}<input type="hidden" name="kind" value="${kind}">
<label>${tr(text.definition, locale)}<textarea name="definition" class="code" spellcheck="false" required>${definition}</textarea></label>
<div class="actions"><button type="submit" name="then" value="draft">${tr(text.create, locale)}</button><button type="submit" name="then" value="open" class="primary">${tr(text.createOpen, locale)}</button></div></form>`;
    return consolePage(viewer, { title, area: 'democracy', path: `/console/democracy/new?kind=${kind}`, body });
  };

  server.route(
    'GET',
    '/console/democracy/new',
    page(web, 'democracy', async ({ req, res, viewer }) => {
      const kind = KINDS.find((k) => k === query(req).get('kind')) ?? 'event';
      sendHtml(res, 200, newPage(viewer, kind, definitionTemplate(kind)));
    }),
  );

  server.route(
    'POST',
    '/console/democracy/create',
    page(web, 'democracy', async ({ res, viewer, form }) => {
      const actor = viewer.signedIn!.member.id;
      const kind = KINDS.find((k) => k === field(form, 'kind'));
      if (!kind) throw new AppError('invalid_input', 'unknown kind');
      const source = field(form, 'definition');
      let created: { id: string };
      try {
        let definition: unknown;
        try {
          definition = parseYaml(source);
        } catch (error) {
          throw new AppError('invalid_input', `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
        }
        created = kind === 'event' ? await services.events.create(definition, actor, 'console') : kind === 'vote' ? await services.votes.create(definition, actor, 'console') : await services.surveys.create(definition, actor, 'console');
        if (field(form, 'then') === 'open') {
          if (kind === 'event') await services.events.open(created.id, actor);
          else if (kind === 'vote') await services.votes.open(created.id, actor);
          else await services.surveys.open(created.id, actor);
        }
      } catch (error) {
        if (isAppError(error, 'invalid_input')) return sendHtml(res, 422, newPage(viewer, kind, source, error.message));
        throw error;
      }
      redirect(res, `/console/democracy/${kind}/${created.id}?ok=created`);
    }),
  );

  server.route(
    'POST',
    /^\/console\/democracy\/(?<kind>survey|vote|event)\/(?<id>[A-Za-z0-9-]{1,64})\/(?<verb>open|close)$/,
    page(web, 'democracy', async ({ res, viewer, params }) => {
      const actor = viewer.signedIn!.member.id;
      const { kind, id, verb } = params as { kind: DemocracyKind; id: string; verb: 'open' | 'close' };
      const service = kind === 'event' ? services.events : kind === 'vote' ? services.votes : services.surveys;
      if (verb === 'open') await service.open(id, actor);
      else await service.close(id, actor);
      redirect(res, `/console/democracy?ok=1`);
    }),
  );
}
