import type { types as Slack } from '@slack/bolt';
import { action } from '../../core/flow.ts';
import type { Bilingual, Locale } from '../../core/locale.ts';
import { categoryLabels, priorityLabels, statusLabels } from '../../flows/handoff/texts.ts';
import { overdueChecks } from '../../flows/handoff/ticket-views.ts';
import { isSensitiveCategory, type Ticket, type TicketEntry } from '../../store/tickets.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';
import { fill } from './slack-messages.ts';

type Block = Slack.KnownBlock;

/** Staff-facing texts of case cards and the case thread. */
export const caseText = {
  title: { 'zh-CN': '{icon} 个案 {id} · {category}', en: '{icon} Case {id} · {category}' },
  member: { 'zh-CN': '成员', en: 'Member' },
  priority: { 'zh-CN': '优先级', en: 'Priority' },
  status: { 'zh-CN': '状态', en: 'Status' },
  assignee: { 'zh-CN': '负责人', en: 'Assignee' },
  due: { 'zh-CN': '首次回复期限', en: 'First response due' },
  unassigned: { 'zh-CN': '未分配', en: 'unassigned' },
  summary: { 'zh-CN': '*摘要*（成员最近说的话）', en: '*Summary* (what the member said last)' },
  noSummary: { 'zh-CN': '（没有对话记录）', en: '(no conversation before the handoff)' },
  restricted: {
    'zh-CN': '🔒 这是一个{category}个案。内容仅心理咨询师和管理员可见，也只有他们可以认领。',
    en: '🔒 This is a {category} case. Its content is visible to counsellors and admins only, and only they may claim it.',
  },
  overdue: { 'zh-CN': '⏰ 已超时：{checks}', en: '⏰ Overdue: {checks}' },
  firstResponse: { 'zh-CN': '首次回复', en: 'first response' },
  resolution: { 'zh-CN': '解决', en: 'resolution' },
  howTo: {
    'zh-CN': '在此消息的讨论串中回复即发送给成员；以“备注：”开头的是内部备注，不会发给成员。',
    en: 'Reply in this thread to write to the member; start with "note:" for an internal note the member never sees.',
  },
  claim: { 'zh-CN': '认领', en: 'Claim' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  reassign: { 'zh-CN': '转交…', en: 'Reassign…' },
  reopen: { 'zh-CN': '重新打开', en: 'Reopen' },
  memberWrote: { 'zh-CN': '*成员：*', en: '*Member:*' },
  memberWroteSensitive: {
    'zh-CN': '成员发来一条新消息（内容仅心理咨询师可见：`union-assistant tickets show {id}`）。',
    en: 'The member wrote a new message (visible to counsellors only: `union-assistant tickets show {id}`).',
  },
  sensitiveThread: {
    'zh-CN': '⚠️ 注意：在本讨论串里写的内容，本频道的所有人都能看到。',
    en: '⚠️ Note: whatever is written in this thread is visible to everyone in this channel.',
  },
  overdueAgain: { 'zh-CN': '⏰ 个案 {id} 已超时（{check}），请尽快处理。', en: '⏰ Case {id} is overdue ({check}); please pick it up.' },
  notLinked: {
    'zh-CN': '您的 Slack 账号没有关联到工会工作人员，无法处理个案。请管理员运行 `union-assistant members link`。',
    en: 'Your Slack account is not linked to a union staff member, so you cannot act on cases. Ask an admin to run `union-assistant members link`.',
  },
  failed: { 'zh-CN': '操作未完成：{reason}', en: 'Not done: {reason}' },
  reassignTitle: { 'zh-CN': '转交个案', en: 'Reassign case' },
  reassignTo: { 'zh-CN': '转交给', en: 'Hand over to' },
  reassignUnknown: { 'zh-CN': '此人没有关联到工会会员名册。', en: 'That person is not linked to the union roster.' },
} satisfies Record<string, Bilingual>;

const ICON = { urgent: '🔴', high: '🟠', normal: '🔵' } as const;

/** The value of a case card's button: handled by the staff side, never by a flow. */
export function caseAction(op: 'claim' | 'close' | 'reassign' | 'reopen', ticketId: string): string {
  return action('slack.case', { op, id: ticketId });
}

function button(text: string, value: string, style?: 'primary' | 'danger'): Slack.Button {
  return { type: 'button', action_id: `case-${JSON.parse(value).op}`, text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true }, value, ...(style ? { style } : {}) };
}

/**
 * The staff-channel card of a case: priority, category, status and who has it; for legal,
 * dispute and general cases a short summary of what the member said; for psychological and
 * crisis cases only that the case exists and who may claim it, never the member's name or words.
 */
export function caseCard(ticket: Ticket, transcript: TicketEntry[], locale: Locale, now = new Date()): { blocks: Block[]; text: string } {
  const sensitive = isSensitiveCategory(ticket.category);
  const category = categoryLabels[ticket.category][locale];
  const title = fill(caseText.title, locale, { icon: ICON[ticket.priority], id: ticket.id, category });
  const fields: [Bilingual, string][] = [
    ...(sensitive ? [] : [[caseText.member, ticket.memberLabel] as [Bilingual, string]]),
    [caseText.priority, priorityLabels[ticket.priority][locale]],
    [caseText.status, statusLabels[ticket.status][locale]],
    [caseText.assignee, ticket.assigneeName ?? caseText.unassigned[locale]],
    [caseText.due, ticket.firstResponseDueAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'],
  ];
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, LIMITS.headerText), emoji: true } },
    { type: 'section', fields: fields.map(([label, value]) => ({ type: 'mrkdwn' as const, text: truncate(`*${label[locale]}*\n${escapeMrkdwn(value)}`, LIMITS.sectionFieldText) })) },
  ];
  if (sensitive) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fill(caseText.restricted, locale, { category }) } });
  } else {
    const said = transcript.filter((e) => e.author === 'member').slice(-3).map((e) => `> ${escapeMrkdwn(truncate(e.text.replace(/\s+/g, ' '), 400))}`);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`${caseText.summary[locale]}\n${said.join('\n') || caseText.noSummary[locale]}`, LIMITS.sectionText) } });
  }
  // Due times passed now, or a service-level check already escalated (the scheduler's view).
  const active = ticket.status !== 'resolved' && ticket.status !== 'closed';
  const overdue = [...new Set([...overdueChecks(ticket, now), ...(active ? ticket.escalations : [])])];
  if (overdue.length > 0) {
    const checks = overdue.map((c) => (c === 'first-response' ? caseText.firstResponse : caseText.resolution)[locale]).join(', ');
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: fill(caseText.overdue, locale, { checks }) }] });
  }
  const buttons: Slack.Button[] =
    ticket.status === 'closed'
      ? ticket.purgedAt
        ? []
        : [button(caseText.reopen[locale], caseAction('reopen', ticket.id))]
      : [
          ...(ticket.assigneeId ? [] : [button(caseText.claim[locale], caseAction('claim', ticket.id), 'primary')]),
          button(caseText.reassign[locale], caseAction('reassign', ticket.id)),
          button(caseText.close[locale], caseAction('close', ticket.id), 'danger'),
        ];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'case', elements: buttons });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: caseText.howTo[locale] }] });
  const text = `${title} — ${priorityLabels[ticket.priority][locale]}, ${statusLabels[ticket.status][locale]}`;
  return { blocks, text };
}
