import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

// Answer records and democracy contacts are written with raw statements on a chat turn's path
// (docs/DATABASE.md): they must read back through the model API as Prisma would have written them.
describe.each(providers)('answer records and democracy contacts on %s', (provider) => {
  let store: Store;
  let drop: () => Promise<void>;

  afterEach(async () => {
    await store?.close();
    await drop?.();
  });

  async function open() {
    const db = await freshDatabase(provider);
    drop = db.drop;
    store = await openStore(db.url);
  }

  it('records answers for the editors: words kept except psychological ones, ratings by their member only', async () => {
    await open();
    const since = new Date(Date.now() - 1_000);
    await store.transaction(async (tx) => {
      await store.answers.record(tx, { id: 'a1', kind: 'legal', question: '公司不给我签合同怎么办', locale: 'zh-CN', confidence: 0.25, lowConfidence: true, citations: ['劳动合同法 第十条', '劳动合同法 第八十二条'], channel: 'slack', memberId: 'm1' });
      await store.answers.record(tx, { id: 'a2', kind: 'psych', question: 'I cannot sleep because of my manager', locale: 'en', confidence: 1, lowConfidence: true, citations: [], channel: 'web' });
      await store.answers.record(tx, { id: 'a3', kind: 'legal', question: `${'x'.repeat(1999)}\u{1F600}`, locale: 'en', confidence: 0.9, lowConfidence: false, citations: ['Labour Law Article 36'], channel: 'teams', memberId: 'm2' });
    });
    const unanswered = await store.answers.unanswered();
    expect(unanswered).toEqual([
      { id: 'a1', kind: 'legal', question: '公司不给我签合同怎么办', locale: 'zh-CN', confidence: 0.25, lowConfidence: true, citations: ['劳动合同法 第十条', '劳动合同法 第八十二条'], rating: null, channel: 'slack', memberId: 'm1', createdAt: expect.any(Date), ratedAt: null },
    ]);
    expect(unanswered[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(since.getTime());
    expect(await store.answers.stats(since)).toEqual({ total: 3, helpful: 0, notHelpful: 0, lowConfidence: 2 });
    // Cut at 2000 code units without half a surrogate pair.
    const cut = await store.db.prisma.answerRecord.findUniqueOrThrow({ where: { id: 'a3' } });
    expect(cut.question).toBe('x'.repeat(1999));
    expect(cut.confidence).toBe(0.9);
    expect(await store.answers.rate('a3', 'not-helpful', 'm1')).toBe(false);
    expect(await store.answers.rate('a3', 'not-helpful', 'm2')).toBe(true);
    expect(await store.answers.rate('a2', 'helpful', undefined)).toBe(true);
    expect(await store.answers.stats(since)).toEqual({ total: 3, helpful: 1, notHelpful: 1, lowConfidence: 2 });
    expect((await store.answers.unanswered()).map((a) => a.id).sort()).toEqual(['a1', 'a3']);
  });

  it('keeps the conversation a member last used for reminders, one per member', async () => {
    await open();
    await store.members.importCsv(['name,employee_number,department,email,status,roles', '张三,E001,研发部,,member,'].join('\n'));
    const member = (await store.members.getByEmployeeNumber('E001'))!;
    await store.democracyContacts.record(store.db.prisma, member.id, { channel: 'slack', conversationKey: 'T1:D1', locale: 'zh-CN' });
    const first = await store.db.prisma.democracyContact.findUniqueOrThrow({ where: { memberId: member.id } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.transaction((tx) => store.democracyContacts.record(tx, member.id, { channel: 'teams', conversationKey: 'a:conv', locale: 'en' }));
    expect(await store.democracyContacts.of([member.id, 'nobody'])).toEqual(new Map([[member.id, { channel: 'teams', conversationKey: 'a:conv', locale: 'en' }]]));
    const second = await store.db.prisma.democracyContact.findUniqueOrThrow({ where: { memberId: member.id } });
    expect(second.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
    expect(await store.db.prisma.democracyContact.count()).toBe(1);
  });
});
