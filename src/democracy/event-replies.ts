import { action } from '../core/flow.ts';
import type { Bilingual, Locale } from '../core/locale.ts';
import type { ReplyInput } from '../core/reply.ts';
import type { RegistrationView } from '../store/event-registrations.ts';
import type { EventView } from '../store/events.ts';
import type { Member } from '../store/members.ts';
import { fill } from './bilingual.ts';
import { formatDateTime } from './format.ts';
import { toIcs } from './ics.ts';

/** Member-facing event texts shared by the chat flow and proactive notices. */
export const eventText = {
  when: { 'zh-CN': '时间', en: 'When' },
  where: { 'zh-CN': '地点', en: 'Where' },
  places: { 'zh-CN': '名额', en: 'Places' },
  placesValue: { 'zh-CN': '{left} / {capacity} 个空位', en: '{left} of {capacity} left' },
  placesFull: { 'zh-CN': '已满（{waitlisted} 人候补）', en: 'Full ({waitlisted} on the waitlist)' },
  deadline: { 'zh-CN': '报名截止', en: 'Sign-up deadline' },
  yourStatus: { 'zh-CN': '您的状态', en: 'Your status' },
  confirmed: { 'zh-CN': '已报名', en: 'Signed up' },
  waitlisted: { 'zh-CN': '候补第 {n} 位', en: 'Waitlist #{n}' },
  checkInCode: { 'zh-CN': '签到码', en: 'Check-in code' },
  signUp: { 'zh-CN': '报名', en: 'Sign up' },
  joinWaitlist: { 'zh-CN': '加入候补', en: 'Join the waitlist' },
  cancel: { 'zh-CN': '取消报名', en: 'Cancel my place' },
  leaveWaitlist: { 'zh-CN': '退出候补', en: 'Leave the waitlist' },
  calendar: { 'zh-CN': '日历邀请', en: 'Calendar invitation' },
  invitationTitle: { 'zh-CN': '日历邀请：{title}', en: 'Calendar invitation: {title}' },
  promoted: {
    'zh-CN': '好消息：活动“{title}”有人取消了报名，您已从候补转为正式报名。签到码：{code}。如不能参加，请在活动列表中取消，把名额留给其他人。',
    en: 'Good news: a place opened up at "{title}" and you have moved from the waitlist to a confirmed place. Check-in code: {code}. If you cannot come, please cancel in the event list so someone else can have the place.',
  },
  reminder: {
    'zh-CN': '提醒：您报名的活动“{title}”将于 {when} 开始。签到码：{code}。',
    en: 'Reminder: "{title}", which you signed up for, starts on {when}. Check-in code: {code}.',
  },
} satisfies Record<string, Bilingual>;

/** Where the event happens, in one line. */
export function eventPlace(event: EventView): string {
  return [event.place, event.link].filter(Boolean).join(' · ');
}

/** An event card with the member's status and the buttons that apply. */
export function eventCard(event: EventView, locale: Locale, registration?: RegistrationView, options: { buttons?: boolean } = {}): ReplyInput {
  const left = Math.max(0, event.capacity - event.confirmed);
  const fields = [
    { label: eventText.when[locale], value: `${formatDateTime(event.startsAt, locale, event.timeZone)} – ${formatDateTime(event.endsAt, locale, event.timeZone)}` },
    { label: eventText.where[locale], value: eventPlace(event) },
    { label: eventText.places[locale], value: left > 0 ? fill(eventText.placesValue, locale, { left, capacity: event.capacity }) : fill(eventText.placesFull, locale, { waitlisted: event.waitlisted }) },
    ...(event.signupDeadline ? [{ label: eventText.deadline[locale], value: formatDateTime(event.signupDeadline, locale, event.timeZone) }] : []),
  ];
  const active = registration && registration.status !== 'cancelled' ? registration : undefined;
  if (active) {
    fields.push({ label: eventText.yourStatus[locale], value: active.status === 'confirmed' ? eventText.confirmed[locale] : fill(eventText.waitlisted, locale, { n: active.position ?? '?' }) });
    if (active.status === 'confirmed') fields.push({ label: eventText.checkInCode[locale], value: active.checkInCode });
  }
  const actions =
    options.buttons === false
      ? []
      : active
        ? [
            ...(active.status === 'confirmed' ? [{ label: eventText.calendar[locale], value: action('event.ics', { ev: event.id }) }] : []),
            { label: (active.status === 'confirmed' ? eventText.cancel : eventText.leaveWaitlist)[locale], value: action('event.cancel', { ev: event.id }), style: 'danger' as const },
          ]
        : [{ label: (left > 0 ? eventText.signUp : eventText.joinWaitlist)[locale], value: action('event.signup', { ev: event.id }), style: 'primary' as const }];
  return { type: 'card', title: event.title[locale], body: event.description[locale], fields, actions };
}

/** The attendee's calendar invitation (.ics) as a file reply. */
export function invitation(event: EventView, registration: RegistrationView, member: Pick<Member, "name" | "email">, locale: Locale, now: Date): ReplyInput {
  const content = toIcs({
    // One registration, one calendar entry: updates with a higher SEQUENCE replace it.
    uid: `${registration.id}@union-assistant`,
    title: event.title[locale],
    description: [event.description[locale], `${eventText.checkInCode[locale]}: ${registration.checkInCode}`].filter(Boolean).join('\n\n'),
    location: eventPlace(event),
    url: event.link || undefined,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    sequence: event.sequence,
    status: event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    attendee: { name: member.name, email: member.email },
    stamp: now,
  });
  return { type: 'file', filename: `event-${event.id.slice(0, 8)}.ics`, mimeType: 'text/calendar; charset=utf-8', content, title: fill(eventText.invitationTitle, locale, { title: event.title[locale] }) };
}
