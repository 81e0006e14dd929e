import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { PrismaTransaction, Store } from '../../store/index.ts';
import { EscalationSchema, type Escalation, type Ticket, type TicketCategory, type TicketPriority } from '../../store/tickets.ts';

/** The scheduled-job kind of a service-level check. */
export const SLA_JOB = 'handoff.sla';

/** The payload of a service-level check job (read back from the database: validated). */
export const SlaJobSchema = z.object({ ticketId: z.string().min(1).max(40), check: EscalationSchema });

/** The priority a new case of a category gets. */
export function defaultPriority(category: TicketCategory): TicketPriority {
  return category === 'crisis' ? 'urgent' : category === 'psychological' ? 'high' : 'normal';
}

/**
 * Service-level due times and their checks. Each check is a scheduled job keyed by case and
 * check, so moving a due time moves the job, and the check runs once across instances and
 * survives restarts (src/runtime/scheduler.ts).
 */
export class TicketSla {
  constructor(
    private readonly store: Store,
    private readonly config: Config['handoff'],
  ) {}

  firstResponseMinutes(priority: TicketPriority): number {
    return this.config.firstResponseMinutes[priority];
  }

  dueTimes(priority: TicketPriority, from: Date): { firstResponseDueAt: Date; resolutionDueAt: Date } {
    return {
      firstResponseDueAt: new Date(from.getTime() + this.config.firstResponseMinutes[priority] * 60_000),
      resolutionDueAt: new Date(from.getTime() + this.config.resolutionMinutes[priority] * 60_000),
    };
  }

  /** Schedules (or moves) the checks a case still needs. */
  async schedule(tx: PrismaTransaction, ticket: Ticket): Promise<void> {
    if (!ticket.firstRespondedAt) await this.#schedule(tx, ticket.id, 'first-response', ticket.firstResponseDueAt);
    await this.#schedule(tx, ticket.id, 'resolution', ticket.resolutionDueAt);
  }

  async cancel(tx: PrismaTransaction, ticketId: string, checks: Escalation[] = ['first-response', 'resolution']): Promise<void> {
    for (const check of checks) await this.store.jobs.cancel(tx, keyOf(ticketId, check));
  }

  async #schedule(tx: PrismaTransaction, ticketId: string, check: Escalation, runAt: Date): Promise<void> {
    await this.store.jobs.schedule(tx, { kind: SLA_JOB, runAt, payload: { ticketId, check }, dedupeKey: keyOf(ticketId, check) });
  }
}

function keyOf(ticketId: string, check: Escalation): string {
  return `ticket:${ticketId}:sla:${check}`;
}
