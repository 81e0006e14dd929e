import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bot, teamsActivity, tenantId } from '../teams/activities.ts';
import { batches, CANARY, clearRefusal, Failures, FuzzServer, pool, type Received, type Sent } from './harness.ts';
import { caseIndices, caseRng, hostileString, mutate, serialise, type Rng } from './mutate.ts';

/**
 * Fuzz of the Bot Framework edge (issue 9): activities and invokes POSTed to /api/messages, as the
 * Bot Framework Emulator sends them (this server has no MICROSOFT_APP_ID, so botbuilder does not
 * check a token; the cheap gate in front of it still refuses what cannot be the Emulator on this
 * machine). Replies go to the fake Bot Connector at the activity's serviceUrl. A tenth of the
 * cases name a serviceUrl off this machine (401, nothing touched); most break a field every
 * activity has (refused, nothing touched); a small share may be anything, and every conversation
 * it starts must get a reply.
 */

const CONCURRENCY = 8;
const TIMEOUT = 300_000;

let fuzz: FuzzServer;
beforeAll(async () => {
  fuzz = await FuzzServer.start();
});
afterAll(async () => {
  await fuzz?.close();
});

type Edge = 'teams-activities' | 'teams-invokes';

function share(index: number): 'refused' | 'free' | 'reject' {
  return index % 10 === 0 ? 'refused' : index % 40 === 5 ? 'free' : 'reject';
}

const ACTION_VALUES = ['{"a":"help.menu"}', '{"a":"survey.list"}', '{"a":"vote.list"}', '{"a":"event.list"}', '{"a":"handoff.offer"}', '{"a":"faq.rate","f":"00000000-0000-0000-0000-000000000000","v":1}', '{"a":"teams-staff.claim","t":"nope"}', '{"a":"teams-staff.reply","t":"x"}'];

/** Card data as our cards send it back (an action, a form, a multi-select). */
function cardData(rng: Rng): Record<string, unknown> {
  switch (rng.int(4)) {
    case 0:
      return { ua: rng.pick(ACTION_VALUES) };
    case 1:
      return { uaForm: 'survey:x', 'uaField.q1': hostileString(rng).slice(0, 500), uaOptions: { q2: ['a', 'b'] }, 'uaField.q2': '0,1', uaMultiple: ['q2'] };
    case 2:
      return { uaChoices: 'vote:x', uaValues: ['{"a":"vote.pick","c":"1"}', '{"a":"vote.pick","c":"2"}'], uaPick: '1' };
    default:
      return { ua: rng.pick(ACTION_VALUES), uaCard: JSON.stringify({ type: 'text', text: 'hi' }), uaStaffReply: `${CANARY} ${hostileString(rng).slice(0, 200)}` };
  }
}

