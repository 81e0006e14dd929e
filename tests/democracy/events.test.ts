import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { isAppError } from '../../src/core/errors.ts';
import { parseCsv } from '../../src/store/csv.ts';
import { testApp } from '../helpers/app.ts';
import { providers } from '../helpers/database.ts';
import { inHours, roster } from './helpers.ts';

type TestApp = Awaited<ReturnType<typeof testApp>>;

const definition = (extra: Record<string, unknown> = {}) => ({
  title: { 'zh-CN': '春季徒步', en: 'Spring hike' },
  description: '带好水和午餐',
  place: '香山公园东门',
  startsAt: inHours(72),
  endsAt: inHours(78),
  capacity: 20,
  ...extra,
});

describe.each(providers)('events on %s', (provider) => {
  let app: TestApp;
  let second: App | undefined;
  afterEach(async () => {
    await second?.close();
    second = undefined;
    await app?.close();
  });

  /**
   * Two instances over one database, as in a PostgreSQL deployment: the event's row lock, not
   * one process's queue, has to keep the capacity. (SQLite is single-instance: one app.)
   */
  async function instances(): Promise<App[]> {
    if (provider !== 'postgresql') return [app];
    second = await createApp(loadConfig({ DATA_DIR: app.dataDir, DATABASE_URL: app.databaseUrl, LOG_LEVEL: 'silent' }));
    return [app, second];
  }

  async function open(def = definition(), members = 100) {
    app = await testApp(provider);
    const people = await roster(app, members, (i) => (i <= 50 ? '研发部' : '行政部'));
    const event = await app.events.open((await app.events.create(def, 'cli')).id, 'cli');
    return { people, event };
  }
  const contact = (i: number) => ({ channel: 'cli' as const, conversationKey: `cli:u${i}` });

  it('confirms exactly 20 of 100 concurrent sign-ups, waitlists 80 in arrival order, and promotes on cancellation', async () => {
    const { people, event } = await open();
    const apps = await instances();
    const outcomes = await Promise.all(people.map((m, i) => apps[i % apps.length]!.events.signUp({ member: m, eventId: event.id, contact: contact(i) })));
    const confirmed = outcomes.filter((o) => o.registration.status === 'confirmed');
    const waitlisted = outcomes.filter((o) => o.registration.status === 'waitlisted');
    expect(confirmed).toHaveLength(20);
    expect(waitlisted).toHaveLength(80);
    // Arrival order is the order the sign-ups took the event's lock: every confirmed place came
    // before every waitlisted one, and waitlist positions follow it without gaps.
    const seqs = outcomes.map((o) => o.registration.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(Math.max(...confirmed.map((o) => o.registration.seq))).toBeLessThan(Math.min(...waitlisted.map((o) => o.registration.seq)));
    const list = await app.store.events.registrations.list(event.id);
    expect(list.filter((r) => r.status === 'waitlisted').map((r) => r.position)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    // A second sign-up of the same member changes nothing.
    expect((await app.events.signUp({ member: people[0], eventId: event.id })).changed).toBe(false);

    // Five confirmed attendees cancel at once, while ten more members try to sign up.
    const leaving = confirmed.slice(0, 5).map((o) => people.find((m) => m.id === o.registration.memberId)!);
    const extra = await roster(app, 110).then((all) => all.slice(100));
    await Promise.all([
      ...leaving.map((m, i) => apps[i % apps.length]!.events.cancel({ member: m, eventId: event.id })),
      ...extra.map((m, i) => apps[(i + 1) % apps.length]!.events.signUp({ member: m, eventId: event.id })),
    ]);
    const after = await app.store.events.registrations.list(event.id);
    const nowConfirmed = after.filter((r) => r.status === 'confirmed');
    expect(nowConfirmed).toHaveLength(20);
    const firstFive = waitlisted.map((o) => o.registration).sort((a, b) => a.seq - b.seq).slice(0, 5);
    expect(nowConfirmed.filter((r) => r.promotedAt).map((r) => r.id).sort()).toEqual(firstFive.map((r) => r.id).sort());
    expect(after.filter((r) => r.status === 'waitlisted').map((r) => r.position)).toEqual(Array.from({ length: 85 }, (_, i) => i + 1));

    // Each promoted member is told in the conversation they signed up from, with their invitation.
    for (const r of firstFive) {
      const messages = await app.store.outbox.take('cli', r.conversationKey!);
      expect(messages).toHaveLength(1);
      const [notice, card, file] = messages[0]!.replies;
      expect(notice).toMatchObject({ type: 'notice', level: 'success', text: expect.stringContaining('春季徒步') });
      expect(card).toMatchObject({ type: 'card', title: '春季徒步' });
      expect(file).toMatchObject({ type: 'file', mimeType: 'text/calendar; charset=utf-8', content: expect.stringContaining('BEGIN:VEVENT') });
    }
    expect((await app.store.audit.list({ action: 'event.promote' })).length).toBe(5);
  });

  it('refuses guests and members outside the audience, and sign-ups after the deadline', async () => {
    const { people, event } = await open(definition({ audience: { departments: ['研发部'] }, signupDeadline: inHours(48) }), 60);
    expect(app.events.check(undefined, event, new Date())).toBe('unlinked');
    expect(app.events.check(people[55], event, new Date())).toBe('not-in-audience');
    expect(isAppError(await app.events.signUp({ member: people[55], eventId: event.id }).catch((e: unknown) => e), 'not_eligible')).toBe(true);
    const late = await app.events.signUp({ member: people[0], eventId: event.id, now: new Date(Date.now() + 49 * 3_600_000) }).catch((e: unknown) => e);
    expect(isAppError(late, 'closed')).toBe(true);
  });

  it('promotes from the waitlist when the capacity grows, and refuses to shrink below the confirmed', async () => {
    const { people, event } = await open(definition({ capacity: 2 }), 5);
    for (const [i, m] of people.entries()) await app.events.signUp({ member: m, eventId: event.id, contact: contact(i) });
    await expect(app.events.update(event.id, definition({ capacity: 1 }), 'cli')).rejects.toThrow(/below the 2 confirmed/);
    const bigger = await app.events.update(event.id, definition({ capacity: 4 }), 'cli');
    expect(bigger).toMatchObject({ confirmed: 4, waitlisted: 1, sequence: event.sequence + 1 });
    expect((await app.store.outbox.take('cli', 'cli:u2')).length).toBe(1);
  });

  it('reminds confirmed attendees before the start, once, and exports the attendee list safely', async () => {
    const { people, event } = await open(definition({ capacity: 2, reminderHours: [24] }), 3);
    for (const [i, m] of people.entries()) await app.events.signUp({ member: m, eventId: event.id, contact: contact(i) });
    await app.store.members.upsert({ name: '=HYPERLINK("http://x")', employeeNumber: 'E001', department: '研发部', email: '', status: 'member', roles: '' });
    const jobs = await app.store.jobs.list({ kind: 'event.remind' });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.runAt.getTime()).toBe(event.startsAt.getTime() - 24 * 3_600_000);
    await app.scheduler.runDue(new Date(event.startsAt.getTime() - 23 * 3_600_000));
    await app.scheduler.runDue(new Date(event.startsAt.getTime() - 22 * 3_600_000));
    const reminded = [0, 1, 2].map(async (i) => (await app.store.outbox.take('cli', `cli:u${i}`)).length);
    expect(await Promise.all(reminded)).toEqual([1, 1, 0]);

    const { attendees } = await app.events.attendees(event.id);
    const code = attendees[1]!.registration.checkInCode;
    expect((await app.events.checkIn(event.id, code.toLowerCase(), 'cli')).registration.checkedInAt).toBeInstanceOf(Date);
    await expect(app.events.checkIn(event.id, attendees[2]!.registration.checkInCode, 'cli')).rejects.toThrow(/no confirmed attendee/);
    const csv = await app.events.attendeesCsv(event.id);
    const rows = parseCsv(csv).map((r) => r.fields);
    expect(rows[0]).toEqual(['employee_number', 'name', 'department', 'email', 'status', 'waitlist_position', 'check_in_code', 'checked_in_at', 'signed_up_at']);
    expect(rows[1]!.slice(0, 2)).toEqual(['E001', `'=HYPERLINK("http://x")`]);
    expect(rows.map((r) => r[4])).toEqual(['status', 'confirmed', 'confirmed', 'waitlisted']);
    expect(rows[2]![7]).not.toBe('');
  });

  it('writes a calendar invitation per attendee', async () => {
    const { people, event } = await open(definition({ capacity: 5 }), 2);
    await app.events.signUp({ member: people[0], eventId: event.id });
    const file = await app.events.invitationFor(event.id, people[0]!, 'en');
    expect(file).toMatchObject({ type: 'file', filename: expect.stringMatching(/\.ics$/) });
    const content = (file as { content: string }).content;
    expect(content).toMatch(/\r\nUID:[^\r]+@union-assistant\r\n/);
    expect(content).toContain('SUMMARY:Spring hike');
    expect(await app.events.invitationFor(event.id, people[1]!, 'en')).toBeUndefined();
  });
});

// The lists a member's chat turn reads are raw statements (docs/DATABASE.md, "Raw statements"):
// they must return what the model API returns, filters and order included.
describe.each(providers)('the lists a chat turn reads on %s', (provider) => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('lists events, votes and a member\'s sign-ups as the model API reads them', async () => {
    app = await testApp(provider);
    const people = await roster(app, 4);
    const past = await app.events.create(definition({ startsAt: inHours(-10), endsAt: inHours(-8) }), 'cli');
    const later = await app.events.open((await app.events.create(definition({ startsAt: inHours(100), endsAt: inHours(101), capacity: 1 }), 'cli')).id, 'cli');
    const sooner = await app.events.open((await app.events.create(definition({ startsAt: inHours(50), endsAt: inHours(51) }), 'cli')).id, 'cli');
    await app.events.signUp({ member: people[0]!, eventId: later.id });
    await app.events.signUp({ member: people[1]!, eventId: later.id });
    await app.events.signUp({ member: people[1]!, eventId: sooner.id });
    const { store } = app;

    const all = await store.events.list();
    expect(all.map((e) => e.id)).toEqual([past.id, sooner.id, later.id]);
    const rows = await store.db.prisma.event.findMany({ orderBy: { startsAt: 'asc' } });
    expect(all.map((e) => [e.id, e.status, e.startsAt, e.capacity])).toEqual(rows.map((r) => [r.id, r.status, r.startsAt, r.capacity]));
    expect((await store.events.list({ status: ['open'], endsAfter: new Date() })).map((e) => e.id)).toEqual([sooner.id, later.id]);
    expect((await store.events.list({ status: ['draft'] })).map((e) => e.id)).toEqual([past.id]);
    expect(await store.events.list({ status: [] })).toEqual([]);
    expect((await store.events.list({ endsAfter: new Date() })).find((e) => e.id === later.id)).toMatchObject({ confirmed: 1, waitlisted: 1 });

    const mine = await store.events.registrations.ofMember(people[1]!.id, [later.id, sooner.id, past.id]);
    expect([...mine.keys()].sort()).toEqual([later.id, sooner.id].sort());
    expect(mine.get(later.id)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await store.events.registrations.ofMember(people[1]!.id, [])).toEqual(new Map());
    const one = await store.events.registrations.get(later.id, people[0]!.id);
    const model = await store.db.prisma.eventRegistration.findUniqueOrThrow({ where: { eventId_memberId: { eventId: later.id, memberId: people[0]!.id } } });
    expect(one).toMatchObject({ id: model.id, status: 'confirmed', seq: model.seq, checkInCode: model.checkInCode, position: undefined });
    expect(await store.events.registrations.get(sooner.id, people[0]!.id)).toBeUndefined();

    const motion = { kind: 'motion', title: { 'zh-CN': '动议', en: 'Motion' } };
    const first = await app.votes.create(motion as never, 'cli');
    const second = await app.votes.create({ kind: 'choose-one', title: { 'zh-CN': '选举', en: 'Election' }, candidates: [{ name: '甲' }, { name: '乙' }] } as never, 'cli');
    await app.votes.open(second.id, 'cli');
    const votes = await store.votes.list();
    const expected = await store.db.prisma.election.findMany({ include: { candidates: { orderBy: { position: 'asc' } } }, orderBy: { createdAt: 'desc' } });
    expect(votes.map((v) => [v.id, v.status, v.candidates.map((c) => c.id)])).toEqual(expected.map((e) => [e.id, e.status, e.candidates.map((c) => c.id)]));
    expect(new Set(votes.map((v) => v.id))).toEqual(new Set([first.id, second.id]));
    expect((await store.votes.list({ status: ['open'] })).map((v) => v.id)).toEqual([second.id]);
    expect(await store.votes.list({ status: [] })).toEqual([]);
  });
});
