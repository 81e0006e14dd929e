import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedPerson, WebClient } from '../web/web-helpers.ts';
import { batches, CANARY, clearRefusal, Failures, FuzzServer, pool, type Received, type Sent } from './harness.ts';
import { caseIndices, caseRng, hostileString, mutate, serialise, type Rng } from './mutate.ts';

/**
 * Fuzz of the web edge (issue 9): the member chat's POST /api/chat (JSON), the sign-in form, and
 * the console as a signed-in editor and administrator — form and JSON POSTs (the knowledge
 * editor's save and preview among them) and hostile ids in paths. Cases are mutations of what a
 * browser sends. A must-refuse share (no or a wrong CSRF token, another site's Origin, a wrong
 * content type, an input of no known type) must be refused with a clear 4xx and change nothing;
 * in the rest, no answer is a 5xx, every refusal says why, and every chat answer has replies.
 */

const CONCURRENCY = 8;
const TIMEOUT = 300_000;

let fuzz: FuzzServer;
let staff: { cookie: string; csrf: string };
let anon: { cookie: string; csrf: string };

beforeAll(async () => {
  fuzz = await FuzzServer.start();
  await seedPerson(fuzz.app, 'A001', '王芳', ['admin', 'editor', 'staff']);
  const browser = new WebClient(fuzz.url);
  const signedIn = await browser.signIn('A001', PASSWORD);
  expect(signedIn.status).toBe(303);
  await browser.get('/console/knowledge/edit');
  staff = { cookie: browser.cookieHeader, csrf: browser.csrf };
  const visitor = new WebClient(fuzz.url);
  await visitor.get('/login');
  anon = { cookie: visitor.cookieHeader, csrf: visitor.csrf };
});
afterAll(async () => {
  await fuzz?.close();
});

function share(index: number): 'refuse' | 'free' {
  return index % 2 === 0 ? 'refuse' : 'free';
}

const MARKDOWN = `---\nid: faq-fuzz\ntype: faq\ntitle: 标题\nlanguage: zh-CN\ncategory: general\nquestions: [问]\ncites: []\n---\n# 标题\n\n正文。\n`;
const MARKDOWN_HOSTILE = [`# a${' '.repeat(20_000)}x`, '['.repeat(50_000), `---\n${' '.repeat(50_000)}x\n---\n`, '*a'.repeat(20_000), `| ${'a | '.repeat(5_000)}`, '<script>alert(1)</script>', '```\n<img src=x onerror=alert(1)>'];

function form(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
  }
  return params.toString();
}

/** A hostile id for a path segment, URL-encoded as a browser would send it. */
function hostileId(rng: Rng): string {
  const id = rng.pick(['00000000-0000-0000-0000-000000000000', '..', '%2e%2e', '__proto__', 'constructor', '-1', '1e309', "1' OR '1'='1", '%', '%zz', hostileString(rng).slice(0, 300)]);
  // Half a surrogate pair cannot be encoded: it is sent as the bytes of one (%ED%A0%80), invalid UTF-8.
  return encodeURIComponent(id.replace(/[\uD800-\uDFFF]/g, '\u0001')).replace(/%01/g, '%ED%A0%80');
}

type Case = { sent: Sent; did: string[]; kind: 'chat' | 'login' | 'console' | 'path' };

