import type { Bilingual } from '../../core/locale.ts';
import type { KnowledgeService } from '../../knowledge/knowledge-service.ts';
import type { HttpServer } from '../../server/http.ts';
import { html } from './html.ts';
import { query, sendHtml } from './http-kit.ts';
import { formatDateTime, tr } from './i18n.ts';
import { consolePage, flash } from './layout.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  title: { 'zh-CN': '知识库', en: 'Knowledge base' },
  search: { 'zh-CN': '搜索文档（标题、编号、路径）', en: 'Find documents (title, id, path)' },
  type: { 'zh-CN': '类型', en: 'Type' },
  language: { 'zh-CN': '语言', en: 'Language' },
  any: { 'zh-CN': '全部', en: 'Any' },
  find: { 'zh-CN': '查找', en: 'Find' },
  tryQuestion: { 'zh-CN': '试问一个问题（检索结果）', en: 'Try a question (retrieval)' },
  ask: { 'zh-CN': '检索', en: 'Search' },
  hits: { 'zh-CN': '检索结果', en: 'Retrieval results' },
  documents: { 'zh-CN': '文档（{n}）', en: 'Documents ({n})' },
  new: { 'zh-CN': '新建文档', en: 'New document' },
  drafts: { 'zh-CN': '草稿', en: 'Drafts' },
  noDrafts: { 'zh-CN': '没有草稿。', en: 'No drafts.' },
  path: { 'zh-CN': '路径', en: 'Path' },
  docTitle: { 'zh-CN': '标题', en: 'Title' },
  updated: { 'zh-CN': '更新', en: 'Updated' },
  chunks: { 'zh-CN': '片段', en: 'Chunks' },
  unanswered: { 'zh-CN': '没有答好的问题', en: 'Questions not answered well' },
  unansweredHint: {
    'zh-CN': '置信度低或会员评价“没帮助”的问题（心理类问题不记录原文）。可以把它们写成新的 FAQ。',
    en: 'Questions answered with low confidence or rated "not helpful" (psychological questions are never kept). Turn them into FAQ entries.',
  },
  question: { 'zh-CN': '问题', en: 'Question' },
  why: { 'zh-CN': '原因', en: 'Why' },
  lowConfidence: { 'zh-CN': '置信度低', en: 'Low confidence' },
  notHelpful: { 'zh-CN': '没帮助', en: 'Not helpful' },
  toFaq: { 'zh-CN': '写成 FAQ', en: 'Write an FAQ' },
  none: { 'zh-CN': '暂无。', en: 'None.' },
  published: { 'zh-CN': '已发布并重新索引：{path}。下一个问题就会用到它。', en: 'Published and re-indexed: {path}. The next question uses it.' },
  edit: { 'zh-CN': '编辑', en: 'Edit' },
} satisfies Record<string, Bilingual>;

