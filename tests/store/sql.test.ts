import { sqltag as sql } from '@prisma/client/runtime/client';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUniqueViolation, openStore, type SqlTx, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

// The raw statements of a chat turn's path run on the driver adapter without the Prisma client
// (src/store/sql.ts). These pin that they return what `$queryRaw` returns, that they run
// inside the transaction they are given (or fail once it ended), on both providers.
describe.each(providers)('raw statements of the chat turn (SqlRunner) on %s', (provider) => {
  let store: Store;
  let drop: () => Promise<void>;

  afterEach(async () => {
    await store?.close();
    await drop?.();
  });

  /** The SQLite file (SQLite only). */
  let file = '';
  async function open() {
    const db = await freshDatabase(provider);
    drop = db.drop;
    file = db.url.replace(/^file:/, '');
    store = await openStore(db.url);
  }

  it('returns rows exactly as $queryRaw does: dates, booleans, integers, nulls and text', async () => {
    await open();
    const session = await store.sessions.load('web', 'conv-1', 'zh-CN');
    await store.transaction((tx) => store.transcripts.append(tx, session.id, [{ author: 'member', text: '你好 👋', sensitive: true }, { author: 'assistant', text: 'hi', sensitive: false }]));
    const statement = () => sql`SELECT m."id", m."text", m."sensitive", m."createdAt", s."version", s."reference" FROM "ConversationMessage" m JOIN "ConversationSession" s ON s."id" = m."sessionId" ORDER BY m."createdAt"`;
    const direct = await store.sql.query<Record<string, unknown>>(store.db.prisma, statement());
    const viaClient = await store.db.prisma.$queryRaw<Record<string, unknown>[]>(statement());
    expect(direct).toEqual(viaClient);
    expect(direct).toHaveLength(2);
    expect(direct[0]).toMatchObject({ text: '你好 👋', sensitive: true, version: 0, reference: null });
    expect(direct[0]!.createdAt).toBeInstanceOf(Date);
    expect(direct[1]).toMatchObject({ sensitive: false });
  });

  it('reads an open case as the model API does (every column of the row)', async () => {
    await open();
    const due = new Date('2026-12-01T08:00:00.000Z');
    const created = await store.transaction((tx) =>
      store.tickets.create(tx, { category: 'legal', priority: 'normal', source: 'member-request', memberId: null, identityId: null, sessionId: null, memberLabel: 'A', channel: 'web', conversationKey: 'conv-2', locale: 'en', firstResponseDueAt: due, resolutionDueAt: due }),
    );
    const found = await store.tickets.findOpen('web', 'conv-2');
    expect(found).toEqual(await store.tickets.get(created.id));
    expect(found?.firstResponseDueAt).toEqual(due);
  });

  it('runs inside the transaction it is given: rolled back with it, committed with it', async () => {
    await open();
    const failed = await store
      .transaction(async (tx) => {
        await store.sql.execute(tx, sql`INSERT INTO "ProcessedEvent" ("id", "createdAt") VALUES (${'ev-1'}, ${new Date()})`);
        // Visible inside its transaction…
        expect(await store.sql.query(tx, sql`SELECT "id" FROM "ProcessedEvent" WHERE "id" = ${'ev-1'}`)).toHaveLength(1);
        throw new Error('the turn failed');
      })
      .catch((e: unknown) => e);
    expect(String(failed)).toContain('the turn failed');
    // …and gone with it.
    expect(await store.sessions.isProcessed('ev-1')).toBe(false);
    await store.transaction(async (tx) => {
      // On SQLite the statement must not go through the client at all (that is the point).
      if (provider === 'sqlite') Object.assign(tx, { $executeRaw: () => Promise.reject(new Error('went through the Prisma client')) });
      await store.sessions.markProcessed(tx, 'ev-2');
      // The model API and the runner in one transaction.
      await tx.processedEvent.create({ data: { id: 'ev-3', createdAt: new Date() } });
    });
    expect(await store.sessions.isProcessed('ev-2')).toBe(true);
    expect(await store.sessions.isProcessed('ev-3')).toBe(true);
    // A unique violation is one, whichever way the statement ran.
    const again = await store.transaction((tx) => store.sessions.markProcessed(tx, 'ev-2')).catch((e: unknown) => e);
    expect(isUniqueViolation(again)).toBe(true);
  });

  it('refuses a statement for a transaction that has ended, and serves a transaction opened elsewhere', async () => {
    await open();
    let kept: Parameters<Parameters<Store['transaction']>[0]>[0] | undefined;
    await store.transaction(async (tx) => {
      kept = tx;
    });
    await expect(store.sql.execute(kept!, sql`INSERT INTO "ProcessedEvent" ("id", "createdAt") VALUES (${'late'}, ${new Date()})`)).rejects.toThrow();
    expect(await store.sessions.isProcessed('late')).toBe(false);
    // A `$transaction` not opened by the store: its statements go through Prisma, still inside it.
    const failed = await store.db.prisma
      .$transaction(async (tx) => {
        await store.sql.execute(tx, sql`INSERT INTO "ProcessedEvent" ("id", "createdAt") VALUES (${'elsewhere'}, ${new Date()})`);
        throw new Error('rolled back');
      })
      .catch((e: unknown) => e);
    expect(String(failed)).toContain('rolled back');
    expect(await store.sessions.isProcessed('elsewhere')).toBe(false);
  });

  // `Store.sqlTransaction`: a chat turn's transaction, the driver adapter's own, without Prisma's
  // interactive transaction, on both providers.
  it('commits a sqlTransaction, rolls it back when its work throws, and refuses statements once it ended', async () => {
    await open();
    const prismaTransactions = vi.spyOn(store.db.prisma, '$transaction');
    let kept: SqlTx | undefined;
    const value = await store.sqlTransaction(async (tx) => {
      kept = tx;
      await store.sessions.markProcessed(tx, 'direct-1');
      expect(await store.sql.query(tx, sql`SELECT "id" FROM "ProcessedEvent" WHERE "id" = ${'direct-1'}`)).toHaveLength(1);
      return 42;
    });
    expect(value).toBe(42);
    expect(await store.sessions.isProcessed('direct-1')).toBe(true);
    const failed = await store
      .sqlTransaction(async (tx) => {
        await store.sessions.markProcessed(tx, 'direct-2');
        throw new Error('the turn failed');
      })
      .catch((e: unknown) => e);
    expect(String(failed)).toContain('the turn failed');
    expect(await store.sessions.isProcessed('direct-2')).toBe(false);
    // A statement that fails inside (a unique violation) fails the whole transaction, as in a turn.
    const duplicate = await store
      .sqlTransaction(async (tx) => {
        await store.sessions.markProcessed(tx, 'direct-3');
        await store.sessions.markProcessed(tx, 'direct-1');
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(await store.sessions.isProcessed('direct-3')).toBe(false);
    await expect(store.sql.execute(kept!, sql`INSERT INTO "ProcessedEvent" ("id", "createdAt") VALUES (${'late'}, ${new Date()})`)).rejects.toThrow();
    expect(await store.sessions.isProcessed('late')).toBe(false);
    // No Prisma transaction at all.
    expect(prismaTransactions).not.toHaveBeenCalled();
    // After all that, the store still writes (the write lock was released every time).
    await store.transaction((tx) => store.sessions.markProcessed(tx, 'after'));
    expect(await store.sessions.isProcessed('after')).toBe(true);
  });

  // SQLite only: the adapter keeps each statement's result columns until the schema changes.
  it.skipIf(provider !== 'sqlite')('reads the new columns of a SELECT * after another connection changed the schema', async () => {
    await open();
    await store.sessions.markProcessed(store.db.prisma, 'before');
    const read = () => store.sql.query<Record<string, unknown>>(store.db.prisma, sql`SELECT * FROM "ProcessedEvent" WHERE "id" = ${'before'}`);
    expect(Object.keys((await read())[0]!)).toEqual(['id', 'createdAt']);
    // Another process (a newer version's migration, say) adds a column.
    const other = new BetterSqlite3(file);
    try {
      other.exec(`ALTER TABLE "ProcessedEvent" ADD COLUMN "note" TEXT NOT NULL DEFAULT 'added'`);
    } finally {
      other.close();
    }
    expect((await read())[0]).toMatchObject({ id: 'before', note: 'added' });
    expect(Object.keys((await read())[0]!)).toEqual(['id', 'createdAt', 'note']);
  });

  // SQLite only: PostgreSQL runs transactions side by side (READ COMMITTED), and row locks order them.
  it.skipIf(provider !== 'sqlite')('runs concurrent sqlTransactions and Prisma transactions one at a time on SQLite (no lost update)', async () => {
    await open();
    const session = await store.sessions.load('web', 'counter', 'en');
    const readCount = async (tx: SqlTx) => {
      const [row] = await store.sql.query<{ n: number | bigint }>(tx, sql`SELECT COUNT(*) AS "n" FROM "ConversationMessage" WHERE "sessionId" = ${session.id}`);
      return Number(row!.n);
    };
    // Each reads the count, yields, then writes a line numbered after it: interleaved, two would write the same number.
    const add = (tx: SqlTx) => async () => {
      const n = await readCount(tx);
      await new Promise((resolve) => setImmediate(resolve));
      await store.transcripts.append(tx, session.id, [{ author: 'member', text: `line ${n}`, sensitive: false }]);
    };
    await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? store.transaction((tx) => add(tx)()) : store.sqlTransaction((tx) => add(tx)()))));
    const lines = await store.transcripts.recent(session.id);
    expect(lines.map((l) => l.text).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))).toEqual(Array.from({ length: 12 }, (_, i) => `line ${i}`));
  });
});
