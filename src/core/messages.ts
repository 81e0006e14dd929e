import type { Bilingual } from './locale.ts';

/** Member-facing texts of the conversation core, in both languages. */
export const messages = {
  busy: {
    'zh-CN': '刚才同时收到了几条消息，这一条没能处理，请再发一次。',
    en: 'Several messages arrived at once and this one could not be handled. Please send it again.',
  },
  empty: {
    'zh-CN': '我没有收到文字内容。输入“帮助”看看我能做什么。',
    en: 'I did not receive any text. Type "help" to see what I can do.',
  },
  notUnderstood: {
    'zh-CN': '抱歉，我没有理解。输入“帮助”看看我能做什么。',
    en: 'Sorry, I did not understand. Type "help" to see what I can do.',
  },
  staleAction: {
    'zh-CN': '这个按钮已经失效或无法识别。请输入“菜单”重新开始。',
    en: 'That button has expired or was not recognised. Type "menu" to start again.',
  },
} satisfies Record<string, Bilingual>;
