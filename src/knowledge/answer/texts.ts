import type { Bilingual } from '../../core/locale.ts';

/** Every fixed sentence an answer may contain, in both languages. */
export const TEXTS = {
  disclaimer: {
    'zh-CN': '以上是一般性的法律信息，不构成法律意见。每个人的情况不同，如果你愿意，我可以帮你联系工会的法律干事，具体看看你的情况。',
    en: 'This is general legal information, not legal advice. Every situation is different: if you like, I can put you in touch with a union legal officer who can look at yours.',
  },
  lowConfidence: {
    'zh-CN': '抱歉，我在工会知识库里没有找到能可靠回答这个问题的内容，不想给你不准确的信息。我可以把你的问题转给工会工作人员，由他们来回答。',
    en: "Sorry, I couldn't find anything in the union's knowledge base that reliably answers this, and I don't want to guess. I can pass your question on to a union staff member.",
  },
  lawHeading: { 'zh-CN': '相关法律条文（原文）：', en: 'The relevant provisions (the official text is in Chinese):' },
  lawsOnlyIntro: {
    'zh-CN': '我没有找到直接对应的问答，以下是与你的问题最相关的法律条文：',
    en: "I didn't find a ready answer to this exact question, but these are the provisions most relevant to it:",
  },
  otherLanguageNote: {
    'zh-CN': '（这条问答暂时只有英文版，以下是英文原文。）',
    en: '(This answer is only available in Chinese for now; here it is in the original.)',
  },
  nextStepsHeading: { 'zh-CN': '下一步可以这样做：', en: 'What you can do next:' },
  nextSteps: {
    'zh-CN': [
      '保存好证据：劳动合同、工资条和银行流水、考勤和打卡记录、聊天记录等。',
      '先和单位沟通，也可以请工会出面协调。',
      '协商不成，可以向当地劳动保障监察部门投诉，或在时效内（一般为一年）申请劳动争议仲裁，仲裁不收费。',
    ],
    en: [
      'Keep evidence: your contract, payslips and bank statements, attendance records, chat messages.',
      'Raise it with your employer first; the union can also step in.',
      'If that fails, complain to the local labour inspection bureau, or apply for labour arbitration within the time limit (usually one year); arbitration is free.',
    ],
  },
  psychOpening: {
    'zh-CN': '谢谢你愿意说出来。你现在的感受很重要，也很正常，你不是一个人在面对这些。',
    en: "Thank you for telling me. What you're feeling matters, and it makes sense: you don't have to face this alone.",
  },
  counsellorOffer: {
    'zh-CN': '如果你愿意，我可以帮你联系工会的心理咨询师，和专业的人聊一聊，一切都是保密的。',
    en: "If you'd like, I can connect you with the union's counsellor to talk things through, in confidence.",
  },
  unionClosing: {
    'zh-CN': '如果还有不清楚的地方，可以随时联系工会工作人员。',
    en: 'If anything is unclear, union staff are happy to help.',
  },
} satisfies Record<string, Bilingual | { 'zh-CN': string[]; en: string[] }>;