/** The knowledge base for editors: documents, drafts, retrieval check, unanswered questions. */
export function attachKnowledgeListPage(server: HttpServer, web: WebContext, knowledge: KnowledgeService): void {
  server.route(
    'GET',
    '/console/knowledge',
    page(web, 'knowledge', async ({ req, res, viewer, path }) => {
      const { locale } = viewer;
      const q = query(req);
      const find = (q.get('find') ?? '').trim().toLowerCase().slice(0, 100);
      const type = q.get('type') ?? '';
      const language = q.get('language') ?? '';
      const ask = (q.get('ask') ?? '').trim().slice(0, 500);
      const documents = knowledge
        .listDocuments()
        .filter((d) => (!type || d.type === type) && (!language || d.language === language))
        .filter((d) => !find || `${d.title} ${d.id} ${d.path}`.toLowerCase().includes(find))
        .sort((a, b) => a.path.localeCompare(b.path));
      const hits = ask ? await knowledge.search(ask, 5) : [];
      const drafts = await web.revisions.drafts();
      const unanswered = await web.app.store.answers.unanswered(50);
      const published = q.get('published');
      const body = html`${published ? flash({ ok: tr(text.published, locale, { path: published }) }) : ''}
<p><a href="/console/knowledge/edit" class="button primary" id="new-document">${tr(text.new, locale)}</a></p>
<div class="card"><h2>${tr(text.unanswered, locale)}</h2><p class="muted">${tr(text.unansweredHint, locale)}</p>
${unanswered.length === 0
  ? html`<p class="muted">${tr(text.none, locale)}</p>`
  : html`<table id="unanswered"><thead><tr><th>${tr(text.question, locale)}</th><th>${tr(text.why, locale)}</th><th></th><th></th></tr></thead><tbody>${unanswered.map(
      (a) => html`<tr><td>${a.question ?? ''}</td><td>${a.rating === 'not-helpful' ? html`<span class="badge late">${tr(text.notHelpful, locale)}</span>` : ''} ${a.lowConfidence ? html`<span class="badge due">${tr(text.lowConfidence, locale)}</span>` : ''}</td><td class="muted">${formatDateTime(a.createdAt, locale)}</td><td><a href="/console/knowledge/edit?question=${encodeURIComponent(a.question ?? '')}&amp;language=${a.locale}">${tr(text.toFaq, locale)}</a></td></tr>`,
    )}</tbody></table>`}
</div>
<div class="card"><h2>${tr(text.drafts, locale)}</h2>
${drafts.length === 0 ? html`<p class="muted">${tr(text.noDrafts, locale)}</p>` : html`<ul id="drafts">${drafts.map((d) => html`<li><a href="/console/knowledge/edit?draft=${d.id}">${d.path}</a> <span class="muted">${formatDateTime(d.updatedAt, locale)} ${d.note}</span></li>`)}</ul>`}
</div>
<form class="filters" method="get" action="/console/knowledge">
<label>${tr(text.tryQuestion, locale)}<input name="ask" value="${ask}" type="search" size="40"></label><button type="submit">${tr(text.ask, locale)}</button></form>
${ask
  ? html`<div class="card" id="hits"><h2>${tr(text.hits, locale)}</h2><ol>${hits.map((h) => html`<li><a href="/console/knowledge/doc/${h.documentId}">${h.title}</a> ${h.section} <span class="muted">${h.docType} · ${h.score.toFixed(3)}</span></li>`)}</ol></div>`
  : ''}
<form class="filters" method="get" action="/console/knowledge">
<label>${tr(text.search, locale)}<input name="find" value="${find}" type="search"></label>
<label>${tr(text.type, locale)}<select name="type"><option value="">${tr(text.any, locale)}</option>${['law', 'faq', 'psych', 'union'].map((t) => html`<option value="${t}"${type === t ? html` selected` : ''}>${t}</option>`)}</select></label>
<label>${tr(text.language, locale)}<select name="language"><option value="">${tr(text.any, locale)}</option>${['zh-CN', 'en'].map((l) => html`<option value="${l}"${language === l ? html` selected` : ''}>${l}</option>`)}</select></label>
<button type="submit">${tr(text.find, locale)}</button></form>
<h2>${tr(text.documents, locale, { n: documents.length })}</h2>
<table id="documents"><thead><tr><th>${tr(text.docTitle, locale)}</th><th>${tr(text.type, locale)}</th><th>${tr(text.language, locale)}</th><th>${tr(text.path, locale)}</th><th>${tr(text.updated, locale)}</th><th>${tr(text.chunks, locale)}</th><th></th></tr></thead>
<tbody>${documents.map(
        (d) => html`<tr><td><a href="/console/knowledge/doc/${d.id}">${d.title}</a></td><td>${d.type}</td><td>${d.language}</td><td><code>${d.path}</code></td><td>${d.updated ?? ''}</td><td>${d.chunks}</td><td><a href="/console/knowledge/edit?path=${encodeURIComponent(d.path)}">${tr(text.edit, locale)}</a></td></tr>`,
      )}</tbody></table>`;
      sendHtml(res, 200, consolePage(viewer, { title: tr(text.title, locale), area: 'knowledge', path, body }));
    }),
  );
}
