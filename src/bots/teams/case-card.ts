import { z } from 'zod';
import { action } from '../../core/flow.ts';
import type { Locale } from '../../core/locale.ts';
import type { ReplyInput } from '../../core/reply.ts';
import { categoryLabels, priorityLabels, statusLabels } from '../../flows/handoff/texts.ts';
import type { TicketDetailView, TicketEntryView, TicketSummaryView } from '../../flows/handoff/ticket-views.ts';
import { literal, paragraphs, type CardElement } from './adaptive-card.ts';
import { fill, teamsTexts } from './teams-texts.ts';

/**
 * Case cards for the staff channel. A case card is an ordinary channel-neutral `card` reply, so
 * it travels through the outbox like any proactive message; its buttons are action values of the
 * Teams staff desk ("teams-staff.<verb>"), which the Teams bot runs itself, with the pressing
 * person's roles checked by the ticket service.
 */
export const STAFF_ACTION_PREFIX = 'teams-staff.';

export const StaffActionSchema = z.object({
  a: z.enum(['teams-staff.claim', 'teams-staff.close', 'teams-staff.show', 'teams-staff.reply']),
  t: z.string().min(1).max(100),
});
export type StaffAction = z.infer<typeof StaffActionSchema>;

const staffLabels = {
  show: { 'zh-CN': '查看对话', en: 'Show conversation' },
  reply: { 'zh-CN': '回复', en: 'Reply' },
  transcript: { 'zh-CN': '转人工前的对话', en: 'Conversation before the handoff' },
  messages: { 'zh-CN': '之后的消息', en: 'Messages since' },
  notes: { 'zh-CN': '内部备注', en: 'Internal notes' },
  removed: { 'zh-CN': '（对话记录已按保留期限删除）', en: '(The conversation was removed under the retention policy)' },
  overdue: { 'zh-CN': '⏰ 已超时', en: '⏰ Overdue' },
} as const;

/** What made a case card appear: the card's headline. */
export type CaseHeadline = 'new' | 'member-message' | 'escalated' | 'reopened' | 'raised' | 'list';

function headlineText(headline: CaseHeadline, locale: Locale): string {
  switch (headline) {
    case 'new':
    case 'raised':
      return teamsTexts.newCase[locale];
    case 'member-message':
      return teamsTexts.memberWrote[locale];
    case 'escalated':
      return teamsTexts.escalated[locale];
    case 'reopened':
    case 'list':
      return teamsTexts.caseTitle[locale];
    default:
      return headline satisfies never;
  }
}

/**
 * A case as the shared staff channel sees it: never content, and for psychological and crisis
 * cases not even who it is about (everyone in the channel reads the card; the ticket service
 * decides who may read more when "Show conversation" is pressed).
 */
export function caseCard(view: TicketSummaryView, headline: CaseHeadline, locale: Locale): ReplyInput {
  const hideMember = view.restricted || view.category === 'psychological' || view.category === 'crisis';
  const assignee = view.assignee ? view.assignee.name : '—';
  const done = view.status === 'closed';
  return {
    type: 'card',
    title: `${headlineText(headline, locale)} · ${teamsTexts.caseTitle[locale]} ${view.id}`,
    subtitle: `${categoryLabels[view.category][locale]} · ${priorityLabels[view.priority][locale]}`,
    body: [view.overdue.length > 0 ? staffLabels.overdue[locale] : '', hideMember ? teamsTexts.sensitiveHidden[locale] : ''].filter(Boolean).join('\n'),
    fields: [
      ...(hideMember ? [] : [{ label: teamsTexts.member[locale], value: view.member }]),
      { label: teamsTexts.status[locale], value: statusLabels[view.status][locale] },
      { label: teamsTexts.assignee[locale], value: assignee },
      { label: teamsTexts.firstResponseDue[locale], value: view.firstRespondedAt ? '✓' : view.firstResponseDueAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' },
    ],
    actions: done
      ? []
      : [
          ...(view.assignee ? [] : [{ label: teamsTexts.claim[locale], value: action('teams-staff.claim', { t: view.id }), style: 'primary' as const }]),
          { label: staffLabels.reply[locale], value: action('teams-staff.reply', { t: view.id }) },
          { label: staffLabels.show[locale], value: action('teams-staff.show', { t: view.id }) },
          { label: teamsTexts.close[locale], value: action('teams-staff.close', { t: view.id }), style: 'danger' as const },
        ],
  };
}

/** A status line under a redrawn case card ("Claimed by 李四"). */
export function caseOutcome(kind: 'claimed' | 'closed' | 'replied', actorName: string, locale: Locale): ReplyInput {
  const text = kind === 'claimed' ? fill(teamsTexts.claimedBy[locale], { name: actorName }) : kind === 'closed' ? fill(teamsTexts.closedBy[locale], { name: actorName }) : teamsTexts.replySent[locale];
  return { type: 'notice', level: 'success', text };
}

function entryLines(title: string, entries: TicketEntryView[]): CardElement[] {
  if (entries.length === 0) return [];
  return [
    { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Small', spacing: 'Medium', separator: true, wrap: true },
    // What members and staff wrote is shown literally, never as Markdown.
    ...entries.slice(-30).map((e) => literal(`${e.name ?? e.author}: ${e.text}`, { size: 'Small' })),
  ];
}

/** The content of a case, for the one staff member who asked and may read it (an invoke response). */
export function caseDetail(detail: TicketDetailView, locale: Locale): CardElement[] {
  if (detail.contentRemoved) return paragraphs(staffLabels.removed[locale], { isSubtle: true });
  return [...entryLines(staffLabels.transcript[locale], detail.transcript), ...entryLines(staffLabels.messages[locale], detail.messages), ...entryLines(staffLabels.notes[locale], detail.notes)];
}
