import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Bilingual, Locale } from '../../core/locale.ts';
import { AppError } from '../../core/errors.ts';
import { KnowledgeContentError } from '../../knowledge/content-error.ts';
import type { KnowledgeService } from '../../knowledge/knowledge-service.ts';
import { sendJson, type HttpServer } from '../../server/http.ts';
import { KnowledgePathSchema, type KnowledgeRevision } from '../../store/knowledge-revisions.ts';
import { html, raw } from './html.ts';
import { field, query, redirect, sendHtml } from './http-kit.ts';
import { formatDateTime, tr } from './i18n.ts';
import { consolePage, csrfField, flash } from './layout.ts';
import { compactDiff, diffLines } from './line-diff.ts';
import { renderMarkdown } from './markdown-preview.ts';
import type { Viewer } from './viewer.ts';
import { page, type WebContext } from './web-context.ts';

const text = {
  editTitle: { 'zh-CN': '编辑文档', en: 'Edit document' },
  newTitle: { 'zh-CN': '新建文档', en: 'New document' },
  back: { 'zh-CN': '返回知识库', en: 'Back to the knowledge base' },
  path: { 'zh-CN': '路径（如 faq/overtime-weekend.zh.md）', en: 'Path (e.g. faq/overtime-weekend.en.md)' },
  markdown: { 'zh-CN': 'Markdown（含 front matter）', en: 'Markdown (with front matter)' },
  note: { 'zh-CN': '修改说明', en: 'What changed' },
  save: { 'zh-CN': '保存草稿', en: 'Save draft' },
  preview: { 'zh-CN': '预览', en: 'Preview' },
  publish: { 'zh-CN': '发布', en: 'Publish' },
  publishConfirm: { 'zh-CN': '发布后会立即重新索引，会员的下一个问题就会用到。确定发布？', en: 'Publishing re-indexes at once and the next member question uses it. Publish?' },
  discard: { 'zh-CN': '放弃草稿', en: 'Discard draft' },
  saved: { 'zh-CN': '草稿已保存。', en: 'Draft saved.' },
  invalid: { 'zh-CN': '文档没有通过校验，未发布：', en: 'The document did not pass validation and was not published:' },
  conflict: { 'zh-CN': '此草稿已被发布或放弃。', en: 'This draft was already published or discarded.' },
  history: { 'zh-CN': '版本历史', en: 'Version history' },
  noHistory: { 'zh-CN': '还没有通过工作台发布过。', en: 'Never published from the console yet.' },
  draft: { 'zh-CN': '草稿', en: 'draft' },
  publishedAt: { 'zh-CN': '发布于 {at}', en: 'published {at}' },
  baseline: { 'zh-CN': '首次修改前的版本', en: 'before the first console edit' },
  diff: { 'zh-CN': '与上一版的差异', en: 'Changes from the previous version' },
  diffLive: { 'zh-CN': '与当前线上版本的差异', en: 'Changes from the live version' },
  noChanges: { 'zh-CN': '没有差异。', en: 'No changes.' },
  unchanged: { 'zh-CN': '…… {n} 行未变 ……', en: '… {n} unchanged lines …' },
  view: { 'zh-CN': '文档', en: 'Document' },
  edit: { 'zh-CN': '编辑', en: 'Edit' },
} satisfies Record<string, Bilingual>;

function template(question: string, language: Locale): string {
  const today = new Date().toISOString().slice(0, 10);
  const suffix = language === 'en' ? 'en' : 'zh';
  return `---
id: faq-new-topic-${suffix}
type: faq
title: ${question || (language === 'en' ? 'The question, as a member would ask it' : '会员会怎么问这个问题')}
language: ${language}
category: general
tags: []
updated: ${today}
questions:
  - ${question || (language === 'en' ? 'Another way to ask it' : '另一种问法')}
cites: []
---
# ${question || (language === 'en' ? 'Title' : '标题')}

${language === 'en' ? 'The answer, citing the law and article.' : '回答，并注明法律和条文。'}
`;
}

function diffView(before: string, after: string, locale: Locale) {
  const lines = compactDiff(diffLines(before, after));
  if (!lines.some((l) => l.kind === 'add' || l.kind === 'del')) return html`<p class="muted">${tr(text.noChanges, locale)}</p>`;
  return html`<div class="diff">${lines.map((l) =>
    l.kind === 'gap' ? html`<span class="same">${tr(text.unchanged, locale, { n: l.count })}</span>` : html`<span class="${l.kind}">${l.kind === 'add' ? '+ ' : l.kind === 'del' ? '- ' : '  '}${l.text}</span>`,
  )}</div>`;
}

