/*
 * The context that changes what a rule hit means: a denial just before it, a thought placed in
 * the past, or a legal or informational question around a bare mention. All tests run on
 * normalised text (see normalise-text.ts).
 */

const HAN = /\p{Script=Han}/u;

// A negator directly governing the risk words, with only modal or aspect words between:
// 不想死, 从来没有想过自杀, 不会去自杀. Words like 不知道, 忍不住, 受不了 end in something else and so
// do not match; 不敢 is left out on purpose: "I don't dare" still says the thought is there.
const ZH_NEGATION =
  /(?:不|没|没有|未|从不|从没|从来不|从来没|从来没有|从未|绝不|决不|永远不|并不|并没有|也不|也没|别|不会|不可能|不要|不再)(?:会|曾|曾经|有|再|要|想|去|打算|是|真的|过|可能|至于|考虑)*$/u;

const EN_NEGATORS = new Set(['never', 'not', 'dont', 'doesnt', 'didnt', 'wont', 'wouldnt', 'cant', 'cannot', 'couldnt', 'shouldnt', 'isnt', 'arent', 'wasnt', 'havent', 'hasnt', 'no', 'nor', 'neither']);
// After a negator these words mean the negation is about something else:
// "can't stop thinking about killing myself", "I'm not joking, I want to die".
const EN_BREAKERS = new Set(['stop', 'help', 'stand', 'know', 'sure', 'think', 'joking', 'kidding', 'lying', 'lie', 'exaggerating', 'wait', 'believe', 'tell', 'explain', 'understand', 'because', 'but', 'if', 'why', 'how', 'when', 'care', 'matter', 'even', 'anymore']);

/** Whether the words just before a hit (same clause) deny it. */
export function isNegated(before: string): boolean {
  const tail = before.trimEnd();
  if (tail === '') return false;
  if (HAN.test(tail.slice(-1))) {
    // 是不是, 要不要, 会不会 ask a question; they deny nothing.
    if (/(\p{Script=Han})不\1\p{Script=Han}{0,3}$/u.test(tail)) return false;
    return ZH_NEGATION.test(tail);
  }
  const words = tail.split(/\s+/).slice(-5);
  for (let i = words.length - 1; i >= 0; i--) {
    if (EN_NEGATORS.has(words[i]!)) return !words.slice(i + 1).some((w) => EN_BREAKERS.has(w));
  }
  return false;
}

// "hurt myself? no, just tired", "想死？不是，就是累": a denial as the next clause.
const DENIED_AFTER =
  /^\s*\|\s*(?:(?:no(?!\s+(?:one|body|point|hope|reason|way|longer|more|matter|future|end)\b)|nope|nah|not really|of course not)\b|(?:不是|没有|不会|没)(?=\s|\||$|就|只是|当然))/u;

/** Whether the clause right after a hit (from `end`) starts with a denial. */
export function isDeniedAfter(text: string, end: number): boolean {
  const next = text.indexOf('|', end);
  if (next === -1 || text.slice(end, next).trim() !== '') return false;
  return DENIED_AFTER.test(text.slice(next));
}

const ZH_PAST = /以前|曾经|之前|过去|小时候|上学时|读书时|年轻时|那时候|那时|当年|几年前|多年前|去年|前几年|大学时|高中时/u;
const EN_PAST =
  /\b(used to|years ago|when i was (a |younger|young|in)|back in (the day|school|college|high school|uni)|in the past|as a (teen|teenager|kid|child|student)|long time ago|in (high school|college|university|my twenties|my teens))\b/;
const ZH_PRESENT = /最近|这几天|这段时间|又|再次|今天|今晚|昨天|昨晚|一直|经常|总是|近来|这阵子|还在|还是会|开始|现在还|现在又/u;
const EN_PRESENT = /\b(again|lately|recently|these days|still|tonight|right now|this week|every day|everyday|started|anymore|today)\b/;

/** Whether the clause around a hit places it in the past ("以前想过自杀", "years ago"). */
export function isPast(clause: string): boolean {
  return ZH_PAST.test(clause) || EN_PAST.test(clause);
}

/** Whether anything in the message says the thought is current (最近, 又, "again", "lately"). */
export function hasPresentMarker(text: string): boolean {
  return ZH_PRESENT.test(text) || EN_PRESENT.test(text);
}

const ZH_INFORMATIONAL =
  /用人单位|劳动者|强迫劳动|自残或(?:者)?自杀|自杀或(?:者)?自残|工伤|工亡|认定|条例|法律|法规|规定|法条|第.{1,4}条|赔偿|补偿|赔付|抚恤|保险|算不算|算是|是否属于|属于|能否|怎么算|责任|案例|判例|判决|判刑|定罪|(?<![得受])罪|案件|仲裁|诉讼|起诉|新闻|报道|事件|统计|数据|比例|(?:自杀|轻生|死亡|发生)率|报告|预防|防止|干预|培训|讲座|宣传|科普|电影|小说|电视剧|游戏|课程|论文|研究|定义|效力|有效/u;
const EN_INFORMATIONAL =
  /\b(workers? ?comp|compensation|covered|cover|coverage|insurance|policy|policies|law|laws|legal|legally|statute|liable|liability|benefits?|entitled|considered|counts? as|qualif(y|ies)|statistics|stats|rates?|prevention|awareness|training|course|seminar|workshop|research|article|news|reported|documentary|film|movie|novel|lyrics|definition|define|meaning|procedure|protocol)\b/;

/**
 * Whether the message is a legal or informational question ("工伤认定里自杀算不算工伤",
 * "Is suicide covered under workers' compensation?"). Only bare mentions yield to this.
 */
export function isInformational(text: string): boolean {
  return ZH_INFORMATIONAL.test(text) || EN_INFORMATIONAL.test(text);
}
