import { sqltag as sql } from '@prisma/client/runtime/client';
import { afterEach, describe, expect, it } from 'vitest';
import { isUniqueViolation, openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

// The raw statements of a chat turn's path run on SQLite's driver adapter without the Prisma
// client (src/store/sql.ts). These pin that they return what `$queryRaw` returns, that they run
// inside the transaction they are given (or fail once it ended), on both providers.
describe.each(providers)('raw statements of the chat turn (SqlRunner) on %s', (provider) => {
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
});
