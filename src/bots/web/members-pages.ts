import type { ServerResponse } from 'node:http';
import type { Bilingual } from '../../core/locale.ts';
import type { Viewer } from './viewer.ts';
import { AppError } from '../../core/errors.ts';
import { MemberStatusSchema, MEMBER_STATUSES, ROLES, RoleSchema, type Member } from '../../store/members.ts';
import type { HttpServer } from '../../server/http.ts';
import { html } from './html.ts';
import { field, query, redirect, sendHtml } from './http-kit.ts';
import { tr } from './i18n.ts';
import { consolePage, csrfField, flash } from './layout.ts';
import { page, type WebContext } from './web-context.ts';
import { roleName, statusName } from './names.ts';

const text = {
  title: { 'zh-CN': '会员名册', en: 'Member roster' },
  search: { 'zh-CN': '搜索姓名、工号或邮箱', en: 'Search name, number or email' },
  department: { 'zh-CN': '部门', en: 'Department' },
  role: { 'zh-CN': '角色', en: 'Role' },
  any: { 'zh-CN': '全部', en: 'Any' },
  filter: { 'zh-CN': '筛选', en: 'Filter' },
  number: { 'zh-CN': '工号', en: 'Number' },
  name: { 'zh-CN': '姓名', en: 'Name' },
  status: { 'zh-CN': '会籍', en: 'Status' },
  roles: { 'zh-CN': '角色', en: 'Roles' },
  account: { 'zh-CN': '网页账号', en: 'Web account' },
  yes: { 'zh-CN': '有', en: 'Yes' },
  none: { 'zh-CN': '—', en: '—' },
  count: { 'zh-CN': '共 {n} 人', en: '{n} members' },
  import: { 'zh-CN': '导入名册（CSV）', en: 'Import roster (CSV)' },
  importHint: {
    'zh-CN': '第一行为表头：name, employee_number, department, email, status, roles（或 姓名, 工号, 部门, 邮箱, 会籍状态, 角色）。有错误的行不会写入，并按行号列出。',
    en: 'First row is the header: name, employee_number, department, email, status, roles (Chinese headers work too). Rows with errors are not written and are listed by line.',
  },
  csv: { 'zh-CN': 'CSV 内容', en: 'CSV content' },
  file: { 'zh-CN': '或选择文件', en: 'or choose a file' },
  importButton: { 'zh-CN': '导入', en: 'Import' },
  imported: { 'zh-CN': '已导入：新建 {created}，更新 {updated}，拒绝 {rejected}。', en: 'Imported: {created} created, {updated} updated, {rejected} refused.' },
  line: { 'zh-CN': '第 {line} 行：{reason}', en: 'Line {line}: {reason}' },
  edit: { 'zh-CN': '编辑', en: 'Edit' },
  save: { 'zh-CN': '保存', en: 'Save' },
  saved: { 'zh-CN': '已保存。', en: 'Saved.' },
  back: { 'zh-CN': '返回名册', en: 'Back to the roster' },
  accountTitle: { 'zh-CN': '网页登录账号', en: 'Web sign-in account' },
  noAccount: { 'zh-CN': '此会员还没有网页账号。', en: 'This member has no web account yet.' },
  hasAccount: { 'zh-CN': '登录名：{username}。上次登录：{last}。', en: 'Sign-in name: {username}. Last sign-in: {last}.' },
  never: { 'zh-CN': '从未', en: 'never' },
  createAccount: { 'zh-CN': '创建账号并生成登录链接', en: 'Create account and sign-in link' },
  resetAccount: { 'zh-CN': '生成新的登录链接（重置密码）', en: 'New sign-in link (reset password)' },
  disable: { 'zh-CN': '停用账号', en: 'Disable account' },
  enable: { 'zh-CN': '启用账号', en: 'Enable account' },
  disabled: { 'zh-CN': '（已停用）', en: '(disabled)' },
  linkShown: {
    'zh-CN': '登录链接（24 小时内有效，只显示这一次，请通过安全渠道发给本人）：',
    en: 'Sign-in link (valid for 24 hours, shown only this once; send it to the person over a safe channel):',
  },
  selfAdmin: { 'zh-CN': '不能移除自己的管理员角色。', en: 'You cannot remove your own admin role.' },
} satisfies Record<string, Bilingual>;

function roleBadges(member: Member, locale: 'zh-CN' | 'en') {
  return member.roles.filter((r) => r !== 'member').map((r) => html`<span class="badge">${roleName(r, locale)}</span> `);
}

