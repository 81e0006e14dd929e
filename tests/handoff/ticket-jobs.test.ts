import { afterEach, describe, expect, it } from 'vitest';
import { action } from '../../src/core/flow.ts';
import { providers } from '../helpers/database.ts';
import { member, roster, sharedDatabase, textOf } from './helpers.ts';

const HOUR = 3_600_000;
const env = {
  ONCALL_CHANNEL: 'cli',
  ONCALL_CONVERSATION: 'cli:oncall',
  STAFF_QUEUE_CHANNEL: 'cli',
  STAFF_QUEUE_CONVERSATION: 'cli:queue',
  TICKET_FIRST_RESPONSE_MINUTES: 'normal=60',
  TICKET_RESOLUTION_MINUTES: 'normal=600',
  TICKET_RETENTION_DAYS: '30',
};

describe.each(providers)('case jobs on %s', (provider) => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  afterEach(async () => db?.drop());

  it('escalates an overdue case once, through the scheduler, across a restart', async () => {
    db = await sharedDatabase(provider);
    const first = await db.open(env);
    await roster(first);
    await member(first).say('转人工');
    const [ticket] = await first.tickets.list(undefined);
    expect(ticket!.firstResponseDueAt.getTime() - ticket!.createdAt.getTime()).toBeCloseTo(HOUR, -4);
    // Nothing is due yet.
    expect(await first.scheduler.runDue(new Date())).toBe(0);
    await db.closeApp(first);

    // A restarted instance (a new App over the same database) finds the jobs and runs them.
    const second = await db.open(env);
    const twoHoursLater = new Date(Date.now() + 2 * HOUR);
    expect(await second.scheduler.runDue(twoHoursLater)).toBe(1);
    expect(await second.scheduler.runDue(twoHoursLater)).toBe(0);
    const after = await second.tickets.list(undefined);
    expect(after[0]).toMatchObject({ escalations: ['first-response'] });
    expect(after[0]!.overdue).toEqual([]);
    const [escalated] = await second.tickets.list(undefined, {}, twoHoursLater);
    expect(escalated!.overdue).toEqual(['first-response']);

    const oncall = (await second.store.outbox.take('cli', 'cli:oncall')).flatMap((m) => m.replies);
    expect(oncall).toHaveLength(1);
    expect(textOf(oncall)).toBe('');
    expect(oncall[0]).toMatchObject({ type: 'card', title: `⏰ 个案 ${ticket!.id} 已超时：未在期限内首次回复` });
    const queue = (await second.store.outbox.take('cli', 'cli:queue')).flatMap((m) => m.replies);
    expect(queue.map((r) => r.type === 'card' && r.title)).toEqual([`新个案 ${ticket!.id}`, `⏰ 个案 ${ticket!.id} 已超时：未在期限内首次回复`]);
    expect(await second.store.audit.list({ target: ticket!.id, action: 'tickets.escalate' })).toHaveLength(1);

    // The resolution check later escalates too; running the first-response job again changes nothing.
    expect(await second.tickets.escalate(ticket!.id, 'first-response')).toBe(false);
    expect(await second.scheduler.runDue(new Date(Date.now() + 11 * HOUR))).toBe(1);
    expect((await second.store.tickets.get(ticket!.id))!.escalations).toEqual(['first-response', 'resolution']);
  });

  it('does not escalate a case answered or resolved in time', async () => {
    db = await sharedDatabase(provider);
    const app = await db.open(env);
    const { staff } = await roster(app);
    await member(app).say('转人工');
    const [ticket] = await app.tickets.list(undefined);
    await app.tickets.reply(staff, ticket!.id, '收到，我来处理');
    await app.tickets.setStatus(staff, ticket!.id, 'resolved');
    expect(await app.scheduler.runDue(new Date(Date.now() + 24 * HOUR))).toBe(0);
    expect((await app.store.tickets.get(ticket!.id))!.escalations).toEqual([]);
    expect(await app.store.outbox.take('cli', 'cli:oncall')).toEqual([]);
    // The member writes again: the case is worked on again and its resolution check is back.
    await member(app).say('问题又出现了');
    expect((await app.store.tickets.get(ticket!.id))!.status).toBe('claimed');
    expect(await app.store.jobs.list({ kind: 'handoff.sla', status: 'pending' })).toHaveLength(1);
  });

  it('purges transcripts of closed psychological cases after the retention period, and nothing else', async () => {
    db = await sharedDatabase(provider);
    const app = await db.open(env);
    const { counsellor } = await roster(app);
    const psych = member(app);
    await psych.press(action('handoff.offer', { category: 'psychological' }));
    await psych.say('最近总是睡不着');
    await psych.say('结束');
    const legal = member(app, 'u2');
    await legal.say('我要找律师');
    await legal.say('合同的事');
    await legal.say('结束');
    const open = member(app, 'u3');
    await open.press(action('handoff.offer', { category: 'psychological' }));
    await open.say('还在处理中');
    const tickets = await app.tickets.list(undefined);
    const byCategory = (category: string, status: string) => tickets.find((t) => t.category === category && t.status === status)!;

    expect(await app.tickets.purgeExpired(new Date(Date.now() + 29 * 24 * HOUR))).toEqual({ purged: 0 });
    // The daily job (scheduled when the server starts) purges, and schedules the next day's run.
    const later = new Date(Date.now() + 31 * 24 * HOUR);
    await app.store.jobs.schedule(app.store.db.prisma, { kind: 'handoff.purge', runAt: later, dedupeKey: 'test-purge' });
    // Three jobs: the purge, and the open case's two service-level checks.
    expect(await app.scheduler.runDue(later)).toBe(3);
    const next = await app.store.jobs.list({ kind: 'handoff.purge', status: 'pending' });
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(later.getTime());
    const purged = byCategory('psychological', 'closed');
    expect(await app.store.tickets.entries(purged.id)).toEqual([]);
    expect(await app.tickets.show(counsellor, purged.id)).toMatchObject({ contentRemoved: true, transcript: [], messages: [] });
    expect((await app.store.tickets.entries(byCategory('legal', 'closed').id)).length).toBeGreaterThan(0);
    expect((await app.store.tickets.entries(byCategory('psychological', 'open').id)).length).toBeGreaterThan(0);
    expect(await app.store.audit.list({ target: purged.id, action: 'tickets.purge' })).toHaveLength(1);
    // The conversations' own copies of sensitive lines go too; ordinary lines stay.
    expect(await app.store.db.prisma.conversationMessage.count({ where: { sensitive: true } })).toBe(0);
    expect(await app.store.db.prisma.conversationMessage.count({ where: { sensitive: false } })).toBeGreaterThan(0);
    // Idempotent.
    expect(await app.tickets.purgeExpired(later)).toEqual({ purged: 0 });
  });
});
