import type { ReplyInput } from '../core/reply.ts';
import { t, type Bilingual, type Locale } from '../core/locale.ts';
import type { CrisisAssessment } from './crisis-assessment.ts';
import { DEFAULT_HOTLINES, type Hotline } from './hotlines.ts';

/** Where the lines offered come from; the default is {@link DEFAULT_HOTLINES}. */
export interface CrisisReplyOptions {
  readonly hotlines?: readonly Hotline[];
}

/**
 * The value of the "talk to a counsellor" button. The handoff flow parses exactly this shape;
 * change both together.
 */
export const COUNSELLOR_OFFER_VALUE = JSON.stringify({ a: 'handoff.offer', category: 'psychological' });

// Short, warm, and about what to do now. No arguing, no diagnosis, nothing about methods.
const HEARD = {
  self: {
    'zh-CN': '谢谢你愿意告诉我。你现在的感受很重要，你不是一个人在面对。',
    en: 'Thank you for telling me. What you are feeling matters, and you do not have to face this alone.',
  },
  violence: {
    'zh-CN': '谢谢你告诉我。你的安全最重要。',
    en: 'Thank you for telling me. Your safety comes first.',
  },
  others: {
    'zh-CN': '谢谢你说出来。你现在的情绪一定很强烈，请先让自己和身边的人保持安全。',
    en: 'Thank you for saying this. What you feel right now must be very strong; please keep yourself and the people around you safe.',
  },
} satisfies Record<string, Bilingual>;

const CALL_NOW: Bilingual = { 'zh-CN': '现在就可以拨打的电话', en: 'Lines you can call right now' };
const CALL_NOW_BODY: Bilingual = {
  'zh-CN': '电话那头有专业的人在听，现在就可以打。',
  en: 'Trained people answer these lines and will listen. You can call now.',
};
const ALERTED: Bilingual = {
  'zh-CN': '我已经通知了工会的心理咨询老师，他们会尽快联系你。在那之前，你也可以继续在这里和我说。',
  en: 'I have let a union counsellor know, and they will contact you soon. Until then, you can keep talking to me here.',
};
const CONCERN_PROMPT: Bilingual = {
  'zh-CN': '听起来你最近承受了很多。如果你愿意，可以和工会的心理咨询老师聊一聊；也可以随时拨打{line}。',
  en: 'It sounds like you are carrying a lot right now. If you would like, you can talk with one of the union’s counsellors. You can also call {line} at any time.',
};
const TALK_TO_COUNSELLOR: Bilingual = { 'zh-CN': '和心理咨询老师聊聊', en: 'Talk to a counsellor' };

function lineText(hotline: Hotline, locale: Locale): string {
  return locale === 'zh-CN' ? `${hotline.number}（${hotline.name['zh-CN']}）` : `${hotline.number} (${hotline.name.en})`;
}

function emergencyText(lines: readonly Hotline[], locale: Locale): string {
  const list = lines.map((h) => lineText(h, locale)).join(locale === 'zh-CN' ? ' 或 ' : ' or ');
  return locale === 'zh-CN'
    ? `如果你或身边的人有立即的危险，请马上拨打 ${list}。`
    : `If you or someone near you is in immediate danger, call ${list} now.`;
}

/**
 * The replies to a crisis, in the member's language: that they are heard, the lines to call now
 * (emergency numbers first when the crisis is violence or harm to others), and that a counsellor
 * has been alerted. Call it when `assessment.level` is `crisis`; the router alerts the counsellor.
 */
export function crisisReplies(assessment: CrisisAssessment, locale: Locale, options: CrisisReplyOptions = {}): ReplyInput[] {
  const hotlines = options.hotlines && options.hotlines.length > 0 ? options.hotlines : DEFAULT_HOTLINES;
  const support = hotlines.filter((h) => h.kind !== 'emergency');
  const emergency = hotlines.filter((h) => h.kind === 'emergency');
  const aboutSelf = assessment.categories.some((c) => c === 'suicide' || c === 'self-harm');
  const heard = aboutSelf || assessment.categories.length === 0
    ? HEARD.self
    : assessment.categories.includes('harm-to-others') ? HEARD.others : HEARD.violence;
  const dangerFirst = !aboutSelf && assessment.categories.length > 0;

  const bodyLines = [t(CALL_NOW_BODY, locale)];
  if (emergency.length > 0) {
    if (dangerFirst) bodyLines.unshift(emergencyText(emergency, locale));
    else bodyLines.push(emergencyText(emergency, locale));
  }
  return [
    { type: 'notice', level: 'urgent', text: t(heard, locale) },
    {
      type: 'card',
      title: t(CALL_NOW, locale),
      body: bodyLines.join('\n'),
      fields: (support.length > 0 ? support : emergency).map((h) => ({ label: h.name[locale], value: h.number })),
    },
    { type: 'notice', level: 'info', text: t(ALERTED, locale) },
  ];
}

/**
 * The reply to distress short of a crisis: a gentle acknowledgement, an offer to talk to a
 * counsellor (a button the handoff flow handles), and the first support line (12356 by default).
 */
export function concernReplies(locale: Locale, options: CrisisReplyOptions = {}): ReplyInput[] {
  const hotlines = options.hotlines && options.hotlines.length > 0 ? options.hotlines : DEFAULT_HOTLINES;
  const line = hotlines.find((h) => h.kind !== 'emergency') ?? DEFAULT_HOTLINES[0]!;
  const spoken = locale === 'zh-CN' ? ` ${line.number} ${line.name['zh-CN']}` : `the ${line.name.en} on ${line.number}`;
  return [
    {
      type: 'choices',
      id: 'safety.concern',
      prompt: t(CONCERN_PROMPT, locale).replace('{line}', spoken),
      choices: [{ label: t(TALK_TO_COUNSELLOR, locale), value: COUNSELLOR_OFFER_VALUE, style: 'primary' }],
    },
  ];
}