/** The roster: search, import, roles, status and web accounts (admins only). */
export function attachMemberPages(server: HttpServer, web: WebContext): void {
  const { store } = web.app;


  /** The member's page; a fresh sign-in link is shown in this response only, never in a URL. */
  const sendMemberPage = async (res: ServerResponse, viewer: Viewer, member: Member, notes: { ok?: boolean; error?: string; link?: string }) => {
    const { locale } = viewer;
    const account = await web.accounts.byMember(member.id);
    const link = notes.link;
    const body = html`<p><a href="/console/members">${tr(text.back, locale)}</a></p>
${notes.ok ? flash({ ok: tr(text.saved, locale) }) : ''}${notes.error === 'self-admin' ? flash({ error: tr(text.selfAdmin, locale) }) : ''}
<div class="card"><h2>${member.name} · ${member.employeeNumber}</h2><p class="muted">${member.department} ${member.email ?? ''}</p>
<form method="post" action="/console/members/${member.id}" class="stack">${csrfField(viewer)}
<fieldset><legend>${tr(text.roles, locale)}</legend>${ROLES.filter((r) => r !== 'member').map(
        (r) => html`<label class="check"><input type="checkbox" name="roles" value="${r}"${member.roles.includes(r) ? html` checked` : ''}> ${roleName(r, locale)}</label>`,
      )}</fieldset>
<label>${tr(text.status, locale)}<select name="status">${MEMBER_STATUSES.map((s) => html`<option value="${s}"${member.status === s ? html` selected` : ''}>${statusName(s, locale)}</option>`)}</select></label>
<div class="actions"><button type="submit" class="primary">${tr(text.save, locale)}</button></div></form></div>
<div class="card" id="account"><h2>${tr(text.accountTitle, locale)}</h2>
${link ? html`<p class="flash ok">${tr(text.linkShown, locale)}<br><code id="sign-in-link">${link}</code></p>` : ''}
${account
  ? html`<p>${tr(text.hasAccount, locale, { username: account.username, last: account.lastSignInAt ? account.lastSignInAt.toISOString().slice(0, 16).replace('T', ' ') : tr(text.never, locale) })} ${account.disabled ? tr(text.disabled, locale) : ''}</p>
<form method="post" action="/console/members/${member.id}/account" class="actions">${csrfField(viewer)}
<button name="do" value="reset" type="submit">${tr(text.resetAccount, locale)}</button>
<button name="do" value="${account.disabled ? 'enable' : 'disable'}" type="submit">${tr(account.disabled ? text.enable : text.disable, locale)}</button></form>`
  : html`<p>${tr(text.noAccount, locale)}</p><form method="post" action="/console/members/${member.id}/account">${csrfField(viewer)}<button name="do" value="create" type="submit" class="primary">${tr(text.createAccount, locale)}</button></form>`}
</div>`;
    sendHtml(res, 200, consolePage(viewer, { title: tr(text.title, locale), area: 'members', path: `/console/members/${member.id}`, body }));
  };

  server.route(
    'GET',
    '/console/members',
    page(web, 'members', async ({ req, res, viewer, path }) => {
      const { locale } = viewer;
      const q = query(req);
      const role = RoleSchema.safeParse(q.get('role')).data;
      const search = (q.get('search') ?? '').trim().slice(0, 100);
      const department = (q.get('department') ?? '').trim().slice(0, 100);
      const members = await store.members.list({ search: search || undefined, department: department || undefined, role });
      const withAccounts = await web.accounts.memberIdsWithAccounts(members.map((m) => m.id));
      const report = q.get('created') !== null ? { created: q.get('created'), updated: q.get('updated'), rejected: q.get('rejected') } : undefined;
      const body = html`
<form class="filters" method="get" action="/console/members">
<label>${tr(text.search, locale)}<input name="search" value="${search}" type="search"></label>
<label>${tr(text.department, locale)}<input name="department" value="${department}"></label>
<label>${tr(text.role, locale)}<select name="role"><option value="">${tr(text.any, locale)}</option>${ROLES.map((r) => html`<option value="${r}"${role === r ? html` selected` : ''}>${roleName(r, locale)}</option>`)}</select></label>
<button type="submit">${tr(text.filter, locale)}</button></form>
${report ? flash({ ok: tr(text.imported, locale, { created: report.created ?? 0, updated: report.updated ?? 0, rejected: report.rejected ?? 0 }) }) : ''}
<p class="muted">${tr(text.count, locale, { n: members.length })}</p>
<table id="roster"><thead><tr><th>${tr(text.number, locale)}</th><th>${tr(text.name, locale)}</th><th>${tr(text.department, locale)}</th><th>${tr(text.status, locale)}</th><th>${tr(text.roles, locale)}</th><th>${tr(text.account, locale)}</th><th></th></tr></thead>
<tbody>${members.map(
        (m) => html`<tr><td>${m.employeeNumber}</td><td>${m.name}</td><td>${m.department}</td><td>${statusName(m.status, locale)}</td><td>${roleBadges(m, locale)}</td><td>${withAccounts.has(m.id) ? tr(text.yes, locale) : tr(text.none, locale)}</td><td><a href="/console/members/${m.id}">${tr(text.edit, locale)}</a></td></tr>`,
      )}</tbody></table>
<h2>${tr(text.import, locale)}</h2>
<form method="post" action="/console/members/import" class="stack card">${csrfField(viewer)}
<p class="muted">${tr(text.importHint, locale)}</p>
<label>${tr(text.file, locale)}<input type="file" accept=".csv,text/csv" data-into="csv-text"></label>
<label>${tr(text.csv, locale)}<textarea name="csv" id="csv-text" class="code" rows="8" required placeholder="name,employee_number,department,email,status,roles"></textarea></label>
<div class="actions"><button type="submit" class="primary">${tr(text.importButton, locale)}</button></div></form>`;
      sendHtml(res, 200, consolePage(viewer, { title: tr(text.title, locale), area: 'members', path, body }));
    }),
  );

  server.route(
    'POST',
    '/console/members/import',
    page(web, 'members', async ({ res, viewer, form }) => {
      const { locale } = viewer;
      const report = await store.members.importCsv(field(form, 'csv'));
      await store.audit.record({ actor: viewer.signedIn!.member.id, action: 'members.import', target: 'roster', details: { created: report.created, updated: report.updated, rejected: report.errors.length } });
      if (report.errors.length === 0) return redirect(res, `/console/members?created=${report.created}&updated=${report.updated}&rejected=0`);
      const body = html`${flash({ ok: tr(text.imported, locale, { created: report.created, updated: report.updated, rejected: report.errors.length }) })}
<ul class="flash error" id="import-errors">${report.errors.map((e) => html`<li>${tr(text.line, locale, { line: e.line, reason: e.reason })}</li>`)}</ul>
<p><a href="/console/members">${tr(text.back, locale)}</a></p>`;
      sendHtml(res, 422, consolePage(viewer, { title: tr(text.import, locale), area: 'members', path: '/console/members', body }));
    }),
  );

  server.route(
    'GET',
    /^\/console\/members\/(?<id>[0-9a-f-]{36})$/,
    page(web, 'members', async ({ req, res, viewer, params }) => {
      const member = await store.members.get(params.id!);
      if (!member) throw new AppError('not_found', 'no such member');
      const q = query(req);
      await sendMemberPage(res, viewer, member, { ok: q.get('ok') !== null, error: q.get('error') ?? undefined });
    }),
  );

  server.route(
    'POST',
    /^\/console\/members\/(?<id>[0-9a-f-]{36})$/,
    page(web, 'members', async ({ res, viewer, params, form }) => {
      const member = await store.members.get(params.id!);
      if (!member) throw new AppError('not_found', 'no such member');
      const actor = viewer.signedIn!.member;
      const raw = form.roles === undefined ? [] : Array.isArray(form.roles) ? form.roles : [form.roles];
      const roles = raw.map((r) => RoleSchema.parse(r));
      if (actor.id === member.id && member.roles.includes('admin') && !roles.includes('admin')) return redirect(res, `/console/members/${member.id}?error=self-admin`);
      const status = MemberStatusSchema.parse(field(form, 'status'));
      if (roles.join() !== member.roles.filter((r) => r !== 'member').join()) {
        const updated = await store.members.setRoles(member.id, roles);
        await store.audit.record({ actor: actor.id, action: 'members.roles', target: member.id, details: { roles: updated.roles } });
      }
      if (status !== member.status) {
        await store.members.setStatus(member.id, status);
        await store.audit.record({ actor: actor.id, action: 'members.status', target: member.id, details: { status } });
      }
      redirect(res, `/console/members/${member.id}?ok=1`);
    }),
  );

  server.route(
    'POST',
    /^\/console\/members\/(?<id>[0-9a-f-]{36})\/account$/,
    page(web, 'members', async ({ res, viewer, params, form }) => {
      const member = await store.members.get(params.id!);
      if (!member) throw new AppError('not_found', 'no such member');
      const actor = viewer.signedIn!.member.id;
      const action = field(form, 'do');
      const base = web.app.config.publicUrl?.replace(/\/$/, '') ?? '';
      if (action === 'create' || action === 'reset') {
        const { link } = action === 'create' ? await web.auth.createAccount(member.id, undefined, actor) : await web.auth.resetAccount(member.id, undefined, actor);
        return sendMemberPage(res, viewer, member, { link: `${base}/login/link?token=${link!.token}` });
      }
      const account = await web.accounts.byMember(member.id);
      if (!account || (action !== 'disable' && action !== 'enable')) throw new AppError('invalid_input', 'unknown account action');
      await web.accounts.setDisabled(account.id, action === 'disable');
      if (action === 'disable') await web.accounts.deleteSessionsOf(account.id);
      await store.audit.record({ actor, action: `accounts.${action}`, target: member.id });
      redirect(res, `/console/members/${member.id}?ok=1`);
    }),
  );
}
