import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { WebClient, seedPerson } from './web-helpers.ts';

/** A member in the web chat, signed in, talking through the real endpoints. */
async function chat(member: WebClient, text: string): Promise<string> {
  const res = await fetch(`${member.base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: member.cookieHeader, 'x-csrf-token': member.csrf },
    body: JSON.stringify({ input: { type: 'message', text } }),
  });
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

describe.each(providers)('case screens on %s', (provider) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  beforeAll(async () => {
    app = await testApp(provider);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    await seedPerson(app, 'S001', '李强', ['staff']);
    await seedPerson(app, 'S002', '周丽', ['staff']);
    await seedPerson(app, 'C001', '孙敏', ['counsellor']);
    await seedPerson(app, 'M001', '张伟');
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('staff claim a case, reply, note and close it; the member chat receives the reply', async () => {
    const member = new WebClient(server.url);
    await member.signIn('M001', undefined, '/');
    await member.get('/');
    expect(await chat(member, '转人工')).toContain('success');
    const staff = new WebClient(server.url);
    await staff.signIn('S001');
    const queue = await staff.get('/console/cases');
    expect(queue.text).toContain('张伟');
    const id = /data-case="([A-Z0-9]+)"/.exec(queue.text)![1]!;
    const version = JSON.parse((await staff.get('/console/cases/version', { accept: 'application/json' })).text) as { version: string };
    await staff.get(`/console/cases/${id}`);
    expect((await staff.post(`/console/cases/${id}/claim`, {})).location).toBe(`/console/cases/${id}?ok=1`);
    // A second staff member cannot claim it too.
    const other = new WebClient(server.url);
    await other.signIn('S002');
    await other.get(`/console/cases/${id}`);
    expect((await other.post(`/console/cases/${id}/claim`, {})).location).toBe(`/console/cases/${id}?error=conflict`);
    expect((await other.get(`/console/cases/${id}?error=conflict`)).text).toContain('操作冲突');
    // The queue's change signal moved, so open pages refresh.
    const moved = JSON.parse((await staff.get('/console/cases/version', { accept: 'application/json' })).text) as { version: string };
    expect(moved.version).not.toBe(version.version);
    expect((await staff.post(`/console/cases/${id}/reply`, { text: '您好，我是工会的李强，请问公司是什么时候通知您的？' })).location).toContain('ok=1');
    expect((await staff.post(`/console/cases/${id}/note`, { text: '需要核实劳动合同' })).location).toContain('ok=1');
    const updates = await fetch(`${server.url}/api/chat/updates`, { headers: { cookie: member.cookieHeader } });
    const body = JSON.stringify(await updates.json());
    expect(body).toContain('staff-message');
    expect(body).toContain('李强');
    expect(body).not.toContain('需要核实劳动合同');
    // The member answers; staff see it on the case page.
    expect(await chat(member, '上周五通知的')).toContain('notice');
    const detail = await staff.get(`/console/cases/${id}`);
    expect(detail.text).toContain('上周五通知的');
    expect(detail.text).toContain('需要核实劳动合同');
    expect((await staff.post(`/console/cases/${id}/close`, {})).location).toContain('ok=1');
    expect((await staff.get('/console/cases?status=closed')).text).toContain(id);
  });

  it('keeps psychological cases to counsellors, as the handoff service decides', async () => {
    const member = new WebClient(server.url);
    await member.get('/');
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { type: 'action', value: JSON.stringify({ a: 'handoff.offer', category: 'psychological' }) } }) });
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(res.status).toBe(200);
    await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ input: { type: 'message', text: '我最近压力很大，睡不着' } }) });
    const staff = new WebClient(server.url);
    await staff.signIn('S002');
    const queue = await staff.get('/console/cases?category=psychological');
    const id = /data-case="([A-Z0-9]+)"/.exec(queue.text)![1]!;
    expect(queue.text).toContain('（受限）');
    const page = await staff.get(`/console/cases/${id}`);
    expect(page.text).toContain('id="restricted"');
    expect(page.text).not.toContain('睡不着');
    expect((await staff.post(`/console/cases/${id}/claim`, {})).location).toContain('error=forbidden');
    const counsellor = new WebClient(server.url);
    await counsellor.signIn('C001');
    expect((await counsellor.get(`/console/cases/${id}`)).text).toContain('睡不着');
  });
});
