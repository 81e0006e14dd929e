import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/bots/web/password.ts';
import { createLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { EventService } from '../../src/democracy/event-service.ts';
import { VoteService } from '../../src/democracy/vote-service.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { WebAccountRepository } from '../../src/store/web-accounts.ts';
import { freshDatabase, providers } from '../helpers/database.ts';
import { PASSWORD, WebClient } from '../web/web-helpers.ts';
import { actionsOf, chat, eventually, sameSessionOn, startServerProcess, type ServerProcess } from './cluster.ts';

/**
 * `serve` with WORKERS=2 (src/server/cluster.ts): two worker processes behind one port, on the
 * embedded SQLite file (writes take the primary's write lock) and on PostgreSQL (the default
 * there: one worker per core). Members press
 * at once on two connections (which the primary hands to different workers in turn): a ballot
 * and a place at an event are still counted once, within capacity. The cluster replaces a
 * worker that dies, stops cleanly on SIGTERM, and leaves no worker behind when the primary is
 * killed.
 */
const MEMBERS = 12;
const CAPACITY = 4;
const no = (i: number) => `M${String(i).padStart(2, '0')}`;
const texts = (replies: Reply[]) => JSON.stringify(replies);

/**
 * The primary's worker processes: its children running `union-assistant` (not, for instance,
 * the esbuild service tsx starts when it compiles a file it has not cached yet).
 */
function childrenOf(pid: number): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
  return children.filter((child) => {
    try {
      return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('union-assistant.js');
    } catch {
      return false; // gone meanwhile
    }
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Asks /healthz on fresh connections until both workers have answered; returns the slots seen. */
async function workersAnswering(url: string): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < 40 && seen.size < 2; i++) {
    const bodies = await Promise.all([0, 1, 2, 3].map(async () => (await (await fetch(`${url}/healthz`)).json()) as { status: string; worker?: number }));
    for (const body of bodies) {
      expect(body.status).toBe('ok');
      if (body.worker !== undefined) seen.add(body.worker);
    }
  }
  return seen;
}

describe.each(providers)('serve with two worker processes on %s', (provider) => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let store: Store;
  let server: ServerProcess;
  let voteId = '';
  let eventId = '';
  /** Each member's browser session, twice (two tabs: two connections). */
  const tabs = new Map<string, [WebClient, WebClient]>();

  beforeAll(async () => {
    db = await freshDatabase(provider);
    // Seeded as an administrator would before starting: the roster, web accounts, a secret
    // vote and an event with few places, opened.
    store = await openStore(db.url);
    const accounts = new WebAccountRepository(store.db.prisma);
    const hash = await hashPassword(PASSWORD);
    for (let i = 1; i <= MEMBERS; i++) {
      const member = await store.members.upsert({ name: `会员${i}`, employeeNumber: no(i), department: '研发部', email: `${no(i).toLowerCase()}@example.com`, status: 'member', roles: '' });
      await accounts.create(member.id, no(i), hash);
    }
    const logger = createLogger('silent');
    const votes = new VoteService({ store, logger });
    const events = new EventService({ store, logger });
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
    voteId = (await votes.create({ kind: 'motion', secret: true, title: { 'zh-CN': '是否同意集体合同草案', en: 'Approve the collective contract draft' } }, 'test')).id;
    await votes.open(voteId, 'test');
    eventId = (await events.create({ title: { 'zh-CN': '劳动法讲座', en: 'Labour law talk' }, place: '工会活动室', startsAt: inDays(10), endsAt: inDays(10.1), capacity: CAPACITY }, 'test')).id;
    await events.open(eventId, 'test');
    await store.close();

    server = await startServerProcess('cluster', { DATA_DIR: db.dir, DATABASE_URL: db.url, WORKERS: '2' });
    store = await openStore(db.url, { migrate: false });
    for (let i = 1; i <= MEMBERS; i++) {
      const first = new WebClient(server.url);
      expect((await first.signIn(no(i), PASSWORD, '/')).status, `${no(i)} signs in`).toBe(303);
      await first.get('/');
      tabs.set(no(i), [first, sameSessionOn(first, server.url)]);
    }
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await store?.close();
    await db?.drop();
  });

  it('starts a primary and two workers that both serve the port', async () => {
    expect(childrenOf(server.pid)).toHaveLength(2);
    expect(await workersAnswering(server.url)).toEqual(new Set([0, 1]));
    const logs = server.logs();
    expect(logs.match(/"msg":"worker listening"/g)).toHaveLength(2);
    expect(logs).toMatch(/"workers":2,"msg":"Union Assistant is listening"/);
    expect(logs.split('\n').filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });

  it('counts one ballot per member when each presses "cast" in two tabs at the same instant', async () => {
    const choice = (i: number) => (['yes', 'no', 'abstain'] as const)[i % 3]!;
    const casts = await Promise.all(
      Array.from({ length: MEMBERS }, async (_, i) => {
        const [tab] = tabs.get(no(i + 1))!;
        const start = actionsOf(await chat(tab, { type: 'message', text: '投票' }), 'vote.start').find((x) => x.payload.e === voteId);
        expect(start, `${no(i + 1)} sees the vote`).toBeDefined();
        const pick = actionsOf(await chat(tab, { type: 'action', value: start!.value }), 'vote.pick').find((x) => x.payload.s === choice(i));
        const cast = actionsOf(await chat(tab, { type: 'action', value: pick!.value }), 'vote.cast')[0];
        expect(cast, `${no(i + 1)} is asked to confirm`).toBeDefined();
        return cast!.value;
      }),
    );
    const outcomes = await Promise.all(casts.map((value, i) => Promise.all(tabs.get(no(i + 1))!.map((tab) => chat(tab, { type: 'action', value })))));
    for (const [i, pair] of outcomes.entries()) {
      expect(pair.filter((r) => r.some((x) => x.type === 'file')), `${no(i + 1)}: one receipt`).toHaveLength(1);
      for (const r of pair) if (!r.some((x) => x.type === 'file')) expect(texts(r)).toContain('每人只有一票');
    }
    expect(await store.db.prisma.ballot.count({ where: { electionId: voteId } })).toBe(MEMBERS);
    expect(await store.ballots.countParticipants(voteId)).toBe(MEMBERS);
  }, 180_000);

  it('holds the event’s capacity: each member once, the first ones confirmed, the rest waitlisted in order', async () => {
    const [tab] = tabs.get(no(1))!;
    const signUp = actionsOf(await chat(tab, { type: 'message', text: '活动' }), 'event.signup').find((x) => x.payload.ev === eventId);
    expect(signUp).toBeDefined();
    await Promise.all(Array.from({ length: MEMBERS }, (_, i) => Promise.all(tabs.get(no(i + 1))!.map((t) => chat(t, { type: 'action', value: signUp!.value })))));
    const registrations = await store.db.prisma.eventRegistration.findMany({ where: { eventId }, orderBy: { seq: 'asc' } });
    expect(new Set(registrations.map((r) => r.memberId)).size).toBe(MEMBERS);
    expect(registrations).toHaveLength(MEMBERS);
    expect(registrations.map((r) => r.seq)).toEqual(Array.from({ length: MEMBERS }, (_, i) => registrations[0]!.seq + i));
    expect(registrations.map((r) => r.status)).toEqual([...Array(CAPACITY).fill('confirmed'), ...Array(MEMBERS - CAPACITY).fill('waitlisted')]);
  }, 180_000);

  it('replaces a worker that died, and goes on serving meanwhile', async () => {
    const [victim, survivor] = childrenOf(server.pid);
    process.kill(victim!, 'SIGKILL');
    await eventually(async () => !alive(victim!), 'the worker to die', 10_000, 20);
    // The other worker answers while the replacement starts. A kept-alive connection to the dead
    // worker is reset, as a browser's would be: the request did not reach anyone and is sent again.
    const [tab] = tabs.get(no(2))!;
    const answer = await eventually(async () => texts(await chat(tab, { type: 'message', text: '年假有几天' })), 'an answer from the surviving worker', 30_000, 50);
    expect(answer).toContain('年休假');
    await eventually(async () => server.logs().match(/"msg":"worker listening"/g)?.length === 3, 'a replacement worker listening', 120_000);
    const now = childrenOf(server.pid);
    expect(now).toHaveLength(2);
    expect(now).toContain(survivor);
    expect(now).not.toContain(victim);
    expect(server.logs()).toContain('a worker process exited; starting another');
    expect(await workersAnswering(server.url)).toEqual(new Set([0, 1]));
  }, 180_000);

  it('stops every process on SIGTERM, with exit code 0', async () => {
    const workers = childrenOf(server.pid);
    expect(await server.stop()).toBe(0);
    for (const pid of workers) expect(alive(pid), `worker ${pid}`).toBe(false);
  }, 60_000);

  it('fails start-up with exit code 1 when the workers cannot listen (the port is taken), instead of retrying for ever', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      await expect(startServerProcess('cluster-port-taken', { DATA_DIR: db.dir, DATABASE_URL: db.url, WORKERS: '2', PORT: port }, 120_000)).rejects.toThrow(/exited with 1 during start-up[\s\S]*a worker failed to start/);
    } finally {
      taken.close();
    }
  }, 180_000);

  it('leaves no worker behind when the primary is killed (SIGKILL)', async () => {
    const again = await startServerProcess('cluster-2', { DATA_DIR: db.dir, DATABASE_URL: db.url, WORKERS: '2' });
    const workers = childrenOf(again.pid);
    expect(workers).toHaveLength(2);
    await again.kill9();
    // kill9 resolves when the primary's output closed, which the workers share: they are gone too.
    await eventually(async () => workers.every((pid) => !alive(pid)), 'the workers to exit', 30_000);
  }, 300_000);
});
