import type { TicketCategory } from '../../store/tickets.ts';

/**
 * What members type to reach a person, to end a conversation with staff, or to erase their
 * cases. The request patterns are anchored to the whole message: "公司找律师威胁我怎么办" is a
 * legal question, not a request for a lawyer, and "人工智能会取代我吗" is not a request at all.
 */

const ZH_POLITE = '(?:请|麻烦|帮我|我想|我要|我需要|我希望|想|要|需要|能不能|可不可以|可以|能否|给我|我)*';
const ZH_TAIL = '(?:[，,\\s]*(?:吧|吗|呢|啊|呀|一下|谢谢你?|好吗|可以吗|行吗))*[。！!？?～~\\s]*$';
const ZH_TARGET = '(?:人工(?:客服|服务)?|真人|工作人员|工会(?:工作人员|的人|干部)?|律师|法律顾问|法务|心理咨询师|咨询师|心理老师|心理医生)';

const REQUESTS: RegExp[] = [
  // 转人工 / 人工客服 / 找工会 / 我要找律师 / 帮我联系心理咨询师
  new RegExp(`^${ZH_POLITE}(?:转|找|联系|接通|转接|呼叫|叫)(?:一下|一个|个)?${ZH_TARGET}${ZH_TAIL}`),
  new RegExp(`^${ZH_POLITE}(?:人工|人工客服|人工服务|真人)${ZH_TAIL}`),
  // 我想和真人聊聊 / 跟工作人员说
  new RegExp(`^${ZH_POLITE}(?:和|跟|与|同)${ZH_TARGET}(?:聊聊|聊一聊|聊|谈谈|谈|说说|说|说话|沟通|交流)${ZH_TAIL}`),
  // talk to a person / speak with a counsellor / can I talk to someone from the union
  /^(?:(?:i|i'd|i would|i really)\s+(?:like|want|need|wanna)\s+(?:to\s+)?|can\s+i\s+|could\s+i\s+|may\s+i\s+|let\s+me\s+|please\s+)?(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+|your\s+|some\s*one\s+(?:from|at|in)\s+(?:the\s+)?|somebody\s+(?:from|at)\s+(?:the\s+)?)?(?:real\s+|human\s+|live\s+|union\s+)?(?:person|human|agent|some\s*one|somebody|staff|staff\s+member|union|rep|representative|counsell?or|therapist|lawyer|legal\s+officer|officer)(?:\s+please)?[\s.!?]*$/i,
  /^(?:please\s+)?(?:connect|transfer|put)\s+me\s+(?:to|with|through\s+to)\s+(?:a\s+|an\s+|the\s+)?(?:real\s+|human\s+|live\s+|union\s+)?(?:person|human|agent|staff|union|rep|representative|counsell?or|lawyer|legal\s+officer)(?:\s+please)?[\s.!?]*$/i,
  /^(?:human|agent|operator|real\s+person|human\s+agent|live\s+agent|counsell?or|representative|a\s+human|a\s+person|talk\s+to\s+(?:a\s+)?human)(?:\s+please)?[\s.!?]*$/i,
];

const LEGAL = /律师|法律|法务|lawyer|legal/i;
const PSYCH = /心理|咨询师|counsell?or|therapist/i;

/** Whether the message asks for a person; and for which kind of case, when it says. */
export function matchHandoffRequest(text: string): { category?: TicketCategory } | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 80) return undefined;
  if (!REQUESTS.some((pattern) => pattern.test(trimmed))) return undefined;
  if (LEGAL.test(trimmed)) return { category: 'legal' };
  if (PSYCH.test(trimmed)) return { category: 'psychological' };
  return {};
}

const END = /^\/?(?:结束|结束对话|结束咨询|结束个案|关闭个案|我要结束|可以结束了|done|end|end\s+chat|end\s+conversation|close|close\s+case|finish|finished|i'?m\s+done)[\s。.!！]*$/i;

/** Whether the member ends the conversation with staff. */
export function isEndRequest(text: string): boolean {
  return END.test(text.trim());
}

const ERASE = [
  /^(?:请|帮我)?(?:删除|清除|抹去|删掉)(?:我的)?(?:所有)?(?:个案|工单|咨询|对话|聊天)(?:记录|历史|数据)?[。！!]*$/,
  /^(?:please\s+)?(?:delete|erase|remove)\s+(?:all\s+)?my\s+(?:case|ticket|conversation|chat)s?(?:\s+(?:history|records?|data))?(?:\s+please)?[\s.!]*$/i,
];

/** Whether the member asks for their closed cases to be erased. */
export function isEraseRequest(text: string): boolean {
  return ERASE.some((pattern) => pattern.test(text.trim()));
}
