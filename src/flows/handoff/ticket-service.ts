import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { PrismaTransaction } from '../../store/index.ts';
import type { Member } from '../../store/members.ts';
import { isSensitiveCategory, type Escalation, type Ticket, type TicketChange, type TicketFilter } from '../../store/tickets.ts';
import { canHandle, requireCaseWorker, requireHandler } from './ticket-access.ts';
import type { TicketCore } from './ticket-core.ts';
import { eventOf, type TicketEvent, type TicketEventListener } from './ticket-events.ts';
import type { TicketUpkeep } from './ticket-upkeep.ts';
import { detailOf, summaryOf, type TicketDetailView, type TicketSummaryView } from './ticket-views.ts';
import { fill, texts } from './texts.ts';
import { isUniqueViolation } from '../../store/index.ts';

const MessageText = z.string().trim().min(1, 'the message is empty').max(4000, 'the message is longer than 4000 characters');

/** What one staff operation decides, given the case as it is now. */
interface Plan {
  change?: TicketChange;
  events: TicketEvent['type'][];
  /** Audit details: never message text. */
  details?: Record<string, unknown>;
  /** More writes once the change is in (entries, outbox, jobs), in the same transaction. */
  write?: (tx: PrismaTransaction, updated: Ticket) => Promise<void>;
}

/**
 * The staff side of cases, channel-neutral: the CLI uses it now, Slack, Teams and the web
 * console later. Every operation takes the acting member and checks roles here, on the server
 * (see ticket-access.ts), is audited in the transaction of the change, and announces a
 * `TicketEvent` after commit (`onTicketEvent`).
 */
export class TicketService {
  constructor(
    private readonly core: TicketCore,
    private readonly upkeep: TicketUpkeep,
  ) {}

  /** Subscribes to case events (after commit); returns the unsubscribe function. */
  onTicketEvent(listener: TicketEventListener): () => void {
    return this.core.events.on(listener);
  }

  /**
   * Cases, most urgent first. With an actor (staff, counsellor or admin): cases they cannot
   * handle appear as `restricted` (no member, no content). Without an actor: the operator view
   * for the person at the server's console, who can read the database anyway: every case with
   * its member, never content.
   */
  async list(actor: Member | undefined, filter: TicketFilter = {}, now = new Date()): Promise<TicketSummaryView[]> {
    if (actor) requireCaseWorker(actor);
    const tickets = await this.core.store.tickets.list(filter);
    return tickets.map((t) => summaryOf(t, { restricted: !!actor && !canHandle(actor, t.category), now }));
  }

  /** One case: with its content for those who may handle it, otherwise only that it exists. */
  async show(actor: Member, id: string, now = new Date()): Promise<TicketDetailView | TicketSummaryView> {
    requireCaseWorker(actor);
    const ticket = await this.#get(id);
    if (!canHandle(actor, ticket.category)) {
      await this.core.store.audit.record({ actor: actor.id, action: 'tickets.view-denied', target: ticket.id, details: { category: ticket.category } });
      return summaryOf(ticket, { restricted: true, now });
    }
    const entries = await this.core.store.tickets.entries(ticket.id);
    // Reading a case is an access to personal data: audited like any other staff action.
    await this.core.store.audit.record({ actor: actor.id, action: 'tickets.view', target: ticket.id, details: { category: ticket.category } });
    return detailOf(ticket, entries, now);
  }

