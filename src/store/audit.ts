import { sqltag as sql } from '@prisma/client/runtime/client';
import type { Prisma, PrismaTransaction } from './database.ts';
import type { Db, SqlRunner } from './sql.ts';
import { newTimeOrderedId } from './ids.ts';

/** One audited state change. `details` must never hold secret-ballot content or sensitive text. */
export interface AuditRecord {
  actor: string;
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

export interface AuditEntryView extends Required<AuditRecord> {
  id: string;
  createdAt: Date;
}

/** The audit log: who changed what, and when. */
export class AuditLog {
  constructor(
    private readonly prisma: Prisma,
    private readonly sql: SqlRunner,
  ) {}

  /** Records an entry; pass the transaction that makes the change so both land or neither does. */
  async record(entry: AuditRecord, tx: Db = this.prisma): Promise<void> {
    // Raw on a chat turn's path: every ballot, survey submission and sign-up is audited in its
    // turn's transaction (docs/DATABASE.md, "Raw statements").
    await this.sql.execute(tx, sql`INSERT INTO "AuditEntry" ("id", "actor", "action", "target", "details", "createdAt") VALUES (${newTimeOrderedId()}, ${entry.actor}, ${entry.action}, ${entry.target}, ${JSON.stringify(entry.details ?? {})}, ${new Date()})`);
  }

  async list(filter: { actor?: string; action?: string; target?: string; since?: Date; limit?: number } = {}): Promise<AuditEntryView[]> {
    const rows = await this.prisma.auditEntry.findMany({
      where: {
        actor: filter.actor,
        action: filter.action ? { startsWith: filter.action } : undefined,
        target: filter.target,
        createdAt: filter.since ? { gte: filter.since } : undefined,
      },
      orderBy: { createdAt: 'desc' },
      take: Math.min(filter.limit ?? 200, 1000),
    });
    return rows.map((r) => ({ id: r.id, actor: r.actor, action: r.action, target: r.target, details: JSON.parse(r.details) as Record<string, unknown>, createdAt: r.createdAt }));
  }
}
