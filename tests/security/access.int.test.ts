import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { action } from '../../src/core/flow.ts';
import type { Reply } from '../../src/core/reply.ts';
import { HttpServer } from '../../src/server/http.ts';
import { startServer, type RunningServer } from '../../src/server/serve.ts';
import type { Role } from '../../src/store/members.ts';
import { buttons, chatUser } from '../democracy/helpers.ts';
import { testApp } from '../helpers/app.ts';
import { FakeSlackApi } from '../slack/fake-slack-api.ts';
import { SIGNING_SECRET } from '../slack/slack-requests.ts';
import { closeApp } from '../teams/shutdown.ts';
import { knowledgeFixture } from '../web/knowledge-fixture.ts';
import { seedPerson, WebClient } from '../web/web-helpers.ts';

/**
 * Access control over the whole HTTP surface (issue 9). The route table is read from the real
 * server as it starts (every `HttpServer.route` call, Slack and Teams configured), and every
 * route must have an entry in ACCESS below: a new route without one fails this test, so its
 * author has to say who may use it, and the matrix then tries it with every role.
 */

type Who = 'anonymous' | 'member' | 'staff' | 'counsellor' | 'editor' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'member', 'staff', 'counsellor', 'editor', 'admin'];
const SIGNED_IN: Who[] = ['member', 'staff', 'counsellor', 'editor', 'admin'];
const ROLES: Record<Exclude<Who, 'anonymous'>, Role[]> = { member: [], staff: ['staff'], counsellor: ['counsellor'], editor: ['editor'], admin: ['admin'] };

/**
 * Who may pass each route: roles, or `signature` for machine endpoints that only a valid
 * platform signature opens (no browser session does). `path` is a concrete request for it.
 */
interface Rule {
  allowed: Who[] | 'signature';
  path: (f: Fixture) => string;
  /** Refused to the allowed roles too in the fixture's state (a vote's tally while it is open). */
  refusedWhileOpen?: true;
  /** A realistic form for a POST, so that a missing check would have an effect to find. */
  form?: (f: Fixture) => Record<string, string | string[]>;
}

interface Fixture {
  caseId: string;
  psychCaseId: string;
  voteId: string;
  surveyId: string;
  eventId: string;
  victimId: string;
}

const OVERVIEW: Who[] = ['staff', 'counsellor', 'editor', 'admin'];
const CASES: Who[] = ['staff', 'counsellor', 'admin'];
const KNOWLEDGE: Who[] = ['editor'];
const ADMIN: Who[] = ['admin'];
const VOTE_DEF = JSON.stringify({ kind: 'motion', title: '伪造的表决' });

