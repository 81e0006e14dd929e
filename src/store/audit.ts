import type { Prisma, PrismaTransaction } from './database.ts';
import { newId } from './ids.ts';

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
  constructor(private readonly prisma: Prisma) {}

  /** Records an entry; pass the transaction that makes the change so both land or neither does. */
  async record(entry: AuditRecord, tx: PrismaTransaction | Prisma = this.prisma): Promise<void> {
    await tx.auditEntry.create({
      data: { id: newId(), actor: entry.actor, action: entry.action, target: entry.target, details: JSON.stringify(entry.details ?? {}) },
    });
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
