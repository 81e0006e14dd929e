import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import type { Locale } from '../../core/locale.ts';
import type { Logger } from '../../core/logger.ts';
import type { PrismaTransaction, Store } from '../../store/index.ts';
import type { Ticket, TicketChange } from '../../store/tickets.ts';
import { TicketEvents, type TicketEvent } from './ticket-events.ts';
import { TicketNotifier } from './ticket-notifier.ts';
import { TicketSla } from './ticket-sla.ts';

/** What the ticket service, the intake and the upkeep jobs share. */
export interface TicketCoreOptions {
  store: Store;
  logger: Logger;
  config: Config['handoff'];
  /** The language of staff alerts. */
  staffLocale: Locale;
}

/** Thrown inside a transaction that lost an optimistic-concurrency race, to roll it back and retry. */
class LostRace extends Error {}

/** The outcome of one change to a case: the case as it is now, and what to announce after commit. */
export interface Changed<T = Ticket> {
  ticket: Ticket;
  events: TicketEvent[];
  result: T;
}

/** Shared dependencies and the one way a case is changed outside a conversation turn. */
export class TicketCore {
  readonly store: Store;
  readonly logger: Logger;
  readonly config: Config['handoff'];
  readonly events: TicketEvents;
  readonly notifier: TicketNotifier;
  readonly sla: TicketSla;

  constructor(options: TicketCoreOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.config = options.config;
    this.events = new TicketEvents(options.logger);
    this.notifier = new TicketNotifier(options.store, options.config, options.staffLocale);
    this.sla = new TicketSla(options.store, options.config);
  }

  /**
   * Applies `change` to the case as read in this transaction, if nobody changed it meanwhile.
   * Outside a turn, a lost race is retried here on the fresh case; inside a turn, the caller
   * throws `concurrent_update` so the assistant runs the whole turn again.
   */
  async update(tx: PrismaTransaction, ticket: Ticket, change: TicketChange): Promise<Ticket> {
    const updated = await this.store.tickets.update(tx, ticket, change);
    if (!updated) throw new LostRace();
    return updated;
  }

  /**
   * Runs `work` on a case in one transaction, re-reading and retrying when it lost a race, and
   * announces the events once it committed.
   */
  async change<T>(ticketId: string, work: (tx: PrismaTransaction, ticket: Ticket) => Promise<Changed<T>>): Promise<Changed<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.store.transaction(async (tx) => {
          const ticket = await this.store.tickets.get(ticketId, tx);
          if (!ticket) throw new AppError('not_found', `no case ${ticketId}`);
          return work(tx, ticket);
        });
        await this.events.emit(outcome.events);
        return outcome;
      } catch (error) {
        if (error instanceof LostRace && attempt < 6) continue;
        if (error instanceof LostRace) throw new AppError('concurrent_update', `case ${ticketId} is changing too often; try again`);
        throw error;
      }
    }
  }

  /** The same inside a conversation turn: a lost race makes the assistant run the turn again. */
  async updateInTurn(tx: PrismaTransaction, ticket: Ticket, change: TicketChange): Promise<Ticket> {
    const updated = await this.store.tickets.update(tx, ticket, change);
    if (!updated) throw new AppError('concurrent_update', 'the case changed while this turn was running');
    return updated;
  }
}
