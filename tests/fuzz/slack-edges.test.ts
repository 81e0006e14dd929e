import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM } from '../slack/slack-requests.ts';
import { batches, clearRefusal, Failures, FuzzServer, pool } from './harness.ts';
import { caseIndices, caseRng, hostileValue } from './mutate.ts';
import { checkAnswer, makeCase, STAFF } from './slack-cases.ts';

/**
 * Fuzz of the Slack edge (issue 9): the Events API, the /union command and interactivity, all on
 * POST /slack/events, signed as Slack signs them so that the fuzz reaches the parsers — plus a
 * share with bad, missing and stale signatures that must be refused with 401 having touched
 * nothing. Per edge: a signature share and a must-reject share (a field Slack always sends is
 * broken) checked for "no state change" (row counts of every table, no Slack call), and a free
 * share where anything goes and every conversation the fuzz created must have got a reply.
 */

const CONCURRENCY = 8;
const TIMEOUT = 300_000;

/**
 * A tenth of the cases carry a bad signature; a twentieth may be anything (they reach full turns,
 * which cost tens of milliseconds each, hence the small share); the rest must be refused.
 */
function share(index: number): 'signature' | 'free' | 'reject' {
  return index % 10 === 0 ? 'signature' : index % 20 === 5 ? 'free' : 'reject';
}

let fuzz: FuzzServer;
beforeAll(async () => {
  fuzz = await FuzzServer.start({ staffChannel: STAFF });
});
afterAll(async () => {
  await fuzz?.close();
});

/** Slack conversations (sessions) that exist now, by id → key. */
async function slackSessions(): Promise<Map<string, string>> {
  const rows = await fuzz.app.store.db.prisma.conversationSession.findMany({ where: { channel: 'slack' }, select: { id: true, key: true } });
  return new Map(rows.map((r) => [r.id, r.key]));
}

describe('Slack edges under fuzz (signed, SQLite)', () => {
  for (const kind of ['events', 'commands', 'interactions'] as const) {
    it(`${kind}: refuses bad signatures and payloads without a field Slack always sends, touching nothing`, async () => {
      const edge = `slack-${kind}`;
      const failures = new Failures(edge);
      const all = caseIndices(edge);
      const before = await fuzz.settledCounts();
      const callsBefore = fuzz.fake.calls.filter((c) => c.method !== 'auth.test').length;
      // A tenth of the cases carry a bad signature: 401, whatever the body.
      const signature = all.filter((i) => share(i) === 'signature');
      // Most break a field Slack always sends: acknowledged (Slack retries anything else) and dropped.
      const reject = all.filter((i) => share(i) === 'reject');
      for (const batch of batches([...signature, ...reject], 1_000)) {
        await pool(batch, CONCURRENCY, async (index) => {
          const { sent, did } = makeCase(kind, index, share(index));
          const res = await fuzz.send(sent);
          if (share(index) === 'signature') {
            if (res.reset && Buffer.byteLength(sent.body as string) > 1_000_000) return;
            // An oversized body is refused before the signature is computed over it.
            if (res.status === 413 && Buffer.byteLength(sent.body as string) > 1_000_000) return;
            if (res.status !== 401) failures.add(index, `bad signature answered ${res.status}`, did);
            else if (clearRefusal(res)) failures.add(index, clearRefusal(res)!, did);
            return;
          }
          const problem = checkAnswer(res, sent);
          if (problem) failures.add(index, problem, did);
        });
        await fuzz.checkBatch(edge, batch);
      }
      failures.assertNone();
      expect(await fuzz.tableCounts(), 'no state change from refused requests').toEqual(before);
      const made = fuzz.fake.calls.filter((c) => c.method !== 'auth.test');
      // users.info and conversations.open are lookups; nothing may be posted, updated or opened.
      const posted = made.slice(callsBefore).filter((c) => !['users.info', 'conversations.open'].includes(c.method));
      expect(posted.map((c) => `${c.method} ${String(c.params.channel ?? '')}`), 'Slack calls made for refused requests').toEqual([]);
    }, TIMEOUT);

    it(`${kind}: anything else is acknowledged, and every conversation it starts gets a reply`, async () => {
      const edge = `slack-${kind}`;
      const failures = new Failures(edge);
      const free = caseIndices(edge).filter((i) => share(i) === 'free');
      for (const batch of batches(free, 1_000)) {
        const sessionsBefore = await slackSessions();
        const callsBefore = fuzz.fake.calls.length;
        await pool(batch, CONCURRENCY, async (index) => {
          const { sent, did } = makeCase(kind, index, 'free');
          const res = await fuzz.send(sent);
          const problem = checkAnswer(res, sent);
          if (problem) failures.add(index, problem, did);
          else if (res.status === 200 && res.text && kind === 'commands') {
            // The command's acknowledgement is shown to the member: a clear text, never an error dump.
            const body = JSON.parse(res.text) as { text?: unknown };
            if (typeof body.text !== 'string' || !body.text.trim()) failures.add(index, `command acknowledged with ${res.text.slice(0, 200)}`, did);
          }
        });
        await fuzz.checkBatch(edge, batch);
        // A conversation the fuzz started (state written) must have been answered in Slack.
        const calls = fuzz.fake.calls.slice(callsBefore);
        const answered = new Set(calls.filter((c) => ['chat.postMessage', 'chat.postEphemeral', 'chat.update'].includes(c.method)).map((c) => `${String(c.params.channel)}${c.params.thread_ts ? `:${String(c.params.thread_ts)}` : ''}`));
        const answeredChannels = new Set([...answered].map((k) => k.split(':')[0]));
        const silent = [...(await slackSessions())].filter(([id, key]) => !sessionsBefore.has(id) && !answered.has(key) && !answeredChannels.has(key.split(':')[0]));
        expect(silent.map(([, key]) => key), `${edge}: conversations changed without a reply (cases ${batch[0]}…${batch.at(-1)})`).toEqual([]);
        for (const call of calls.filter((c) => c.method === 'chat.postMessage')) {
          if (!String(call.params.text ?? '').trim() && !Array.isArray(call.params.blocks)) failures.add(-1, `an empty message was posted to ${String(call.params.channel)}`);
        }
      }
      failures.assertNone();
    }, TIMEOUT);
  }

  it('the team of every fuzzed request is the one Slack signs for (sanity of the generator)', () => {
    expect(TEAM).toBe('T0TEAM');
    // The generator must produce both valid and broken cases, or the fuzz proves nothing.
    const kinds = Array.from({ length: 200 }, (_, i) => makeCase('events', i, 'free').did.join(';'));
    expect(kinds.filter((d) => d === 'valid').length).toBeGreaterThan(10);
    expect(kinds.filter((d) => d.includes('hostile')).length).toBeGreaterThan(10);
    expect(hostileValue(caseRng('x', 1))).not.toBe(undefined);
  });
});
