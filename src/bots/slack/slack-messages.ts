import type { Bilingual, Locale } from '../../core/locale.ts';

/** Member- and staff-facing texts of the Slack adapter, in both languages. */
export const slackText = {
  fillIn: { 'zh-CN': '📝 填写', en: '📝 Fill in' },
  choose: { 'zh-CN': '☑️ 选择', en: '☑️ Choose' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  chosen: { 'zh-CN': '✓ 已选择：{label}', en: '✓ You chose: {label}' },
  chooseBetween: { 'zh-CN': '请选择 {min}–{max} 项', en: 'Choose {min} to {max}' },
  chooseUpTo: { 'zh-CN': '最多选择 {max} 项', en: 'Choose up to {max}' },
  tooFew: { 'zh-CN': '请至少选择 {min} 项。', en: 'Please choose at least {min}.' },
  tooMany: { 'zh-CN': '最多只能选择 {max} 项。', en: 'Please choose no more than {max}.' },
  staffFooter: { 'zh-CN': '工会工作人员 · 案件 {id}', en: 'Union staff · case {id}' },
  fileFallback: { 'zh-CN': '文件无法作为附件发送，内容如下：', en: 'The file could not be attached; here is its content:' },
  expired: {
    'zh-CN': '这个按钮已经过期。请输入“菜单”重新开始。',
    en: 'That button has expired. Type "menu" to start again.',
  },
  failed: {
    'zh-CN': '抱歉，刚才出了点问题，请稍后再试。',
    en: 'Sorry, something went wrong. Please try again in a moment.',
  },
  unlinked: {
    'zh-CN': '您的 Slack 账号还没有与工会会员名册关联。{why}请联系工会工作人员，由他们运行 `union-assistant members link --channel slack --user {user} --member 您的工号` 完成关联；关联后即可投票、报名活动。',
    en: 'Your Slack account is not linked to the union roster yet. {why}Ask union staff to link it (`union-assistant members link --channel slack --user {user} --member YOUR_EMPLOYEE_NO`); once linked you can vote and sign up for events.',
  },
  noEmail: {
    'zh-CN': 'Slack 没有提供您的邮箱，所以无法自动关联。',
    en: 'Slack did not share your email address, so it could not be linked automatically. ',
  },
  emailUnknown: {
    'zh-CN': '您在 Slack 的邮箱不在会员名册中。',
    en: 'Your Slack email address is not on the roster. ',
  },
  repliedInDm: { 'zh-CN': '我已在与您的私信中回复。', en: 'I have replied in our direct messages.' },
} satisfies Record<string, Bilingual>;

/** A text with {placeholders} filled in. */
export function fill(text: Bilingual, locale: Locale, values: Record<string, string | number> = {}): string {
  return text[locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
