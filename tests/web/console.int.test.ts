import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webContext } from '../../src/bots/web/attach-web.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { tokenHash } from '../../src/store/web-accounts.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { PASSWORD, WebClient, seedPerson } from './web-helpers.ts';

describe.each(providers)('web console on %s', (provider) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let admin: { id: string };
  beforeAll(async () => {
    app = await testApp(provider);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    admin = await seedPerson(app, 'A001', '王芳', ['admin', 'staff']);
    await seedPerson(app, 'S001', '李强', ['staff']);
    await seedPerson(app, 'M001', '张伟');
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('signs in with a session cookie that is http-only and stored only as a hash', async () => {
    const browser = new WebClient(server.url);
    const wrong = await browser.signIn('A001', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('工号或密码不正确');
    const ok = await browser.signIn('a001');
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/console');
    const token = browser.cookies.get('ua_session')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(await app.store.db.prisma.webSession.findUnique({ where: { id: token } })).toBeNull();
    expect(await app.store.db.prisma.webSession.findUnique({ where: { id: tokenHash(token) } })).not.toBeNull();
    const page = await browser.get('/console');
    expect(page.status).toBe(200);
    expect(page.text).toContain('王芳');
    expect(page.text).toContain('href="/console/members"');
    const audit = await app.store.audit.list({ action: 'web.sign-in' });
    expect(audit.some((e) => e.actor === admin.id)).toBe(true);
  });

  it('sends visitors to sign in and refuses members without the role on the server', async () => {
    const visitor = new WebClient(server.url);
    const anonymous = await visitor.get('/console/members');
    expect(anonymous.status).toBe(303);
    expect(anonymous.location).toBe('/login?next=%2Fconsole%2Fmembers');
    const member = new WebClient(server.url);
    const signedIn = await member.signIn('M001');
    expect(signedIn.location).toBe('/');
    for (const path of ['/console', '/console/members', '/console/audit', '/console/cases']) {
      const res = await member.get(path);
      expect(res.status, path).toBe(403);
      expect(res.text).toContain('没有权限');
    }
    // Staff may see cases and the overview, not the roster.
    const staff = new WebClient(server.url);
    await staff.signIn('S001');
    expect((await staff.get('/console/members')).status).toBe(403);
    expect((await staff.get('/console')).status).toBe(200);
    const json = await staff.get('/console/members', { accept: 'application/json' });
    expect(json.status).toBe(403);
  });

  it('refuses state changes without the CSRF token or from another site', async () => {
    const browser = new WebClient(server.url);
    await browser.signIn('A001');
    await browser.get('/console/members');
    const target = `/console/members/${admin.id}`;
    expect((await browser.post(target, { roles: ['admin', 'staff', 'editor'], status: 'member' }, { csrf: null })).status).toBe(403);
    expect((await browser.post(target, { roles: ['admin', 'staff', 'editor'], status: 'member' }, { csrf: 'x'.repeat(43) })).status).toBe(403);
    const crossSite = await browser.post(target, { roles: ['admin', 'staff', 'editor'], status: 'member' }, { headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect((await app.store.members.get(admin.id))!.roles).not.toContain('editor');
    // The anonymous sign-in form is protected too (double-submit token).
    const visitor = new WebClient(server.url);
    expect((await visitor.post('/login', { username: 'A001', password: PASSWORD }, { csrf: null })).status).toBe(403);
  });

  it('locks an account after repeated failures and slows down guessing', async () => {
    await seedPerson(app, 'L001', '赵敏');
    const browser = new WebClient(server.url);
    for (let i = 0; i < 5; i++) expect((await browser.signIn('L001', `wrong ${i}`)).status).toBe(401);
    const locked = await browser.signIn('L001');
    expect(locked.status).toBe(401);
    expect(locked.text).toContain('锁定');
  });

  it('lets an admin import the roster, set roles and issue a sign-in link; all audited', async () => {
    const browser = new WebClient(server.url);
    await browser.signIn('A001');
    await browser.get('/console/members');
    const csv = ['name,employee_number,department,email,status,roles', '陈静,E100,研发部,chen@example.com,member,', '刘洋,E101,研发部,,member,editor', ',E102,研发部,,member,'].join('\n');
    const imported = await browser.post('/console/members/import', { csv });
    expect(imported.status).toBe(422);
    expect(imported.text).toContain('第 4 行');
    const list = await browser.get('/console/members?search=E10');
    expect(list.text).toContain('陈静');
    expect(list.text).toContain('刘洋');
    const chen = (await app.store.members.getByEmployeeNumber('E100'))!;
    const saved = await browser.post(`/console/members/${chen.id}`, { roles: ['staff'], status: 'member' });
    expect(saved.status).toBe(303);
    expect((await app.store.members.get(chen.id))!.roles).toEqual(['member', 'staff']);
    const created = await browser.post(`/console/members/${chen.id}/account`, { do: 'create' });
    const link = /id="sign-in-link">([^<]+)</.exec(created.text)![1]!.replace(/&amp;/g, '&');
    const path = link.slice(link.indexOf('/login/link'));
    // The person opens the link, sets a password, and is signed in.
    const newcomer = new WebClient(server.url);
    expect((await newcomer.get(path)).status).toBe(200);
    const token = new URL(path, 'http://x').searchParams.get('token')!;
    const set = await newcomer.post('/login/link', { token, password: 'a brand new password' });
    expect(set.status).toBe(303);
    expect((await newcomer.get('/console/cases')).status).toBe(200);
    // A link works once.
    expect((await new WebClient(server.url).get(path)).status).toBe(410);
    const audit = await browser.get(`/console/audit?action=members.`);
    expect(audit.text).toContain('members.import');
    expect(audit.text).toContain('members.roles');
    expect((await browser.get('/console/audit?action=accounts.create')).text).toContain('陈静');
  });

  it('refuses short passwords, unknown members and second accounts', async () => {
    const { auth } = webContext(app);
    await expect(auth.resetAccount('M001', 'short', 'test')).rejects.toThrow(/at least 10 characters/);
    await expect(auth.createAccount('NOBODY', undefined, 'test')).rejects.toThrow(/no member/);
    await expect(auth.createAccount('M001', undefined, 'test')).rejects.toThrow(/already has an account/);
  });

  it('changes one’s own password and signs out the other sessions', async () => {
    await seedPerson(app, 'P001', '吴磊', ['staff']);
    const here = new WebClient(server.url);
    const elsewhere = new WebClient(server.url);
    await here.signIn('P001');
    await elsewhere.signIn('P001');
    await here.get('/account/password');
    expect((await here.post('/account/password', { current: 'not it', password: 'another long password' })).status).toBe(401);
    expect((await here.post('/account/password', { current: PASSWORD, password: 'another long password' })).status).toBe(303);
    expect((await here.get('/console/cases')).status).toBe(200);
    expect((await elsewhere.get('/console/cases')).status).toBe(303);
    expect((await new WebClient(server.url).signIn('P001', 'another long password')).status).toBe(303);
  });

  it('cannot take away its own admin role', async () => {
    const browser = new WebClient(server.url);
    await browser.signIn('A001');
    await browser.get(`/console/members/${admin.id}`);
    const res = await browser.post(`/console/members/${admin.id}`, { roles: ['staff'], status: 'member' });
    expect(res.location).toContain('error=self-admin');
    expect((await app.store.members.get(admin.id))!.roles).toContain('admin');
  });

  it('speaks the browser language and switches with a cookie', async () => {
    const browser = new WebClient(server.url);
    const en = await browser.get('/login', { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' });
    expect(en.text).toContain('Employee number');
    const zh = await browser.get('/login', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zh.text).toContain('工号');
    const switched = await browser.get('/lang?to=en&next=/login');
    expect(switched.location).toBe('/login');
    expect((await browser.get('/login', { 'accept-language': 'zh-CN' })).text).toContain('Employee number');
    expect((await browser.get('/lang?to=en&next=//evil.example')).location).toBe('/');
  });

  it('links the web chat to the member after sign-in', async () => {
    const browser = new WebClient(server.url);
    await browser.signIn('M001', PASSWORD, '/');
    await browser.get('/');
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: browser.cookieHeader, 'x-csrf-token': browser.csrf },
      body: JSON.stringify({ input: { type: 'message', text: '帮助' } }),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).not.toContain('还没有与工会会员名册关联');
    // Signed in, the chat needs the CSRF token.
    const forged = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: browser.cookieHeader }, body: JSON.stringify({ input: { type: 'message', text: 'hi' } }) });
    expect(forged.status).toBe(403);
  });
});
