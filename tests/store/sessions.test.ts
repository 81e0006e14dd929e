import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.ts';
import { isUniqueViolation, openStore, type Store } from '../../src/store/index.ts';
import { freshDatabase, providers } from '../helpers/database.ts';

// Sessions and processed events are read and written with raw statements on every chat turn
// (src/store/sessions.ts, docs/DATABASE.md): these pin their behaviour on both providers.
describe.each(providers)('conversation sessions on %s', (provider) => {
  let store: Store;
  let drop: () => Promise<void>;

  afterEach(async () => {
    await store?.close();
    await drop?.();
  });

  async function open(options: { clusterWorker?: boolean } = {}) {
    const db = await freshDatabase(provider);
    drop = db.drop;
    // A cluster worker's database was migrated by its primary.
    if (options.clusterWorker) await (await openStore(db.url)).close();
    store = await openStore(db.url, options);
  }

  it('saves state, locale and reference with a version check, and keeps the reference when a turn brings none', async () => {
    // As a cluster worker: no cached sessions, every load reads the row.
    await open({ clusterWorker: true });
    const first = await store.sessions.load('teams', 'conv-1', 'zh-CN');
    expect(first).toMatchObject({ channel: 'teams', key: 'conv-1', state: {}, locale: 'zh-CN', version: 0 });
    await store.transaction((tx) => store.sessions.save(tx, first, { flow: { name: 'survey', state: { step: 2 } } }, 'en', '{"serviceUrl":"x"}'));
    const second = await store.sessions.load('teams', 'conv-1', 'zh-CN');
    expect(second).toMatchObject({ id: first.id, state: { flow: { name: 'survey', state: { step: 2 } } }, locale: 'en', version: 1 });
    await store.transaction((tx) => store.sessions.save(tx, second, {}, 'zh-CN'));
    expect(await store.sessions.reference('teams', 'conv-1')).toBe('{"serviceUrl":"x"}');
    expect(await store.sessions.load('teams', 'conv-1', 'en')).toMatchObject({ state: {}, locale: 'zh-CN', version: 2 });
    // A turn that read version 1 lost the race: it must not overwrite the newer state.
    const error = await store.transaction((tx) => store.sessions.save(tx, second, { flow: { name: 'vote', state: {} } }, 'en')).catch((e: unknown) => e);
    expect(isAppError(error, 'concurrent_update')).toBe(true);
    expect(await store.sessions.load('teams', 'conv-1', 'en')).toMatchObject({ state: {}, version: 2 });
    const row = await store.db.prisma.conversationSession.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('creates a session on first contact as the model API would, once when two first messages arrive together', async () => {
    await open({ clusterWorker: true });
    const [a, b] = await Promise.all([store.sessions.load('web', 'first', 'en'), store.sessions.load('web', 'first', 'en')]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ state: {}, locale: 'en', version: 0 });
    const rows = await store.db.prisma.conversationSession.findMany({ where: { channel: 'web', key: 'first' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: a.id, state: '{}', locale: 'en', reference: null, version: 0 });
    expect(rows[0]!.createdAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(rows[0]!.updatedAt.getTime()).toBe(rows[0]!.createdAt.getTime());
  });

  it('marks an event once: a second mark fails as a unique violation and rolls back its turn', async () => {
    await open();
    expect(await store.sessions.isProcessed('slack:Ev1')).toBe(false);
    await store.transaction((tx) => store.sessions.markProcessed(tx, 'slack:Ev1'));
    expect(await store.sessions.isProcessed('slack:Ev1')).toBe(true);
    expect(await store.sessions.isProcessed('slack:Ev2')).toBe(false);
    const session = await store.sessions.load('slack', 'T1:D1', 'zh-CN');
    const error = await store
      .transaction(async (tx) => {
        await store.sessions.save(tx, session, { lastAnswer: { feedbackId: 'f', question: 'q', kind: 'legal' } }, 'en');
        await store.sessions.markProcessed(tx, 'slack:Ev1');
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    store.sessions.forget('slack', 'T1:D1');
    expect(await store.sessions.load('slack', 'T1:D1', 'en')).toMatchObject({ state: {}, version: 0 });
  });
});
