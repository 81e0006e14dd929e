import { existsSync, statSync } from 'node:fs';
import pg from 'pg';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { ballotReceiptHash, normaliseReceipt } from '../../src/democracy/receipt.ts';
import type { ElectionView } from '../../src/store/votes.ts';
import { chatUser, roster } from '../democracy/helpers.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { columnTypes, dumpDatabase, rowText, sqliteFileBytes, timeWithin, type Dump, type DumpRow } from './db-dump.ts';

/**
 * Plays a database administrator after a secret election (docs/DEMOCRACY.md, "Secret ballots"):
 * ten members vote one at a time through full chat turns, each for a different candidate, so
 * that any ordering or timing that followed the casting order would give every ballot away.
 * Then every table and column is read straight from the database (not through the app) and
 * every way of joining a ballot to a voter is tried.
 */

const VOTERS = 10;
const NAMES = ['候选人甲', '候选人乙', '候选人丙', '候选人丁', '候选人戊', '候选人己', '候选人庚', '候选人辛', '候选人壬', '候选人癸', '候选人子'];
const RECEIPT = /([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function receiptOf(replies: Reply[]): string {
  const file = replies.find((r) => r.type === 'file');
  const code = RECEIPT.exec(file?.type === 'file' ? file.content : '')?.[0];
  if (!code) throw new Error(`no receipt in ${JSON.stringify(replies)}`);
  return code;
}

/**
 * The writing transaction of every tuple in the Ballot table's pages, dead ones included, read
 * with pageinspect (contrib, part of Debian's PostgreSQL). Undefined when the extension is not
 * installed on the server: the check is then skipped, and said so.
 */
async function ballotPageXmins(url: string): Promise<string[] | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pageinspect');
    } catch (error) {
      console.warn(`pageinspect is not available (${(error as Error).message}): dead ballot row versions not checked`);
      return undefined;
    }
    const pages = (await client.query<{ n: string }>(`SELECT pg_relation_size('"Ballot"') / current_setting('block_size')::int AS n`)).rows[0]!.n;
    const out: string[] = [];
    for (let page = 0; page < Number(pages); page++) {
      const rows = await client.query<{ t_xmin: string | null }>(`SELECT t_xmin::text FROM heap_page_items(get_raw_page('"Ballot"', $1)) WHERE t_xmin IS NOT NULL`, [page]);
      out.push(...rows.rows.map((r) => r.t_xmin!));
    }
    return out;
  } finally {
    await client.end();
  }
}

interface Voter {
  index: number;
  tokens: string[];
  /** The candidate index of the ballot that counts. */
  choice: number;
}

/** The voter whose ballot holds this candidate (each voter's final choice is a different one). */
function voterOfChoices(choices: unknown, election: ElectionView, voters: Voter[]): number {
  const [id] = JSON.parse(String(choices)) as string[];
  const position = election.candidates.findIndex((c) => c.id === id);
  const voter = voters.find((v) => v.choice === position);
  if (!voter) throw new Error(`a ballot for candidate ${position} that nobody cast`);
  return voter.index;
}

