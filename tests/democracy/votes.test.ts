import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { roster } from './helpers.ts';

type TestApp = Awaited<ReturnType<typeof testApp>>;

const election = (extra: Record<string, unknown> = {}) => ({
  kind: 'choose-one',
  title: { 'zh-CN': '工会代表选举', en: 'Union representative election' },
  candidates: [{ name: '赵六', statement: '争取加班补偿', member: 'E001' }, { name: '钱七', member: 'E002' }, { name: '孙八' }],
  ...extra,
});

describe.each(providers)('votes on %s', (provider) => {
  let app: TestApp;
  afterEach(async () => app?.close());

  async function open(def: Record<string, unknown> = election(), members = 10) {
    app = await testApp(provider);
    const people = await roster(app, members, (i) => (i % 2 ? '研发部' : '行政部'), (i) => (i === 1 ? 'admin' : ''));
    const vote = await app.votes.open((await app.votes.create(def, 'cli')).id, 'cli');
    return { people, vote };
  }

  it('refuses guests, members not in good standing and members outside the audience, saying why', async () => {
    const { people, vote } = await open(election({ audience: { departments: ['研发部'] } }));
    const now = new Date();
    expect(await app.votes.check(undefined, vote, now)).toBe('unlinked');
    expect(await app.votes.check(people[1], vote, now)).toBe('not-in-audience');
    const suspended = await app.store.members.setStatus(people[2]!.id, 'suspended');
    expect(await app.votes.check(suspended, vote, now)).toBe('not-in-good-standing');
    expect(await app.votes.check(people[0], vote, now)).toBe('ok');
    const refused = await app.votes.cast({ member: undefined, electionId: vote.id, choices: [vote.candidates[0]!.id] }).catch((e: unknown) => e);
    expect(isAppError(refused, 'not_eligible')).toBe(true);
  });

  it('keeps who voted apart from what was voted, and a receipt proves inclusion without showing the choice', async () => {
    const { people, vote } = await open();
    const receipts: string[] = [];
    for (const [i, m] of people.entries()) receipts.push((await app.votes.cast({ member: m, electionId: vote.id, choices: [vote.candidates[i % 3]!.id] })).receipt);
    const prisma = app.store.db.prisma;
    const ballots = await prisma.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM "Ballot"');
    // Nothing on a ballot row names, dates or numbers the voter.
    expect(Object.keys(ballots[0]!).sort()).toEqual(['choices', 'electionId', 'id', 'memberId', 'receiptHash']);
    expect(ballots.every((b) => b.memberId === null)).toBe(true);
    const participation = await prisma.electionParticipation.findMany();
    expect(participation).toHaveLength(10);
    const ballotValues = new Set(ballots.flatMap((b) => Object.values(b).map(String)));
    for (const p of participation) for (const v of [p.id, p.memberId, p.ownerCheck]) if (v) expect(ballotValues.has(v)).toBe(false);
    if (provider === 'sqlite') {
      // Physical order is not casting order: rowids are random, not 1, 2, 3 …
      const rowids = (await prisma.$queryRawUnsafe<{ r: bigint }[]>('SELECT rowid AS r FROM "Ballot"')).map((r) => Number(r.r));
      expect(rowids.some((r) => r > 1_000_000)).toBe(true);
    }
    // The audit log says who voted, never what.
    const audit = await app.store.audit.list({ action: 'vote.cast' });
    expect(audit).toHaveLength(10);
    expect(audit.every((a) => JSON.stringify(a.details) === '{}')).toBe(true);
    // Receipts: counted, no choices in the answer; a made-up code is not counted.
    const verified = await app.votes.verifyReceipt(receipts[3]!);
    expect(verified).toEqual({ counted: true, election: { id: vote.id, title: vote.title, status: 'open' }, ballots: 10 });
    expect(await app.votes.verifyReceipt('ABCD-EFGH-JKLM-NPQR')).toBeUndefined();
    await app.votes.close(vote.id, 'cli');
    if (provider === 'postgresql') {
      // Sealed at close: ballot rows were rewritten, so they no longer share a transaction id with who voted.
      const ballotTx = (await prisma.$queryRawUnsafe<{ x: string }[]>('SELECT xmin::text AS x FROM "Ballot"')).map((r) => r.x);
      const voterTx = (await prisma.$queryRawUnsafe<{ x: string }[]>('SELECT xmin::text AS x FROM "ElectionParticipation"')).map((r) => r.x);
      expect(new Set(ballotTx).size).toBe(1);
      expect(voterTx.filter((x) => ballotTx.includes(x))).toEqual([]);
    }
    expect((await app.votes.verifyReceipt(receipts[3]!))?.election.status).toBe('closed');
  });

  it('lets the database refuse a second ballot even when code is bypassed', async () => {
    const { people, vote } = await open();
    await app.votes.cast({ member: people[0], electionId: vote.id, choices: [vote.candidates[0]!.id] });
    const direct = await app.store.db.prisma.electionParticipation.create({ data: { id: 'x', electionId: vote.id, memberId: people[0]!.id } }).catch((e: unknown) => e);
    expect((direct as { code?: string }).code).toBe('P2002');
    const again = await app.votes.cast({ member: people[0], electionId: vote.id, choices: [vote.candidates[1]!.id] }).catch((e: unknown) => e);
    expect(isAppError(again, 'conflict')).toBe(true);
  });

  it('replaces a secret ballot only with the voter’s own current receipt, until close', async () => {
    const { people, vote } = await open(election({ allowChange: true }));
    const [a, b] = people;
    const first = await app.votes.cast({ member: a, electionId: vote.id, choices: [vote.candidates[0]!.id] });
    const other = await app.votes.cast({ member: b, electionId: vote.id, choices: [vote.candidates[0]!.id] });
    expect(await app.votes.check(a, vote, new Date())).toBe('voted');
    // Someone else's receipt (or none) does not let a voter replace that ballot.
    for (const receipt of [other.receipt, undefined]) {
      const refused = await app.votes.cast({ member: a, electionId: vote.id, choices: [vote.candidates[2]!.id], receipt }).catch((e: unknown) => e);
      expect(isAppError(refused, 'forbidden')).toBe(true);
    }
    const second = await app.votes.cast({ member: a, electionId: vote.id, choices: [vote.candidates[1]!.id], receipt: first.receipt });
    expect(await app.votes.verifyReceipt(first.receipt)).toBeUndefined();
    expect(await app.votes.verifyReceipt(second.receipt)).toMatchObject({ counted: true, ballots: 2 });
    const reused = await app.votes.cast({ member: a, electionId: vote.id, choices: [vote.candidates[2]!.id], receipt: first.receipt }).catch((e: unknown) => e);
    expect(isAppError(reused, 'forbidden')).toBe(true);
    const tally = await app.votes.close(vote.id, 'cli');
    expect(tally.options.map((o) => o.votes)).toEqual([1, 1, 0]);
    const late = await app.votes.cast({ member: a, electionId: vote.id, choices: [vote.candidates[2]!.id], receipt: second.receipt }).catch((e: unknown) => e);
    expect(isAppError(late, 'closed')).toBe(true);
    expect((await app.store.audit.list({ action: 'vote.change' })).map((e) => e.details)).toEqual([{}]);
  });

  it('hides results until close, closes once, recounts reproducibly and publishes winners to the honor roll', async () => {
    const { people, vote } = await open(election({ quorumPercent: 50 }));
    for (const [i, m] of people.slice(0, 7).entries()) await app.votes.cast({ member: m, electionId: vote.id, choices: [vote.candidates[i < 4 ? 0 : 1]!.id] });
    const hidden = await app.votes.results(vote.id).catch((e: unknown) => e);
    expect(isAppError(hidden, 'forbidden')).toBe(true);
    expect(await app.votes.turnout(vote.id)).toEqual({ participants: 7, eligible: 10 });
    const [first, second] = await Promise.all([app.votes.close(vote.id, 'cli'), app.votes.close(vote.id, 'E001')]);
    expect(first).toEqual(second);
    expect(first).toMatchObject({ ballots: 7, eligible: 10, turnoutPercent: 70, quorumMet: true, winners: [vote.candidates[0]!.id], outcome: 'elected' });
    expect(await app.votes.close(vote.id, 'cli')).toEqual(first);
    expect((await app.store.audit.list({ action: 'vote.close' })).length).toBe(1);
    expect(await app.votes.recount(vote.id)).toMatchObject({ matches: true });
    const roll = await app.votes.honorRoll(people[0]!.id);
    expect(roll).toMatchObject([{ electionId: vote.id, name: { 'zh-CN': '赵六' }, title: vote.title, votes: 4 }]);
    expect(await app.votes.honorRoll(people[1]!.id)).toEqual([]);
    const actions = (await app.store.audit.list({ target: vote.id })).map((e) => e.action).sort();
    expect(actions).toEqual(['vote.cast', 'vote.cast', 'vote.cast', 'vote.cast', 'vote.cast', 'vote.cast', 'vote.cast', 'vote.close', 'vote.create', 'vote.open']);
  });

  it('records open votes with the voter, and decides motions on yes over yes+no', async () => {
    const { people, vote } = await open({ kind: 'motion', title: '关于调整会费的议案', secret: false, allowChange: true, quorumPercent: 60 });
    const choices = ['yes', 'yes', 'no', 'abstain', 'yes', 'no'];
    for (const [i, c] of choices.entries()) await app.votes.cast({ member: people[i], electionId: vote.id, choices: [c] });
    await app.votes.cast({ member: people[5], electionId: vote.id, choices: ['yes'] });
    const ballot = await app.store.db.prisma.ballot.findFirst({ where: { memberId: people[5]!.id } });
    expect(JSON.parse(ballot!.choices)).toEqual(['yes']);
    expect((await app.store.audit.list({ action: 'vote.change' }))[0]!.details).toEqual({ choices: ['yes'] });
    const bad = await app.votes.cast({ member: people[6], electionId: vote.id, choices: ['maybe'] }).catch((e: unknown) => e);
    expect(isAppError(bad, 'invalid_input')).toBe(true);
    expect(await app.votes.close(vote.id, 'cli')).toMatchObject({ ballots: 6, yesPercent: 80, outcome: 'passed', quorumMet: true });
  });

  it('counts 200 concurrent ballots, the same voter twice at the same instant among them: one ballot per voter, none lost', async () => {
    const { people, vote } = await open(election({ kind: 'choose-up-to', seats: 2, candidates: [{ name: 'A' }, { name: 'B' }, { name: 'C' }, { name: 'D' }] }), 180);
    const choicesOf = (i: number) => [vote.candidates[i % 4]!.id, vote.candidates[(i + 1) % 4]!.id];
    // Twenty voters cast twice, the two attempts side by side so that they run at the same instant.
    const attempts = people.flatMap((m, i) => (i < 20 ? [{ m, i }, { m, i }] : [{ m, i }]));
    const outcomes = await Promise.allSettled(attempts.map(({ m, i }) => app.votes.cast({ member: m, electionId: vote.id, choices: choicesOf(i) })));
    const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as unknown);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(180);
    expect(failures).toHaveLength(20);
    expect(failures.every((f) => isAppError(f, 'conflict'))).toBe(true);
    expect(await app.store.db.prisma.ballot.count()).toBe(180);
    expect(await app.store.db.prisma.electionParticipation.count()).toBe(180);
    const tally = await app.votes.close(vote.id, 'cli');
    const expected = [0, 1, 2, 3].map((c) => people.filter((_, i) => choicesOf(i).includes(vote.candidates[c]!.id)).length);
    expect(tally.options.map((o) => o.votes)).toEqual(expected);
    expect(tally.ballots).toBe(180);
    expect((await app.votes.recount(vote.id)).matches).toBe(true);
  });

  it('closes consistently while ballots are still arriving: the stored tally holds exactly the ballots that got in', async () => {
    const { people, vote } = await open(election(), 60);
    const casts = people.map((m, i) => app.votes.cast({ member: m, electionId: vote.id, choices: [vote.candidates[i % 3]!.id] }));
    const closing = app.votes.close(vote.id, 'cli');
    const outcomes = await Promise.allSettled(casts);
    const tally = await closing;
    const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(outcomes.filter((o) => o.status === 'rejected').every((o) => isAppError((o as PromiseRejectedResult).reason, 'closed'))).toBe(true);
    expect(tally.ballots).toBe(accepted);
    expect(await app.store.db.prisma.ballot.count()).toBe(accepted);
    expect(await app.store.db.prisma.electionParticipation.count()).toBe(accepted);
    expect((await app.votes.recount(vote.id)).matches).toBe(true);
  });
});
