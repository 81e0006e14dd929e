import type { TurnContext, TurnResult } from '../core/flow.ts';
import type { Bilingual, Locale } from '../core/locale.ts';
import type { ReplyInput } from '../core/reply.ts';
import type { SqlTx, Store } from '../store/index.ts';
import { hasRole } from '../store/members.ts';
import { refusal, type Eligibility } from './audience.ts';

/**
 * A turn of a survey, vote or event flow. `transcript: 'omit'` marks turns whose words must not
 * be kept in the conversation transcript (a secret ballot's choice or receipt, an anonymous
 * survey's answers): the transcript is linked to the member, so keeping them there would undo
 * the separation kept in the database. src/core/assistant.ts has to honour it (docs/DEMOCRACY.md).
 */
export type DemocracyTurn = TurnResult;

/** Texts shared by the three flows. */
export const shared = {
  notOpen: { 'zh-CN': '这一项目前没有开放。', en: 'This is not open at the moment.' },
  notYet: { 'zh-CN': '这一项还没有开始。', en: 'This has not started yet.' },
  ended: { 'zh-CN': '这一项已经截止。', en: 'This has closed.' },
  gone: { 'zh-CN': '找不到这一项，可能已被删除。', en: 'That could not be found; it may have been removed.' },
  notAdmin: { 'zh-CN': '只有工会管理员可以进行这项操作。', en: 'Only union administrators can do that.' },
  opened: { 'zh-CN': '已开放：{title}', en: 'Opened: {title}' },
  closed: { 'zh-CN': '已关闭：{title}', en: 'Closed: {title}' },
  open: { 'zh-CN': '开放', en: 'Open' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  results: { 'zh-CN': '查看结果', en: 'Results' },
  manage: { 'zh-CN': '管理', en: 'Manage' },
  status: { 'zh-CN': '状态', en: 'Status' },
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  openStatus: { 'zh-CN': '进行中', en: 'Open' },
  closedStatus: { 'zh-CN': '已结束', en: 'Closed' },
  cancelledStatus: { 'zh-CN': '已取消', en: 'Cancelled' },
  closes: { 'zh-CN': '截止时间', en: 'Closes' },
  nothingToManage: { 'zh-CN': '目前没有可管理的项目。', en: 'There is nothing to manage yet.' },
} satisfies Record<string, Bilingual>;

/** A status word for admins. */
export function statusLabel(status: 'draft' | 'open' | 'closed' | 'cancelled', locale: Locale): string {
  return { draft: shared.draft, open: shared.openStatus, closed: shared.closedStatus, cancelled: shared.cancelledStatus }[status][locale];
}

/** A refusal that says why, in the member's language. */
export function refuse(reason: Exclude<Eligibility, 'ok'> | 'not-open' | 'not-yet' | 'ended', locale: Locale): DemocracyTurn {
  const text = reason === 'not-open' ? shared.notOpen : reason === 'not-yet' ? shared.notYet : reason === 'ended' ? shared.ended : refusal[reason];
  return { replies: [{ type: 'notice', level: 'warning', text: text[locale] }] };
}

export function notice(level: 'info' | 'success' | 'warning', text: string): ReplyInput {
  return { type: 'notice', level, text };
}

export function isAdmin(ctx: TurnContext): boolean {
  return hasRole(ctx.member, 'admin');
}

/** Remembers where this member can be reached (reminders, promotions): written with the turn. */
export async function rememberContact(store: Store, ctx: TurnContext, tx: SqlTx): Promise<void> {
  if (ctx.member) await store.democracyContacts.record(tx, ctx.member.id, { channel: ctx.event.channel, conversationKey: ctx.event.conversationKey, locale: ctx.locale });
}

/** Words that mean "I will finish this later". */
export function isPauseWord(text: string): boolean {
  return /^(stop|pause|later|quit|exit|cancel|暂停|稍后|稍后再填|退出|取消|以后再说)$/i.test(text.trim().replace(/[!！。.]+$/, ''));
}

/** Words that open a menu or another flow, never taken as an answer to a free-text question. */
export function isCommandWord(text: string): boolean {
  return /^(help|menu|帮助|菜单|surveys?|问卷|问卷调查|调查|votes?|voting|投票|选举|events?|活动)$/i.test(text.trim());
}