function makeCase(index: number): Case {
  const rng = caseRng('web', index);
  const refuse = share(index) === 'refuse';
  const kind = (['chat', 'login', 'console', 'path'] as const)[index % 8 < 2 ? 0 : index % 8 < 3 ? 1 : index % 8 < 6 ? 2 : 3];
  const did: string[] = [];
  const text = rng.chance(0.3) ? `${CANARY} ${hostileString(rng).slice(0, 2000)}` : rng.pick(['help', '帮助', '年假有几天？', '投票', '转人工']);
  if (kind === 'chat') {
    const valid = { input: rng.pick([{ type: 'message', text }, { type: 'action', value: rng.pick(['{"a":"help.menu"}', '{"a":"vote.list"}', hostileString(rng).slice(0, 500) || 'x']) }, { type: 'form', formId: 'survey:x', values: { q: text } }]) };
    const { value, did: done } = rng.chance(0.85) ? mutate(valid, rng) : { value: valid, did: ['valid'] };
    did.push(...done);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': rng.pick(['en', 'zh-CN', hostileString(rng).slice(0, 100).replace(/[^\x20-\x7e]/g, '')]) };
    if (refuse) {
      switch (rng.int(3)) {
        case 0:
          headers['content-type'] = rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']);
          did.push('not JSON');
          break;
        case 1:
          headers.origin = rng.pick(['https://evil.example', 'null-ish', 'http://127.0.0.1.evil.example']);
          did.push('another site');
          break;
        default:
          if (value && typeof value === 'object') (value as Record<string, unknown>).input = rng.pick<unknown>([{ type: 'exec', text }, { type: 'message' }, null, 'message', [], { type: ['message'], text }]);
          did.push('no such input');
      }
    }
    const serialised = serialise(value, rng);
    if (serialised.did) did.push(serialised.did);
    return { sent: { path: '/api/chat', headers, body: serialised.body }, did, kind };
  }
  if (kind === 'login') {
    const valid = { _csrf: anon.csrf, username: rng.pick(['nobody', 'E404', hostileString(rng).slice(0, 200)]), password: rng.pick(['wrong password!', hostileString(rng).slice(0, 300)]), next: rng.pick(['/console', '//evil.example', 'https://evil.example', '/\\evil', hostileString(rng).slice(0, 200)]) };
    const { value, did: done } = mutate(valid, rng);
    did.push(...done);
    const fields = value as Record<string, unknown>;
    if (refuse) {
      fields._csrf = rng.pick<unknown>(['', 'x'.repeat(43), staff.csrf, ['x', anon.csrf]]);
      did.push('wrong CSRF token');
    }
    return { sent: { path: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: anon.cookie }, body: form(fields) }, did, kind };
  }
  if (kind === 'console') {
    const target = rng.pick(['save', 'preview', 'import', 'create', 'member']);
    const markdown = rng.chance(0.3) ? `${MARKDOWN}${rng.pick(MARKDOWN_HOSTILE)}\n` : MARKDOWN;
    let path: string;
    let valid: Record<string, unknown>;
    let json = false;
    switch (target) {
      case 'save':
        path = '/console/knowledge/save';
        valid = { _csrf: staff.csrf, path: rng.pick(['faq/fuzz.zh.md', '../../etc/passwd', 'faq/../../x.md', 'faq/Fuzz.md', hostileString(rng).slice(0, 100)]), markdown, note: text, do: rng.pick(['preview', 'save', 'discard', 'publish', 'delete', '']) };
        break;
      case 'preview':
        path = '/console/knowledge/preview';
        valid = { markdown };
        json = true;
        break;
      case 'import':
        path = '/console/members/import';
        valid = { _csrf: staff.csrf, csv: rng.pick(['name,employee_number\n张三,W1\n', 'name,__proto__\nx,y\n', `name,employee_number\n"${hostileString(rng).slice(0, 200)}",W2\n`, '"unterminated', '']) };
        break;
      case 'create':
        path = '/console/democracy/create';
        valid = { _csrf: staff.csrf, kind: rng.pick(['survey', 'vote', 'event', 'x']), definition: rng.pick(['{}', 'title: x', '{"title":"x","questions":[]}', hostileString(rng).slice(0, 2000), '&a [*a]']) };
        break;
      default:
        path = `/console/members/${rng.pick(['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])}`;
        valid = { _csrf: staff.csrf, roles: ['admin', 'root'], status: rng.pick(['member', 'god', '']) };
    }
    const { value, did: done } = rng.chance(0.85) ? mutate(valid, rng) : { value: valid, did: ['valid'] };
    did.push(target, ...done);
    const fields = value as Record<string, unknown>;
    const headers: Record<string, string> = { cookie: staff.cookie, 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' };
    if (json) headers['x-csrf-token'] = staff.csrf;
    if (refuse) {
      if (json) headers['x-csrf-token'] = rng.pick(['', 'nope', anon.csrf]);
      else fields._csrf = rng.pick<unknown>(['', 'nope', anon.csrf, [staff.csrf.slice(1)]]);
      if (rng.chance(0.3)) headers.origin = 'https://evil.example';
      did.push('wrong CSRF token');
    }
    const body = json ? serialise(fields, rng).body : form(fields);
    return { sent: { path, headers, body }, did, kind };
  }
  // GET with hostile ids and queries: nothing to refuse, nothing to change.
  const paths = [`/console/cases/${hostileId(rng)}`, `/console/knowledge/revision/${hostileId(rng)}`, `/console/knowledge/doc/${hostileId(rng)}`, `/console/knowledge/edit?draft=${hostileId(rng)}`, `/console/knowledge/edit?path=${hostileId(rng)}`, `/console/knowledge/edit?question=${hostileId(rng)}&language=${hostileId(rng)}`, `/console/members/${hostileId(rng)}`, `/console/members?search=${hostileId(rng)}&role=${hostileId(rng)}`, `/console/democracy/survey/${hostileId(rng)}`, `/console/democracy/vote/${hostileId(rng)}/results`, `/console/audit?actor=${hostileId(rng)}`, `/login?next=${hostileId(rng)}`, `/lang?to=${hostileId(rng)}&next=${hostileId(rng)}`, `/login/link?token=${hostileId(rng)}`, `/console/cases?status=${hostileId(rng)}&category=${hostileId(rng)}`];
  const path = rng.pick(paths);
  did.push(path.slice(0, 120));
  return { sent: { method: 'GET', path, headers: { cookie: rng.chance(0.8) ? staff.cookie : anon.cookie } }, did, kind };
}

