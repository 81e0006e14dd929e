import type { Channel } from '../../core/inbound.ts';
import type { Locale } from '../../core/locale.ts';
import type { PrismaTransaction } from '../../store/index.ts';
import type { IdentityView, Member } from '../../store/members.ts';
import type { TranscriptLine } from '../../store/sessions.ts';
import { isSensitiveCategory, PRIORITY_RANK, type NewTicketEntry, type Ticket, type TicketCategory, type TicketSource } from '../../store/tickets.ts';
import { canHandle } from './ticket-access.ts';
import type { TicketCore } from './ticket-core.ts';
import { eventOf, type TicketEvent } from './ticket-events.ts';
import { defaultPriority } from './ticket-sla.ts';

/** The member side of a conversation turn: who is asking, and where to answer them. */
export interface Requester {
  identity: IdentityView;
  member?: Member;
  channel: Channel;
  conversationKey: string;
  sessionId: string;
  locale: Locale;
}

/** What opening a case did. */
export interface Opened {
  ticket: Ticket;
  /** A new case (false: the conversation's open case was reused). */
  created: boolean;
  /** An open case was raised to a crisis. */
  raised: boolean;
  events: TicketEvent[];
}

function actorOf(who: Pick<Requester, 'member' | 'identity'>): string {
  return who.member?.id ?? `identity:${who.identity.id}`;
}

/**
 * The member side of cases, run inside a conversation turn's transaction (TurnResult.commit),
 * so that the case and the session state land together. Events are returned for the turn's
 * `after` to announce once the transaction has committed.
 */
export class TicketIntake {
  constructor(private readonly core: TicketCore) {}

  /** Announces events after the turn committed. */
  emit(events: TicketEvent[]): Promise<void> {
    return this.core.events.emit(events);
  }

  /** The conversation's case that is not closed yet. */
  findOpen(channel: Channel, conversationKey: string): Promise<Ticket | undefined> {
    return this.core.store.tickets.findOpen(channel, conversationKey);
  }

  /**
   * The person working on the conversation's open case, read before the turn's transaction
   * (inside it, SQLite's serialised connection would wait for the transaction itself).
   */
  async assigneeOfOpen(channel: Channel, conversationKey: string): Promise<Member | undefined> {
    const open = await this.findOpen(channel, conversationKey);
    return open?.assigneeId ? this.core.store.members.get(open.assigneeId) : undefined;
  }

  /**
   * Opens a case with the conversation so far, or returns the conversation's open one. A crisis
   * raises an open case of another category to an urgent crisis case (never the other way);
   * `assignee` (from `assigneeOfOpen`) decides whether its assignee may keep it.
   */
  async open(
    tx: PrismaTransaction,
    who: Requester,
    request: { category: TicketCategory; source: TicketSource; transcript: TranscriptLine[]; message?: string; assignee?: Member },
  ): Promise<Opened> {
    const { store, sla, notifier } = this.core;
    const now = new Date();
    const message: NewTicketEntry[] = request.message ? [{ kind: 'member', author: 'member', text: request.message }] : [];
    const existing = await store.tickets.findOpen(who.channel, who.conversationKey, tx);
    if (existing) {
      if (request.category !== 'crisis' || existing.category === 'crisis') {
        await store.tickets.append(tx, existing.id, message);
        return { ticket: existing, created: false, raised: false, events: message.length > 0 ? [eventOf('member-message', existing)] : [] };
      }
      return this.#raise(tx, existing, message, now, request.assignee);
    }
    const priority = defaultPriority(request.category);
    const sensitive = isSensitiveCategory(request.category);
    // A legal or general case is read by staff who are not counsellors: lines of the conversation
    // that were psychological stay out of it.
    const kept = request.transcript.filter((line) => sensitive || !line.sensitive);
    const withheld = request.transcript.length - kept.length;
    const ticket = await store.tickets.create(
      tx,
      {
        category: request.category,
        priority,
        source: request.source,
        memberId: who.member?.id ?? null,
        identityId: who.identity.id,
        memberLabel: who.member ? `${who.member.name} (${who.member.employeeNumber})` : (who.identity.displayName ?? who.identity.externalId),
        channel: who.channel,
        conversationKey: who.conversationKey,
        sessionId: who.sessionId,
        locale: who.locale,
        ...sla.dueTimes(priority, now),
      },
      [
        ...kept.map((line): NewTicketEntry => ({ kind: 'transcript', author: line.author, text: line.text, createdAt: line.createdAt })),
        ...(withheld > 0 ? [{ kind: 'transcript' as const, author: 'system' as const, text: `(${withheld} sensitive line(s) of the conversation withheld)` }] : []),
        ...message,
      ],
    );
    await sla.schedule(tx, ticket);
    await notifier.toStaff(tx, ticket, { kind: request.category === 'crisis' ? 'crisis' : 'new' });
    await store.audit.record({ actor: actorOf(who), action: 'tickets.open', target: ticket.id, details: { category: ticket.category, priority, source: request.source, channel: who.channel } }, tx);
    this.core.logger.info({ ticket: ticket.id, category: ticket.category, priority, source: request.source }, 'case opened');
    return { ticket, created: true, raised: false, events: [eventOf('opened', ticket)] };
  }

