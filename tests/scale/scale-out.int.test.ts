import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/bots/web/password.ts';
import type { Reply } from '../../src/core/reply.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { WebAccountRepository } from '../../src/store/web-accounts.ts';
import { freshDatabase } from '../helpers/database.ts';
import { repoRoot } from '../helpers/cli.ts';
import { FakeSlackApi } from '../slack/fake-slack-api.ts';
import { buttonPress, directMessage, postToSlack, SIGNING_SECRET } from '../slack/slack-requests.ts';
import { bikeFaq } from '../web/knowledge-fixture.ts';
import { PASSWORD, WebClient } from '../web/web-helpers.ts';
import { actionsOf, chat, eventually, sameSessionOn, startServerProcess, type ServerProcess } from './cluster.ts';

/**
 * Scale-out on PostgreSQL (docs/DEPLOYMENT.md "Several instances"): two real server processes
 * against one database, sharing DATA_DIR and KNOWLEDGE_DIR, driven through their HTTP endpoints
 * the way a round-robin load balancer would spread members, staff and Slack over them. What must
 * happen once happens once: ballots, sign-ups within capacity, case claims, scheduled jobs, and
 * a knowledge edit published on one instance is served by the other.
 */
const postgres = !!process.env.TEST_POSTGRES_URL;

const VOTERS = 16; // V01…V16 vote; V11…V16 also have a Slack identity
const SLACK_VOTERS = ['V11', 'V12', 'V13', 'V14', 'V15', 'V16'];
const CAPACITY = 5;
const SIGNERS = 12; // V01…V12 sign up for the event
const no = (i: number) => `V${String(i).padStart(2, '0')}`;
const slackUser = (employeeNo: string) => `U${employeeNo}`;
const dmOf = (employeeNo: string) => `D${employeeNo}`;
const iso = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * 3_600_000).toISOString();
const texts = (replies: Reply[]) => JSON.stringify(replies);
const RECEIPT = /([2-9A-HJ-NP-Z]{4}-){3}[2-9A-HJ-NP-Z]{4}/g;
/** Receipt codes handed out during the test: they must appear in no log. */
const receipts: string[] = [];

