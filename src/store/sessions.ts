import { z } from 'zod';
import { AppError } from '../core/errors.ts';
import type { Channel } from '../core/inbound.ts';
import type { Locale } from '../core/locale.ts';
import type { Prisma, PrismaTransaction } from './database.ts';
import { newId } from './ids.ts';

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

/** Conversation sessions with optimistic concurrency (a version number per row). */
export class SessionRepository {
  constructor(private readonly prisma: Prisma) {}

  /** Loads the session of a conversation, creating it on first contact. */
  async load(channel: Channel, key: string, locale: Locale): Promise<Session> {
    const where = { channel_key: { channel, key } };
    let row = await this.prisma.conversationSession.findUnique({ where });
    if (!row) {
      try {
        row = await this.prisma.conversationSession.create({ data: { id: newId(), channel, key, locale } });
      } catch (error) {
        // Two first messages at once: the other created the session; both turns then race on its version.
        if ((error as { code?: string }).code !== 'P2002') throw error;
        row = await this.prisma.conversationSession.findUniqueOrThrow({ where });
      }
    }
    return { id: row.id, channel, key, state: parseState(row.state), locale: row.locale === 'en' ? 'en' : 'zh-CN', version: row.version };
  }

  /**
   * Saves a session if nobody saved it since `expectedVersion` was read; otherwise throws
   * `concurrent_update` so that the caller's transaction rolls back and the turn can be retried.
   */
  async save(tx: PrismaTransaction, session: Session, state: SessionState, locale: Locale, reference?: string): Promise<number> {
    const result = await tx.conversationSession.updateMany({
      where: { id: session.id, version: session.version },
      data: { state: JSON.stringify(SessionStateSchema.parse(state)), locale, version: { increment: 1 }, ...(reference ? { reference } : {}) },
    });
    if (result.count !== 1) throw new AppError('concurrent_update', 'the conversation changed while this turn was running');
    return session.version + 1;
  }

  /** Whether a platform event (retried delivery) was already handled. */
  async isProcessed(eventKey: string): Promise<boolean> {
    return (await this.prisma.processedEvent.findUnique({ where: { id: eventKey } })) !== null;
  }

  /** Marks a platform event handled; a second mark of the same key fails the transaction (P2002). */
  async markProcessed(tx: PrismaTransaction, eventKey: string): Promise<void> {
    await tx.processedEvent.create({ data: { id: eventKey } });
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
  constructor(private readonly prisma: Prisma) {}

  async append(tx: PrismaTransaction | Prisma, sessionId: string, lines: Omit<TranscriptLine, 'createdAt'>[]): Promise<void> {
    const now = Date.now();
    // Distinct timestamps keep the order of lines written in one turn.
    for (const [i, line] of lines.entries()) {
      await tx.conversationMessage.create({ data: { id: newId(), sessionId, author: line.author, text: line.text, sensitive: line.sensitive, createdAt: new Date(now + i) } });
    }
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