describe.each(providers)('secret ballots on %s, read by a database administrator', (provider) => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let election: ElectionView;
  const voters: Voter[] = [];
  const receipts: string[] = [];
  let window: { from: number; to: number };
  const logs: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    app = await testApp(provider, { logger: createLogger('trace', sink) });
    const members = await roster(app, VOTERS + 1, () => '研发部', (i) => (i === VOTERS + 1 ? 'admin' : ''));
    const admin = members.at(-1)!;
    election = await app.votes.open(
      (
        await app.votes.create(
          { kind: 'choose-one', title: '工会代表选举', secret: true, allowChange: true, audience: { all: true }, candidates: NAMES.map((name) => ({ name, statement: `${name}的竞选陈述` })) },
          admin.id,
        )
      ).id,
      admin.id,
    );
    await sleep(15);
    window = { from: Date.now(), to: 0 };
    // One at a time, at distinct and known moments, each for the candidate of their own number.
    for (let i = 0; i < VOTERS; i++) {
      const user = `voter-${String(i).padStart(2, '0')}`;
      const chat = chatUser(app, user);
      await chat.link(members[i]!.employeeNumber);
      await chat.say('投票');
      await chat.press('去投票');
      await chat.press(NAMES[i]!);
      const cast = await chat.press('确认投票');
      receipts.push(receiptOf(cast));
      let choice = i;
      if (i === VOTERS - 1) {
        // The last voter changes their ballot (delete and re-insert) to the spare candidate.
        await chat.press('修改选票', cast);
        await chat.press(NAMES[VOTERS]!);
        receipts.push(receiptOf(await chat.press('确认投票')));
        choice = VOTERS;
      }
      const session = await app.store.sessions.load('cli', `cli:${user}`, 'zh-CN');
      voters.push({ index: i, choice, tokens: [members[i]!.id, members[i]!.employeeNumber, user, `cli:${user}`, session.id] });
      await sleep(15);
    }
    window.to = Date.now();
    expect((await app.votes.turnout(election.id)).participants).toBe(VOTERS);
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Every value that is a ballot's own: ids, receipt hashes, and the receipt codes (both forms). */
  function ballotTokens(dump: Dump): string[] {
    const ballots = dump.get('Ballot')!;
    return [
      ...ballots.flatMap((b) => [String(b.values.id), String(b.values.receiptHash)]),
      ...receipts.flatMap((code) => [code, normaliseReceipt(code), ballotReceiptHash(code)]),
    ];
  }

  /** The participation rows' own values join the voter's identity tokens. */
  function voterTokens(dump: Dump): string[][] {
    const participation = dump.get('ElectionParticipation')!;
    return voters.map((voter) => {
      const own = participation.find((p) => p.values.memberId === voter.tokens[0])!;
      expect(own, 'every voter has a participation row').toBeDefined();
      return [...voter.tokens, String(own.values.id), ...(own.values.ownerCheck ? [String(own.values.ownerCheck)] : [])];
    });
  }

  const candidateTokens = () => [...election.candidates.map((c) => c.id), ...NAMES];

  function contentChecks(dump: Dump): void {
    const ballots = dump.get('Ballot')!;
    expect(ballots).toHaveLength(VOTERS);
    // No member on a secret ballot, and nothing on it that is a time of the voting window.
    for (const ballot of ballots) {
      expect(ballot.values.memberId).toBeNull();
      for (const [column, value] of Object.entries(ballot.values)) expect(timeWithin(value, window.from, window.to), `Ballot.${column}`).toBe(false);
    }

    // A ballot's own values (id, receipt hash, the receipt code itself) appear nowhere else.
    const own = ballotTokens(dump);
    for (const [table, rows] of dump) {
      if (table === 'Ballot') continue;
      for (const row of rows) {
        const text = rowText(row);
        const found = own.filter((token) => text.includes(token));
        expect(found, `${table} row ${text} holds a ballot's id, receipt or receipt hash`).toEqual([]);
      }
    }

    // Nothing linked to a voter (their member row, identity, session, transcript, participation,
    // audit entries, outbox) says what they chose: no candidate id or name next to them.
    const voterSets = voterTokens(dump);
    const choices = candidateTokens();
    for (const [table, rows] of dump) {
      for (const row of rows) {
        const text = rowText(row);
        if (!voterSets.some((tokens) => tokens.some((t) => text.includes(t)))) continue;
        expect(table).not.toBe('Ballot');
        expect(choices.filter((c) => text.includes(c)), `${table} row ${text} names a voter and a choice`).toEqual([]);
      }
    }

    // Anything outside the vote's definition that names a choice carries no time of the voting
    // window, so it cannot be lined up with ElectionParticipation.votedAt or the audit log.
    for (const [table, rows] of dump) {
      if (table === 'Ballot') continue;
      for (const row of rows) {
        if (!choices.some((c) => rowText(row).includes(c))) continue;
        for (const [column, value] of Object.entries(row.values)) {
          expect(timeWithin(value, window.from, window.to), `${table}.${column} names a choice and a time of the voting window`).toBe(false);
        }
      }
    }

    // The participation row and the ballot share nothing but the election.
    const participationValues = new Set(dump.get('ElectionParticipation')!.flatMap((p) => Object.values(p.values).map(String)));
    const shared = ballots.flatMap((b) => Object.values(b.values).map(String)).filter((v) => participationValues.has(v));
    expect([...new Set(shared)]).toEqual([election.id]);
  }

  /** The ballots in an order, as the voters who cast them; must not be the casting order or its reverse. */
  function expectNotCastingOrder(rows: DumpRow[], how: string): void {
    const order = rows.map((row) => voterOfChoices(row.values.choices, election, voters));
    const casting = voters.map((v) => v.index);
    expect(order.slice().sort((a, b) => a - b), how).toEqual(casting);
    expect(order, `ballots ${how} follow the casting order`).not.toEqual(casting);
    expect(order, `ballots ${how} follow the reverse casting order`).not.toEqual(casting.slice().reverse());
  }

  function orderChecks(dump: Dump): void {
    const ballots = dump.get('Ballot')!;
    const ctid = (p: string) => p.replace(/[()]/g, '').split(',').map(Number) as [number, number];
    const byPosition = ballots.slice().sort((a, b) => {
      if (provider === 'sqlite') return BigInt(a.position) < BigInt(b.position) ? -1 : 1;
      const [pa, ia] = ctid(a.position);
      const [pb, ib] = ctid(b.position);
      return pa - pb || ia - ib;
    });
    expectNotCastingOrder(ballots, 'in a plain table scan');
    expectNotCastingOrder(byPosition, provider === 'sqlite' ? 'by rowid' : 'by ctid');
    expectNotCastingOrder(ballots.slice().sort((a, b) => (String(a.values.id) < String(b.values.id) ? -1 : 1)), 'by id');
    expectNotCastingOrder(ballots.slice().sort((a, b) => (String(a.values.receiptHash) < String(b.values.receiptHash) ? -1 : 1)), 'by receipt hash');
  }

  it('logs no receipt and no choice, even at trace level', () => {
    const logged = logs.join('');
    expect(logged.length).toBeGreaterThan(0);
    for (const token of [...receipts, ...receipts.map(normaliseReceipt), ...candidateTokens()]) expect(logged).not.toContain(token);
  });

  it('gives ballot rows no column that could hold a time', async () => {
    const types = await columnTypes(provider, app.databaseUrl, 'Ballot');
    expect(Object.keys(types).sort()).toEqual(['choices', 'electionId', 'id', 'memberId', 'receiptHash']);
    expect(Object.values(types).filter((t) => /date|time/i.test(t))).toEqual([]);
  });

  it('while the vote is open: nothing in any table links a ballot to its voter (order only on SQLite)', async () => {
    const dump = await dumpDatabase(provider, app.databaseUrl);
    contentChecks(dump);
    if (provider === 'sqlite') {
      orderChecks(dump);
      // The receipt code itself is in no page of the file or its write-ahead log, not even freed ones.
      const bytes = sqliteFileBytes(app.databaseUrl);
      for (const code of receipts) {
        expect(bytes.includes(Buffer.from(code)), 'receipt code in the database file').toBe(false);
        expect(bytes.includes(Buffer.from(normaliseReceipt(code))), 'receipt code in the database file').toBe(false);
      }
    } else {
      // The documented residual risk (docs/DEMOCRACY.md, "Residual risks"): until it is resealed,
      // a PostgreSQL ballot and its participation row carry the same writing transaction (xmin).
      // If this stops being true, that section of the documentation must change with it.
      const participationXmins = new Set(dump.get('ElectionParticipation')!.map((p) => p.xmin));
      expect(dump.get('Ballot')!.some((b) => participationXmins.has(b.xmin))).toBe(true);
    }
  });

  it('while the vote is open, after a reseal (PostgreSQL; a job every few minutes): a snapshot links nothing either', async () => {
    expect(await app.votes.reseal(election.id)).toBe(provider === 'postgresql');
    if (provider === 'sqlite') return;
    expect((await app.votes.get(election.id)).status).toBe('open');
    const dump = await dumpDatabase(provider, app.databaseUrl);
    contentChecks(dump);
    orderChecks(dump);
    const ballotXmins = new Set(dump.get('Ballot')!.map((b) => b.xmin));
    expect(ballotXmins.size).toBe(1);
    const participationXmins = new Set(dump.get('ElectionParticipation')!.map((p) => p.xmin));
    expect([...ballotXmins].filter((x) => participationXmins.has(x))).toEqual([]);
    // Receipts still verify, and the next reseal is scheduled.
    for (const code of [...receipts.slice(0, VOTERS - 1), receipts.at(-1)!]) expect(await app.votes.verifyReceipt(code)).toMatchObject({ counted: true, ballots: VOTERS });
    const jobs = dump.get('ScheduledJob')!.filter((j) => j.values.kind === 'vote.reseal' && j.values.status === 'pending');
    expect(jobs.length).toBeGreaterThanOrEqual(1);
  });

  it('after the close (sealed): no order, transaction id, time or shared value links a ballot to its voter', async () => {
    await sleep(20);
    const admin = (await app.store.members.getByEmployeeNumber(`E${String(VOTERS + 1).padStart(3, '0')}`))!;
    const tally = await app.votes.close(election.id, admin.id);
    expect(tally.ballots).toBe(VOTERS);
    expect((await app.votes.recount(election.id)).matches).toBe(true);
    if (provider === 'sqlite') {
      // The write-ahead log held each voting transaction's pages side by side; the close empties it.
      const wal = `${app.databaseUrl.replace(/^file:/, '')}-wal`;
      expect(existsSync(wal) ? statSync(wal).size : 0, 'bytes left in the write-ahead log after the close').toBe(0);
    } else {
      // Not even dead row versions of the casting transactions are left in the table's pages.
      const xmins = await ballotPageXmins(app.databaseUrl);
      if (xmins) {
        expect(xmins.length).toBeGreaterThanOrEqual(VOTERS);
        expect(new Set(xmins).size, `row versions in the Ballot pages: ${xmins.join(', ')}`).toBe(1);
      }
    }
    const dump = await dumpDatabase(provider, app.databaseUrl);
    contentChecks(dump);
    orderChecks(dump);
    if (provider === 'postgresql') {
      const ballotXmins = new Set(dump.get('Ballot')!.map((b) => b.xmin));
      expect(ballotXmins.size, 'sealed ballots are all written by the closing transaction').toBe(1);
      const linked = ['ElectionParticipation', 'AuditEntry', 'ConversationSession', 'ConversationMessage']
        .flatMap((table) => dump.get(table) ?? [])
        .filter((row) => ballotXmins.has(row.xmin) && rowText(row).includes('vote.cast'));
      expect(linked).toEqual([]);
      const participationXmins = new Set(dump.get('ElectionParticipation')!.map((p) => p.xmin));
      expect([...ballotXmins].filter((x) => participationXmins.has(x))).toEqual([]);
    }
  });

  // Last: it adds another vote's ballots to the tables the checks above read.
  it('a reseal while ballots are being cast loses none and counts none twice (PostgreSQL)', async () => {
    if (provider === 'sqlite') return;
    const n = 40;
    const csv = ['name,employee_number,department,email,status,roles', ...Array.from({ length: n }, (_, i) => `并发${i},C${String(i).padStart(3, '0')},研发部,,member,`)];
    expect((await app.store.members.importCsv(csv.join('\n'))).errors).toEqual([]);
    const voters = (await app.store.members.list()).filter((m) => /^C\d{3}$/.test(m.employeeNumber));
    const other = await app.votes.open((await app.votes.create({ kind: 'choose-one', title: '并发选举', secret: true, candidates: [{ name: '甲' }, { name: '乙' }] }, 'test')).id, 'test');
    const results = await Promise.allSettled([
      ...voters.map((member, i) => app.votes.cast({ member, electionId: other.id, choices: [other.candidates[i % 2]!.id] })),
      ...Array.from({ length: 4 }, () => app.votes.reseal(other.id)),
    ]);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect((await app.store.ballots.choices(other.id)).length).toBe(n);
    expect((await app.votes.turnout(other.id)).participants).toBe(n);
    const tally = await app.votes.close(other.id, 'test');
    expect(tally.options.map((o) => o.votes)).toEqual([n / 2, n / 2]);
  });
});