describe.skipIf(!postgres)('two server processes on one PostgreSQL database', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let content: string;
  let fake: FakeSlackApi;
  let store: Store;
  let a: ServerProcess;
  let b: ServerProcess;
  /** Each person's browser session, on server A and on server B (the same cookie). */
  const web = new Map<string, { a: WebClient; b: WebClient }>();
  const on = (employeeNo: string, server: 'a' | 'b') => web.get(employeeNo)![server];

  beforeAll(async () => {
    db = await freshDatabase('postgresql');
    // A shared volume: both instances see the same content and the same index (seeded by freshDatabase).
    content = mkdtempSync(join(tmpdir(), 'ua-scale-kb-'));
    cpSync(join(repoRoot, 'knowledge-base'), content, { recursive: true });
    fake = await new FakeSlackApi().start();
    for (const n of SLACK_VOTERS) fake.addUser({ id: slackUser(n), name: n, email: `${n.toLowerCase()}@example.com`, locale: 'zh-CN' });

    const env = {
      DATABASE_URL: db.url,
      DATA_DIR: db.dir,
      KNOWLEDGE_DIR: content,
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.url,
      STAFF_QUEUE_CHANNEL: 'slack',
      STAFF_QUEUE_CONVERSATION: 'CSTAFF',
      ONCALL_CHANNEL: 'slack',
      ONCALL_CONVERSATION: 'CONCALL',
    };
    // Started together on an empty database, as a new deployment's instances are: both migrate
    // (an advisory lock lets one apply) and both schedule their start-up jobs at once.
    const started = await Promise.allSettled([startServerProcess('A', env), startServerProcess('B', env)]);
    // Kept even if the other failed, so that afterAll stops it.
    if (started[0].status === 'fulfilled') a = started[0].value;
    if (started[1].status === 'fulfilled') b = started[1].value;
    for (const s of started) if (s.status === 'rejected') throw s.reason;

    // The roster and web accounts, written through the repository classes (one password hash for all).
    store = await openStore(db.url, { migrate: false });
    const hash = await hashPassword(PASSWORD);
    const accounts = new WebAccountRepository(store.db.prisma);
    const people: [string, string, string][] = [
      ['A001', '王芳', 'admin;editor'],
      ['S001', '李强', 'staff'],
      ['S002', '周丽', 'staff'],
      ...Array.from({ length: VOTERS }, (_, i) => [no(i + 1), `会员${i + 1}`, ''] as [string, string, string]),
    ];
    for (const [employeeNumber, name, roles] of people) {
      const member = await store.members.upsert({ name, employeeNumber, department: '研发部', email: `${employeeNumber.toLowerCase()}@example.com`, status: 'member', roles });
      await accounts.create(member.id, employeeNumber, hash);
    }

    // Everyone signs in through the form of one instance; the session works on both.
    for (const [i, [employeeNumber]] of people.entries()) {
      const first = new WebClient(i % 2 === 0 ? a.url : b.url);
      const signedIn = await first.signIn(employeeNumber, PASSWORD, '/');
      expect(signedIn.status, `${employeeNumber} signs in`).toBe(303);
      await first.get('/'); // the page carries the session's CSRF token
      expect(first.csrf).not.toBe('');
      web.set(employeeNumber, i % 2 === 0 ? { a: first, b: sameSessionOn(first, b.url) } : { a: sameSessionOn(first, a.url), b: first });
    }
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store?.close();
    await fake?.stop();
    await db?.drop();
    if (content) rmSync(content, { recursive: true, force: true });
  });

  /** Creates (and opens) a survey, vote or event through the console of `server`; returns its id. */
  async function create(server: 'a' | 'b', kind: 'survey' | 'vote' | 'event', definition: string): Promise<string> {
    const admin = on('A001', server);
    const res = await admin.post('/console/democracy/create', { kind, definition, then: 'open' });
    expect(res.status, res.text.slice(0, 500)).toBe(303);
    return new RegExp(`/console/democracy/${kind}/([^?]+)`).exec(res.location!)![1]!;
  }

  it('starts both instances on one empty database without start-up errors, scheduling each start-up job once', async () => {
    // Each start-up job (the daily purges) exists once for today, not once per instance.
    const today = await store.db.prisma.scheduledJob.findMany({ where: { runAt: { lte: new Date(Date.now() + 3_600_000) } } });
    const kinds = today.map((j) => j.kind).sort();
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds).toEqual([...new Set(kinds)]);
    for (const server of [a, b]) {
      const errors = server
        .logs()
        .split('\n')
        .filter((line) => /"level":(50|60)/.test(line));
      expect(errors, `${server.name} logged errors at start-up`).toEqual([]);
    }
  });

  let firstVoteId = '';
  it('counts one ballot per voter when voters press "cast" on both instances at the same instant', async () => {
    const voteId = (firstVoteId = await create('a', 'vote', `kind: motion
title: { zh-CN: 是否同意集体合同草案, en: Approve the collective contract draft }
secret: true
quorumPercent: 0
closesAt: ${iso(48)}
audience: all
`));
    // Each voter walks the ballot in the web chat (alternating instances) up to the confirm step.
    const choice = (i: number) => (['yes', 'no', 'abstain'] as const)[i % 3]!;
    const castValues = new Map<string, string>();
    await Promise.all(
      Array.from({ length: VOTERS }, async (_, i) => {
        const voter = no(i + 1);
        const here = on(voter, i % 2 === 0 ? 'a' : 'b');
        const list = await chat(here, { type: 'message', text: '投票' });
        const start = actionsOf(list, 'vote.start').find((x) => x.payload.e === voteId);
        expect(start, `${voter} sees the vote`).toBeDefined();
        const ballot = await chat(here, { type: 'action', value: start!.value });
        const pick = actionsOf(ballot, 'vote.pick').find((x) => x.payload.s === choice(i));
        expect(pick, `${voter} sees the option ${choice(i)}`).toBeDefined();
        const confirm = await chat(here, { type: 'action', value: pick!.value });
        const cast = actionsOf(confirm, 'vote.cast')[0];
        expect(cast, `${voter} is asked to confirm`).toBeDefined();
        castValues.set(voter, cast!.value);
      }),
    );
    // The Slack identities of V11…V16 introduce themselves (linked to the roster by email).
    for (const n of SLACK_VOTERS) {
      const seen = fake.made('chat.postMessage').filter((c) => c.params.channel === dmOf(n)).length;
      expect((await postToSlack(b.url, { json: directMessage(slackUser(n), '投票') })).status).toBe(200);
      await fake.waitFor(() => fake.made('chat.postMessage').filter((c) => c.params.channel === dmOf(n)).length > seen, `the vote list in ${dmOf(n)}`, 60_000);
    }
    const slackBefore = new Map(SLACK_VOTERS.map((n) => [n, fake.calls.filter((c) => c.params.channel === dmOf(n) || c.params.channel_id === dmOf(n)).length]));

    // All at once: V01…V10 press "cast" in the same web session on A and on B (a double click
    // that the balancer split); V11…V16 press it in the web chat on A and in Slack on B (two
    // sessions of one member: only the ballot's unique participation stands between them).
    const outcomes = await Promise.all(
      Array.from({ length: VOTERS }, async (_, i) => {
        const voter = no(i + 1);
        const value = castValues.get(voter)!;
        if (SLACK_VOTERS.includes(voter)) {
          const [webReplies, slack] = await Promise.all([
            chat(on(voter, 'a'), { type: 'action', value }),
            postToSlack(b.url, { form: buttonPress(slackUser(voter), { channel: dmOf(voter), ts: '1700000000.000100' }, { action_id: 'ua-1', value }) }),
          ]);
          expect(slack.status).toBe(200);
          return { voter, web: [webReplies] };
        }
        return { voter, web: await Promise.all([chat(on(voter, 'a'), { type: 'action', value }), chat(on(voter, 'b'), { type: 'action', value })]) };
      }),
    );

    // Slack answers after acknowledging: wait until each Slack press has been answered in its DM,
    // with the receipt file (the last part of a cast ballot) or with the explanation.
    const slackReceipts = new Map<string, number>();
    for (const n of SLACK_VOTERS) {
      const calls = () => fake.calls.filter((c) => c.params.channel === dmOf(n) || c.params.channel_id === dmOf(n)).slice(slackBefore.get(n));
      const done = () => calls().some((c) => c.method === 'files.completeUploadExternal' || (c.method === 'chat.postMessage' && JSON.stringify(c.params).includes('每人只有一票')));
      await fake.waitFor(done, `the answer to ${n}'s Slack press`, 60_000);
      slackReceipts.set(n, calls().filter((c) => c.method === 'files.completeUploadExternal').length);
    }

    for (const { web: responses } of outcomes) for (const r of responses) for (const x of r) if (x.type === 'file') receipts.push(...(x.content.match(RECEIPT) ?? []));
    for (const call of fake.made('upload')) receipts.push(...(String(call.params.content).match(RECEIPT) ?? []));
    expect(receipts.length).toBeGreaterThanOrEqual(VOTERS);
    // Every voter got exactly one receipt, on whichever side won; the other side was told.
    for (const { voter, web: responses } of outcomes) {
      const receipts = responses.filter((r) => r.some((x) => x.type === 'file')).length + (slackReceipts.get(voter) ?? 0);
      expect(receipts, `${voter}: one receipt`).toBe(1);
      for (const r of responses) if (!r.some((x) => x.type === 'file')) expect(texts(r), `${voter}: the losing press explains`).toContain('每人只有一票');
    }
    const election = (await store.votes.get(voteId))!;
    expect(await store.ballots.countParticipants(voteId)).toBe(VOTERS);
    const participations = await store.db.prisma.electionParticipation.findMany({ where: { electionId: voteId } });
    expect(new Set(participations.map((p) => p.memberId)).size).toBe(VOTERS);
    expect(await store.db.prisma.ballot.count({ where: { electionId: voteId } })).toBe(VOTERS);

    // The admin closes it on both instances at once: one close, one tally, equal to the voters.
    const closes = await Promise.all([on('A001', 'a').post(`/console/democracy/vote/${voteId}/close`, {}), on('A001', 'b').post(`/console/democracy/vote/${voteId}/close`, {})]);
    for (const res of closes) expect(res.location).toBe('/console/democracy?ok=1');
    const closed = (await store.votes.get(voteId))!;
    expect(closed.status).toBe('closed');
    const tally = closed.result!;
    expect(tally.ballots).toBe(VOTERS);
    for (const option of ['yes', 'no', 'abstain'] as const) {
      const expected = Array.from({ length: VOTERS }, (_, i) => choice(i)).filter((c) => c === option).length;
      expect(tally.options.find((o) => o.id === option)?.votes, `votes for ${option}`).toBe(expected);
    }
    expect(await store.db.prisma.auditEntry.count({ where: { action: 'vote.close', target: election.id } })).toBe(1);
  }, 180_000);

  let eventId = '';
  it('holds an event’s capacity across instances: no duplicates, the waitlist in arrival order, promotions in order', async () => {
    eventId = await create('b', 'event', `title: { zh-CN: 劳动法讲座, en: Labour law talk }
place: 工会活动室
startsAt: ${iso(24 * 14)}
endsAt: ${iso(24 * 14 + 2)}
capacity: ${CAPACITY}
reminderHours: [24]
audience: all
`);
    const list = await chat(on('V01', 'a'), { type: 'message', text: '活动' });
    const signUp = actionsOf(list, 'event.signup').find((x) => x.payload.ev === eventId);
    expect(signUp).toBeDefined();
    // Twelve members at once, alternating instances; every third presses on both instances.
    const replies = await Promise.all(
      Array.from({ length: SIGNERS }, async (_, i) => {
        const member = no(i + 1);
        const presses = i % 3 === 0 ? ['a', 'b'] : [i % 2 === 0 ? 'a' : 'b'];
        return { member, replies: await Promise.all(presses.map((s) => chat(on(member, s as 'a' | 'b'), { type: 'action', value: signUp!.value }))) };
      }),
    );
    const registrations = await store.db.prisma.eventRegistration.findMany({ where: { eventId }, orderBy: { seq: 'asc' } });
    expect(registrations).toHaveLength(SIGNERS);
    expect(new Set(registrations.map((r) => r.memberId)).size).toBe(SIGNERS);
    // Arrival order is the order the event's row lock was taken: seq 0…11, no gaps, no repeats.
    expect(registrations.map((r) => r.seq)).toEqual(Array.from({ length: SIGNERS }, (_, i) => registrations[0]!.seq + i));
    expect(registrations.map((r) => r.status)).toEqual([...Array(CAPACITY).fill('confirmed'), ...Array(SIGNERS - CAPACITY).fill('waitlisted')]);
    // What each member was told matches the database: signed up, or their place on the waitlist.
    const byMember = new Map((await store.members.list()).map((m) => [m.employeeNumber, m.id]));
    for (const { member, replies: answers } of replies) {
      const mine = registrations.findIndex((r) => r.memberId === byMember.get(member));
      const told = answers.map(texts).join('\n');
      if (mine < CAPACITY) expect(told, member).toContain('已报名');
      else expect(told, member).toContain(`候补第 ${mine - CAPACITY + 1} 位`);
    }

    // Two confirmed members cancel at once on different instances: the first two of the
    // waitlist move up, in arrival order, and each is told once.
    const [first, second] = registrations.slice(0, 2).map((r) => [...byMember].find(([, id]) => id === r.memberId)![0]);
    const cancel = JSON.stringify({ a: 'event.cancel', ev: eventId }); // the button on their event card
    await Promise.all([chat(on(first!, 'a'), { type: 'action', value: cancel }), chat(on(second!, 'b'), { type: 'action', value: cancel })]);
    const after = await store.db.prisma.eventRegistration.findMany({ where: { eventId }, orderBy: { seq: 'asc' } });
    expect(after.filter((r) => r.status === 'confirmed')).toHaveLength(CAPACITY);
    const promoted = after.filter((r) => r.promotedAt !== null).map((r) => r.seq);
    expect(promoted).toEqual([registrations[CAPACITY]!.seq, registrations[CAPACITY + 1]!.seq]);
    for (const r of after.filter((x) => x.promotedAt !== null)) {
      expect(await store.db.prisma.outboundMessage.count({ where: { dedupeKey: { startsWith: `event:${eventId}:promoted:${r.id}:` } } })).toBe(1);
    }
  }, 180_000);

  it('lets one of two staff members claim a case when both claim it at once on different instances', async () => {
    const ids: string[] = [];
    for (const member of ['V01', 'V02', 'V03']) {
      expect(texts(await chat(on(member, 'b'), { type: 'message', text: '转人工' }))).toContain('success');
      const memberId = (await store.members.getByEmployeeNumber(member))!.id;
      ids.push((await store.db.prisma.ticket.findFirstOrThrow({ where: { memberId }, orderBy: { createdAt: 'desc' } })).id);
    }
    for (const id of ids) {
      await Promise.all([on('S001', 'a').get(`/console/cases/${id}`), on('S002', 'b').get(`/console/cases/${id}`)]);
      const [one, two] = await Promise.all([on('S001', 'a').post(`/console/cases/${id}/claim`, {}), on('S002', 'b').post(`/console/cases/${id}/claim`, {})]);
      const locations = [one.location, two.location].sort();
      expect(locations, `case ${id}`).toEqual([`/console/cases/${id}?error=conflict`, `/console/cases/${id}?ok=1`].sort());
      const winner = one.location!.endsWith('ok=1') ? 'S001' : 'S002';
      const ticket = await store.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
      expect(ticket.assigneeId).toBe((await store.members.getByEmployeeNumber(winner))!.id);
      // The loser is told why, in the console's language.
      const loser = winner === 'S001' ? on('S002', 'b') : on('S001', 'a');
      expect((await loser.get(`/console/cases/${id}?error=conflict`)).text).toContain('操作冲突');
      expect(await store.db.prisma.auditEntry.count({ where: { action: 'tickets.claim', target: id } })).toBe(1);
    }
    // The winner of the first case replies; the member's page polls both instances at once
    // (two tabs behind the balancer): the reply arrives in exactly one of them.
    const [firstCase] = ids;
    const assignee = (await store.db.prisma.ticket.findUniqueOrThrow({ where: { id: firstCase! } })).assigneeId;
    const staff = assignee === (await store.members.getByEmployeeNumber('S001'))!.id ? on('S001', 'b') : on('S002', 'a');
    expect((await staff.post(`/console/cases/${firstCase}/reply`, { text: '您好，我是工会的工作人员，请问公司是什么时候通知您的？' })).location).toContain('ok=1');
    const poll = async (client: WebClient) => {
      const res = await fetch(`${client.base}/api/chat/updates`, { headers: { cookie: client.cookieHeader } });
      return ((await res.json()) as { replies: Reply[] }).replies;
    };
    const [fromA, fromB] = await Promise.all([poll(on('V01', 'a')), poll(on('V01', 'b'))]);
    expect([fromA, fromB].map((r) => r.filter((x) => x.type === 'staff-message').length).sort()).toEqual([0, 1]);
  }, 180_000);

  it('keeps a member’s conversation whole when each turn lands on the other instance (no sticky sessions)', async () => {
    const surveyId = await create('a', 'survey', `title: { zh-CN: 通勤调查, en: Commute survey }
anonymous: false
closesAt: ${iso(24 * 5)}
questions:
  - { id: mode, type: single, text: { zh-CN: 您怎么上班？, en: How do you get to work? }, options: [{ value: bike, label: { zh-CN: 骑车, en: Bike } }, { value: bus, label: { zh-CN: 公交, en: Bus } }] }
  - { id: minutes, type: rating, scale: { min: 1, max: 5 }, text: { zh-CN: 通勤时间满意度, en: Commute time satisfaction } }
  - { id: idea, type: text, required: false, text: { zh-CN: 您的建议, en: Your ideas } }
`);
    const member = 'V09';
    let turn = 0;
    const next = (input: Parameters<typeof chat>[1]) => chat(on(member, turn++ % 2 === 0 ? 'a' : 'b'), input);
    const list = await next({ type: 'message', text: '问卷' });
    const start = actionsOf(list, 'survey.start').find((x) => x.payload.s === surveyId)!;
    const first = await next({ type: 'action', value: start.value });
    const bike = actionsOf(first, 'survey.answer').find((x) => x.payload.v === 'bike')!;
    const second = await next({ type: 'action', value: bike.value });
    const four = actionsOf(second, 'survey.answer').find((x) => x.payload.q === 'minutes' && x.payload.v === '4')!;
    await next({ type: 'action', value: four.value });
    // A typed answer: only the conversation's state says which question it answers.
    const review = await next({ type: 'message', text: '希望增加班车' });
    const submit = actionsOf(review, 'survey.submit')[0];
    expect(submit, texts(review).slice(0, 500)).toBeDefined();
    expect(texts(await next({ type: 'action', value: submit!.value }))).toContain('问卷已提交');
    const responses = await store.db.prisma.surveyResponse.findMany({ where: { surveyId } });
    expect(responses.map((r) => JSON.parse(r.answers))).toEqual([{ mode: 'bike', minutes: '4', idea: '希望增加班车' }]);
    expect(turn).toBe(6);
  }, 180_000);

  it('runs each due job once although both schedulers look for it', async () => {
    // Cases nobody answers (their first-response check is the job), surveys with reminders, a
    // vote that closes by itself, and the event's reminder: all made due at the same moment.
    const overdue: string[] = [];
    for (const member of ['V04', 'V05', 'V06', 'V07']) {
      await chat(on(member, member === 'V05' || member === 'V07' ? 'b' : 'a'), { type: 'message', text: '转人工' });
      const memberId = (await store.members.getByEmployeeNumber(member))!.id;
      overdue.push((await store.db.prisma.ticket.findFirstOrThrow({ where: { memberId }, orderBy: { createdAt: 'desc' } })).id);
    }
    const surveys: string[] = [];
    for (const [i, server] of (['a', 'b', 'a'] as const).entries()) {
      surveys.push(
        await create(server, 'survey', `title: { zh-CN: 食堂调查${i + 1}, en: Canteen survey ${i + 1} }
closesAt: ${iso(24 * 5)}
remindBeforeCloseHours: [24, 48]
questions:
  - { id: overall, type: rating, text: { zh-CN: 总体满意度, en: Overall satisfaction } }
`),
      );
    }
    const voteId = await create('b', 'vote', `kind: motion
title: { zh-CN: 是否同意调整会费, en: Approve the new dues }
quorumPercent: 0
closesAt: ${iso(48)}
audience: all
`);
    await chat(on('V08', 'a'), { type: 'action', value: JSON.stringify({ a: 'vote.cast', e: voteId, s: 'yes' }) });

    const jobs = await store.db.prisma.scheduledJob.findMany({
      where: {
        status: 'pending',
        OR: [
          ...overdue.map((id) => ({ dedupeKey: `ticket:${id}:sla:first-response` })),
          ...surveys.map((id) => ({ dedupeKey: { startsWith: `survey:${id}:remind:` } })),
          { dedupeKey: `vote:${voteId}:close` },
          { dedupeKey: `event:${eventId}:remind:24` },
        ],
      },
    });
    expect(jobs).toHaveLength(overdue.length + surveys.length * 2 + 2);
    // A backlog, so that both schedulers and both delivery workers are busy claiming at once
    // (one instance alone claims a handful of rows in milliseconds, before the other looks):
    // repeated closings of the closed first vote (harmless, so only a second attempt would show)
    // and Slack messages to one channel (a second delivery would be a second post).
    const backlog = Array.from({ length: 200 }, () => ({ id: randomUUID(), kind: 'vote.close', runAt: new Date(), payload: JSON.stringify({ electionId: firstVoteId }) }));
    const bulk = Array.from({ length: 100 }, (_, i) => ({ id: randomUUID(), channel: 'slack', conversationKey: 'CBULK', replies: JSON.stringify([{ type: 'text', text: `bulk message ${i}` }]) }));
    const escalationsBefore = fake.made('chat.postMessage').length;
    await store.transaction(async (tx) => {
      await tx.scheduledJob.updateMany({ where: { id: { in: jobs.map((j) => j.id) } }, data: { runAt: new Date() } });
      await tx.scheduledJob.createMany({ data: backlog });
      await tx.outboundMessage.createMany({ data: bulk });
    });

    const ids = [...jobs.map((j) => j.id), ...backlog.map((j) => j.id)];
    const finished = await eventually(async () => {
      const rows = await store.db.prisma.scheduledJob.findMany({ where: { id: { in: ids } } });
      return rows.every((r) => r.status === 'done') && rows;
    }, 'every due job to finish', 150_000);
    // Claimed once each: a second claim would have counted a second attempt.
    expect(finished.filter((j) => j.attempts !== 1).map((j) => `${j.kind} ${j.dedupeKey ?? ''} ×${j.attempts}`)).toEqual([]);
    await eventually(async () => (await store.db.prisma.outboundMessage.count({ where: { id: { in: bulk.map((m) => m.id) }, status: 'delivered' } })) === bulk.length, 'the Slack backlog to be delivered', 120_000);
    const posted = fake.made('chat.postMessage').filter((c) => c.params.channel === 'CBULK').map((c) => String(c.params.text));
    expect(posted).toHaveLength(bulk.length);
    expect(new Set(posted).size).toBe(bulk.length);

    // Effects: each survey reminder round recorded once, each member reminded once per round.
    for (const id of surveys) {
      expect(await store.db.prisma.auditEntry.count({ where: { action: 'survey.remind', target: id } })).toBe(2);
      const rows = await store.db.prisma.outboundMessage.findMany({ where: { dedupeKey: { startsWith: `survey:${id}:remind:` } } });
      const perMember = new Map<string, number>();
      for (const r of rows) perMember.set(r.dedupeKey!, (perMember.get(r.dedupeKey!) ?? 0) + 1);
      expect([...perMember.values()].every((n) => n === 1)).toBe(true);
      expect(rows.length).toBeGreaterThan(0);
    }
    // The vote closed once with its one ballot.
    const vote = (await store.votes.get(voteId))!;
    expect(vote.status).toBe('closed');
    expect(vote.result?.ballots).toBe(1);
    expect(await store.db.prisma.auditEntry.count({ where: { action: 'vote.close', target: voteId } })).toBe(1);
    // The event reminder: one message per confirmed attendee.
    const confirmed = await store.db.prisma.eventRegistration.count({ where: { eventId, status: 'confirmed' } });
    expect(await store.db.prisma.outboundMessage.count({ where: { dedupeKey: { startsWith: `event:${eventId}:remind:24:` } } })).toBe(confirmed);
    // Each overdue case escalated once: one audit entry, and one Slack post each to the staff
    // queue and the on-call channel, delivered by whichever instance claimed the outbox row.
    for (const id of overdue) {
      expect(await store.db.prisma.auditEntry.count({ where: { action: 'tickets.escalate', target: id } })).toBe(1);
      const ticket = await store.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
      expect(JSON.parse(ticket.escalations)).toEqual(['first-response']);
    }
    const escalationPosts = (channel: string, id: string) =>
      fake
        .made('chat.postMessage')
        .slice(escalationsBefore)
        .filter((c) => c.params.channel === channel && JSON.stringify(c.params).includes(id) && /超时|overdue/i.test(JSON.stringify(c.params)));
    for (const id of overdue) {
      for (const channel of ['CSTAFF', 'CONCALL']) {
        await fake.waitFor(() => escalationPosts(channel, id).length > 0, `the escalation of ${id} in ${channel}`, 60_000);
      }
    }
    // Let both delivery workers take another look, then count: still one each.
    await eventually(async () => (await store.db.prisma.outboundMessage.count({ where: { channel: 'slack', status: { in: ['pending', 'delivering'] } } })) === 0, 'the Slack outbox to drain');
    for (const id of overdue) for (const channel of ['CSTAFF', 'CONCALL']) expect(escalationPosts(channel, id), `${id} in ${channel}`).toHaveLength(1);
    // Slack reminders went out once per reminder row.
    const slackReminders = await store.db.prisma.outboundMessage.findMany({ where: { channel: 'slack', dedupeKey: { contains: ':remind:' } } });
    for (const row of slackReminders) {
      const posts = fake.made('chat.postMessage').filter((c) => c.params.channel === row.conversationKey && /食堂调查|劳动法讲座/.test(JSON.stringify(c.params)));
      expect(posts.length, `reminders in ${row.conversationKey}`).toBe(slackReminders.filter((r) => r.conversationKey === row.conversationKey).length);
    }
  }, 240_000);

  it('keeps secrets, receipts and what members wrote out of both instances’ logs', () => {
    expect(receipts.length).toBeGreaterThan(0);
    for (const server of [a, b]) {
      const logs = server.logs();
      expect(logs).toContain('"msg":"Union Assistant is listening"');
      for (const secret of [PASSWORD, SIGNING_SECRET, fake.token, ...receipts, '转人工', '投票', '活动']) expect(logs.includes(secret), `${server.name} logs contain ${secret}`).toBe(false);
    }
  });

  it('serves a knowledge edit published on one instance from the other, without a restart', async () => {
    const ask = async (base: string, question: string) => {
      const res = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: { type: 'message', text: question } }) });
      return JSON.stringify(await res.json());
    };
    const bike = '骑自行车上班有补贴吗';
    const gym = '公司有健身补贴吗';
    expect(await ask(b.url, bike)).not.toContain('100 元自行车通勤补贴');
    const publish = async (server: 'a' | 'b', path: string, markdown: string) => {
      const editor = on('A001', server);
      await editor.get('/console/knowledge/edit');
      const res = await editor.post('/console/knowledge/save', { path, markdown, note: '发布', do: 'publish' });
      expect(res.status, res.text.slice(0, 300)).toBe(303);
    };
    await publish('a', 'faq/bike-subsidy.zh.md', bikeFaq());
    // The publishing instance answers at once; the other within its reload interval (5 s), polled.
    expect(await ask(a.url, bike)).toContain('100 元自行车通勤补贴');
    await eventually(async () => (await ask(b.url, bike)).includes('100 元自行车通勤补贴'), 'instance B to answer from the new document', 60_000, 500);

    // Two editors publish at the same moment on different instances: an edit on A, a new
    // document on B. Neither index write may lose the other's (the build lock serialises them).
    await Promise.all([publish('a', 'faq/bike-subsidy.zh.md', bikeFaq().replace('100 元', '150 元')), publish('b', 'faq/gym-subsidy.zh.md', gymFaq())]);
    for (const server of [a, b]) {
      await eventually(async () => (await ask(server.url, bike)).includes('150 元自行车通勤补贴') && (await ask(server.url, gym)).includes('每月 200 元健身补贴'), `instance ${server.name} to serve both new versions`, 60_000, 500);
    }
  }, 180_000);

  it('stops both instances cleanly; a Slack event delivered to both at once was answered once', async () => {
    // Socket Mode spreads events over the instances' connections, and an HTTP retry may reach the
    // other instance: the same event id, at the same time, on both.
    const dm = () => fake.made('chat.postMessage').filter((c) => c.params.channel === dmOf('V12') && JSON.stringify(c.params).includes('带薪年休假'));
    expect(dm()).toHaveLength(0);
    const twice = directMessage(slackUser('V12'), '年假有几天', 'EvSCALETWICE1');
    const acks = await Promise.all([postToSlack(a.url, { json: twice }), postToSlack(b.url, { json: twice })]);
    expect(acks.map((r) => r.status)).toEqual([200, 200]);
    await fake.waitFor(() => dm().length > 0, 'the answer in the DM', 60_000);
    // Shutting down finishes acknowledged work: after both exits, nothing is still in flight.
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
    expect(dm()).toHaveLength(1);
    expect(await store.db.prisma.processedEvent.count({ where: { id: 'slack:EvSCALETWICE1' } })).toBe(1);
  }, 180_000);
});

/** A second new FAQ on a subject nothing else covers. */
function gymFaq(): string {
  return `---
id: faq-gym-subsidy-zh
type: faq
title: 公司有健身补贴吗？
language: zh-CN
category: benefits
tags: [健身, 补贴]
updated: 2026-11-27
questions:
  - 公司有健身补贴吗
  - 健身卡可以报销吗
cites: []
---
# 公司有健身补贴吗？

根据 2026 年集体合同，员工办理健身卡可申请 **每月 200 元健身补贴**，在 OA 系统“福利申请”中提交发票即可。
`;
}