function checkAnswer(c: Case, res: Received): string | undefined {
  if (res.reset) return Buffer.byteLength(c.sent.body ?? '') > 1_000_000 ? undefined : 'connection reset';
  if (res.status >= 500) return `status ${res.status}: ${res.text.slice(0, 200)}`;
  if (res.status >= 400) return clearRefusal(res);
  if (c.kind === 'chat' && res.status === 200) {
    const body = JSON.parse(res.text) as { replies?: unknown[] };
    if (!Array.isArray(body.replies) || body.replies.length === 0) return `chat answered without replies: ${res.text.slice(0, 200)}`;
  }
  if (res.status === 303 && !/^\/(?![/\\])/.test(String(res.headers.location ?? ''))) return `redirect off this site: ${String(res.headers.location)}`;
  return undefined;
}

describe('web edges under fuzz (SQLite)', () => {
  it('web: refuses requests without the CSRF token, from another site, of the wrong type or with no known input, touching nothing', async () => {
    const failures = new Failures('web');
    const before = await fuzz.settledCounts();
    const cases = caseIndices('web').filter((i) => share(i) === 'refuse' && makeCase(i).kind !== 'path');
    for (const batch of batches(cases)) {
      await pool(batch, CONCURRENCY, async (index) => {
        const c = makeCase(index);
        const res = await fuzz.send(c.sent);
        const problem = checkAnswer(c, res);
        if (problem) return failures.add(index, problem, c.did);
        if (!res.reset && (res.status < 400 || res.status >= 500)) failures.add(index, `answered ${res.status}, not a refusal`, c.did);
      });
      await fuzz.checkBatch('web', batch);
    }
    failures.assertNone();
    expect(await fuzz.tableCounts(), 'no state change from refused requests').toEqual(before);
  }, TIMEOUT);

  it('web: anything else is answered without a 5xx, refusals say why, chat answers have replies', async () => {
    const failures = new Failures('web');
    const cases = caseIndices('web').filter((i) => share(i) === 'free' || makeCase(i).kind === 'path');
    for (const batch of batches(cases)) {
      await pool(batch, CONCURRENCY, async (index) => {
        const c = makeCase(index);
        const res = await fuzz.send(c.sent);
        const problem = checkAnswer(c, res);
        if (problem) failures.add(index, problem, c.did);
      });
      await fuzz.checkBatch('web', batch);
    }
    failures.assertNone();
    // The staff session survived the fuzz (no case signed it out or changed its roles).
    const still = await fuzz.send({ method: 'GET', path: '/console/knowledge', headers: { cookie: staff.cookie } });
    expect(still.status).toBe(200);
  }, TIMEOUT);
});