const ACCESS: Record<string, Rule> = {
  'GET /healthz': { allowed: EVERYONE, path: () => '/healthz' },
  'GET /assets/console.css': { allowed: EVERYONE, path: () => '/assets/console.css' },
  'GET /assets/console.js': { allowed: EVERYONE, path: () => '/assets/console.js' },
  'GET /assets/chat.css': { allowed: EVERYONE, path: () => '/assets/chat.css' },
  'GET /assets/chat.js': { allowed: EVERYONE, path: () => '/assets/chat.js' },
  'GET /login': { allowed: EVERYONE, path: () => '/login' },
  'POST /login': { allowed: EVERYONE, path: () => '/login' },
  'POST /logout': { allowed: EVERYONE, path: () => '/logout' },
  'GET /login/link': { allowed: EVERYONE, path: () => '/login/link?token=x' },
  'POST /login/link': { allowed: EVERYONE, path: () => '/login/link' },
  'GET /lang': { allowed: EVERYONE, path: () => '/lang?to=en' },
  'GET /account/password': { allowed: SIGNED_IN, path: () => '/account/password' },
  'POST /account/password': { allowed: SIGNED_IN, path: () => '/account/password', form: () => ({ current: 'wrong', password: 'a brand new passphrase' }) },
  'GET /': { allowed: EVERYONE, path: () => '/' },
  'POST /api/chat': { allowed: EVERYONE, path: () => '/api/chat' },
  'GET /api/chat/updates': { allowed: EVERYONE, path: () => '/api/chat/updates' },
  'GET /console': { allowed: OVERVIEW, path: () => '/console' },
  'GET /console/cases': { allowed: CASES, path: () => '/console/cases' },
  'GET /console/cases/version': { allowed: CASES, path: () => '/console/cases/version' },
  'GET ^\\/console\\/cases\\/(?<id>[A-Z0-9]{4,40})$': { allowed: CASES, path: (f) => `/console/cases/${f.caseId}` },
  'GET ^\\/console\\/cases\\/(?<id>[A-Z0-9]{4,40})\\/version$': { allowed: CASES, path: (f) => `/console/cases/${f.caseId}/version` },
  'POST ^\\/console\\/cases\\/(?<id>[A-Z0-9]{4,40})\\/(?<verb>claim|reply|note|status|reassign|close|reopen)$': {
    allowed: CASES,
    path: (f) => `/console/cases/${f.caseId}/close`,
  },
  'GET /console/knowledge': { allowed: KNOWLEDGE, path: () => '/console/knowledge' },
  'GET /console/knowledge/edit': { allowed: KNOWLEDGE, path: () => '/console/knowledge/edit?path=faq/forged.zh.md' },
  'POST /console/knowledge/save': {
    allowed: KNOWLEDGE,
    path: () => '/console/knowledge/save',
    form: () => ({ path: 'faq/forged.zh.md', markdown: '---\nid: forged\ntype: faq\ntitle: 伪造\nlanguage: zh-CN\n---\n# 伪造\n\n伪造的内容。\n', note: '', do: 'publish' }),
  },
  'POST /console/knowledge/preview': { allowed: KNOWLEDGE, path: () => '/console/knowledge/preview', form: () => ({ markdown: '# x' }) },
  'GET ^\\/console\\/knowledge\\/revision\\/(?<id>[0-9a-f-]{36})$': { allowed: KNOWLEDGE, path: () => `/console/knowledge/revision/${randomUUID()}` },
  'GET ^\\/console\\/knowledge\\/doc\\/(?<id>[a-z0-9-]+)$': { allowed: KNOWLEDGE, path: () => '/console/knowledge/doc/union-privacy-zh' },
  'GET /console/democracy': { allowed: ADMIN, path: () => '/console/democracy' },
  'GET /console/democracy/new': { allowed: ADMIN, path: () => '/console/democracy/new?kind=vote' },
  'POST /console/democracy/create': { allowed: ADMIN, path: () => '/console/democracy/create', form: () => ({ kind: 'vote', definition: VOTE_DEF, then: 'open' }) },
  'POST ^\\/console\\/democracy\\/(?<kind>survey|vote|event)\\/(?<id>[A-Za-z0-9-]{1,64})\\/(?<verb>open|close)$': {
    allowed: ADMIN,
    path: (f) => `/console/democracy/vote/${f.voteId}/close`,
  },
  'GET ^\\/console\\/democracy\\/vote\\/(?<id>[A-Za-z0-9-]{1,64})$': { allowed: ADMIN, path: (f) => `/console/democracy/vote/${f.voteId}` },
  'GET ^\\/console\\/democracy\\/vote\\/(?<id>[A-Za-z0-9-]{1,64})\\/tally\\.csv$': { allowed: ADMIN, path: (f) => `/console/democracy/vote/${f.voteId}/tally.csv`, refusedWhileOpen: true },
  'GET ^\\/console\\/democracy\\/survey\\/(?<id>[A-Za-z0-9-]{1,64})$': { allowed: ADMIN, path: (f) => `/console/democracy/survey/${f.surveyId}` },
  'GET ^\\/console\\/democracy\\/survey\\/(?<id>[A-Za-z0-9-]{1,64})\\/(?<which>results|responses)\\.csv$': { allowed: ADMIN, path: (f) => `/console/democracy/survey/${f.surveyId}/responses.csv` },
  'GET ^\\/console\\/democracy\\/event\\/(?<id>[A-Za-z0-9-]{1,64})$': { allowed: ADMIN, path: (f) => `/console/democracy/event/${f.eventId}` },
  'GET ^\\/console\\/democracy\\/event\\/(?<id>[A-Za-z0-9-]{1,64})\\/attendees\\.csv$': { allowed: ADMIN, path: (f) => `/console/democracy/event/${f.eventId}/attendees.csv` },
  'POST ^\\/console\\/democracy\\/event\\/(?<id>[A-Za-z0-9-]{1,64})\\/check-in$': { allowed: ADMIN, path: (f) => `/console/democracy/event/${f.eventId}/check-in`, form: () => ({ code: 'ABCDEFGH' }) },
  'GET /console/members': { allowed: ADMIN, path: () => '/console/members' },
  'POST /console/members/import': { allowed: ADMIN, path: () => '/console/members/import', form: () => ({ csv: 'name,employee_number,department,email,status,roles\n伪造,X999,研发部,,member,admin' }) },
  'GET ^\\/console\\/members\\/(?<id>[0-9a-f-]{36})$': { allowed: ADMIN, path: (f) => `/console/members/${f.victimId}` },
  'POST ^\\/console\\/members\\/(?<id>[0-9a-f-]{36})$': { allowed: ADMIN, path: (f) => `/console/members/${f.victimId}`, form: () => ({ roles: ['admin'], status: 'suspended' }) },
  'POST ^\\/console\\/members\\/(?<id>[0-9a-f-]{36})\\/account$': { allowed: ADMIN, path: (f) => `/console/members/${f.victimId}/account`, form: () => ({ do: 'reset' }) },
  'GET /console/audit': { allowed: ADMIN, path: () => '/console/audit' },
  // Machine endpoints: a browser session opens none of them.
  'POST /api/messages': { allowed: 'signature', path: () => '/api/messages' },
  'GET ^\\/api\\/teams\\/files\\/(?<payload>[A-Za-z0-9_-]+)\\.(?<signature>[A-Za-z0-9_-]+)\\/(?<name>[\\w.%-]+)$': { allowed: 'signature', path: () => '/api/teams/files/eJwrSS0uUcgsUMhIzcnJVyjPL8pJAQA.forgedsignature/receipt.txt' },
  'POST /slack/events': { allowed: 'signature', path: () => '/slack/events' },
};