function validActivity(edge: Edge, index: number, rng: Rng): Record<string, unknown> {
  const user = { id: `29:fz${index}`, name: rng.chance(0.2) ? hostileString(rng).slice(0, 200) : `Member ${index}`, aadObjectId: `aad-fz${index}` };
  const channel = rng.chance(0.2);
  const conversation = channel ? { id: `19:fz${index}@thread.tacv2;messageid=${index}`, conversationType: 'channel' } : { id: `a:fz${index}` };
  if (edge === 'teams-invokes') {
    return teamsActivity(fuzz.connector.url, user, conversation, { type: 'invoke', name: 'adaptiveCard/action', replyToId: `act-${index}`, value: { action: { type: 'Action.Execute', verb: 'ua', data: cardData(rng) }, trigger: 'manual' } });
  }
  const text = rng.chance(0.3) ? `${CANARY} ${hostileString(rng).slice(0, 3000)}` : rng.pick(['help', '帮助', '投票', 'cases', 'ask', 'ask 年假有几天？', `${CANARY} how many days of annual leave?`, '<at>Union Assistant</at> help']);
  switch (rng.int(5)) {
    case 0:
      return teamsActivity(fuzz.connector.url, user, conversation, { type: 'message', value: cardData(rng), replyToId: `act-${index}` });
    case 1:
      return teamsActivity(fuzz.connector.url, user, conversation, { type: 'conversationUpdate', membersAdded: [{ id: bot.id }] });
    case 2:
      return teamsActivity(fuzz.connector.url, user, conversation, { type: 'message', text, entities: [{ type: 'mention', text: '<at>Union Assistant</at>', mentioned: { id: bot.id, name: bot.name } }] });
    default:
      return teamsActivity(fuzz.connector.url, user, conversation, { type: 'message', text });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Breaks a field every activity has (or, for the refused share, the serviceUrl), so it must be refused. */
function breakRequired(activity: Record<string, unknown>, rng: Rng, refused: boolean): string {
  if (refused) {
    activity.serviceUrl = rng.pick<unknown>(['https://evil.example/', 'http://10.0.0.1/', 'file:///etc/passwd', 'http://127.0.0.1.evil.example/', 42, null, '', ['http://127.0.0.1/'], 'javascript:alert(1)']);
    return 'serviceUrl off this machine';
  }
  const broken = () => rng.pick<unknown>([42, '', null, [], true, ['a']]);
  const which = rng.pick(['type', 'from', 'from.id', 'conversation', 'conversation.id', 'channelId']);
  if (which === 'from.id') activity.from = { ...(isRecord(activity.from) ? activity.from : {}), id: rng.pick<unknown>(['', 42, null, 'x'.repeat(501)]) };
  else if (which === 'conversation.id') activity.conversation = { ...(isRecord(activity.conversation) ? activity.conversation : {}), id: rng.pick<unknown>(['', 42, null, 'x'.repeat(501)]) };
  else if (which === 'type') activity.type = rng.pick<unknown>(['', 42, null, 'x'.repeat(101)]);
  else activity[which] = broken();
  return `broke ${which}`;
}

function makeCase(edge: Edge, index: number): { sent: Sent; did: string[]; conversation?: string; invoke: boolean } {
  const rng = caseRng(edge, index);
  const kind = share(index);
  const valid = validActivity(edge, index, rng);
  const { value, did } = rng.chance(0.85) ? mutate(valid, rng) : { value: valid, did: ['valid'] };
  if (kind !== 'free' && isRecord(value)) did.push(breakRequired(value, rng, kind === 'refused'));
  const serialised = serialise(value, rng);
  if (serialised.did) did.push(serialised.did);
  const conversation = isRecord(value) && isRecord(value.conversation) && typeof value.conversation.id === 'string' ? value.conversation.id : undefined;
  const contentType = rng.chance(0.97) ? 'application/json' : rng.pick(['text/plain', 'application/x-www-form-urlencoded', '']);
  if (contentType !== 'application/json') did.push(`content-type ${contentType}`);
  return { sent: { path: '/api/messages', headers: { 'content-type': contentType }, body: serialised.body }, did, conversation, invoke: isRecord(value) && value.type === 'invoke' };
}

/** 200 (handled, or an invoke's answer), 401 (not the Emulator), 400 (not an activity), 413 (too large). */
function checkAnswer(res: Received, sent: Sent): string | undefined {
  if (res.reset) return Buffer.byteLength(sent.body as string) > 1_000_000 ? undefined : 'connection reset';
  if (res.status >= 200 && res.status < 300) return undefined;
  if (res.status === 400 || res.status === 401 || res.status === 413 || res.status === 415) return clearRefusal(res);
  return `status ${res.status}: ${res.text.slice(0, 200)}`;
}

async function teamsSessions(): Promise<Map<string, string>> {
  const rows = await fuzz.app.store.db.prisma.conversationSession.findMany({ where: { channel: 'teams' }, select: { id: true, key: true } });
  return new Map(rows.map((r) => [r.id, r.key]));
}

describe('Bot Framework edges under fuzz (Emulator mode, SQLite)', () => {
  for (const edge of ['teams-activities', 'teams-invokes'] as const) {
    it(`${edge}: refuses requests off this machine and activities without a field every activity has, touching nothing`, async () => {
      const failures = new Failures(edge);
      const before = await fuzz.settledCounts();
      const callsBefore = fuzz.connector.calls.length;
      const cases = caseIndices(edge).filter((i) => share(i) !== 'free');
      for (const batch of batches(cases)) {
        await pool(batch, CONCURRENCY, async (index) => {
          const { sent, did } = makeCase(edge, index);
          const res = await fuzz.send(sent);
          const problem = checkAnswer(res, sent);
          if (problem) failures.add(index, problem, did);
          else if (share(index) === 'refused' && !res.reset && ![400, 401, 413, 415].includes(res.status)) failures.add(index, `a serviceUrl off this machine answered ${res.status}`, did);
        });
        await fuzz.checkBatch(edge, batch);
      }
      failures.assertNone();
      expect(await fuzz.tableCounts(), 'no state change from refused activities').toEqual(before);
      expect(fuzz.connector.calls.slice(callsBefore).map((c) => `${c.method} ${c.path}`), 'Bot Connector calls for refused activities').toEqual([]);
    }, TIMEOUT);

    it(`${edge}: anything else gets an answer, and every conversation it starts gets a reply`, async () => {
      const failures = new Failures(edge);
      const free = caseIndices(edge).filter((i) => share(i) === 'free');
      for (const batch of batches(free)) {
        const sessionsBefore = await teamsSessions();
        const callsBefore = fuzz.connector.calls.length;
        const answeredInline = new Set<string>();
        await pool(batch, CONCURRENCY, async (index) => {
          const { sent, did, conversation, invoke } = makeCase(edge, index);
          const res = await fuzz.send(sent);
          const problem = checkAnswer(res, sent);
          if (problem) return failures.add(index, problem, did);
          if (invoke && res.status === 200 && res.text) {
            // An invoke is answered in its response: a card, or a message the client shows.
            const body = JSON.parse(res.text) as { statusCode?: number; type?: string; value?: unknown };
            if (body.statusCode !== 200 || !body.type || (typeof body.value === 'string' ? !body.value.trim() : !isRecord(body.value))) failures.add(index, `invoke answered ${res.text.slice(0, 200)}`, did);
            else if (conversation) answeredInline.add(conversation);
          }
        });
        await fuzz.checkBatch(edge, batch);
        const calls = fuzz.connector.calls.slice(callsBefore);
        const answered = new Set(calls.filter((c) => c.method === 'POST' && c.conversationId).map((c) => c.conversationId!));
        const silent = [...(await teamsSessions())].filter(([id, key]) => {
          if (sessionsBefore.has(id)) return false;
          const conversation = key.split('#')[0]!;
          // A channel is remembered (for case cards) by its id without the thread.
          return !answered.has(conversation) && !answeredInline.has(conversation) && ![...answered, ...answeredInline].some((c) => c.startsWith(`${conversation};`));
        });
        expect(silent.map(([, key]) => key), `${edge}: conversations changed without a reply (cases ${batch[0]}…${batch.at(-1)})`).toEqual([]);
      }
      failures.assertNone();
    }, TIMEOUT);
  }

  it('the generator makes valid, hostile and refused cases (or the fuzz proves nothing)', () => {
    const did = Array.from({ length: 400 }, (_, i) => makeCase('teams-activities', i).did.join(';'));
    expect(did.filter((d) => d.startsWith('valid')).length).toBeGreaterThan(20);
    expect(did.filter((d) => d.includes('hostile')).length).toBeGreaterThan(20);
    expect(did.filter((d) => d.includes('serviceUrl off this machine')).length).toBeGreaterThan(20);
    expect(tenantId).toBe('tenant-1');
  });
});
