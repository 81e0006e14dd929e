import type { Logger } from '../../core/logger.ts';
import type { Escalation, Ticket, TicketCategory, TicketPriority, TicketStatus } from '../../store/tickets.ts';

/** Something that happened to a case; channels render case cards for staff from these. */
export interface TicketEvent {
  type: 'opened' | 'raised' | 'member-message' | 'staff-reply' | 'note' | 'claimed' | 'reassigned' | 'status' | 'closed' | 'reopened' | 'rated' | 'escalated' | 'erased';
  ticketId: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  /** Psychological or crisis: render without content for anyone but counsellors and admins. */
  sensitive: boolean;
  /** The staff member who acted, when one did. */
  actorId?: string;
  /** For `escalated`: which service level ran out. */
  escalation?: Escalation;
  at: Date;
}

/** Called after the change has committed; errors are logged, never passed back to the actor. */
export type TicketEventListener = (event: TicketEvent) => void | Promise<void>;

export function eventOf(type: TicketEvent['type'], ticket: Ticket, extra: Partial<Pick<TicketEvent, 'actorId' | 'escalation'>> = {}): TicketEvent {
  return {
    type,
    ticketId: ticket.id,
    category: ticket.category,
    priority: ticket.priority,
    status: ticket.status,
    sensitive: ticket.category === 'psychological' || ticket.category === 'crisis',
    ...extra,
    at: new Date(),
  };
}

/** A tiny after-commit event hub. */
export class TicketEvents {
  readonly #listeners = new Set<TicketEventListener>();
  constructor(private readonly logger: Logger) {}

  on(listener: TicketEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async emit(events: TicketEvent[]): Promise<void> {
    for (const event of events) {
      for (const listener of this.#listeners) {
        try {
          await listener(event);
        } catch (error) {
          this.logger.error({ err: error, ticket: event.ticketId, event: event.type }, 'ticket event listener failed');
        }
      }
    }
  }
}
