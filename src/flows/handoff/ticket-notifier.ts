import type { Config } from '../../config.ts';
import type { Locale } from '../../core/locale.ts';
import type { ReplyInput } from '../../core/reply.ts';
import type { PrismaTransaction, Store } from '../../store/index.ts';
import { isSensitiveCategory, type Escalation, type Ticket } from '../../store/tickets.ts';
import { categoryLabels, fill, priorityLabels, texts } from './texts.ts';

type Destination = NonNullable<Config['handoff']['oncall']>;

/** What a staff alert is about. */
export type StaffAlert = { kind: 'new' } | { kind: 'crisis' } | { kind: 'member-message'; entryId: string } | { kind: 'escalated'; check: Escalation };

/**
 * Proactive messages about cases, written to the outbox in the transaction of the change:
 * to the member (in the channel and conversation they used) and to the staff destinations.
 * Staff alerts never carry what the member wrote; a psychological or crisis case in the shared
 * staff queue does not even name the member (the on-call contact, who must reach them, does).
 */
export class TicketNotifier {
  constructor(
    private readonly store: Store,
    private readonly config: Config['handoff'],
    private readonly staffLocale: Locale,
  ) {}

  /** Whether anyone is alerted outside the ticket list. */
  get hasOncall(): boolean {
    return !!this.config.oncall;
  }

  async toMember(tx: PrismaTransaction, ticket: Ticket, replies: ReplyInput[], dedupeKey: string): Promise<void> {
    if (!ticket.conversationKey) return;
    await this.store.outbox.enqueue(tx, { channel: ticket.channel, conversationKey: ticket.conversationKey, replies, dedupeKey });
  }

  async toStaff(tx: PrismaTransaction, ticket: Ticket, alert: StaffAlert): Promise<void> {
    const key = `ticket:${ticket.id}:alert:${alert.kind}:${alert.kind === 'member-message' ? alert.entryId : alert.kind === 'escalated' ? alert.check : ticket.version}`;
    const toOncall = alert.kind === 'crisis' || alert.kind === 'escalated';
    const targets: [string, Destination | undefined, boolean][] = [
      ['queue', this.config.staffQueue, isSensitiveCategory(ticket.category)],
      ['oncall', toOncall ? this.config.oncall : undefined, false],
    ];
    for (const [name, destination, hideMember] of targets) {
      if (!destination) continue;
      await this.store.outbox.enqueue(tx, {
        channel: destination.channel,
        conversationKey: destination.conversationKey,
        replies: [this.#card(ticket, alert, hideMember)],
        dedupeKey: `${key}:${name}`,
      });
    }
  }

  #card(ticket: Ticket, alert: StaffAlert, hideMember: boolean): ReplyInput {
    const l = this.staffLocale;
    const title =
      alert.kind === 'crisis'
        ? texts.staffCrisis[l]
        : alert.kind === 'member-message'
          ? texts.staffMemberMessage[l]
          : alert.kind === 'escalated'
            ? fill(texts.staffEscalated[l], { check: (alert.check === 'first-response' ? texts.checkFirstResponse : texts.checkResolution)[l] })
            : texts.staffNew[l];
    const body = [fill(texts.staffHow[l], { id: ticket.id }), isSensitiveCategory(ticket.category) ? texts.staffRestricted[l] : ''].filter(Boolean).join('\n');
    return {
      type: 'card',
      title: fill(title, { id: ticket.id }),
      subtitle: `${categoryLabels[ticket.category][l]} · ${priorityLabels[ticket.priority][l]}`,
      body,
      fields: [
        ...(hideMember ? [] : [{ label: texts.fieldMember[l], value: ticket.memberLabel }]),
        { label: texts.fieldCategory[l], value: categoryLabels[ticket.category][l] },
        { label: texts.fieldPriority[l], value: priorityLabels[ticket.priority][l] },
        { label: texts.fieldDue[l], value: ticket.firstResponseDueAt.toISOString() },
        { label: texts.fieldAssignee[l], value: ticket.assigneeName ?? texts.unassigned[l] },
      ],
    };
  }
}
