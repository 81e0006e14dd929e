import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqltag as sql } from '@prisma/client/runtime/client';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteCheckpointer } from '../../src/store/sqlite-checkpointer.ts';
import { ProcessLock } from '../../src/store/write-lock.ts';
import { openStore } from '../../src/store/index.ts';
import type { DirectSqlite } from '../../src/store/sqlite-adapter.ts';

// SQLite's write-ahead log is copied into the database file by a worker thread holding the
// process's write queue, not by the commit that crosses 1,000 pages (src/store/sqlite-checkpointer.ts).
// What the main file alone holds is what a checkpoint has copied: these copy it without its -wal
// file and open the copy.
describe('the SQLite checkpointer', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ua-checkpoint-'));
    dirs.push(dir);
    return dir;
  }

  /**
   * Rows of `table` in a copy of `file` made without its write-ahead log (undefined: no such table
   * yet, or the copy caught a checkpoint half-way through writing the file: callers poll, and a
   * file that stayed damaged never reaches the count they wait for).
   */
  function rowsInMainFile(file: string, table: string): number | undefined {
    const copy = join(tempDir(), 'copy.db');
    copyFileSync(file, copy);
    const db = new BetterSqlite3(copy, { readonly: true });
    try {
      const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(table);
      return exists ? (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n : undefined;
    } catch (error) {
      if (['SQLITE_CORRUPT', 'SQLITE_NOTADB'].includes((error as { code?: string }).code ?? '')) return undefined;
      throw error;
    } finally {
      db.close();
    }
  }

  /**
   * A WAL database whose connection never checkpoints, with one committed transaction of ~2,000
   * pages of log in table `t`: far past the 1,000 at which a commit would have checkpointed itself.
   */
  function databaseWithLongLog() {
    const file = join(tempDir(), 'db.sqlite');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run('x'.repeat(4_000));
    })();
    return { file, db, insert };
  }

  it('copies the whole log into the database file from its own thread, and the next write starts the log again', async () => {
    const { file, db, insert } = databaseWithLongLog();
    expect(rowsInMainFile(file, 't')).toBeUndefined();

    const checkpointer = new SqliteCheckpointer(file, new ProcessLock(), { intervalMs: 60_000, fallback: () => undefined });
    try {
      await checkpointer.checkpoint();
      expect(rowsInMainFile(file, 't')).toBe(2_000);
      // RESTART: the next write goes to the start of the log, which then holds one transaction's frames.
      insert.run('later');
      const { log } = (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!;
      expect(log).toBeLessThan(10);
      expect(rowsInMainFile(file, 't')).toBe(2_001);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  it('holds the write queue while it checkpoints: a write of this process waits for it, not the other way round', async () => {
    const { file, db } = databaseWithLongLog();
    const lock = new ProcessLock();
    const checkpointer = new SqliteCheckpointer(file, lock, { intervalMs: 60_000, fallback: () => undefined });
    try {
      const order: string[] = [];
      const checkpointed = checkpointer.checkpoint().then(() => order.push('checkpoint'));
      // Asked for right after: granted only once the checkpoint has released the queue.
      const written = lock.acquire().then((release) => {
        order.push('write');
        release();
      });
      await Promise.all([checkpointed, written]);
      expect(order).toEqual(['checkpoint', 'write']);
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  it("keeps a store's log short and its database file current under a stream of turns, without a commit checkpointing", async () => {
    const url = `file:${join(tempDir(), 'store.db')}`;
    const store = await openStore(url);
    try {
      const file = url.slice('file:'.length);
      const session = await store.sessions.load('web', 'stream', 'en');
      // The store's write connection never checkpoints by itself…
      expect((store.db.direct() as DirectSqlite | undefined)?.pragma('wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0n }]);
      // …yet over ~2,500 transactions (~10,000 pages of log without checkpoints) the log stays
      // short, because the thread's checkpoints (every 200 ms) restart it.
      for (let i = 0; i < 2_500; i++) {
        await store.sqlTransaction(async (tx) => {
          await store.sessions.markProcessed(tx, `stream-${i}`);
          await store.transcripts.append(tx, session.id, [{ author: 'member', text: `message ${i} ${'z'.repeat(2_000)}`, sensitive: false }]);
        });
        if (i % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(statSync(`${file}-wal`).size).toBeLessThan(40 * 1024 * 1024);
      let rows: number | undefined;
      for (let waited = 0; waited < 10_000 && rows !== 2_500; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        rows = rowsInMainFile(file, 'ProcessedEvent');
      }
      expect(rows).toBe(2_500);
      const { n } = (await store.sql.query<{ n: bigint }>(store.db.prisma, sql`SELECT COUNT(*) AS "n" FROM "ConversationMessage"`))[0]!;
      expect(Number(n)).toBe(2_500);
    } finally {
      await store.close();
    }
  });

  it('lets a process that closes its store last carry on after `close` (the thread neither holds it up nor lets it end early)', () => {
    const url = `file:${join(tempDir(), 'exit.db')}`;
    const script = `
      import { openStore } from './src/store/index.ts';
      const store = await openStore(${JSON.stringify(url)});
      await store.audit.record({ actor: 'test', action: 'exit.test', target: 't' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await store.close();
      console.log('after close');
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 60_000 });
    expect(output.trim()).toBe('after close');
  });
});
