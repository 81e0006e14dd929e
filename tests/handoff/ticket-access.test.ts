import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { isAppError } from '../../src/core/errors.ts';
import { action } from '../../src/core/flow.ts';
import { providers } from '../helpers/database.ts';
import { member, roster, sharedDatabase } from './helpers.ts';

describe.each(providers)('case access and concurrency on %s', (provider) => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  afterEach(async () => db?.drop());
  async function start(): Promise<App> {
    db = await sharedDatabase(provider);
    return db.open();
  }

  it('a staff member without the counsellor role cannot read a psychological case; a counsellor can', async () => {
    const app = await start();
    const people = await roster(app);
    const zhang = member(app);
    await zhang.press(action('handoff.offer', { category: 'psychological' }));
    await zhang.say('我和主管的关系让我很痛苦');
    const [ticket] = await app.tickets.list(undefined);

    // Staff see that the case exists, not what it says or who it is about.
    const seen = await app.tickets.show(people.staff, ticket!.id);
    expect(seen).toMatchObject({ id: ticket!.id, category: 'psychological', priority: 'high', status: 'open', restricted: true, member: '(restricted)', memberId: null });
    expect(seen).not.toHaveProperty('transcript');
    expect(JSON.stringify(seen)).not.toContain('痛苦');
    expect((await app.tickets.list(people.staff))[0]).toMatchObject({ restricted: true, member: '(restricted)' });
    for (const attempt of [
      () => app.tickets.claim(people.staff, ticket!.id),
      () => app.tickets.reply(people.staff, ticket!.id, 'hello'),
      () => app.tickets.note(people.staff, ticket!.id, 'note'),
      () => app.tickets.close(people.staff, ticket!.id),
      () => app.tickets.reassign(people.counsellor, ticket!.id, people.staff),
    ]) {
      await expect(attempt()).rejects.toSatisfy((e) => isAppError(e, 'forbidden'));
    }
    // A plain member is not staff at all.
    await expect(app.tickets.list(people.member)).rejects.toSatisfy((e) => isAppError(e, 'forbidden'));

    const read = await app.tickets.show(people.counsellor, ticket!.id);
    expect('messages' in read && read.messages.map((m) => m.text)).toEqual(['我和主管的关系让我很痛苦']);
    expect(await app.tickets.show(people.admin, ticket!.id)).toHaveProperty('transcript');
    await app.tickets.note(people.counsellor, ticket!.id, '已电话联系，约了周三面谈');

    // Every staff action is audited; no audit entry carries what was written.
    const audit = await app.store.audit.list({ target: ticket!.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['tickets.note', 'tickets.open', 'tickets.view', 'tickets.view', 'tickets.view-denied'].sort());
    expect(JSON.stringify(audit)).not.toMatch(/痛苦|面谈/);
  });

  it('legal cases are for staff and admins; reassigning checks the new assignee', async () => {
    const app = await start();
    const people = await roster(app);
    await member(app).say('转人工');
    const [ticket] = await app.tickets.list(undefined);
    expect(await app.tickets.show(people.counsellor, ticket!.id)).toMatchObject({ restricted: true });
    await app.tickets.claim(people.staff, ticket!.id);
    await expect(app.tickets.claim(people.staff2, ticket!.id)).rejects.toThrow(/already claimed by 李四/);
    await expect(app.tickets.reassign(people.staff, ticket!.id, people.counsellor)).rejects.toThrow(/cannot handle general cases/);
    expect(await app.tickets.reassign(people.staff, ticket!.id, people.staff2)).toMatchObject({ assignee: { id: people.staff2.id, name: '赵六' } });
    await expect(app.tickets.eraseForMember(people.staff, people.member)).rejects.toSatisfy((e) => isAppError(e, 'forbidden'));
  });

  it('two staff claiming at once: exactly one wins', async () => {
    const app = await start();
    const people = await roster(app);
    // A second instance over the same database (PostgreSQL); SQLite is single-instance and
    // serialises its writes, so there both claims go through one app.
    const other = provider === 'postgresql' ? await db.open() : app;
    for (const user of ['c1', 'c2', 'c3']) await member(app, user).say('转人工');
    for (const ticket of await app.tickets.list(undefined)) {
      const results = await Promise.allSettled([app.tickets.claim(people.staff, ticket.id), other.tickets.claim(people.staff2, ticket.id)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toSatisfy((e) => isAppError(e, 'conflict'));
      const stored = await app.store.tickets.get(ticket.id);
      const winner = (won[0] as PromiseFulfilledResult<{ assignee: { id: string } }>).value.assignee.id;
      expect(stored).toMatchObject({ status: 'claimed', assigneeId: winner });
      expect((await app.store.audit.list({ target: ticket.id, action: 'tickets.claim' })).length).toBe(1);
    }
  });

  it('announces case events after commit to listeners (case cards in staff channels)', async () => {
    const app = await start();
    const people = await roster(app);
    const seen: string[] = [];
    const stop = app.tickets.onTicketEvent((event) => {
      seen.push(`${event.type}:${event.category}:${event.sensitive}`);
    });
    const zhang = member(app);
    await zhang.press(action('handoff.offer', { category: 'psychological' }));
    await zhang.say('你好');
    const [ticket] = await app.tickets.list(undefined);
    await app.tickets.reply(people.counsellor, ticket!.id, '你好，我是王五');
    await app.tickets.setStatus(people.counsellor, ticket!.id, 'resolved');
    await zhang.say('done');
    stop();
    await app.tickets.reopen(people.counsellor, ticket!.id);
    expect(seen).toEqual([
      'opened:psychological:true',
      'member-message:psychological:true',
      'claimed:psychological:true',
      'staff-reply:psychological:true',
      'status:psychological:true',
      'closed:psychological:true',
    ]);
  });
});