  async #raise(tx: PrismaTransaction, existing: Ticket, message: NewTicketEntry[], now: Date, assignee: Member | undefined): Promise<Opened> {
    const { store, sla, notifier } = this.core;
    const due = sla.dueTimes('urgent', now);
    // The person working on it may not be allowed to read a crisis case: it goes back to the queue.
    const keepAssignee = !!assignee && assignee.id === existing.assigneeId && canHandle(assignee, 'crisis');
    const ticket = await this.core.updateInTurn(tx, existing, {
      category: 'crisis',
      priority: PRIORITY_RANK[existing.priority] >= PRIORITY_RANK.urgent ? existing.priority : 'urgent',
      firstResponseDueAt: existing.firstRespondedAt || existing.firstResponseDueAt < due.firstResponseDueAt ? existing.firstResponseDueAt : due.firstResponseDueAt,
      resolutionDueAt: existing.resolutionDueAt < due.resolutionDueAt ? existing.resolutionDueAt : due.resolutionDueAt,
      // The crisis service levels start afresh: an earlier escalation must not silence them.
      escalations: [],
      ...(keepAssignee ? {} : { assigneeId: null, assigneeName: null, status: 'open' as const }),
    });
    await store.tickets.append(tx, ticket.id, [{ kind: 'system', author: 'system', text: `raised from ${existing.category} to crisis by crisis detection` }, ...message]);
    await sla.schedule(tx, ticket);
    await notifier.toStaff(tx, ticket, { kind: 'crisis' });
    await store.audit.record({ actor: 'system', action: 'tickets.raise', target: ticket.id, details: { from: existing.category, to: 'crisis', unassigned: !keepAssignee && !!existing.assigneeId } }, tx);
    this.core.logger.warn({ ticket: ticket.id, from: existing.category }, 'case raised to crisis');
    return { ticket, created: false, raised: true, events: [eventOf('raised', ticket)] };
  }

  /** A member's message to staff; a case that waited for them, or was resolved, is worked on again. */
  async memberMessage(tx: PrismaTransaction, ticket: Ticket, text: string): Promise<TicketEvent[]> {
    const back = ticket.status === 'waiting' || ticket.status === 'resolved';
    // Always a versioned write: a message racing a staff member's close is not lost in a closed case.
    const updated = await this.core.updateInTurn(tx, ticket, back ? { status: ticket.assigneeId ? 'claimed' : 'open', resolvedAt: null } : {});
    if (ticket.status === 'resolved') await this.core.sla.schedule(tx, updated);
    const [entry] = await this.core.store.tickets.append(tx, ticket.id, [{ kind: 'member', author: 'member', text }]);
    await this.core.notifier.toStaff(tx, updated, { kind: 'member-message', entryId: entry!.id });
    return [eventOf('member-message', updated)];
  }

  /** The member ends the conversation ("结束", "done"). */
  async memberClose(tx: PrismaTransaction, ticket: Ticket, who: Pick<Requester, 'member' | 'identity'>): Promise<TicketEvent[]> {
    const updated = await this.core.updateInTurn(tx, ticket, { status: 'closed', closedAt: new Date(), open: false });
    await this.core.sla.cancel(tx, ticket.id);
    await this.core.store.tickets.append(tx, ticket.id, [{ kind: 'system', author: 'system', text: 'closed by the member' }]);
    await this.core.store.audit.record({ actor: actorOf(who), action: 'tickets.close', target: ticket.id, details: { category: ticket.category, by: 'member' } }, tx);
    return [eventOf('closed', updated)];
  }

  /** Stores the member's 1–5 rating of a closed case; false when it cannot be rated (again). */
  async rate(tx: PrismaTransaction, ticket: Ticket, rating: number, who: Pick<Requester, 'member' | 'identity'>): Promise<TicketEvent[] | undefined> {
    if (ticket.status !== 'closed' || ticket.rating !== null) return undefined;
    const updated = await this.core.updateInTurn(tx, ticket, { rating, ratedAt: new Date() });
    await this.core.store.audit.record({ actor: actorOf(who), action: 'tickets.rate', target: ticket.id, details: { rating } }, tx);
    return [eventOf('rated', updated)];
  }
}