/** The Markdown editor: drafts, preview, validation, publish (re-index at once), history and diffs. */
export function attachKnowledgeEditor(server: HttpServer, web: WebContext, knowledge: KnowledgeService): void {
  const { revisions } = web;
  const liveText = async (path: string): Promise<string | undefined> => readFile(join(web.app.config.knowledgeDir, path), 'utf8').catch(() => undefined);

  const editor = async (viewer: Viewer, state: { draft?: KnowledgeRevision; path: string; markdown: string; note: string; problems?: string[]; saved?: boolean }) => {
    const { locale } = viewer;
    const live = state.path ? await liveText(state.path) : undefined;
    const history = state.path ? await revisions.history(state.path) : [];
    const published = history.filter((r) => r.status === 'published');
    const body = html`<p><a href="/console/knowledge">${tr(text.back, locale)}</a></p>
${state.saved ? flash({ ok: tr(text.saved, locale) }) : ''}
${state.problems ? html`<div class="flash error" role="alert" id="problems">${tr(text.invalid, locale)}<ul>${state.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
<form method="post" action="/console/knowledge/save" class="stack">${csrfField(viewer)}
${state.draft ? html`<input type="hidden" name="draft" value="${state.draft.id}">` : ''}
<label>${tr(text.path, locale)}<input name="path" value="${state.path}" required pattern="(laws|faq|psych|union)/[a-z0-9][a-z0-9._\\-]*\\.md"${live !== undefined ? html` readonly` : ''}></label>
<div class="split"><label>${tr(text.markdown, locale)}<textarea name="markdown" class="code" data-preview="preview" spellcheck="false">${state.markdown}</textarea></label>
<div><span class="muted">${tr(text.preview, locale)}</span><div class="preview" id="preview">${raw(renderMarkdown(state.markdown))}</div></div></div>
<label>${tr(text.note, locale)}<input name="note" value="${state.note}" maxlength="200"></label>
<div class="actions"><button type="submit" name="do" value="save">${tr(text.save, locale)}</button><button type="submit" name="do" value="preview">${tr(text.preview, locale)}</button>
<button type="submit" name="do" value="publish" class="primary" data-confirm="${tr(text.publishConfirm, locale)}">${tr(text.publish, locale)}</button>
${state.draft ? html`<button type="submit" name="do" value="discard">${tr(text.discard, locale)}</button>` : ''}</div></form>
${live !== undefined ? html`<h2>${tr(text.diffLive, locale)}</h2>${diffView(live, state.markdown, locale)}` : ''}
${state.path ? html`<h2>${tr(text.history, locale)}</h2>${published.length === 0 ? html`<p class="muted">${tr(text.noHistory, locale)}</p>` : ''}
<ol id="history">${history.map((r) => html`<li>${r.status === 'draft' ? html`<a href="/console/knowledge/edit?draft=${r.id}">${tr(text.draft, locale)}</a>` : r.note === 'baseline' ? tr(text.baseline, locale) : tr(text.publishedAt, locale, { at: r.publishedAt ? formatDateTime(r.publishedAt, locale) : '' })} <span class="muted">${r.note === 'baseline' ? '' : r.note}</span>
${r.status === 'published' ? html` · <a href="/console/knowledge/revision/${r.id}">${tr(text.diff, locale)}</a>` : ''}</li>`)}</ol>` : ''}`;
    return consolePage(viewer, { title: tr(state.draft || live !== undefined ? text.editTitle : text.newTitle, locale), area: 'knowledge', path: '/console/knowledge/edit', body });
  };

  server.route(
    'GET',
    '/console/knowledge/edit',
    page(web, 'knowledge', async ({ req, res, viewer }) => {
      const q = query(req);
      const draftId = q.get('draft');
      if (draftId) {
        const draft = await revisions.get(draftId);
        if (!draft || draft.status !== 'draft') throw new AppError('not_found', 'no such draft');
        return sendHtml(res, 200, await editor(viewer, { draft, path: draft.path, markdown: draft.markdown, note: draft.note, saved: q.has('saved') }));
      }
      const path = q.get('path');
      if (path) {
        const parsed = KnowledgePathSchema.safeParse(path);
        const live = parsed.success ? await liveText(parsed.data) : undefined;
        if (live === undefined) throw new AppError('not_found', 'no such document');
        return sendHtml(res, 200, await editor(viewer, { path: parsed.data!, markdown: live, note: '' }));
      }
      const language = q.get('language') === 'en' ? 'en' : 'zh-CN';
      sendHtml(res, 200, await editor(viewer, { path: '', markdown: template((q.get('question') ?? '').replace(/\s+/g, ' ').trim().slice(0, 200), language), note: '' }));
    }),
  );

  server.route(
    'POST',
    '/console/knowledge/save',
    page(web, 'knowledge', async ({ res, viewer, form }) => {
      const me = viewer.signedIn!.member;
      const markdown = field(form, 'markdown').replace(/\r\n?/g, '\n');
      const note = field(form, 'note').slice(0, 200);
      const draftId = field(form, 'draft') || undefined;
      const action = field(form, 'do');
      const pathResult = KnowledgePathSchema.safeParse(field(form, 'path'));
      const existing = draftId ? await revisions.get(draftId) : undefined;
      if (action === 'discard') {
        if (draftId) await revisions.discard(draftId);
        return redirect(res, '/console/knowledge');
      }
      if (!pathResult.success) {
        return sendHtml(res, 422, await editor(viewer, { draft: existing, path: field(form, 'path'), markdown, note, problems: pathResult.error.issues.map((i) => i.message) }));
      }
      const path = pathResult.data;
      if (action === 'preview') return sendHtml(res, 200, await editor(viewer, { draft: existing, path, markdown, note }));
      const draft = await revisions.saveDraft({ id: draftId, path, markdown, authorId: me.id, note });
      if (action !== 'publish') {
        await web.app.store.audit.record({ actor: me.id, action: 'knowledge.draft', target: path, details: { revision: draft.id } });
        return redirect(res, `/console/knowledge/edit?draft=${draft.id}&saved=1`);
      }
      const live = await liveText(path);
      if (live !== undefined) await revisions.recordBaseline(path, live, me.id);
      try {
        // Validates, writes the file and re-indexes that document before returning.
        await knowledge.upsertDocument(path, markdown);
      } catch (error) {
        if (error instanceof KnowledgeContentError) {
          return sendHtml(res, 422, await editor(viewer, { draft, path, markdown, note, problems: error.problems.map((p) => `${p.file}: ${p.reason}`) }));
        }
        throw error;
      }
      await revisions.markPublished(draft.id);
      await web.app.store.audit.record({ actor: me.id, action: 'knowledge.publish', target: path, details: { revision: draft.id } });
      redirect(res, `/console/knowledge?published=${encodeURIComponent(path)}`);
    }),
  );

  server.route(
    'POST',
    '/console/knowledge/preview',
    page(web, 'knowledge', async ({ res, json }) => {
      const markdown = typeof json === 'object' && json !== null && typeof (json as { markdown?: unknown }).markdown === 'string' ? (json as { markdown: string }).markdown : '';
      sendJson(res, 200, { html: renderMarkdown(markdown.slice(0, 500_000)) });
    }),
  );

  server.route(
    'GET',
    /^\/console\/knowledge\/revision\/(?<id>[0-9a-f-]{36})$/,
    page(web, 'knowledge', async ({ res, viewer, params, path }) => {
      const { locale } = viewer;
      const revision = await revisions.get(params.id!);
      if (!revision || revision.status !== 'published') throw new AppError('not_found', 'no such version');
      const history = (await revisions.history(revision.path)).filter((r) => r.status === 'published');
      const previous = history[history.findIndex((r) => r.id === revision.id) + 1];
      const body = html`<p><a href="/console/knowledge/edit?path=${encodeURIComponent(revision.path)}">${tr(text.edit, locale)}</a></p>
<p><code>${revision.path}</code> · ${revision.publishedAt ? tr(text.publishedAt, locale, { at: formatDateTime(revision.publishedAt, locale) }) : ''} · ${revision.note}</p>
${diffView(previous?.markdown ?? '', revision.markdown, locale)}`;
      sendHtml(res, 200, consolePage(viewer, { title: tr(text.diff, locale), area: 'knowledge', path, body }));
    }),
  );

  server.route(
    'GET',
    /^\/console\/knowledge\/doc\/(?<id>[a-z0-9-]+)$/,
    page(web, 'knowledge', async ({ res, viewer, params, path }) => {
      const { locale } = viewer;
      const doc = knowledge.getDocument(params.id!);
      if (!doc) throw new AppError('not_found', 'no such document');
      const live = (await liveText(doc.path)) ?? doc.body;
      const body = html`<p><a href="/console/knowledge">${tr(text.back, locale)}</a> · <a href="/console/knowledge/edit?path=${encodeURIComponent(doc.path)}">${tr(text.edit, locale)}</a></p>
<p><code>${doc.path}</code> · ${doc.type} · ${doc.language}</p><div class="preview">${raw(renderMarkdown(live))}</div>`;
      sendHtml(res, 200, consolePage(viewer, { title: doc.title, area: 'knowledge', path, body }));
    }),
  );
}
