import type { Bilingual, Locale } from '../../core/locale.ts';
import type { TicketCategory, TicketPriority, TicketStatus } from '../../store/tickets.ts';

/** Member-facing and staff-facing texts of the handoff, in both languages. */
export const texts = {
  opened: {
    'zh-CN': '已为您转接工会工作人员，个案编号 {id}。{who}会在这里回复您，一般在 {within} 内。在此期间您发来的消息都会直接转给工作人员；输入“结束”可以结束对话。',
    en: 'You are now connected to union staff, case {id}. {who} will reply here, usually within {within}. Until then everything you send goes straight to them; type "done" to end the conversation.',
  },
  alreadyOpen: {
    'zh-CN': '您已经有一个进行中的个案（编号 {id}），请直接在这里留言，工作人员会回复您。输入“结束”可以结束对话。',
    en: 'You already have an open case ({id}). Just write here and staff will reply. Type "done" to end it.',
  },
  whoStaff: { 'zh-CN': '工作人员', en: 'A staff member' },
  whoLawyer: { 'zh-CN': '工会法律工作人员', en: 'A union legal officer' },
  whoCounsellor: { 'zh-CN': '心理咨询师', en: 'A counsellor' },
  delivered: { 'zh-CN': '✓ 已转给工作人员', en: '✓ Passed on to staff' },
  endButton: { 'zh-CN': '结束对话', en: 'End conversation' },
  closedByMember: {
    'zh-CN': '对话已结束（个案 {id}）。感谢您的信任，如需帮助随时再来找我们。',
    en: 'The conversation has ended (case {id}). Thank you for reaching out; come back any time.',
  },
  closedByStaff: {
    'zh-CN': '{name} 已结束您的个案 {id}。如还需要帮助，随时发消息给我。',
    en: '{name} has closed your case {id}. If you need more help, just message me again.',
  },
  ratePrompt: { 'zh-CN': '请为这次服务打分（1 = 很不满意，5 = 非常满意）：', en: 'Please rate this help (1 = very poor, 5 = excellent):' },
  rated: { 'zh-CN': '谢谢您的评价！', en: 'Thank you for your rating!' },
  cannotRate: { 'zh-CN': '这个个案已经评价过或无法评价。', en: 'This case has already been rated or cannot be rated.' },
  resolved: {
    'zh-CN': '{name} 将您的个案 {id} 标记为已解决。如问题已解决，请输入“结束”并评价；如还需要帮助，直接留言即可。',
    en: '{name} marked your case {id} as resolved. If that is right, type "done" and rate it; if you still need help, just write here.',
  },
  waiting: {
    'zh-CN': '{name} 正在等待您的回复（个案 {id}）。',
    en: '{name} is waiting for your reply (case {id}).',
  },
  reopened: {
    'zh-CN': '您的个案 {id} 已重新打开，工作人员会在这里继续回复您。',
    en: 'Your case {id} has been reopened; staff will continue here.',
  },
  reassigned: {
    'zh-CN': '您的个案 {id} 已转给 {name} 跟进。',
    en: 'Your case {id} is now handled by {name}.',
  },
  eraseConfirm: {
    'zh-CN': '确定要删除您已结束个案的全部对话记录吗？删除后无法恢复（进行中的个案不受影响）。',
    en: 'Delete the conversation records of all your closed cases? This cannot be undone (open cases are not affected).',
  },
  eraseYes: { 'zh-CN': '确定删除', en: 'Yes, delete' },
  eraseNo: { 'zh-CN': '取消', en: 'Cancel' },
  erased: { 'zh-CN': '已删除 {n} 个已结束个案的对话记录。', en: 'Deleted the records of {n} closed case(s).' },
  eraseCancelled: { 'zh-CN': '好的，没有删除任何内容。', en: 'OK, nothing was deleted.' },
  caseForCounsellor: {
    'zh-CN': '个案编号 {id}。你接下来在这里发的消息会直接转给心理咨询老师。',
    en: 'Case {id}. What you write here from now on goes straight to the counsellor.',
  },
  deliveredCounsellor: { 'zh-CN': '✓ 已转给心理咨询老师', en: '✓ Passed on to the counsellor' },
  // Staff-facing: sent to the staff queue and on-call destinations; never member message text.
  staffNew: { 'zh-CN': '新个案 {id}', en: 'New case {id}' },
  staffCrisis: { 'zh-CN': '⚠️ 紧急：危机个案 {id}，请立即联系', en: '⚠️ URGENT: crisis case {id}, contact now' },
  staffMemberMessage: { 'zh-CN': '个案 {id} 有成员的新消息', en: 'Case {id} has a new message from the member' },
  staffEscalated: { 'zh-CN': '⏰ 个案 {id} 已超时：{check}', en: '⏰ Case {id} is overdue: {check}' },
  staffHow: {
    'zh-CN': '查看与处理：union-assistant tickets show {id} --as <工号>',
    en: 'View and handle: union-assistant tickets show {id} --as <employee no>',
  },
  staffRestricted: { 'zh-CN': '仅心理咨询师和管理员可查看内容。', en: 'Content visible to counsellors and admins only.' },
  fieldMember: { 'zh-CN': '成员', en: 'Member' },
  fieldCategory: { 'zh-CN': '类别', en: 'Category' },
  fieldPriority: { 'zh-CN': '优先级', en: 'Priority' },
  fieldDue: { 'zh-CN': '首次回复期限', en: 'First response due' },
  fieldAssignee: { 'zh-CN': '负责人', en: 'Assignee' },
  unassigned: { 'zh-CN': '未分配', en: 'unassigned' },
  checkFirstResponse: { 'zh-CN': '未在期限内首次回复', en: 'no first response in time' },
  checkResolution: { 'zh-CN': '未在期限内解决', en: 'not resolved in time' },
} satisfies Record<string, Bilingual>;

export const categoryLabels: Record<TicketCategory, Bilingual> = {
  legal: { 'zh-CN': '法律咨询', en: 'Legal' },
  psychological: { 'zh-CN': '心理支持', en: 'Psychological support' },
  'workplace-dispute': { 'zh-CN': '劳动争议', en: 'Workplace dispute' },
  general: { 'zh-CN': '一般咨询', en: 'General' },
  crisis: { 'zh-CN': '危机', en: 'Crisis' },
};

export const priorityLabels: Record<TicketPriority, Bilingual> = {
  urgent: { 'zh-CN': '紧急', en: 'Urgent' },
  high: { 'zh-CN': '高', en: 'High' },
  normal: { 'zh-CN': '普通', en: 'Normal' },
};

export const statusLabels: Record<TicketStatus, Bilingual> = {
  open: { 'zh-CN': '待处理', en: 'Open' },
  claimed: { 'zh-CN': '处理中', en: 'Claimed' },
  waiting: { 'zh-CN': '等待成员回复', en: 'Waiting for member' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
};

/** Fills {name} placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** A duration for people: "15 分钟", "2 hours", "3 days". */
export function formatDuration(minutes: number, locale: Locale): string {
  if (minutes < 60) return locale === 'en' ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${minutes} 分钟`;
  if (minutes < 48 * 60) {
    const hours = Math.ceil(minutes / 60);
    return locale === 'en' ? `${hours} hour${hours === 1 ? '' : 's'}` : `${hours} 小时`;
  }
  const days = Math.ceil(minutes / 1440);
  return locale === 'en' ? `${days} days` : `${days} 天`;
}
