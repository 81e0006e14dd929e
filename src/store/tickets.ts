import type { Channel } from '../core/inbound.ts';
import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Prisma, PrismaTransaction } from './database.ts';
import type { SqlRunner } from './sql.ts';
import { newId, shortCode } from './ids.ts';
import {
  openKeyOf,
  SENSITIVE_CATEGORIES,
  toTicket,
  toTicketEntry,
  type NewTicket,
  type NewTicketEntry,
  type Ticket,
  type TicketChange,
  type TicketEntry,
  type TicketFilter,
} from './ticket-types.ts';

export * from './ticket-types.ts';

type Db = PrismaTransaction | Prisma;

/**
 * Cases (tickets) and their content. Access control is not here but in the ticket service
 * (src/flows/handoff/ticket-service.ts): this repository returns everything it is asked for.
 */
export class TicketRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
  ) {}

  /**
   * Creates an open case with its first entries (the transcript up to the handoff). The
   * conversation's open key is unique, so a second open case for one conversation fails (P2002).
   */
  async create(tx: Db, input: NewTicket, entries: NewTicketEntry[] = []): Promise<Ticket> {
    const row = await tx.ticket.create({
      data: {
        id: shortCode(8),
        ...input,
        status: 'open',
        openKey: openKeyOf(input.channel, input.conversationKey),
      },
    });
    await this.append(tx, row.id, entries);
    return toTicket(row);
  }

  async get(id: string, db: Db = this.prisma): Promise<Ticket | undefined> {
    const row = await db.ticket.findUnique({ where: { id: id.toUpperCase() } });
    return row ? toTicket(row) : undefined;
  }

  /** The case that is not closed yet in a conversation, if any. */
  async findOpen(channel: Channel, conversationKey: string, db: Db = this.prisma): Promise<Ticket | undefined> {
    // Raw: asked on every message that reaches the intents (docs/DATABASE.md, "Raw statements").
    const [row] = await this.sql.query<Parameters<typeof toTicket>[0]>(db, sql`SELECT * FROM "Ticket" WHERE "openKey" = ${openKeyOf(channel, conversationKey)}`);
    return row ? toTicket(row) : undefined;
  }

  /** Cases, most urgent and oldest first. */
  async list(filter: TicketFilter = {}): Promise<Ticket[]> {
    const rows = await this.prisma.ticket.findMany({
      where: {
        status: filter.status ? { in: [...filter.status] } : undefined,
        category: filter.category ? { in: [...filter.category] } : undefined,
        memberId: filter.memberId,
        identityId: filter.identityId,
        assigneeId: filter.assigneeId,
      },
      orderBy: { createdAt: 'asc' },
      take: Math.min(filter.limit ?? 500, 5000),
    });
    const rank = { urgent: 0, high: 1, normal: 2 } as const;
    return rows.map(toTicket).sort((a, b) => rank[a.priority] - rank[b.priority] || a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** The content of a case, oldest first. */
  async entries(ticketId: string, db: Db = this.prisma): Promise<TicketEntry[]> {
    const rows = await db.ticketEntry.findMany({ where: { ticketId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toTicketEntry);
  }

  async append(tx: Db, ticketId: string, entries: NewTicketEntry[]): Promise<TicketEntry[]> {
    const now = Date.now();
    const out: TicketEntry[] = [];
    // Distinct timestamps keep the order of entries written together.
    for (const [i, entry] of entries.entries()) {
      const row = await tx.ticketEntry.create({
        data: {
          id: newId(),
          ticketId,
          kind: entry.kind,
          author: entry.author,
          authorId: entry.authorId ?? null,
          authorName: entry.authorName ?? null,
          text: entry.text,
          createdAt: entry.createdAt ?? new Date(now + i),
        },
      });
      out.push(toTicketEntry(row));
    }
    return out;
  }

  /**
   * Applies a change if nobody changed the case since `version` was read; returns the new case,
   * or undefined when it lost the race (the caller re-reads and decides again).
   */
  async update(tx: Db, ticket: Pick<Ticket, 'id' | 'version' | 'channel' | 'conversationKey'>, change: TicketChange): Promise<Ticket | undefined> {
    const { open, escalations, ...fields } = change;
    const data: Record<string, unknown> = { ...fields, version: { increment: 1 } };
    if (escalations) data.escalations = JSON.stringify(escalations);
    if (open !== undefined) data.openKey = open ? openKeyOf(ticket.channel, change.conversationKey ?? ticket.conversationKey) : null;
    const result = await tx.ticket.updateMany({ where: { id: ticket.id, version: ticket.version }, data });
    if (result.count !== 1) return undefined;
    return this.get(ticket.id, tx);
  }

  /** Closed sensitive cases whose content is still kept and that closed before `before`. */
  async purgeable(before: Date): Promise<Ticket[]> {
    const rows = await this.prisma.ticket.findMany({
      where: { status: 'closed', category: { in: [...SENSITIVE_CATEGORIES] }, closedAt: { lt: before }, purgedAt: null },
      take: 1000,
    });
    return rows.map(toTicket);
  }

  /** Removes every entry of a case; the case itself stays as a content-free record. */
  async removeEntries(tx: Db, ticketId: string): Promise<number> {
    const result = await tx.ticketEntry.deleteMany({ where: { ticketId } });
    return result.count;
  }

  /** Counts entries per kind (for lists that must not show content). */
  async entryCounts(ticketId: string): Promise<Record<string, number>> {
    const groups = await this.prisma.ticketEntry.groupBy({ by: ['kind'], where: { ticketId }, _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.kind, g._count._all]));
  }
}
