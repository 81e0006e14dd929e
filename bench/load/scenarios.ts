/**
 * What the simulated members do: a mix of questions (zh and en) and the three democracy flows,
 * each a script of turns. A turn is a typed message or a button press (found by its label, in
 * either language, in the previous turn's replies); `expect` says what its replies must show.
 */
export type Kind = 'question' | 'survey' | 'vote' | 'event';

export interface Step {
  /** Calibration key: turns with one key get the same number of outbound messages. */
  key: string;
  send?: string;
  /** Labels of the button to press (zh-CN or English), from the previous turn's replies. */
  press?: string[];
  /** The replies must show this (a marker text) or hold a button with one of these labels. */
  expect?: RegExp | { button: string[] };
  /** A turn with two legitimate outcomes (sign-up: confirmed or waitlisted) names its branch from its replies. */
  branch?: (text: string) => string | undefined;
  /** What the generator records when the turn succeeded (for the database accounting). */
  done?: 'survey-submitted' | 'ballot-cast' | 'signed-up';
  /** The request of this turn asks for a ballot / submission / sign-up. */
  requests?: 'survey' | 'ballot' | 'sign-up';
}

// Written for this benchmark: everyday members' questions, half in each language.
export const QUESTIONS: Record<'zh-CN' | 'en', string[]> = {
  'zh-CN': ['年假有几天', '公司不给我签合同怎么办', '加班费怎么算', '试用期可以随便辞退我吗', '被辞退了有没有补偿', '帮助'],
  en: ['How long is maternity leave?', 'Can my employer cut my salary without asking me?', 'How is overtime pay calculated?', 'What is the minimum wage?', 'How many days of annual leave do I get?', 'help'],
};

/** A reply that says the turn failed (texts of src/bots/*: failed, and src/core/messages.ts: busy). */
export const FAILURE = /出了点问题|went wrong|请再发一次|send it again|没能处理|could not be handled/;

const SIGNED_UP = /报名成功|You are signed up/;
const WAITLISTED = /已加入候补|on the waitlist at position/;

export const SURVEY_OPTION = { 'zh-CN': '每天', en: 'Daily' };
export const CANDIDATES = ['Alice', 'Bob', 'Carol'];

export function scenario(kind: Exclude<Kind, 'question'>, locale: 'zh-CN' | 'en'): Step[] {
  const zh = locale === 'zh-CN';
  switch (kind) {
    case 'survey':
      return [
        { key: 'survey:list', send: zh ? '问卷' : 'surveys', expect: { button: ['开始填写', 'Start'] } },
        { key: 'survey:start', press: ['开始填写', 'Start'], expect: { button: ['每天', 'Daily'] } },
        { key: 'survey:q1', press: ['每天', 'Daily'], expect: { button: ['4'] } },
        { key: 'survey:q2', press: ['4'], expect: { button: ['提交', 'Submit'] } },
        { key: 'survey:submit', press: ['提交', 'Submit'], expect: /问卷已提交|Your survey is submitted|已提交，谢谢|Submitted — thank you/, requests: 'survey', done: 'survey-submitted' },
      ];
    case 'vote':
      return [
        { key: 'vote:list', send: zh ? '投票' : 'vote', expect: { button: ['去投票', 'Vote'] } },
        { key: 'vote:ballot', press: ['去投票', 'Vote'], expect: { button: CANDIDATES } },
        { key: 'vote:pick', press: ['Bob'], expect: { button: ['确认投票', 'Cast my ballot'] } },
        { key: 'vote:cast', press: ['确认投票', 'Cast my ballot'], expect: /您的选票已投出|Your ballot has been cast/, requests: 'ballot', done: 'ballot-cast' },
      ];
    case 'event':
      return [
        { key: 'event:list', send: zh ? '活动' : 'events', expect: { button: ['报名', 'Sign up', '加入候补', 'Join the waitlist'] } },
        {
          key: 'event:signup',
          press: ['报名', 'Sign up', '加入候补', 'Join the waitlist'],
          branch: (text) => (SIGNED_UP.test(text) ? 'confirmed' : WAITLISTED.test(text) ? 'waitlisted' : undefined),
          requests: 'sign-up',
          done: 'signed-up',
        },
      ];
  }
}

export function question(locale: 'zh-CN' | 'en', n: number): Step {
  const list = QUESTIONS[locale];
  const text = list[n % list.length]!;
  return { key: `q:${text}`, send: text };
}
