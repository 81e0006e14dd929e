import { join, sqltag as sql } from '@prisma/client/runtime/client';
import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Channel } from '../core/inbound.ts';
import type { Locale } from '../core/locale.ts';
import type { Prisma, PrismaTransaction } from './database.ts';
import { newId, newTimeOrderedId } from './ids.ts';
import { isUniqueViolation } from './errors.ts';
import type { Db, SqlRunner } from './sql.ts';

/** The part of a session a flow owns while it is active. */
export const ActiveFlowSchema = z.object({ name: z.string().min(1), state: z.unknown() });

/** What is kept between turns of one conversation. */
export const SessionStateSchema = z.object({
  flow: ActiveFlowSchema.optional(),
  /** The last answer given, so "not helpful" and "talk to a person" can refer to it. */
  lastAnswer: z.object({ feedbackId: z.string(), question: z.string(), kind: z.string() }).optional(),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

/** A conversation's persisted session, as read at the start of a turn. */
export interface Session {
  id: string;
  channel: Channel;
  key: string;
  state: SessionState;
  locale: Locale;
  version: number;
}

function parseState(json: string): SessionState {
  try {
    const parsed = SessionStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * A session row as a turn reads it, and as cached between turns: the state stays JSON so that no
 * caller shares objects.
 */
interface SessionRow {
  id: string;
  state: string;
  locale: string;
  version: number;
}

/** How many conversations keep their session in memory (a few hundred bytes each). */
const SESSION_CACHE_SIZE = 20_000;

const cacheKey = (channel: Channel, key: string) => `${channel}\u0000${key}`;

/**
 * Conversation sessions with optimistic concurrency (a version number per row).
 *
 * With `cacheSessions` (SQLite, where one process serves the database) the last saved session of
 * a conversation is kept in memory, so that a turn does not read it back: the save's version check
 * stays the authority. A stale copy (another process, a rolled-back turn) fails that check, is
 * forgotten, and the turn runs again on the row read from the database, as any lost race does.
 * Not for several instances behind a load balancer: there, each instance's copy would usually be
 * stale and most turns would run twice.
 */
export class SessionRepository {
  readonly #cache: Map<string, SessionRow> | undefined;

  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
    options: { cacheSessions?: boolean } = {},
  ) {
    this.#cache = options.cacheSessions ? new Map() : undefined;
  }

  /** Loads the session of a conversation, creating it on first contact. */
  async load(channel: Channel, key: string, locale: Locale): Promise<Session> {
    const cached = this.#cache?.get(cacheKey(channel, key));
    if (cached) return { id: cached.id, channel, key, state: parseState(cached.state), locale: cached.locale === 'en' ? 'en' : 'zh-CN', version: cached.version };
    const where = { channel_key: { channel, key } };
    // Raw on a chat turn's path (docs/DATABASE.md, "Raw statements").
    let [row] = await this.sql.query<SessionRow>(this.prisma, sql`SELECT "id", "state", "locale", "version" FROM "ConversationSession" WHERE "channel" = ${channel} AND "key" = ${key}`);
    if (!row) {
      // A first contact; raw too, since a level of members arriving at once starts with one each.
      const now = new Date();
      const created: SessionRow = { id: newId(), state: '{}', locale, version: 0 };
      try {
        await this.sql.execute(this.prisma, sql`INSERT INTO "ConversationSession" ("id", "channel", "key", "state", "locale", "reference", "version", "createdAt", "updatedAt") VALUES (${created.id}, ${channel}, ${key}, ${created.state}, ${locale}, ${null}, ${0}, ${now}, ${now})`);
        row = created;
      } catch (error) {
        // Two first messages at once: the other created the session; both turns then race on its version.
        if (!isUniqueViolation(error)) throw error;
        row = await this.prisma.conversationSession.findUniqueOrThrow({ where });
      }
    }
    return { id: row.id, channel, key, state: parseState(row.state), locale: row.locale === 'en' ? 'en' : 'zh-CN', version: row.version };
  }

  /**
   * Saves a session if nobody saved it since `expectedVersion` was read; otherwise throws
   * `concurrent_update` so that the caller's transaction rolls back and the turn can be retried.
   * A caller whose transaction fails after this call must `forget` the conversation.
   */
  async save(tx: Db, session: Session, state: SessionState, locale: Locale, reference?: string): Promise<number> {
    const json = JSON.stringify(SessionStateSchema.parse(state));
    // Raw on a chat turn's path (docs/DATABASE.md, "Raw statements"). `reference`, when the
    // channel sent none, stays as it was.
    const count = await this.sql.execute(tx, sql`UPDATE "ConversationSession" SET "state" = ${json}, "locale" = ${locale}, "version" = "version" + 1, "reference" = COALESCE(${reference ?? null}, "reference"), "updatedAt" = ${new Date()} WHERE "id" = ${session.id} AND "version" = ${session.version}`);
    if (count !== 1) {
      this.forget(session.channel, session.key);
      throw new AppError('concurrent_update', 'the conversation changed while this turn was running');
    }
    if (this.#cache) {
      const at = cacheKey(session.channel, session.key);
      // Re-inserted so that the map's first key is the least recently saved.
      this.#cache.delete(at);
      if (this.#cache.size >= SESSION_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
      this.#cache.set(at, { id: session.id, state: json, locale, version: session.version + 1 });
    }
    return session.version + 1;
  }

  /** Drops the in-memory copy of a conversation's session (after a transaction that did not commit). */
  forget(channel: Channel, key: string): void {
    this.#cache?.delete(cacheKey(channel, key));
  }

  /** Whether a platform event (retried delivery) was already handled. */
  async isProcessed(eventKey: string): Promise<boolean> {
    // Raw on a chat turn's path (docs/DATABASE.md, "Raw statements").
    const rows = await this.sql.query<{ id: string }>(this.prisma, sql`SELECT "id" FROM "ProcessedEvent" WHERE "id" = ${eventKey}`);
    return rows.length > 0;
  }

  /** Marks a platform event handled; a second mark of the same key fails the transaction (`isUniqueViolation`). */
  async markProcessed(tx: Db, eventKey: string): Promise<void> {
    // Raw on a chat turn's path (docs/DATABASE.md, "Raw statements").
    await this.sql.execute(tx, sql`INSERT INTO "ProcessedEvent" ("id", "createdAt") VALUES (${eventKey}, ${new Date()})`);
  }

  /** The channel's stored reference for a conversation (to message it later), if any. */
  async reference(channel: Channel, key: string): Promise<string | undefined> {
    const row = await this.prisma.conversationSession.findUnique({ where: { channel_key: { channel, key } }, select: { reference: true } });
    return row?.reference ?? undefined;
  }

  async findById(id: string): Promise<Session | undefined> {
    const row = await this.prisma.conversationSession.findUnique({ where: { id } });
    if (!row) return undefined;
    return { id: row.id, channel: row.channel as Channel, key: row.key, state: parseState(row.state), locale: row.locale === 'en' ? 'en' : 'zh-CN', version: row.version };
  }
}

/** One line of a conversation transcript. */
export interface TranscriptLine {
  author: 'member' | 'assistant' | 'staff';
  text: string;
  sensitive: boolean;
  createdAt: Date;
}

/** Conversation transcripts (kept so that a handoff can show staff what was said). */
export class TranscriptRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
  ) {}

  async append(tx: Db, sessionId: string, lines: Omit<TranscriptLine, 'createdAt'>[]): Promise<void> {
    if (lines.length === 0) return;
    const now = Date.now();
    // One statement for the turn's lines (a chat turn writes two or three); distinct timestamps
    // keep their order. Raw rather than `createMany`: Prisma 7.10 never caches a createMany's
    // query plan (its client compiles one for every call), which cost ~5% of every chat turn's
    // CPU (bench/load.ts profile). The values are stored as Prisma stores them, on both
    // providers (tests/store/transcripts.test.ts).
    const rows = lines.map((line, i) => sql`(${newTimeOrderedId(now + i)}, ${sessionId}, ${line.author}, ${line.text}, ${line.sensitive}, ${new Date(now + i)})`);
    await this.sql.execute(tx, sql`INSERT INTO "ConversationMessage" ("id", "sessionId", "author", "text", "sensitive", "createdAt") VALUES ${join(rows)}`);
  }

  /** Removes sensitive (psychological, crisis) lines written before `before`: the retention rule. */
  async purgeSensitive(before: Date): Promise<number> {
    const result = await this.prisma.conversationMessage.deleteMany({ where: { sensitive: true, createdAt: { lt: before } } });
    return result.count;
  }

  /** Removes every line of a conversation (a member's request to erase their cases). */
  async eraseSession(tx: PrismaTransaction | Prisma, sessionId: string): Promise<number> {
    const result = await tx.conversationMessage.deleteMany({ where: { sessionId } });
    return result.count;
  }

  async recent(sessionId: string, limit = 50): Promise<TranscriptLine[]> {
    const rows = await this.prisma.conversationMessage.findMany({ where: { sessionId }, orderBy: { createdAt: 'desc' }, take: limit });
    return rows.reverse().map((r) => ({ author: r.author as TranscriptLine['author'], text: r.text, sensitive: r.sensitive, createdAt: r.createdAt }));
  }
}
