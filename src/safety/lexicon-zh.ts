import { zhRule, type CrisisRule } from './crisis-rule.ts';

/*
 * Chinese rules, matched against normalised text: simplified, no spaces or light punctuation
 * between Han characters, clauses separated by "|". Idioms (累死了, 想死你了, 跳楼价 …) are masked
 * before these run; see idioms.ts. Keep gaps bounded ({0,n}) so matching stays linear.
 */

/** People a member talks about: a colleague at risk gets a crisis response too. */
const PERSON =
  '(?:同事|朋友|同学|室友|舍友|工友|老乡|老公|老婆|丈夫|妻子|爱人|男朋友|女朋友|男友|女友|对象|家人|' +
  '爸爸|妈妈|父亲|母亲|哥哥|姐姐|弟弟|妹妹|儿子|女儿|孩子|领导|上司|老板|主管|经理|组长|班长|师傅|徒弟|' +
  '下属|搭档|队友|媳妇|表姐|表哥|闺蜜|兄弟|小[王李张刘陈杨黄赵周吴]|老[王李张刘陈杨黄赵周吴]|他|她)';
/** Who might hit, lock up or threaten a member (English words for mixed messages). */
const ACTOR =
  '(?:同事|男同事|女同事|领导|上司|老板|老板娘|主管|经理|组长|班长|师傅|厂长|主任|总监|老总|工头|包工头|' +
  '保安|客户|顾客|老公|丈夫|男朋友|男友|对方|有人|那人|他们|她们|他|她|' +
  '(?:boss|manager|supervisor|foreman|coworker|colleague|lead|he|she|they) ?)';
const NOT_A_CALL = '(?!的?(?:电话|手机|微信|视频|语音|卡|工资|款|钱|账户|主意|名字)|们的?(?:电话|手机|微信|工资|钱)|一?个?措手不及)';
const KILL_VERB = '(?:杀死|杀了|宰了|砍死|砍了|捅死|捅了|弄死|打死|掐死|毒死|杀掉|做掉)';
const TARGET =
  '(?:那个|这个|那些|这些|我们|我的|我们的)?(?:他|她|他们|她们|老板|领导|经理|主管|组长|上司|老板娘|总监|' +
  '厂长|老总|包工头|工头|班长|同事|那人|这人|那个人|这个人|那货|那家伙|混蛋|王八蛋|畜生|人渣|你们|你|所有人|全家)(?!的)';
