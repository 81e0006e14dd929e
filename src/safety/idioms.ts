import { mask, type IdiomMask } from './crisis-rule.ts';

/*
 * Phrases that contain risk words but mean something else. They are replaced by "#" before the
 * rules run, so "我想死你了" cannot be read as 想死 and "killing it" cannot be read as killing.
 * Concern masks come first: "累得想死" must be caught before the plain "X死" mask eats "累死".
 */

/** Chinese idioms and hyperbole. */
export const ZH_IDIOMS: readonly IdiomMask[] = [
  // Hyperbole that still says someone is struggling: a gentle offer, not a crisis.
  mask('idiom.zh.degree-want-die', 'concern',
    '(?:累|烦|困|忙|痛|疼|难受|憋屈|尴尬|丢人|后悔|气|急|饿|热|冷|无聊|压抑|委屈|郁闷|难过|痛苦|焦虑|崩溃|烦躁|加班加|干)' +
      '(?:得|到)(?:我)?(?:真|好|都|快|简直|真的)?(?:想死|想去死)(?!你|您)'),
  mask('idiom.zh.die-at-desk', 'concern', '想死在(?:工位|床|被窝|办公室|桌|电脑前|会议室)'),
  mask('idiom.zh.heart-to-die', 'concern', '想死的心都有'),
  mask('idiom.zh.sad-to-death', 'concern', '(?:难过|痛苦|绝望|伤心|压抑|抑郁)(?:得|到)(?:要|快)?死(?:了)?'),
  mask('idiom.zh.anger-kill', 'concern', '(?:气|烦|恨|急)(?:得|到)(?:我)?(?:真|都|简直|真的)?想(?:杀人|打人|杀了他|杀了她|砍人|揍人)'),
  // Missing someone: 想死你了.
  mask('idiom.zh.miss-you', 'none',
    '想死(?:你|您|你们|大家|宝宝|宝贝|亲爱的|咱们)(?:了|啦|啊|呀|们)?(?![别管])|' +
      '想死(?:我|他|她|他们|她们|老婆|老公|妈|爸|家里|老家|火锅|奶茶)(?:了|啦|啊|呀)'),
  // X死了 as "extremely X".
  mask('idiom.zh.degree-dead', 'none',
    '(?:累|忙|热|冷|饿|困|烦|气|笑|吓|渴|痛|疼|闷|臭|丑|美|帅|急|懒|撑|晒|吵|挤|冤|亏|酸|甜|辣|咸|苦|难|卡|烦人|无聊|尴尬|郁闷|' +
      '羡慕|嫉妒|馋|爽|乐|开心|高兴|紧张|憋|折腾|麻烦|后悔|难受|难吃|难看|难听|丢人|心疼|头疼|恶心|可爱|好看|好吃|担心|害怕)' +
      '(?:得|到)?(?:要|快|半)?死(?:了|啦|我了|人了|我啦|人|掉了|个人)?'),
  mask('idiom.zh.degree-complement', 'none', '得要死|个半死|半死不活|要死不活|累死累活|往死里'),
  mask('idiom.zh.even-if-i-die', 'none', '打死(?:你|他|我)?(?:也|都)不|死(?:也|都)不|死了这条心|死了心|死心'),
  mask('idiom.zh.dead-compound', 'none',
    '死(?:机|线|循环|锁|角|板|忠|党|脑筋|心眼|磕|扛|守|缠烂打|工资|记硬背|胡同|结|命|对头|寂|水|路一条|皮赖脸|鸭子嘴硬|里逃生|不瞑目|活不)'),
  mask('idiom.zh.kill-compound', 'none',
    '杀价|砍价|秒杀|杀毒|杀青|杀熟|杀手锏|杀手级|抹杀|扼杀|杀时间|杀伤力|杀鸡儆猴|杀鸡给猴看|杀出(?:一条)?(?:血路|重围)|大杀四方|杀疯了|' +
      '剧本杀|狼人杀|杀人不见血|杀人诛心|杀人放火|杀回马枪|杀了个回马枪|杀进|必杀|自杀式|自杀小队|磨刀不误砍柴工|磨刀霍霍'),
  mask('idiom.zh.sale', 'none', '跳楼(?:价|甩卖|大甩卖|大减价|机|大拍卖|清仓)'),
  mask('idiom.zh.cut-compound', 'none', '割韭菜|割肉|割草|割麦|割稻'),
  mask('idiom.zh.hang-compound', 'none', '一哭二闹三上吊'),
];

/** English idioms and hyperbole. */
export const EN_IDIOMS: readonly IdiomMask[] = [
  mask('idiom.en.killing-myself-working', 'concern',
    String.raw`\bkilling my ?self (over|for|to|trying|working|at work|with work|on this)\b`, true),
  mask('idiom.en.laughing', 'none',
    String.raw`\b(kill|killing|killed|kills) (my|him|her|them|your) ?(self|selves) laughing\b|\b(die|dying|died) (laughing|of laughter|of embarrassment|of boredom)\b`, true),
  mask('idiom.en.kill-thing', 'none',
    String.raw`\bkill(ing|ed|s)? (it|time|two birds|the (process|job|task|server|app|program|engine|lights|music|mood|vibe|bill|deal|project|idea|switch|session|thread|container|pod|query|tab|noise|power))\b|\bkill -?9\b|\bkiller (app|feature|deal|instinct)s?\b|\bkill them with kindness\b`, true),
  mask('idiom.en.dying-to', 'none',
    String.raw`\bdying (to|for)\b|\bhill (i|we) (want to|wanna|will|would|am going to|d) die on\b|\bdying of (laughter|boredom|embarrassment|curiosity|heat|thirst|hunger|cold)\b|\bto die for\b|\bdie on (this|that|the|a) hill\b`, true),
  mask('idiom.en.dead-compound', 'none',
    String.raw`\bdead (tired|serious|wrong|right|end|line|beat|set|silent|on|in the water|battery|last)\b|\bdeadline|\bdrop dead (gorgeous|beautiful)\b|\bknock (em|them) dead\b`, true),
  mask('idiom.en.device-died', 'none',
    String.raw`\b(phone|laptop|battery|computer|car|pc|printer|excel|screen|mouse|keyboard|plant|server|wifi|internet|tablet|headset|charger) (is |just |has |had )?(died|dead|dying)\b`, true),
  mask('idiom.en.suicide-compound', 'none',
    String.raw`\bsuicide (squad|doors?|missions?|bomb(er|ers|ing|ings)?|attacks?|runs?|drills?|sprints?|king|vest)\b|\b(career|political|social|commercial|corporate|financial|professional|brand|electoral) suicide\b`, true),
  mask('idiom.en.slack', 'none', String.raw`\bcut (my ?self|me|him|her|them|you|us) (some )?slack\b`, true),
  mask('idiom.en.shoot-message', 'none', String.raw`\bshoot (me|him|her|them|us) (an|a) (email|message|text|note|dm|line)\b`, true),
  mask('idiom.en.domestic-violence-info', 'none', String.raw`\bdomestic violence (leave|policy|policies|training|awareness|law|laws)\b`, true),
];
