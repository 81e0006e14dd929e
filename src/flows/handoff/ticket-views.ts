import type { Channel } from '../../core/inbound.ts';
import type { Escalation, Ticket, TicketCategory, TicketEntry, TicketPriority, TicketSource, TicketStatus } from '../../store/tickets.ts';

/**
 * A case as staff lists show it: who, what, how urgent, where it stands, and its service-level
 * times. Never content. `restricted` cases (psychological or crisis, seen by someone who is not a
 * counsellor or admin) also hide who the member is.
 */
export interface TicketSummaryView {
  id: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  source: TicketSource;
  /** The member's name (and employee number), or the chat display name of an unlinked identity. */
  member: string;
  memberId: string | null;
  channel: Channel;
  assignee: { id: string; name: string } | null;
  createdAt: Date;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  /** Service levels that have run out now. */
  overdue: Escalation[];
  /** Service levels that ran out and were escalated. */
  escalations: Escalation[];
  rating: number | null;
  /** The transcript and messages were removed (retention or the member's request). */
  contentRemoved: boolean;
  /** The viewer may see that the case exists but not its content or who it is about. */
  restricted: boolean;
}

/** One line of a case's content. */
export interface TicketEntryView {
  at: Date;
  author: TicketEntry['author'];
  name: string | null;
  text: string;
}

/** A case with its content, for those allowed to read it. */
export interface TicketDetailView extends TicketSummaryView {
  /** The conversation with the assistant up to the handoff. */
  transcript: TicketEntryView[];
  /** Everything after: the member's messages, staff replies, system lines. */
  messages: TicketEntryView[];
  /** Internal notes, never shown to the member. */
  notes: TicketEntryView[];
}

/** The service levels a case has missed at `now`. */
export function overdueChecks(ticket: Ticket, now: Date): Escalation[] {
  if (ticket.status === 'resolved' || ticket.status === 'closed') return [];
  const out: Escalation[] = [];
  if (!ticket.firstRespondedAt && ticket.firstResponseDueAt <= now) out.push('first-response');
  if (ticket.resolutionDueAt <= now) out.push('resolution');
  return out;
}

export function summaryOf(ticket: Ticket, options: { restricted: boolean; now: Date }): TicketSummaryView {
  return {
    id: ticket.id,
    category: ticket.category,
    priority: ticket.priority,
    status: ticket.status,
    source: ticket.source,
    member: options.restricted ? '(restricted)' : ticket.memberLabel,
    memberId: options.restricted ? null : ticket.memberId,
    channel: ticket.channel,
    assignee: ticket.assigneeId ? { id: ticket.assigneeId, name: ticket.assigneeName ?? '' } : null,
    createdAt: ticket.createdAt,
    firstResponseDueAt: ticket.firstResponseDueAt,
    resolutionDueAt: ticket.resolutionDueAt,
    firstRespondedAt: ticket.firstRespondedAt,
    resolvedAt: ticket.resolvedAt,
    closedAt: ticket.closedAt,
    overdue: overdueChecks(ticket, options.now),
    escalations: ticket.escalations,
    rating: ticket.rating,
    contentRemoved: ticket.purgedAt !== null,
    restricted: options.restricted,
  };
}

export function detailOf(ticket: Ticket, entries: TicketEntry[], now: Date): TicketDetailView {
  const view = (e: TicketEntry): TicketEntryView => ({ at: e.createdAt, author: e.author, name: e.authorName, text: e.text });
  return {
    ...summaryOf(ticket, { restricted: false, now }),
    transcript: entries.filter((e) => e.kind === 'transcript').map(view),
    messages: entries.filter((e) => e.kind === 'member' || e.kind === 'staff' || e.kind === 'system').map(view),
    notes: entries.filter((e) => e.kind === 'note').map(view),
  };
}
