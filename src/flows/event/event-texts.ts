import type { Bilingual } from '../../core/locale.ts';

/** Member-facing texts of the event flow (card texts live in src/democracy/event-replies.ts). */
export const eventFlowText = {
  menuLabel: { 'zh-CN': '活动报名', en: 'Events' },
  menuDescription: { 'zh-CN': '· 报名工会活动（输入“活动”），名额满时自动候补，有空位时通知您', en: '· Sign up for union events (type "events"); join the waitlist when full and hear when a place opens' },
  none: { 'zh-CN': '目前没有可以报名的活动。', en: 'There are no events to sign up for right now.' },
  listTitle: { 'zh-CN': '近期活动：', en: 'Upcoming events:' },
  signedUp: { 'zh-CN': '报名成功！签到码：{code}。日历邀请已附上。', en: 'You are signed up! Check-in code: {code}. A calendar invitation is attached.' },
  waitlisted: { 'zh-CN': '活动名额已满，您已加入候补，目前排第 {n} 位。有人取消时会按顺序递补，并第一时间通知您。', en: 'The event is full, so you are on the waitlist at position {n}. Places are offered in order when someone cancels, and you will be told at once.' },
  alreadyIn: { 'zh-CN': '您已经报过名了。', en: 'You are already signed up.' },
  cancelled: { 'zh-CN': '已取消报名。', en: 'Your sign-up is cancelled.' },
  notSignedUp: { 'zh-CN': '您没有报名这个活动。', en: 'You are not signed up for this event.' },
  deadline: { 'zh-CN': '报名已截止。', en: 'Sign-ups for this event have closed.' },
  noInvitation: { 'zh-CN': '只有正式报名的成员才有日历邀请。', en: 'Only confirmed attendees get a calendar invitation.' },
  adminTitle: { 'zh-CN': '活动管理', en: 'Manage events' },
  attendees: { 'zh-CN': '报名情况', en: 'Attendees' },
  attendeesValue: { 'zh-CN': '正式 {confirmed} / {capacity}，候补 {waitlisted}，已签到 {checkedIn}', en: '{confirmed} of {capacity} confirmed, {waitlisted} waitlisted, {checkedIn} checked in' },
} satisfies Record<string, Bilingual>;
