import type { ThesaurusEntry } from './types.ts';

/** Wellbeing at work: stress, burnout, conflict and bullying (for psych/ articles). */
export const PSYCH_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'work-stress',
    statutory: '工作压力|压力',
    zh: '压力|压力大|压力好大|喘不过气|扛不住|撑不住|累|好累|心累|疲惫|崩溃|受不了|太难了|内卷',
    en: 'stress|stressed|stressful|pressure|under pressure|overwhelmed|exhausted|tired|worn out|cant cope|can\'t cope|breaking down|too much',
  },
  {
    id: 'burnout',
    statutory: '职业倦怠|倦怠',
    zh: '倦怠|职业倦怠|不想上班|厌班|上班没意思|提不起劲|没动力|躺平|摆烂|麻木',
    en: 'burnout|burned out|burnt out|no motivation|dont want to go to work|hate my job|dread going to work|demotivated|numb',
  },
  {
    id: 'anxiety',
    statutory: '焦虑|紧张|不安',
    zh: '焦虑|紧张|担心|害怕|不安|慌|心慌|恐惧|忐忑|担忧',
    en: 'anxiety|anxious|worried|worry|nervous|panic|panic attack|afraid|scared|fear|uneasy',
  },
  {
    id: 'low-mood',
    statutory: '情绪低落|抑郁|心理健康',
    zh: '抑郁|郁闷|难过|伤心|情绪低落|不开心|想哭|哭|心情不好|沮丧|绝望|没意义|低落|痛苦',
    en: 'depressed|depression|sad|down|low mood|unhappy|crying|cry|hopeless|miserable|empty|feel bad',
  },
  {
    id: 'sleep',
    statutory: '失眠|睡眠',
    zh: '失眠|睡不着|睡不好|做噩梦|半夜醒|熬夜|睡眠',
    en: 'insomnia|cant sleep|can\'t sleep|sleepless|trouble sleeping|not sleeping|nightmares|sleep',
  },
  {
    id: 'workplace-bullying',
    statutory: '职场霸凌|欺凌|排挤',
    zh: '霸凌|职场霸凌|欺负|排挤|孤立|针对我|穿小鞋|pua|PUA|冷暴力|骂我|羞辱|当众批评|甩锅|被针对',
    en: 'bullying|bullied|bully|workplace bullying|picked on|excluded|isolated|humiliated|yelled at|shouted at|gaslighting|gaslight|toxic boss|toxic workplace|singled out|mobbing',
  },
  {
    id: 'workplace-conflict',
    statutory: '人际关系|冲突|沟通',
    zh: '同事关系|人际关系|和领导关系|和同事吵架|吵架|矛盾|冲突|合不来|相处|沟通|不被认可|被否定',
    en: 'conflict|argument|argue|dont get along|difficult colleague|difficult boss|relationship with my boss|relationship with colleagues|communication|not appreciated|undervalued',
  },
  {
    id: 'job-insecurity',
    statutory: '失业|求职|职业发展',
    zh: '怕被裁|担心被裁|怕失业|前途|迷茫|职业规划|转行|找不到方向|没前途|中年危机|35岁',
    en: 'job insecurity|afraid of losing my job|fear of layoffs|career|career path|lost|no future|midlife|career change|uncertain future',
  },
  {
    id: 'self-esteem',
    statutory: '自信|自我价值',
    zh: '自卑|不自信|自我怀疑|觉得自己没用|觉得自己很差|一无是处|做不好|能力不行|被否定|失败感|挫败',
    en: 'low self-esteem|self-esteem|not confident|no confidence|useless|worthless|not good enough|failure|self-doubt|inadequate',
  },
  {
    id: 'anger',
    statutory: '情绪管理|愤怒',
    zh: '生气|愤怒|发火|发脾气|想打人|暴躁|烦躁|气愤|憋屈|委屈|不公平',
    en: 'angry|anger|furious|frustrated|frustration|irritable|lose my temper|resentful|treated unfairly',
  },
  {
    id: 'loneliness',
    statutory: '孤独|社交',
    zh: '孤独|孤单|没人理解|没有朋友|社交恐惧|社恐|害怕与人|不敢说话|不合群|融不进',
    en: 'lonely|loneliness|alone|isolated|no friends|social anxiety|afraid of people|dont fit in|left out',
  },
  {
    id: 'guilt-regret',
    statutory: '内疚|自责',
    zh: '后悔|内疚|自责|愧疚|怪自己|犯了错|犯错',
    en: 'regret|guilty|guilt|blame myself|made a mistake|my fault|ashamed',
  },
  {
    id: 'feeling-stuck',
    statutory: '困惑|迷茫',
    zh: '困扰|很困扰|迷茫|纠结|不知所措|很难应对|不知道该怎么办|压抑|心里难受|提不起兴趣|没意思|心烦|心情不好',
    en: 'confused|stuck|lost|dont know what to do|overwhelmed|troubled|bothering me|cant stop thinking',
  },
  {
    id: 'career-development',
    statutory: '职业发展|晋升',
    zh: '晋升|升职|职业发展|换工作|跳槽|转行|前途|发展空间|被调到外地|被边缘化',
    en: 'promotion|promoted|career development|career growth|change jobs|switch careers|career prospects|sidelined|passed over',
  },
  {
    id: 'counselling',
    statutory: '心理咨询|心理援助|心理辅导|心理疏导',
    zh: '心理咨询|心理医生|咨询师|心理辅导|心理援助|倾诉|找人聊聊|心理疏导|心理热线|eap|EAP',
    en: 'counselling|counseling|counsellor|counselor|therapist|therapy|psychologist|talk to someone|mental health|eap|employee assistance|hotline|support line',
  },
  {
    id: 'work-life-balance',
    statutory: '休息|家庭|身心健康',
    zh: '没时间陪家人|工作和生活|陪孩子|家庭矛盾|没有自己的时间|下班还要回消息|随时待命',
    en: 'work-life balance|work life balance|no time for family|always on call|messages after work|no personal time|family time',
  },
];