  /** Takes an unassigned case. Two staff claiming at once: exactly one wins, the other gets `conflict`. */
  async claim(actor: Member, id: string): Promise<TicketSummaryView> {
    return this.#act(actor, id, 'claim', async (_tx, t) => {
      if (t.status === 'closed') throw new AppError('closed', `case ${t.id} is closed; reopen it first`);
      if (t.assigneeId === actor.id) return { events: [] };
      if (t.assigneeId) throw new AppError('conflict', `case ${t.id} is already claimed by ${t.assigneeName ?? t.assigneeId}`);
      return { change: { assigneeId: actor.id, assigneeName: actor.name, status: t.status === 'open' ? 'claimed' : t.status }, events: ['claimed'] };
    });
  }

  /** Sends a message to the member, in the channel they used, marked as from this person. */
  async reply(actor: Member, id: string, text: string): Promise<TicketSummaryView> {
    const body = MessageText.parse(text);
    return this.#act(actor, id, 'reply', async (tx, t) => {
      if (t.status === 'closed') throw new AppError('closed', `case ${t.id} is closed; reopen it first`);
      const claim = !t.assigneeId;
      const first = !t.firstRespondedAt;
      if (first) await this.core.sla.cancel(tx, t.id, ['first-response']);
      return {
        change: {
          ...(claim ? { assigneeId: actor.id, assigneeName: actor.name } : {}),
          ...(first ? { firstRespondedAt: new Date() } : {}),
          ...(t.status === 'open' ? { status: 'claimed' as const } : {}),
        },
        events: claim ? ['claimed', 'staff-reply'] : ['staff-reply'],
        details: { firstResponse: first },
        write: async (tx2, updated) => {
          const [entry] = await this.core.store.tickets.append(tx2, t.id, [{ kind: 'staff', author: 'staff', authorId: actor.id, authorName: actor.name, text: body }]);
          await this.core.notifier.toMember(tx2, updated, [{ type: 'staff-message', from: actor.name, text: body, ticketId: t.id }], `ticket:${t.id}:entry:${entry!.id}`);
        },
      };
    });
  }

  /** An internal note: staff-only, never sent to the member. */
  async note(actor: Member, id: string, text: string): Promise<TicketSummaryView> {
    const body = MessageText.parse(text);
    return this.#act(actor, id, 'note', async () => ({
      events: ['note'],
      write: async (tx, updated) => {
        await this.core.store.tickets.append(tx, updated.id, [{ kind: 'note', author: 'staff', authorId: actor.id, authorName: actor.name, text: body }]);
      },
    }));
  }

  /** Moves an open case between being worked on, waiting for the member, and resolved. */
  async setStatus(actor: Member, id: string, status: 'claimed' | 'waiting' | 'resolved'): Promise<TicketSummaryView> {
    return this.#act(actor, id, 'status', async (tx, t) => {
      if (t.status === 'closed') throw new AppError('closed', `case ${t.id} is closed; reopen it first`);
      if (status === 'resolved') await this.core.sla.cancel(tx, t.id);
      return {
        change: {
          status,
          resolvedAt: status === 'resolved' ? new Date() : null,
          ...(t.assigneeId ? {} : { assigneeId: actor.id, assigneeName: actor.name }),
        },
        events: ['status'],
        details: { from: t.status, to: status },
        write: async (tx2, updated) => {
          if (t.status === 'resolved' && status !== 'resolved') await this.core.sla.schedule(tx2, updated);
          if (status === 'claimed') return;
          const text = (status === 'resolved' ? texts.resolved : texts.waiting)[updated.locale];
          await this.core.notifier.toMember(tx2, updated, [{ type: 'notice', level: 'info', text: fill(text, { id: t.id, name: actor.name }) }], `ticket:${t.id}:status:${updated.version}`);
        },
      };
    });
  }

  /** Hands a case to another staff member, who must be allowed to handle its category. */
  async reassign(actor: Member, id: string, to: Member): Promise<TicketSummaryView> {
    return this.#act(actor, id, 'reassign', async (_tx, t) => {
      if (t.status === 'closed') throw new AppError('closed', `case ${t.id} is closed; reopen it first`);
      if (!canHandle(to, t.category)) throw new AppError('forbidden', `${to.name} (${to.employeeNumber}) cannot handle ${t.category} cases`);
      return {
        change: { assigneeId: to.id, assigneeName: to.name, status: t.status === 'open' ? 'claimed' : t.status },
        events: ['reassigned'],
        details: { from: t.assigneeId, to: to.id },
        write: async (tx, updated) => {
          const text = fill(texts.reassigned[updated.locale], { id: t.id, name: to.name });
          await this.core.notifier.toMember(tx, updated, [{ type: 'notice', level: 'info', text }], `ticket:${t.id}:reassigned:${updated.version}`);
        },
      };
    });
  }

  /** Closes a case and asks the member for a rating. */
  async close(actor: Member, id: string): Promise<TicketSummaryView> {
    return this.#act(actor, id, 'close', async (tx, t) => {
      if (t.status === 'closed') return { events: [] };
      await this.core.sla.cancel(tx, t.id);
      return {
        change: { status: 'closed', closedAt: new Date(), open: false },
        events: ['closed'],
        details: { from: t.status },
        write: async (tx2, updated) => {
          const l = updated.locale;
          await this.core.notifier.toMember(
            tx2,
            updated,
            [{ type: 'notice', level: 'info', text: fill(texts.closedByStaff[l], { id: t.id, name: actor.name }) }, ratingChoices(t.id, l)],
            `ticket:${t.id}:closed:${updated.version}`,
          );
        },
      };
    });
  }

  /** Reopens a closed case (not one whose content was erased); the member is told. */
  async reopen(actor: Member, id: string): Promise<TicketSummaryView> {
    try {
      return await this.#act(actor, id, 'reopen', async (_tx, t) => {
        if (t.status !== 'closed') throw new AppError('conflict', `case ${t.id} is not closed`);
        if (t.purgedAt) throw new AppError('conflict', `case ${t.id} was erased and cannot be reopened`);
        const due = this.core.sla.dueTimes(t.priority, new Date());
        return {
          change: {
            status: t.assigneeId ? 'claimed' : 'open',
            closedAt: null,
            resolvedAt: null,
            rating: null,
            ratedAt: null,
            resolutionDueAt: due.resolutionDueAt,
            // The new resolution deadline can be escalated again.
            escalations: t.escalations.filter((e) => e !== 'resolution'),
            open: true,
          },
          events: ['reopened'],
          write: async (tx, updated) => {
            await this.core.sla.schedule(tx, updated);
            await this.core.notifier.toMember(tx, updated, [{ type: 'notice', level: 'info', text: fill(texts.reopened[updated.locale], { id: t.id }) }], `ticket:${t.id}:reopened:${updated.version}`);
          },
        };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', `the member already has another open case in that conversation`);
      throw error;
    }
  }

  /** Erases the content of a member's closed cases: by the member themself or an admin. */
  async eraseForMember(actor: Member, subject: Member): Promise<{ erased: number }> {
    if (actor.id !== subject.id && !actor.roles.includes('admin')) throw new AppError('forbidden', "only the member themself or an admin can erase a member's cases");
    return this.upkeep.eraseFor(actor.id, { memberId: subject.id });
  }

  /** The same for a chat identity that is not on the roster (it can only erase its own cases). */
  eraseForIdentity(identityId: string): Promise<{ erased: number }> {
    return this.upkeep.eraseFor(`identity:${identityId}`, { identityId });
  }

  /** Removes transcripts of closed psychological and crisis cases past the retention period. */
  purgeExpired(now = new Date(), actor = 'system'): Promise<{ purged: number }> {
    return this.upkeep.purgeExpired(now, actor);
  }

  /** Runs one service-level check (the scheduler calls this). */
  escalate(ticketId: string, check: Escalation): Promise<boolean> {
    return this.upkeep.escalate(ticketId, check);
  }

  async #get(id: string): Promise<Ticket> {
    const ticket = await this.core.store.tickets.get(id);
    if (!ticket) throw new AppError('not_found', `no case ${id}`);
    return ticket;
  }

  async #act(actor: Member, id: string, action: string, plan: (tx: PrismaTransaction, ticket: Ticket) => Promise<Plan>): Promise<TicketSummaryView> {
    requireCaseWorker(actor);
    const { ticket } = await this.core.change(id, async (tx, current) => {
      requireHandler(actor, current.category);
      const p = await plan(tx, current);
      const updated = p.change || p.write ? await this.core.update(tx, current, p.change ?? {}) : current;
      await p.write?.(tx, updated);
      await this.core.store.audit.record({ actor: actor.id, action: `tickets.${action}`, target: current.id, details: { category: current.category, ...p.details } }, tx);
      return { ticket: updated, events: p.events.map((type) => eventOf(type, updated, { actorId: actor.id })), result: undefined };
    });
    this.core.logger.info({ ticket: ticket.id, action, actor: actor.id, sensitive: isSensitiveCategory(ticket.category) }, 'case updated by staff');
    return summaryOf(ticket, { restricted: false, now: new Date() });
  }
}

/** The 1–5 rating buttons shown when a case closes. */
export function ratingChoices(ticketId: string, locale: 'zh-CN' | 'en') {
  return {
    type: 'choices' as const,
    id: 'handoff.rate',
    prompt: texts.ratePrompt[locale],
    choices: [1, 2, 3, 4, 5].map((v) => ({ label: `${v} ★`, value: JSON.stringify({ a: 'handoff.rate', t: ticketId, v }) })),
  };
}
