import { z } from 'zod';
import type { Channel } from '../core/inbound.ts';
import { ReplySchema, type Reply, type ReplyInput } from '../core/reply.ts';
import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Prisma } from './database.ts';
import { newId } from './ids.ts';
import type { Db, SqlRunner } from './sql.ts';

/** A message waiting for (or past) delivery. */
export interface OutboundMessage {
  id: string;
  channel: Channel;
  conversationKey: string;
  replies: Reply[];
  attempts: number;
  createdAt: Date;
}

const RepliesJson = z.array(ReplySchema);

/**
 * What a delivered message — or one given up — keeps of its replies: nothing. Nothing reads a
 * given-up message's content again (its error stays in `lastError`). The row names the conversation, so
 * content kept after delivery would be a copy of staff replies, and of a secret ballot's receipt
 * code (a rate-limited Slack turn), linkable to Ballot.receiptHash (tests/security/slack-receipt.int.test.ts).
 */
const DELIVERED = '[]';

type Row = { id: string; channel: string; conversationKey: string; replies: string; attempts: number; createdAt: Date };
function toMessage(row: Row): OutboundMessage {
  return { id: row.id, channel: row.channel as Channel, conversationKey: row.conversationKey, replies: RepliesJson.parse(JSON.parse(row.replies)), attempts: row.attempts, createdAt: row.createdAt };
}

/**
 * The outbox: messages sent outside a turn, written in the transaction of the change that causes
 * them and delivered afterwards. Claiming is a conditional update, so among several instances
 * exactly one delivers a given message; a delivery that crashed is retried when its lease ends.
 */
export class OutboxRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
  ) {}

  /**
   * Queues replies for a conversation. With a `dedupeKey`, a second enqueue of the same key is
   * ignored (returns false), so retried operations never send twice.
   *
   * One `INSERT … ON CONFLICT DO NOTHING`, on SQLite and PostgreSQL alike, and in any transaction
   * (`SqlTx`, so a chat turn's raw transaction can queue too). Why not look the key up, insert and
   * catch the unique violation of a concurrent enqueue, as this did until 2026-11-28: on
   * PostgreSQL a failed statement aborts the caller's transaction, so the caught violation made
   * the rest of that transaction fail; and it was two statements instead of one.
   */
  async enqueue(
    db: Db,
    message: { channel: Channel; conversationKey: string; replies: ReplyInput[]; dedupeKey?: string; notBefore?: Date },
  ): Promise<boolean> {
    const replies = JSON.stringify(message.replies.map((r) => ReplySchema.parse(r)));
    const now = new Date();
    const inserted = await this.sql.execute(
      db,
      sql`INSERT INTO "OutboundMessage" ("id", "channel", "conversationKey", "replies", "status", "attempts", "nextAttemptAt", "dedupeKey", "createdAt")
          VALUES (${newId()}, ${message.channel}, ${message.conversationKey}, ${replies}, 'pending', 0, ${message.notBefore ?? now}, ${message.dedupeKey ?? null}, ${now})
          ON CONFLICT ("dedupeKey") DO NOTHING`,
    );
    return inserted === 1;
  }

  /**
   * Claims the next due message of a push channel, with a lease that starts now. Delivery workers
   * claim one message at a time, just before delivering it: a batch claimed at once would start
   * every lease at the claim, and the last messages of a slow batch (a slow Slack) would run out
   * of lease before they were even tried, so that another instance posts them too
   * (tests/scale/claim-batches.int.test.ts). Undefined when nothing is due (or others won it all).
   */
  async claimNext(channel: Channel, leaseMs = 60_000): Promise<OutboundMessage | undefined> {
    const now = new Date();
    const due = await this.prisma.outboundMessage.findMany({
      where: {
        channel,
        OR: [
          { status: 'pending', nextAttemptAt: { lte: now } },
          { status: 'delivering', lockedUntil: { lt: now } },
        ],
      },
      orderBy: { createdAt: 'asc' },
      take: 10,
    });
    for (const row of due) {
      const result = await this.prisma.outboundMessage.updateMany({
        where: { id: row.id, status: row.status, attempts: row.attempts },
        data: { status: 'delivering', lockedUntil: new Date(Date.now() + leaseMs), attempts: { increment: 1 } },
      });
      if (result.count === 1) return toMessage({ ...row, attempts: row.attempts + 1 });
    }
    return undefined;
  }

  /**
   * For pull channels (CLI, web chat): takes every pending message of a conversation, oldest
   * first, marking each delivered as it is claimed, so that two readers never both get one.
   */
  async take(channel: Channel, conversationKey: string): Promise<OutboundMessage[]> {
    const rows = await this.prisma.outboundMessage.findMany({
      where: { channel, conversationKey, status: 'pending', nextAttemptAt: { lte: new Date() } },
      orderBy: { createdAt: 'asc' },
    });
    const taken: OutboundMessage[] = [];
    for (const row of rows) {
      const result = await this.prisma.outboundMessage.updateMany({
        where: { id: row.id, status: 'pending' },
        data: { status: 'delivered', deliveredAt: new Date(), attempts: { increment: 1 }, replies: DELIVERED },
      });
      if (result.count === 1) taken.push(toMessage(row));
    }
    return taken;
  }

  /**
   * Records a delivery. With the claim (`attempts` as claimed), only if that claim is still the
   * message's: an instance whose lease ran out mid-delivery must not undo what the instance that
   * took over recorded (a late failure would otherwise send a delivered message again).
   */
  async markDelivered(id: string, claim?: { attempts: number }): Promise<void> {
    await this.prisma.outboundMessage.updateMany({
      where: { id, ...(claim ? { status: 'delivering', attempts: claim.attempts } : {}) },
      data: { status: 'delivered', deliveredAt: new Date(), lockedUntil: null, replies: DELIVERED },
    });
  }

  /** Records a failed attempt: retried at `retryAt`, or given up (`failed`) when it is undefined. Conditional on the claim, like `markDelivered`. */
  async markFailed(id: string, error: string, retryAt?: Date, claim?: { attempts: number }): Promise<void> {
    await this.prisma.outboundMessage.updateMany({
      where: { id, ...(claim ? { status: 'delivering', attempts: claim.attempts } : {}) },
      data: retryAt ? { status: 'pending', nextAttemptAt: retryAt, lockedUntil: null, lastError: error.slice(0, 500) } : { status: 'failed', lockedUntil: null, lastError: error.slice(0, 500), replies: DELIVERED },
    });
  }

  async counts(): Promise<Record<string, number>> {
    const groups = await this.prisma.outboundMessage.groupBy({ by: ['status'], _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  }
}
