import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

// Transcript lines are written with one raw INSERT (src/store/sessions.ts explains why); they must
// read back through Prisma exactly as if Prisma had written them.
describe.each(providers)('conversation transcripts on %s', (provider) => {
  let store: Store;
  let drop: () => Promise<void>;

  afterEach(async () => {
    await store?.close();
    await drop?.();
  });

  it('keeps every line of a turn, in order, with its author, text and sensitivity', async () => {
    const db = await freshDatabase(provider);
    drop = db.drop;
    store = await openStore(db.url);
    const session = await store.sessions.load('slack', 'T1:C1', 'zh-CN');
    const hostile = `'); DROP TABLE "ConversationMessage"; -- 引号 " \\ \u202e ${'长'.repeat(2000)}`;
    const before = Date.now();
    await store.transaction((tx) =>
      store.transcripts.append(tx, session.id, [
        { author: 'member', text: '公司不给我签合同怎么办', sensitive: false },
        { author: 'assistant', text: hostile, sensitive: false },
        { author: 'assistant', text: 'Are you safe right now?', sensitive: true },
      ]),
    );
    // A turn's lines are stamped a millisecond apart from its start: the next write comes later.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await store.transcripts.append(store.db.prisma, session.id, [{ author: 'staff', text: 'later', sensitive: false }]);
    const lines = await store.transcripts.recent(session.id);
    expect(lines.map((l) => [l.author, l.text, l.sensitive])).toEqual([
      ['member', '公司不给我签合同怎么办', false],
      ['assistant', hostile, false],
      ['assistant', 'Are you safe right now?', true],
      ['staff', 'later', false],
    ]);
    for (const line of lines) {
      expect(line.createdAt).toBeInstanceOf(Date);
      expect(line.createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(line.createdAt.getTime()).toBeLessThan(Date.now() + 10);
    }
    // Queries that compare timestamps in the database (the retention rule) see the same values.
    expect(await store.transcripts.purgeSensitive(new Date(before - 1_000))).toBe(0);
    expect(await store.transcripts.purgeSensitive(new Date(Date.now() + 1_000))).toBe(1);
    expect((await store.transcripts.recent(session.id)).map((l) => l.text)).toEqual(['公司不给我签合同怎么办', hostile, 'later']);
  });

  it('writes nothing when the turn has no lines, and nothing of a turn that rolls back', async () => {
    const db = await freshDatabase(provider);
    drop = db.drop;
    store = await openStore(db.url);
    const session = await store.sessions.load('web', 'member-1', 'en');
    await store.transcripts.append(store.db.prisma, session.id, []);
    await expect(
      store.transaction(async (tx) => {
        await store.transcripts.append(tx, session.id, [{ author: 'member', text: 'hello', sensitive: false }]);
        throw new Error('the turn failed');
      }),
    ).rejects.toThrow('the turn failed');
    expect(await store.transcripts.recent(session.id)).toEqual([]);
  });
});
