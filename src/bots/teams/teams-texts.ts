import type { Bilingual } from '../../core/locale.ts';

/** Member- and staff-facing texts of the Teams channel, in both languages. */
export const teamsTexts = {
  sources: { 'zh-CN': '依据', en: 'Sources' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  choose: { 'zh-CN': '请选择', en: 'Choose' },
  submitted: { 'zh-CN': '✓ 已提交', en: '✓ Submitted' },
  required: { 'zh-CN': '此项必填', en: 'This field is required' },
  unionStaff: { 'zh-CN': '工会工作人员', en: 'union staff' },
  file: { 'zh-CN': '文件', en: 'File' },
  download: { 'zh-CN': '下载', en: 'Download' },
  welcomeTitle: { 'zh-CN': '欢迎使用工会助手', en: 'Welcome to the Union Assistant' },
  welcomeChannel: {
    'zh-CN': '在频道里请 @工会助手 并输入问题；涉及个人情况的事项（心理支持、投票、报名），请在与我的私聊中进行。',
    en: 'In a channel, @mention me with your question; for anything personal (support, votes, sign-ups) please message me in a private chat.',
  },
  failed: {
    'zh-CN': '抱歉，刚才出了点问题，请稍后再试。',
    en: 'Sorry, something went wrong. Please try again in a moment.',
  },
  askWhat: { 'zh-CN': '请在“ask”后面写上您的问题，例如：ask 产假有多长', en: 'Write your question after "ask", e.g. ask How long is maternity leave?' },
  // Staff side: case cards in the staff channel.
  caseTitle: { 'zh-CN': '个案', en: 'Case' },
  category: { 'zh-CN': '类别', en: 'Category' },
  priority: { 'zh-CN': '优先级', en: 'Priority' },
  status: { 'zh-CN': '状态', en: 'Status' },
  member: { 'zh-CN': '会员', en: 'Member' },
  assignee: { 'zh-CN': '负责人', en: 'Assignee' },
  firstResponseDue: { 'zh-CN': '首次响应期限', en: 'First response due' },
  claim: { 'zh-CN': '认领', en: 'Claim' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  sendReply: { 'zh-CN': '回复会员', en: 'Reply to member' },
  replyPlaceholder: { 'zh-CN': '写给会员的回复…', en: 'Your reply to the member…' },
  sensitiveHidden: {
    'zh-CN': '（心理/危机类个案的内容仅咨询师可见，请在个案控制台查看。）',
    en: '(The content of psychological and crisis cases is for counsellors only: open it in the case console.)',
  },
  newCase: { 'zh-CN': '新个案', en: 'New case' },
  memberWrote: { 'zh-CN': '会员留言', en: 'Member wrote' },
  escalated: { 'zh-CN': '⏰ 已超过服务时限', en: '⏰ Past its service level' },
  claimedBy: { 'zh-CN': '已由 {name} 认领', en: 'Claimed by {name}' },
  closedBy: { 'zh-CN': '已由 {name} 关闭', en: 'Closed by {name}' },
  replySent: { 'zh-CN': '回复已发送给会员。', en: 'Your reply was sent to the member.' },
  emptyReply: { 'zh-CN': '请先写好回复内容。', en: 'Please write the reply first.' },
  staffOnly: {
    'zh-CN': '只有关联了工会工作人员身份的账号才能处理个案。',
    en: 'Only accounts linked to union staff can work on cases.',
  },
  casesUnavailable: { 'zh-CN': '个案功能尚未启用。', en: 'Cases are not available yet.' },
  noCases: { 'zh-CN': '目前没有待处理的个案。', en: 'There are no open cases.' },
  myCases: { 'zh-CN': '我的个案', en: 'My cases' },
  noMyCases: { 'zh-CN': '您目前没有进行中的个案。需要时输入“转人工”。', en: 'You have no open cases. Type "talk to a person" when you need one.' },
  openCases: { 'zh-CN': '待处理的个案', en: 'Open cases' },
  sentPrivately: { 'zh-CN': '已在私聊中发给您。', en: 'Sent to you in a private chat.' },
  caseFailed: { 'zh-CN': '操作未完成：{reason}', en: 'That did not work: {reason}' },
} satisfies Record<string, Bilingual>;

/** Fills `{name}` placeholders. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
