import { z } from 'zod';
import { ChannelSchema, type Channel } from '../core/inbound.ts';
import type { Locale } from '../core/locale.ts';

export const TICKET_CATEGORIES = ['legal', 'psychological', 'workplace-dispute', 'general', 'crisis'] as const;
export const TicketCategorySchema = z.enum(TICKET_CATEGORIES);
/** What a case is about; psychological and crisis cases are counsellor-only. */
export type TicketCategory = z.infer<typeof TicketCategorySchema>;

export const TICKET_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export const TicketPrioritySchema = z.enum(TICKET_PRIORITIES);
/** How soon a case needs a person; sets its service-level due times. */
export type TicketPriority = z.infer<typeof TicketPrioritySchema>;

export const TICKET_STATUSES = ['open', 'claimed', 'waiting', 'resolved', 'closed'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
/** open → claimed → waiting (for the member) → resolved → closed; a closed case can be reopened. */
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const TicketSourceSchema = z.enum(['member-request', 'offer', 'crisis']);
/** How a case came to be: the member asked, accepted an offer, or crisis detection opened it. */
export type TicketSource = z.infer<typeof TicketSourceSchema>;

export const EscalationSchema = z.enum(['first-response', 'resolution']);
/** A service-level check that ran out. */
export type Escalation = z.infer<typeof EscalationSchema>;

export const TicketEntryKindSchema = z.enum(['transcript', 'member', 'staff', 'note', 'system']);
/** transcript: the conversation before the handoff; member/staff: messages after it; note: staff-only. */
export type TicketEntryKind = z.infer<typeof TicketEntryKindSchema>;

export const TicketAuthorSchema = z.enum(['member', 'assistant', 'staff', 'system']);
/** Who wrote an entry. */
export type TicketAuthor = z.infer<typeof TicketAuthorSchema>;

/** Categories whose content only counsellors and admins may read. */
export const SENSITIVE_CATEGORIES: readonly TicketCategory[] = ['psychological', 'crisis'];

export function isSensitiveCategory(category: TicketCategory): boolean {
  return SENSITIVE_CATEGORIES.includes(category);
}

/** Priority order, for raising only. */
export const PRIORITY_RANK: Record<TicketPriority, number> = { normal: 0, high: 1, urgent: 2 };

/** A case without its content: what any staff member may see. */
export interface Ticket {
  id: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  source: TicketSource;
  memberId: string | null;
  identityId: string | null;
  memberLabel: string;
  channel: Channel;
  conversationKey: string;
  sessionId: string | null;
  locale: Locale;
  assigneeId: string | null;
  assigneeName: string | null;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  escalations: Escalation[];
  rating: number | null;
  ratedAt: Date | null;
  purgedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One line of a case's content. */
export interface TicketEntry {
  id: string;
  ticketId: string;
  kind: TicketEntryKind;
  author: TicketAuthor;
  authorId: string | null;
  authorName: string | null;
  text: string;
  createdAt: Date;
}

/** What a new case is made of. */
export interface NewTicket {
  category: TicketCategory;
  priority: TicketPriority;
  source: TicketSource;
  memberId: string | null;
  identityId: string | null;
  memberLabel: string;
  channel: Channel;
  conversationKey: string;
  sessionId: string | null;
  locale: Locale;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/** A new line for a case. */
export type NewTicketEntry = Pick<TicketEntry, 'kind' | 'author' | 'text'> & { authorId?: string | null; authorName?: string | null; createdAt?: Date };

/** The fields a change may set. */
export type TicketChange = Partial<
  Pick<
    Ticket,
    | 'category'
    | 'priority'
    | 'status'
    | 'assigneeId'
    | 'assigneeName'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'firstRespondedAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'escalations'
    | 'rating'
    | 'ratedAt'
    | 'purgedAt'
    | 'memberId'
    | 'identityId'
    | 'memberLabel'
    | 'conversationKey'
    | 'sessionId'
  >
> & { open?: boolean };

/** A filter for listing cases. */
export interface TicketFilter {
  status?: TicketStatus[];
  category?: TicketCategory[];
  memberId?: string;
  identityId?: string;
  assigneeId?: string;
  limit?: number;
}

/** The key that makes "one open case per conversation" a unique index. */
export function openKeyOf(channel: Channel, conversationKey: string): string {
  return `${channel}:${conversationKey}`;
}

const LocaleSchema = z.enum(['zh-CN', 'en']).catch('zh-CN');
const EscalationsJson = z.array(EscalationSchema).catch([]);

type TicketRow = Omit<Ticket, 'category' | 'priority' | 'status' | 'source' | 'channel' | 'locale' | 'escalations'> & {
  category: string;
  priority: string;
  status: string;
  source: string;
  channel: string;
  locale: string;
  escalations: string;
  openKey: string | null;
};

/** Reads a row back, validating every enumeration (the database holds plain strings). */
export function toTicket(row: TicketRow): Ticket {
  let escalations: unknown = [];
  try {
    escalations = JSON.parse(row.escalations);
  } catch {
    escalations = [];
  }
  const { openKey: _openKey, ...rest } = row;
  return {
    ...rest,
    category: TicketCategorySchema.parse(row.category),
    priority: TicketPrioritySchema.parse(row.priority),
    status: TicketStatusSchema.parse(row.status),
    source: TicketSourceSchema.parse(row.source),
    channel: ChannelSchema.parse(row.channel),
    locale: LocaleSchema.parse(row.locale),
    escalations: EscalationsJson.parse(escalations),
  };
}

type EntryRow = Omit<TicketEntry, 'kind' | 'author'> & { kind: string; author: string };

export function toTicketEntry(row: EntryRow): TicketEntry {
  return { ...row, kind: TicketEntryKindSchema.parse(row.kind), author: TicketAuthorSchema.parse(row.author) };
}
