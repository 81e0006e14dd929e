import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import { definitionTemplate } from '../../src/bots/web/democracy-templates.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { WebClient, seedPerson } from './web-helpers.ts';

describe.each(providers)('democracy screens on %s', (provider) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  let admin: WebClient;
  beforeAll(async () => {
    app = await testApp(provider);
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    await seedPerson(app, 'A001', '王芳', ['admin']);
    await seedPerson(app, 'S001', '李强', ['staff']);
    for (const n of ['M001', 'M002', 'M003']) await app.store.members.upsert({ name: n, employeeNumber: n, status: 'member', roles: '' });
    admin = new WebClient(server.url);
    await admin.signIn('A001');
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
  });

  it('is for admins only', async () => {
    const staff = new WebClient(server.url);
    await staff.signIn('S001');
    expect((await staff.get('/console/democracy')).status).toBe(403);
    expect((await staff.get('/console/democracy/new?kind=vote')).status).toBe(403);
  });

  it('refuses a bad definition and names the field', async () => {
    await admin.get('/console/democracy/new?kind=event');
    const bad = await admin.post('/console/democracy/create', { kind: 'event', definition: definitionTemplate('event').replace('capacity: 40', 'capacity: 0'), then: 'draft' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('capacity');
    const notYaml = await admin.post('/console/democracy/create', { kind: 'event', definition: 'title: [unclosed', then: 'draft' });
    expect(notYaml.status).toBe(422);
  });

  it('runs a secret vote: turnout while open, the tally only once closed', async () => {
    await admin.get('/console/democracy/new?kind=vote');
    const created = await admin.post('/console/democracy/create', { kind: 'vote', definition: definitionTemplate('vote').replace('quorumPercent: 50', 'quorumPercent: 0'), then: 'open' });
    expect(created.status).toBe(303);
    const id = /\/console\/democracy\/vote\/([^?]+)/.exec(created.location!)![1]!;
    const member = (await app.store.members.getByEmployeeNumber('M001'))!;
    await app.votes.cast({ member, electionId: id, choices: ['yes'] });
    const open = await admin.get(`/console/democracy/vote/${id}`);
    expect(open.text).toMatch(/id="turnout">\d/);
    // Turnout over time is charted while the vote is open (by the hour, never who or what).
    expect((open.text.match(/<svg class="chart"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(open.text).not.toContain('id="tally"');
    await admin.post(`/console/democracy/vote/${id}/close`, {});
    const closed = await admin.get(`/console/democracy/vote/${id}`);
    expect(closed.text).toContain('id="tally"');
    expect(closed.text).toContain('<svg class="chart"');
    const tally = await fetch(`${server.url}/console/democracy/vote/${id}/tally.csv`, { headers: { cookie: admin.cookieHeader } });
    expect(tally.status).toBe(200);
    expect(await tally.text()).toMatch(/^\uFEFF?option,label,votes,percent,winner\r\nyes,/);
    const overview = await admin.get('/console');
    expect(overview.status).toBe(200);
    const audit = await app.store.audit.list({});
    expect(audit.map((e) => e.action).join(' ')).toMatch(/vote/);
  });

  it('shows survey results as charts and exports CSV', async () => {
    await admin.get('/console/democracy/new?kind=survey');
    const created = await admin.post('/console/democracy/create', { kind: 'survey', definition: definitionTemplate('survey'), then: 'open' });
    const id = /\/console\/democracy\/survey\/([^?]+)/.exec(created.location!)![1]!;
    for (const n of ['M001', 'M002']) {
      const member = (await app.store.members.getByEmployeeNumber(n))!;
      await app.surveys.submit({ surveyId: id, member, answers: { overall: '4', improve: ['2'], comment: '' } });
    }
    const page = await admin.get(`/console/democracy/survey/${id}`);
    expect(page.text).toContain('<svg class="chart"');
    const csv = await fetch(`${server.url}/console/democracy/survey/${id}/results.csv`, { headers: { cookie: admin.cookieHeader } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    expect((await csv.text()).length).toBeGreaterThan(10);
  });
});