/** A message as Slack or the Bot Framework would deliver it (both also check a signature first). */
const PLATFORM_BODY = {
  type: 'message',
  text: 'help',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  from: { id: '29:forger', name: 'Forger' },
  recipient: { id: '28:union-assistant' },
  conversation: { id: 'a:forger' },
  event: { type: 'message', user: 'UFORGER', text: 'help', channel: 'D1' },
};

/** Refused: 401/403, or (for a page, not signed in) sent to the sign-in page. */
function refused(res: { status: number; location: string | null }, json: boolean): boolean {
  if (res.status === 401 || res.status === 403) return true;
  return (res.status === 302 || res.status === 303) && /^\/login(\?|$)/.test(res.location ?? '');
}

describe('access control over every route', () => {
  let fake: FakeSlackApi;
  let app: Awaited<ReturnType<typeof testApp>>;
  let server: RunningServer;
  const routes: { method: string; key: string }[] = [];
  const clients = {} as Record<Who, WebClient>;
  const people = {} as Record<Exclude<Who, 'anonymous'>, { id: string; employeeNumber: string }>;
  let victim: { id: string; employeeNumber: string };
  let fixture: Fixture;

  beforeAll(async () => {
    fake = await new FakeSlackApi().start();
    app = await testApp('sqlite', {}, {
      KNOWLEDGE_DIR: knowledgeFixture(),
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      MICROSOFT_APP_TYPE: 'MultiTenant',
    });
    const spy = vi.spyOn(HttpServer.prototype, 'route');
    server = await startServer(app, { port: 0, host: '127.0.0.1' });
    for (const [method, path] of spy.mock.calls) routes.push({ method, key: `${method} ${typeof path === 'string' ? path : path.source}` });
    spy.mockRestore();

    let n = 0;
    for (const who of SIGNED_IN) people[who as Exclude<Who, 'anonymous'>] = await seedPerson(app, `P00${++n}`, `${who}-person`, ROLES[who as Exclude<Who, 'anonymous'>]);
    victim = await seedPerson(app, 'V001', '受害会员');
    for (const who of EVERYONE) {
      clients[who] = new WebClient(server.url);
      if (who === 'anonymous') await clients[who].get('/login');
      else expect((await clients[who].signIn(people[who].employeeNumber)).status).toBe(303);
    }

    // The victim's cases (one legal, one psychological), a secret vote they voted in, a survey, an event.
    const victimChat = chatUser(app, 'victim-cli');
    await victimChat.link('V001');
    await victimChat.say('转人工');
    await victimChat.say('我的加班费被拖欠了 ZX-LEGAL-5521');
    const psych = chatUser(app, 'victim-psych');
    await psych.link('V001');
    await psych.action(action('handoff.offer', { category: 'psychological' }));
    await psych.say('我和主管的关系让我很痛苦 ZX-PSYCH-7788');
    const cases = await app.tickets.list(undefined);
    const admin = people.admin.id;
    const vote = await app.votes.open((await app.votes.create({ kind: 'choose-one', title: '工会代表选举', secret: true, allowChange: true, candidates: [{ name: '候选人甲' }, { name: '候选人乙' }] }, admin)).id, admin);
    const survey = await app.surveys.create({ title: { 'zh-CN': '食堂调查', en: 'Canteen survey' }, questions: [{ id: 'often', type: 'single', text: { 'zh-CN': '多久去一次？', en: 'How often?' }, options: [{ 'zh-CN': '每天', en: 'Daily' }, { 'zh-CN': '很少', en: 'Rarely' }] }] }, admin);
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    const event = await app.events.open((await app.events.create({ title: { 'zh-CN': '职工运动会', en: 'Sports day' }, place: 'Stadium', startsAt: inDays(10), endsAt: inDays(10.2), capacity: 50 }, admin)).id, admin);
    fixture = {
      caseId: cases.find((c) => c.category !== 'psychological')!.id,
      psychCaseId: cases.find((c) => c.category === 'psychological')!.id,
      voteId: vote.id,
      surveyId: survey.id,
      eventId: event.id,
      victimId: victim.id,
    };
  });
  afterAll(async () => {
    await server?.close();
    if (app) await closeApp(app);
    await fake?.stop();
  });

  it('every route of the running server has an access rule (a new route must declare who may use it)', () => {
    expect(routes.length).toBeGreaterThan(40);
    const unknown = routes.filter((r) => !(r.key in ACCESS)).map((r) => r.key);
    expect(unknown, 'routes without an entry in ACCESS (tests/security/access.int.test.ts)').toEqual([]);
    const stale = Object.keys(ACCESS).filter((key) => !routes.some((r) => r.key === key));
    expect(stale, 'ACCESS entries for routes that no longer exist').toEqual([]);
  });

  it('refuses every role a route does not allow, for pages and for script requests, and lets the allowed ones in', async () => {
    const problems: string[] = [];
    for (const { method, key } of routes) {
      const rule = ACCESS[key];
      if (!rule) continue;
      const path = rule.path(fixture);
      for (const who of EVERYONE) {
        const client = clients[who];
        const pass = rule.allowed !== 'signature' && rule.allowed.includes(who);
        for (const json of [false, true]) {
          const headers: Record<string, string> = json ? { accept: 'application/json' } : {};
          // A valid CSRF token and a realistic form: only the role may stop the request.
          if (rule.allowed === 'signature') {
            // What the platform would send, with the browser's session but without the platform's signature.
            const res = await fetch(server.url + path, {
              method,
              headers: { cookie: client.cookieHeader, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
              body: method === 'POST' ? JSON.stringify(PLATFORM_BODY) : undefined,
              redirect: 'manual',
            });
            if (![401, 403, 404].includes(res.status)) problems.push(`${who} ${method} ${path}: ${res.status} without a platform signature`);
            continue;
          }
          // Allowed roles are only shown pages: their actions are other tests' business, and the
          // state must stay as it is for the "changed nothing" check below.
          if (pass && method !== 'GET') continue;
          const res = method === 'GET' ? await client.get(path, headers) : await client.post(path, rule.form?.(fixture) ?? {}, { headers });
          if (!pass && !refused(res, json)) {
            problems.push(`${who} ${method} ${path}${json ? ' (json)' : ''}: ${res.status} ${res.location ?? ''}`);
          } else if (pass && method === 'GET' && !rule.refusedWhileOpen && refused(res, json)) {
            problems.push(`${who} ${method} ${path}${json ? ' (json)' : ''} is allowed but was refused: ${res.status}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // The refused requests changed nothing.
    expect((await app.votes.get(fixture.voteId)).status).toBe('open');
    expect(await app.store.members.get(victim.id)).toMatchObject({ status: 'member', roles: ['member'] });
    expect(await app.store.members.getByEmployeeNumber('X999')).toBeUndefined();
    expect((await app.votes.list()).map((v) => v.title['zh-CN'])).not.toContain('伪造的表决');
  });

  it("staff who are not counsellors see that a psychological case exists, never what it says; members see no one's case", async () => {
    const psychPage = `/console/cases/${fixture.psychCaseId}`;
    const forStaff = await clients.staff.get(psychPage);
    expect(forStaff.status).toBe(200);
    expect(forStaff.text).toContain('id="restricted"');
    expect(forStaff.text).not.toContain('ZX-PSYCH-7788');
    expect(forStaff.text).not.toContain('受害会员');
    const reply = await clients.staff.post(`${psychPage}/reply`, { text: '你好，我是工作人员' });
    expect([403, 303, 302]).toContain(reply.status);
    expect((await clients.counsellor.get(psychPage)).text).toContain('ZX-PSYCH-7788');
    const thread = await app.tickets.show((await app.store.members.get(people.counsellor.id))!, fixture.psychCaseId);
    expect(JSON.stringify(thread)).not.toContain('你好，我是工作人员');
    // The list and the overview name no psychological content for staff.
    expect((await clients.staff.get('/console/cases')).text).not.toContain('ZX-PSYCH-7788');
    // Members and editors: not even the legal case.
    for (const who of ['member', 'editor'] as const) {
      const res = await clients[who].get(`/console/cases/${fixture.caseId}`);
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('ZX-LEGAL-5521');
    }
  });

  it("one member's chat never shows another member's messages, answers or ballots", async () => {
    // A staff reply to the victim's case is queued for the victim's conversation only.
    const staff = (await app.store.members.get(people.staff.id))!;
    await app.tickets.claim(staff, fixture.caseId);
    await app.tickets.reply(staff, fixture.caseId, '我们已经联系公司 ZX-REPLY-9911');
    for (const who of EVERYONE) {
      const res = await clients[who].get('/api/chat/updates', { accept: 'application/json' });
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('ZX-REPLY-9911');
    }
    // A forged anonymous chat cookie cannot name a signed-in member's conversation.
    const forger = new WebClient(server.url);
    const account = await app.store.db.prisma.webAccount.findFirstOrThrow({ where: { memberId: victim.id } });
    for (const id of [`account:${account.id}`, `account%3A${account.id}`, account.id]) {
      forger.cookies.set('ua_chat', id);
      expect((await forger.get('/api/chat/updates', { accept: 'application/json' })).text).not.toContain('ZX-REPLY-9911');
    }
    // The victim's CLI conversation still has the reply waiting for them.
    expect(JSON.stringify(await app.store.outbox.take('cli', 'cli:victim-cli'))).toContain('ZX-REPLY-9911');
  });

  it("forged buttons cannot rate or erase another member's case", async () => {
    const staff = (await app.store.members.get(people.staff.id))!;
    await app.tickets.close(staff, fixture.caseId);
    const member = clients.member;
    await member.get('/');
    const chat = async (value: string) => {
      const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: member.cookieHeader, 'x-csrf-token': member.csrf }, body: JSON.stringify({ input: { type: 'action', value } }) });
      expect(res.status).toBe(200);
      return JSON.stringify(await res.json());
    };
    await chat(JSON.stringify({ a: 'handoff.rate', t: fixture.caseId, v: 1 }));
    expect((await app.store.tickets.get(fixture.caseId))!.rating).toBeNull();
    await chat(action('handoff.erase', { confirm: 'yes' }));
    const thread = JSON.stringify(await app.tickets.show((await app.store.members.get(people.admin.id))!, fixture.caseId));
    expect(thread).toContain('ZX-LEGAL-5521');
    expect(await app.store.audit.list({ action: 'tickets.erase' })).toEqual([]);
  });

  it("another member's receipt proves nothing about the choice and cannot change that ballot; results stay hidden until the close", async () => {
    const victimChat = chatUser(app, 'victim-vote');
    await victimChat.link('V001');
    await victimChat.say('投票');
    await victimChat.press('去投票');
    await victimChat.press('候选人乙');
    const cast = await victimChat.press('确认投票');
    const file = cast.find((r) => r.type === 'file');
    const receipt = /([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}/.exec(file?.type === 'file' ? file.content : '')![0];

    // The member got hold of the receipt: verifying it says "counted", never which candidate.
    const member = clients.member;
    await member.get('/');
    const chat = async (input: unknown): Promise<Reply[]> => {
      const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: member.cookieHeader, 'x-csrf-token': member.csrf }, body: JSON.stringify({ input }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { replies: Reply[] }).replies;
    };
    const verified = JSON.stringify(await chat({ type: 'message', text: `回执 ${receipt}` }));
    expect(verified).toContain(receipt.slice(-4));
    expect(verified).not.toMatch(/候选人乙|候选人甲/);
    // A forged cast button carrying the victim's receipt: it is only the member's own first ballot.
    const candidates = (await app.votes.get(fixture.voteId)).candidates.map((c) => c.id);
    await chat({ type: 'action', value: action('vote.cast', { e: fixture.voteId, s: '0', r: receipt }) });
    const sorted = async () => (await app.store.ballots.choices(fixture.voteId)).map((c) => c.join()).sort();
    expect(await sorted()).toEqual([candidates[0], candidates[1]].sort());
    // Now that the member has voted, "Change my vote" with the victim's receipt, or a forged
    // cast carrying it, cannot touch the victim's ballot: the receipt is not on their participation.
    const refusedChange = JSON.stringify(await chat({ type: 'action', value: action('vote.start', { e: fixture.voteId, r: receipt }) }));
    expect(refusedChange, refusedChange).toMatch(/不是您这张选票的回执|not the receipt of your ballot/);
    await chat({ type: 'action', value: action('vote.cast', { e: fixture.voteId, s: '0', r: receipt }) });
    expect(await sorted()).toEqual([candidates[0], candidates[1]].sort());
    expect(await app.votes.verifyReceipt(receipt)).toMatchObject({ counted: true, ballots: 2 });

    // Results: hidden from everyone while open, the admin included; only admins after the close.
    const tally = `/console/democracy/vote/${fixture.voteId}/tally.csv`;
    const page = `/console/democracy/vote/${fixture.voteId}`;
    expect((await clients.admin.get(tally)).status).toBe(403);
    const openPage = await clients.admin.get(page);
    expect(openPage.status).toBe(200);
    expect(openPage.text).not.toContain('id="tally"');
    expect(openPage.text).not.toContain('候选人乙');
    await app.votes.close(fixture.voteId, people.admin.id);
    expect((await clients.admin.get(tally)).status).toBe(200);
    expect((await clients.admin.get(page)).text).toContain('id="tally"');
    for (const who of ['anonymous', 'member', 'staff', 'counsellor', 'editor'] as const) expect(refused(await clients[who].get(tally), false)).toBe(true);
  });

  it("a member cannot rate another member's answer", async () => {
    const victimChat = chatUser(app, 'victim-ask');
    await victimChat.link('V001');
    const answered = await victimChat.say('工会如何保护我的个人信息？');
    const answer = answered.find((r): r is Extract<Reply, { type: 'answer' }> => r.type === 'answer');
    const feedbackId = answer?.feedbackId ?? '';
    expect(feedbackId).not.toBe('');
    const member = clients.member;
    await member.get('/');
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: member.cookieHeader, 'x-csrf-token': member.csrf },
      body: JSON.stringify({ input: { type: 'action', value: action('faq.rate', { id: feedbackId, v: 'not-helpful' }) } }),
    });
    expect(JSON.stringify(await res.json())).toMatch(/无法评价|cannot be rated/);
    const record = await app.store.db.prisma.answerRecord.findUniqueOrThrow({ where: { id: feedbackId } });
    expect(JSON.stringify(record)).not.toContain('not-helpful');
  });
});
