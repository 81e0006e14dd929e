import { action, type Flow, type TurnContext, type TurnResult } from '../../core/flow.ts';
import type { Bilingual } from '../../core/locale.ts';
import { inGoodStanding } from '../../store/members.ts';

/** A menu entry another flow contributes: a label and the action that starts it. */
export interface MenuEntry {
  label: Bilingual;
  /** What it does, one line, for the help text. */
  description: Bilingual;
  action: string;
}

const HELP_WORDS = new Set(['help', 'menu', 'start', 'hi', 'hello', 'hey', '?', '？', '帮助', '菜单', '开始', '你好', '您好', '在吗', '功能', '/help', '/start']);

const intro: Bilingual = {
  'zh-CN': '您好，我是工会助手。我可以：',
  en: 'Hello, I am the Union Assistant. I can:',
};

const questions: Bilingual = {
  'zh-CN': '· 回答劳动法律问题（劳动合同、工资加班、休假、工伤、解除合同等），并注明法律条文出处',
  en: '· Answer labour-law questions (contracts, wages and overtime, leave, work injury, dismissal …), citing the law and article',
};
const support: Bilingual = {
  'zh-CN': '· 倾听工作压力、职场冲突、骚扰等烦恼，提供自助资料，需要时为您联系心理咨询师',
  en: '· Listen to work stress, conflict or harassment, share self-help material, and connect you with a counsellor',
};
const askHint: Bilingual = {
  'zh-CN': '直接输入您的问题即可，例如“公司不给我签合同怎么办”。',
  en: 'Just type your question, for example "How long is maternity leave?"',
};
const unlinked: Bilingual = {
  'zh-CN': '提示：您的账号还没有与工会会员名册关联，可以提问，但暂时不能投票或报名活动（这些需要实名核验）。请联系工会工作人员完成关联。',
  en: 'Note: your account is not yet linked to the union membership roster. You can ask questions, but you cannot vote or sign up for events until it is (they need real-name verification). Please ask union staff to link it.',
};
const notInGoodStanding: Bilingual = {
  'zh-CN': '提示：您的会籍目前不是正常状态，可以提问，但暂时不能参加投票。如有疑问请联系工会。',
  en: 'Note: your union membership is not currently in good standing. You can ask questions but cannot vote for now. Please contact the union if this is unexpected.',
};

/** The help text and menu, listing what every registered flow offers. */
export function helpTurn(ctx: TurnContext, entries: MenuEntry[]): TurnResult {
  const { locale } = ctx;
  const lines = [intro[locale], questions[locale], support[locale], ...entries.map((e) => e.description[locale]), '', askHint[locale]];
  if (!ctx.member) lines.push('', unlinked[locale]);
  else if (!inGoodStanding(ctx.member)) lines.push('', notInGoodStanding[locale]);
  return {
    replies: [
      { type: 'text', text: lines.join('\n') },
      ...(entries.length > 0
        ? [{ type: 'choices' as const, id: 'help.menu', prompt: locale === 'en' ? 'Or choose:' : '也可以选择：', choices: entries.map((e) => ({ label: e.label[locale], value: e.action })) }]
        : []),
    ],
  };
}

/** help / 帮助 / menu / 菜单 and greetings. */
export function createHelpFlow(entries: () => MenuEntry[]): Flow {
  return {
    name: 'help',
    async onIntent(ctx, text) {
      const word = text.trim().toLowerCase().replace(/[!！。.]+$/, '');
      return HELP_WORDS.has(word) ? helpTurn(ctx, entries()) : undefined;
    },
    async onAction(ctx, payload) {
      return payload.a === 'help.menu' ? helpTurn(ctx, entries()) : undefined;
    },
  };
}

export const helpMenuAction = action('help.menu');