const NOUN = '(?:人|家伙|混蛋|王八蛋|畜生|人渣|老板|领导|经理|主管|主任|组长|上司|总监|厂长|包工头|工头|班长|同事)';
/** "经理肯定杀了他": a prediction about someone else, said as hyperbole. */
const SOMEONE_WILL = /(?:经理|老板|领导|主管|老师|妈|爸|他|她|他们|人家)[^我|#]{0,3}(?:肯定|一定|非得?|绝对|准)(?:会|要)?$/u;
const WORKPLACE = '(?:公司|工厂|厂子|厂房|厂|办公室|大楼|车间|仓库|单位|店)';
const WEAPON = '(?:刀|菜刀|水果刀|匕首|砍刀|枪|铁棍|棍子|砖头|扳手|锤子|钢管)';
const SUICIDE_WORD = '(?:自杀|轻生|寻短见|寻死|自尽)';
const RISK_ABOUT_SOMEONE =
  '(?:自杀|轻生|跳楼|割腕|割脉|寻短见|寻死|上吊|跳河|烧炭|喝农药|服毒|自残|想不开|不想活|想死|遗书|了结自己|结束自己的生命)';

const MONEY = /工资|薪水|收入|钱|房租|房贷|物价|生活费|养家|养不起|开销|涨价|穷|吃饭/u;
const ACCIDENT = /不小心|意外|摔倒|摔了|事故|工伤|误伤|没注意|被机器|搬货|搬东西|干活的时候|操作机器|切菜/u;
/** Saying goodbye because of leaving a job, not leaving life. */
const LEAVING_JOB = /离职|辞职|最后一天|离开公司|跳槽|调走|退休|毕业|出国|调岗|入职|转岗/u;

/** Rules for Chinese text. */
export const ZH_RULES: readonly CrisisRule[] = [
  // --- suicide: wanting not to live
  zhRule('zh.suicide.not-want-live', 'crisis', ['suicide'],
    '(?:不想|不愿意?|不要|不打算)(?:再|继续)*活(?![动跃泼力络儿在成得法路干计宝血])'),
  zhRule('zh.suicide.cannot-live', 'crisis', ['suicide'],
    '活不下去|(?:没法|没办法|无法|不能)(?:再)?(?:继续)?活下去', { concernIf: MONEY }),
  zhRule('zh.suicide.had-enough', 'crisis', ['suicide'], '(?<![你您他她])活(?:够|腻)了'),
  zhRule('zh.suicide.want-die', 'crisis', ['suicide'],
    '(?<core>(?:想|想要|想去|要去|想着|老想|想怎么去|想着去)死)(?![机线心亡刑磕扛守缠在])', { negatable: true, pastAware: true }),
  zhRule('zh.suicide.think-of-death', 'crisis', ['suicide'],
    '(?<core>(?:想到|想起|想过|考虑过|琢磨)死)(?![机线心亡刑磕扛守缠])', { negatable: true, pastAware: true }),
  zhRule('zh.suicide.go-die', 'crisis', ['suicide'], '(?<!你|您|你们|你们都|你就|你还是|你怎么不)去死(?!吧你)'),
  zhRule('zh.suicide.nobody-cares', 'crisis', ['suicide'],
    '死(?:了|掉)(?:也|都)?没(?:有)?人(?:会)?(?:难过|在乎|关心|伤心|发现|知道|心疼|管)'),
  zhRule('zh.suicide.better-dead', 'crisis', ['suicide'],
    '死(?:了|掉)?(?:算了|就好了|就解脱|一了百了|干净|也好|比较好|更好|才好|就不用)|(?<!生)不如(?:早点|早些|直接|干脆)?死|还是死了(?!这条心|心)|' +
      '我(?:消失|不在|走)了[^|#]{0,4}(?:大家|所有人|家人|他们|世界)(?:都)?(?:会)?(?:更好|轻松|解脱|开心)'),
  zhRule('zh.suicide.if-i-died', 'crisis', ['suicide'], '(?:要是|如果|假如|等)我死了|我(?:是不是)?死了(?:就|以后|之后|大家|也好)'),
  zhRule('zh.suicide.how-to-die', 'crisis', ['suicide'], '怎么死|怎样死|哪种死法|用死(?:来)?(?:解脱|结束|证明)'),
  zhRule('zh.suicide.mention', 'crisis', ['suicide'], `(?<core>${SUICIDE_WORD})`,
    { mention: true, negatable: true, pastAware: true }),
  zhRule('zh.suicide.intent', 'crisis', ['suicide'],
    `(?:想|要|想要|打算|准备|计划|决定|考虑|尝试|试图|企图|试过|想过|该|应该|只能|干脆|不如|要不要)(?:过|去|着)?(?:怎么|如何)?(?<core>${SUICIDE_WORD})`,
    { negatable: true, pastAware: true }),
  zhRule('zh.suicide.self', 'crisis', ['suicide'], `我(?:自己)?(?:也|就|要|会)?(?<core>${SUICIDE_WORD})`,
    { negatable: true, pastAware: true }),
  zhRule('zh.suicide.how', 'crisis', ['suicide'], `(?:怎么|怎样|如何)(?:样)?(?<core>${SUICIDE_WORD})`),
  zhRule('zh.suicide.thoughts', 'crisis', ['suicide'],
    `(?<core>${SUICIDE_WORD}|想死)的?(?:念头|想法|倾向|冲动|计划|打算)`, { negatable: true, pastAware: true }),
  zhRule('zh.suicide.attempted', 'crisis', ['suicide'], `(?<core>${SUICIDE_WORD})(?:过|未遂)`,
    { negatable: true, pastAware: true }),
  zhRule('zh.suicide.end-life', 'crisis', ['suicide'],
    '(?<core>结束(?:自己的?|我的)?(?:生命|性命)|结束(?:掉)?(?:我)?自己(?!的)|了[结断](?:我)?(?:自己|此生|生命)|自我了[结断]|自行了断)', { negatable: true, pastAware: true }),
  zhRule('zh.suicide.jump', 'crisis', ['suicide'], '(?<core>跳楼|跳河|跳江|跳海|跳桥|跳湖|卧轨|跳轨)',
    { mention: true, negatable: true, pastAware: true }),
  zhRule('zh.suicide.jump-down', 'crisis', ['suicide'],
    '(?<core>(?:想|要|准备|打算|差点|真想|就想|直接|如果|要是|干脆|想着|老想)(?:我)?(?:从[^|#]{0,12})?(?:跳下去|跳出去|往下跳|一跃而下|跳下来)|' +
      '(?:从|往)[^|#]{0,8}(?:楼|窗|天台|阳台|桥|楼顶|屋顶)[^|#]{0,4}(?:跳下去|跳出去|跳下来|往下跳))', { negatable: true, pastAware: true }),
  zhRule('zh.suicide.hang', 'crisis', ['suicide'], '(?<core>上吊|吊死自己|悬梁)', { mention: true, negatable: true, pastAware: true }),
  zhRule('zh.suicide.poison', 'crisis', ['suicide'],
    '(?<core>(?:喝|吞|服|吃)(?:了|下)?(?:一?瓶)?(?:农药|百草枯|敌敌畏|老鼠药|鼠药|毒药|除草剂)|服毒|(?:想|要|准备|打算|干脆)喝药)',
    { mention: true, negatable: true, pastAware: true }),
  zhRule('zh.suicide.charcoal', 'crisis', ['suicide'], '(?<core>烧炭)', { mention: true, negatable: true, pastAware: true }),
  zhRule('zh.suicide.pills', 'crisis', ['suicide'],
    '(?:攒|囤|存)(?:了|下|够)?[^|#]{0,6}(?:安眠药|安定片)|(?:吃|吞)了?[^|#]{0,3}(?:半瓶|大半瓶|几瓶|一板|两板|几板|好几板|几十片|一大把)的?(?:安眠药|安定|药)|(?:把|所有的?|全部的?)安眠药|安眠药(?:都|全)|' +
      '(?:一整瓶|整瓶|一瓶|一把|很多|好多|大量|一堆|全部|所有|几十片|一大把|几瓶)的?(?:安眠药|安定|止痛药|药片)|' +
      '(?:吞|吃)(?:了|下|掉)?(?:一整瓶|整瓶|一瓶|一把|大量|一大把|所有的?|全部的?)的?药|' +
      '(?:想|要|打算|准备|干脆)(?:去)?(?:吞|吃|喝)[^|#]{0,4}安眠药|安眠药[^|#]{0,10}(?:不醒|睡过去|一了百了|结束|解脱|永远)'),
  zhRule('zh.suicide.affairs', 'crisis', ['suicide'],
    '(?:银行卡|密码|存款|积蓄)[^|#]{0,10}(?:留给|交给|交代给)(?:我)?(?:妈|爸|家人|父母|老婆|老公|孩子)'),
  zhRule('zh.suicide.traffic', 'crisis', ['suicide'], '想[^|#]{0,2}(?:撞车|被车撞|冲到马路上|冲向车|被撞死|撞死自己)', { negatable: true }),
  zhRule('zh.suicide.farewell', 'crisis', ['suicide'],
    '(?<core>遗书|遗言|告别信|绝笔|道别(?:的)?(?:消息|信)|(?:和|跟|向)(?:这个)?世界(?:告别|说再见|道别)|告别(?:这个)?世界|(?:想|要|打算|准备|我)离开(?:这个)?(?:世界|人世|人间)|' +
      '后事(?:都)?(?:安排|交代|准备)|(?:安排|交代|准备)(?:好)?(?:了)?后事)',
    { mention: true, unless: LEAVING_JOB }),
  zhRule('zh.suicide.once-and-for-all', 'crisis', ['suicide'], '(?:想|要|干脆|不如|就|死了?)一了百了|一死了之|一死百了'),
  zhRule('zh.suicide.never-wake', 'crisis', ['suicide'],
    '睡[^|#]{0,10}(?:再也)?(?:不要|不想|别|不用|不再|永远不)(?:再)?醒|一睡不醒|一觉不醒|永远睡(?:过去|着|下去)|' +
      '不(?:想|要|愿意?)再醒(?:过来|来)?|再也不(?:想|要)?醒'),
  zhRule('zh.suicide.wish-dead', 'crisis', ['suicide'],
    '(?:希望|但愿|恨不得)(?:我|自己)?(?:死掉|死了|去死|没出生|从来没有出生|从没出生)'),
  zhRule('zh.suicide.someone', 'crisis', ['suicide'], `${PERSON}[^|#]{0,10}?(?<core>${RISK_ABOUT_SOMEONE})`,
    { negatable: true }),

  zhRule('zh.suicide.high-place', 'crisis', ['suicide'],
    '(?:站在|坐在|爬上|站到|爬到|已经在|一个人在)(?:了)?[^|#]{0,4}(?:楼顶|天台|顶楼|屋顶|桥上|桥边|窗台|窗外|阳台边|栏杆外|铁轨上|江边|河边)|' +
      '(?:楼顶|天台|顶楼|屋顶|窗台|桥上)(?:上)?(?:站|坐)了'),
  zhRule('zh.suicide.prepared', 'crisis', ['suicide'],
    '(?:准备|买|找)(?:了|好)(?:一?根)?(?:绳子|麻绳)|药(?:都|已经)?(?:准备|攒|买)好了|(?:找|拿)(?:一?根)?绳子[^|#]{0,4}(?:吊|上吊|勒)'),
  // --- self-harm
  zhRule('zh.self-harm.wrist', 'crisis', ['self-harm', 'suicide'], '(?<core>割腕|割脉|割手腕|(?:划|割)(?:了|破|开)?(?:我的?)?手腕)',
    { negatable: true, pastAware: true, unless: ACCIDENT }),
  zhRule('zh.self-harm.cut', 'crisis', ['self-harm'],
    '(?<core>(?:割|划|剌)(?:伤|破|了|开)?(?:我)?自己|' +
      '(?:用|拿)(?:刀|刀片|小刀|美工刀|剪刀|玻璃|圆规)[^|#]{0,4}(?:划|割|扎|刺)(?:自己|手|胳膊|手臂|大腿|腿)|' +
      '(?:自己|我)划的(?:口子|伤口|伤)|划了(?:好几|几|很多|一)道)',
    { negatable: true, pastAware: true, unless: ACCIDENT }),
  zhRule('zh.self-harm.body', 'crisis', ['self-harm'],
    '(?<core>割(?:我的)?(?:手|手臂|胳膊|腿|大腿)(?![机套表膜])|把自己(?:的)?[^|#]{0,4}(?:抓|划|割|烫|打|掐|咬|砸|弄|搞)(?:得|伤|破|出血|流血)|' +
      '(?:用|拿)(?:刀|刀片|小刀|美工刀)[^|#]{0,6}(?:划|割|刻)|(?:我)?自己(?:割|划|弄|烫|咬|抓|打)(?:伤)?的|(?:拿|用)头撞墙|撞墙撞到|(?:撞|打|划|抓)到流血|' +
      '(?:抓|划|割|掐|咬)得?(?:全是|都是|满是|直流|流)血|(?:烟头|打火机|开水|烙铁)(?:烫|烧)(?:自己|手|胳膊|手臂|腿))',
    { negatable: true, pastAware: true, unless: ACCIDENT }),
  zhRule('zh.self-harm.general', 'crisis', ['self-harm'],
    '(?<core>自残|自伤|伤害(?:我)?自己|(?:弄|搞)伤了?(?:我)?自己|虐待自己|(?:烫|烧|掐|咬|扎|刺)(?:伤)?自己(?!的))',
    { mention: true, negatable: true, pastAware: true, unless: ACCIDENT }),

  // --- harm to others
  zhRule('zh.harm.kill-someone', 'crisis', ['harm-to-others'],
    `(?<core>${KILL_VERB}(?:${TARGET}|(?:那个|这个|那些|这些)[^|#]{0,8}?${NOUN}))`,
    { negatable: true, unlessBefore: SOMEONE_WILL }),
  zhRule('zh.harm.object-first', 'crisis', ['harm-to-others'],
    `把(?:${TARGET}|(?:那个|这个|我们|我们的|他们的?)?[^|#]{0,4}?${NOUN})(?:都|全|全部)?(?:给)?(?:宰|杀|砍死|捅死|弄死|杀死|打死|做掉|杀掉)(?:了|掉)?|` +
      `(?:拿|带|揣)(?:着)?(?:一?把)?${WEAPON}[^|#]{0,4}(?:跟|和|找)(?:他|她|他们|她们)`, { negatable: true }),
  zhRule('zh.harm.want-kill', 'crisis', ['harm-to-others'],
    '(?<core>(?:想|要|会|真想|恨不得)(?:去)?(?:动手)?杀(?:了)?人)', { negatable: true }),
  zhRule('zh.harm.stab', 'crisis', ['harm-to-others'], '(?:捅|砍|刺)(?:他|她|那个[^|#]{0,3})(?:几|一)刀'),
  zhRule('zh.harm.together', 'crisis', ['harm-to-others', 'suicide'], '同归于尽'),
  zhRule('zh.harm.revenge-death', 'crisis', ['harm-to-others'], '陪葬|偿命|灭(?:他|她)?(?:全家|满门)|血债血偿'),
  zhRule('zh.harm.society', 'crisis', ['harm-to-others'], '报复社会'),
  zhRule('zh.harm.arson', 'crisis', ['harm-to-others'],
    `把(?:这个|那个|整个)?${WORKPLACE}(?:给)?(?:烧|炸|点)(?:了|掉)|(?:炸|烧|放火烧|点)(?:了|掉)(?:这个|那个|整个)?${WORKPLACE}|` +
      '(?<core>放火|纵火|泼汽油|放(?:一|一把|把)火|一把火烧了)', { negatable: true }),
  zhRule('zh.harm.weapon', 'crisis', ['harm-to-others'],
    `(?:准备好|磨好|藏好|带着|揣着|揣了)(?:一?把)?${WEAPON}|(?:买了|买好|准备了)(?:一?把)?${WEAPON}[^#]{0,12}?(?:带到|带去|拿到|拿去|找他|找她)|(?:带|拿|揣)(?:着|上)?(?:一?把)?${WEAPON}(?:去|到|进|找)`),
  zhRule('zh.harm.urge', 'concern', [], '想打人|想揍(?:他|她|人)|报复(?:他|她|老板|领导|公司|经理|主管)'),
  // Unwanted touching short of assault: serious, but the harassment flow and a counsellor, not a crisis.
  zhRule('zh.violence.unwanted-touching', 'concern', ['violence'], '动手动脚'),

  // --- violence against the member (or someone they speak for)
  zhRule('zh.violence.hit-me', 'crisis', ['violence'],
    `${ACTOR}[^|#]{0,6}?(?:打|揍|踢|踹|扇|掐|殴打|打伤|暴打|痛打|围殴|毒打|砸)(?:了)?我(?:们)?(?!的?(?:饭碗|场子|招牌|锅))${NOT_A_CALL}|` +
      '(?:踢|踹|扇|掐|揍|殴打|暴打)了我|打了我一(?:巴掌|拳|顿|耳光|下)|扇我耳光|扇我巴掌|拳打脚踢|' +
      '(?:扇|打|抽)了(?:我)?(?:好几|几|一|两|三)(?:个|下)?(?:巴掌|耳光|拳)|(?:拿|用)[^|#]{0,5}(?:砸|打|抽|扔)(?:我|向我)(?!的?(?:饭碗|场子|招牌))',
    { negatable: true }),
  zhRule('zh.violence.was-hit', 'crisis', ['violence'],
    `被(?:[^|#]{0,4}?${ACTOR}|人|[^|#]{0,8}的人)?(?:打(?:伤|骂|哭|残|晕|肿|出血|得(?!措手不及|落花流水)|过|` +
      '了(?![一几]?[个顿]?(?:折|分|卡|针|回|电话|差评|标签|低分|叉|钩|勾|五折|八折|招呼|鸡血|措手不及))|了?一(?:巴掌|拳|顿(?!鸡血)|耳光))|' +
      '揍|踢(?!出|掉)|踹|扇|殴打|暴打|痛打|围殴|群殴|毒打|围攻|家暴|性侵|强奸|强暴|猥亵|非礼|性侵犯|软禁|囚禁|绑架|拘禁|掐)'),
  zhRule('zh.violence.did-to-me', 'crisis', ['violence'],
    '把我(?:们)?(?:打|揍|踢|踹)(?!电话|卡|入冷宫|进冷宫|发|回|扮|包|印|工|杂|下手)|把我(?:的)?(?:腿|手|胳膊|牙)(?:给)?打断|打断我的?(?:腿|手|胳膊)|' +
      '动手(?:推|打|揍|踢)(?:了)?我|推(?:了)?我[^|#]{0,4}(?:撞|摔|倒地|倒在)|把我(?:推倒|推到地上|按在地上|摁在地上)|追着我(?:打|砍)|对我动手(?!动脚)|动手打(?:了)?(?:我|人)|' +
      `${ACTOR}[^|#]{0,4}打人|掐(?:住)?(?:我的?)?脖子`),
  zhRule('zh.violence.sexual', 'crisis', ['violence'], '(?<core>性侵|强奸|强暴|猥亵|性侵犯|迷奸|轮奸)', { mention: true }),
  zhRule('zh.violence.touched', 'crisis', ['violence'],
    '(?:摸|捏|抓|揉)(?:了)?我的?(?:胸|屁股|臀|大腿|下体|私处|隐私部位)|强行(?:抱|亲|吻|摸|脱|拉我|把我)|(?:扒|脱)(?:了)?我的?(?:衣服|裤子)'),
  zhRule('zh.violence.confined', 'crisis', ['violence'],
    '(?<!自己)(?:把我|把我们|把人|我被|被)(?!的)[^|#]{0,8}?(?:锁|关|反锁)(?:在|进|起来|了起来)(?![^|#]{0,4}(?:门外|外面|外边|小黑屋))|' +
      '不让我(?:出去|出来|出门)(?!吃|买|玩|旅游|上厕所|喝)|不让我离开(?!公司|单位|岗位|这个行业|这家)|' +
      '把我(?:们)?关(?:起来|了起来|在)|限制(?:了)?我的?人身自由'),
  zhRule('zh.violence.threat', 'crisis', ['violence'],
    '(?:威胁|扬言|放话|警告)[^|#]{0,10}(?:杀|打(?![听扫印包电字卡针理官])|弄死|砍|捅|揍|收拾|伤害|弄残|废了|泼硫酸|找人|打断)|' +
      '(?:说|扬言|威胁|声称|放话|警告)[^|#]{0,10}(?:弄死|打死|杀了|砍死|捅死|做掉|废了|弄残|扔下去|推下去)(?:我|你)?|' +
      '(?:说|扬言|威胁|放话)[^|#]{0,12}让我(?:消失|活不成|横着出去|断手断脚)|(?:就|要|会)(?:弄死|打死|杀了|砍死|捅死|做掉|废了|弄残)我(?!了)|' +
      '找人(?:打(?![听扫印包电字卡针理])|揍|收拾|砍|弄|教训|修理)[^|#]{0,3}我|' +
      `(?:拿|掏|拔|举|拎|抄)(?:着|出|起)?了?(?:一?把)?${WEAPON}[^|#]{0,4}(?:对着|指着|冲着|威胁|砍|捅|追|打)`),
  zhRule('zh.violence.weapon-used', 'crisis', ['violence'],
    '用(?:钢管|铁棍|棍子|刀|砖头|椅子|凳子|锤子|扳手|皮带|拳头|酒瓶)[^|#]{0,2}(?:打|砍|捅|砸|抽)|把我(?:从[^|#]{0,6})?(?:扔|推|丢)(?:下去|下楼)|' +
      '强行(?:进入|进来|闯进|闯入)|(?:被骗|骗到|卖到|困在)[^|#]{0,6}园区|' +
      '(?:护照|身份证|证件)[^#]{0,20}不让我(?:走|离开|出去)|不让我(?:走|离开|出去)[^#]{0,20}(?:护照|身份证|证件)'),
  zhRule('zh.violence.unfree', 'crisis', ['violence'], '(?<core>限制人身自由|软禁|囚禁)', { mention: true }),
  zhRule('zh.violence.domestic', 'crisis', ['violence'], '(?<core>家暴)', { mention: true }),

  // --- concern: distress and hopelessness short of risk
  zhRule('zh.concern.meaningless', 'concern', [],
    '活着(?:真|好|太|很)?(?:没|没有)(?:意思|意义|盼头)|活着就是(?:浪费|多余|累赘|受罪)|活着(?:还)?有什么(?:意思|意义|用)|活(?:着|得)(?:好|太|真|很)(?:累|痛苦|难|辛苦)|' +
      '不想活得(?:这么|那么|如此)?(?:累|辛苦|痛苦|憋屈)'),
  zhRule('zh.concern.cannot-go-on', 'concern', [],
    '撑不下去|撑不到|熬不下去|扛不下去|挺不下去|坚持不下去了|撑不住了|扛不住了|熬不住了|难以承受|承受不了'),
  zhRule('zh.concern.hopeless', 'concern', [],
    '绝望|看不到(?:任何)?希望|没有希望|没希望了|(?:人生|生活|未来)(?:一片)?(?:黑暗|灰暗|没有意义|毫无意义)|生不如死|痛不欲生|' +
      '(?:想|好想|真想)消失|崩溃了|要崩溃|快崩溃|结束这一切|没(?:有)?人在乎我|我是(?:个)?(?:多余|累赘|负担)|想不开'),
  zhRule('zh.concern.dying', 'concern', [], '我(?:快|要)死了'),
];
