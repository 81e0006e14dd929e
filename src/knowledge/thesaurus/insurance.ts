import type { ThesaurusEntry } from './types.ts';

/** Social insurance and work-related injury. */
export const INSURANCE_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'social-insurance',
    statutory: '社会保险|社会保险费|缴纳社会保险费|社会保险登记|参加社会保险',
    zh: '社保|社会保险|五险|五险一金|交社保|缴社保|买社保|上社保|社保断缴|补缴社保|社保基数|不交社保|不买社保|没交社保|没有社保|放弃社保',
    en: 'social insurance|social security|insurance contributions|social insurance contributions|pay social insurance|five insurances|benefits contributions|contribute to social insurance|insurance premiums',
  },
  {
    id: 'social-insurance-arrears',
    statutory: '未按时足额缴纳社会保险费|责令限期缴纳或者补足|滞纳金|未依法为劳动者缴纳社会保险费|用人单位不办理社会保险登记',
    zh: '欠缴社保|少交社保|社保断了|不给交社保|不给买社保|社保按最低交|补交社保|自愿放弃社保|社保补贴|社保+不交|社保+没交|社保+没买|社保+不买|社保+没缴|社保+断|不给+交社保|不给+买社保',
    en: 'unpaid social insurance|not paying social insurance|doesnt pay social insurance|does not pay social insurance|failed to pay social insurance|underpaid social insurance|social insurance arrears|waive social insurance|opt out of social insurance',
  },
  {
    id: 'social-insurance-transfer',
    statutory: '转移接续|随本人转移|缴费年限累计计算|跨统筹地区就业|基本养老保险关系|基本医疗保险关系',
    zh: '社保转移|社保怎么转|转社保|社保转到|异地社保|社保转移接续|换城市社保|社保关系转|养老保险转移|医保转移|社保接续',
    en: 'transfer my social insurance|move my social insurance|social insurance transfer|transfer social insurance|change cities|move to another city|pension transfer|transfer my pension|carry over my contributions|insurance when i change jobs',
  },
  {
    id: 'social-insurance-registration',
    statutory: '社会保险登记|自用工之日起三十日内为其职工向社会保险经办机构申请办理社会保险登记|自成立之日起三十日内',
    zh: '社保登记|参保登记|办社保|办理社保|开社保户|社保开户|新公司社保',
    en: 'register for social insurance|social insurance registration|enrol in social insurance|enroll in social insurance|sign me up for social insurance',
  },
  {
    id: 'pension',
    statutory: '基本养老保险|养老金|基本养老金|个人账户|累计缴费满十五年',
    zh: '养老保险|养老金|退休金|养老|交满15年|交满十五年|个人账户',
    en: 'pension|pension insurance|old-age insurance|retirement pension|pension account|basic pension',
  },
  {
    id: 'medical-insurance',
    statutory: '基本医疗保险|职工基本医疗保险|医疗费用|医保',
    zh: '医保|医疗保险|看病报销|报销|医疗费报销|医保卡',
    en: 'medical insurance|health insurance|medical expenses|reimburse|reimbursement|medical costs|treatment costs',
  },
  {
    id: 'unemployment-insurance',
    statutory: '失业保险|失业保险金|失业人员|领取失业保险金|非因本人意愿中断就业|失业保险费|领取失业保险金的期限',
    zh: '失业金|失业保险|失业救济|失业补助|领失业|失业了|没工作了|找不到工作|失业保险金|领多久|能领几个月|最长能领',
    en: 'unemployment benefit|unemployment benefits|unemployment insurance|jobless benefit|dole|unemployed|out of work|lost my job|claim unemployment',
  },
  {
    id: 'maternity-insurance',
    statutory: '生育保险|生育津贴|生育医疗费用|生育保险待遇',
    zh: '生育保险|生育津贴|生育险|产假工资|产假期间工资|生育补贴|产检报销|生育报销',
    en: 'maternity insurance|maternity allowance|maternity benefit|maternity pay|pay during maternity leave|birth allowance|childbirth allowance|maternity benefits',
  },
  {
    id: 'work-injury',
    statutory: '工伤|因工作原因受到事故伤害|工伤保险|工伤职工|因工负伤',
    zh: '工伤|受伤|摔伤|砸伤|烫伤|压伤|割伤|骨折|断手|断指|受了伤|伤了|被机器|上班受伤|干活受伤|工作受伤|工地受伤|意外受伤|出事故|上班+受伤|干活+受伤|工作+受伤|上班+摔|干活+摔|工作时+伤',
    en: 'work injury|work-related injury|workplace injury|occupational injury|injured at work|hurt at work|injured on the job|accident at work|work accident|industrial injury|injury|injured|hurt|broke my|fracture',
  },
  {
    id: 'commuting-injury',
    statutory: '在上下班途中，受到非本人主要责任的交通事故|上下班途中|交通事故',
    zh: '上班路上|下班路上|上下班途中|上下班|通勤|回家路上|下班回家|上班的路上|下班的路上|路上出车祸|车祸|被车撞|骑车摔|路上摔|交通事故|上班途中|下班途中',
    en: 'on my way to work|on the way to work|on my way home|way home from work|commute|commuting|traffic accident|car accident|hit by a car|road accident|bike accident|on the way home',
  },
  {
    id: 'deemed-work-injury',
    statutory: '视同工伤|在工作时间和工作岗位，突发疾病死亡或者在48小时之内经抢救无效死亡|抢险救灾',
    zh: '猝死|突发疾病|心脏病|脑溢血|过劳死|48小时|突然晕倒|加班猝死|突发|抢救无效|中风',
    en: 'sudden death|died suddenly|heart attack|stroke|collapsed|collapsed at work|died at work|died on the job|karoshi|death from overwork|sudden illness|48 hours',
  },
  {
    id: 'injury-determination',
    statutory: '工伤认定|提出工伤认定申请|30日内|1年内|社会保险行政部门|工伤认定申请表|用人单位未按前款规定提出工伤认定申请的|工伤职工或者其近亲属、工会组织|可以直接按照本条第一款规定提出工伤认定申请',
    zh: '工伤认定|认定工伤|申请工伤|算工伤|认工伤|工伤申请|报工伤|工伤鉴定|算不算工伤|是不是工伤|工伤怎么认定|自己申请|自己去申请|本人申请|个人申请|公司不申请|单位不申请|不肯申请|不给申请|不给报工伤',
    en: 'work injury determination|apply for work injury|refuses to apply|refused to apply|apply myself|apply on my own|apply by myself|recognised as a work injury|recognized as work injury|count as a work injury|treated as a work injury|considered a work injury|work injury claim|injury certification|is it a work injury|does it count as',
  },
  {
    id: 'disability-assessment',
    statutory: '劳动能力鉴定|伤残等级|劳动功能障碍|生活自理障碍|十个伤残等级|职工因工致残被鉴定为七级至十级伤残的|一次性伤残就业补助金',
    zh: '伤残鉴定|伤残等级|评残|劳动能力鉴定|几级伤残|定残|残疾等级|十级伤残|九级伤残|八级伤残|七级伤残',
    en: 'disability assessment|disability grade|disability level|disability rating|degree of disability|grade 9|grade 10|level 9|level 10|ability to work assessment|assessed disability',
  },
  {
    id: 'injury-benefits',
    statutory: '一次性伤残补助金|伤残津贴|一次性工伤医疗补助金|一次性伤残就业补助金|工伤医疗待遇|本人工资',
    zh: '伤残补助金|伤残补助|伤残津贴|工伤赔偿|工伤赔多少|工伤待遇|工伤补偿|工伤赔钱|一次性补助|工伤医疗补助金|就业补助金',
    en: 'disability benefit|disability allowance|disability subsidy|lump sum|one-time subsidy|injury compensation|work injury compensation|work injury benefits|compensation for my injury|injury benefits',
  },
  {
    id: 'paid-injury-leave',
    statutory: '停工留薪期|原工资福利待遇不变|由所在单位按月支付|生活护理',
    zh: '停工留薪|停工留薪期|工伤期间工资|养伤期间|工伤休假|养伤|工伤病假|工伤护理|护理费',
    en: 'paid leave for injury|suspension with pay|recovery period|paid recovery|recovery time|time off to recover|recovering from injury|recovering from a work injury|off work recovering|wages while injured|paid while injured|injury leave|care allowance|nursing care',
  },
  {
    id: 'work-death',
    statutory: '因工死亡|丧葬补助金|供养亲属抚恤金|一次性工亡补助金|近亲属',
    zh: '工亡|因工死亡|工作中死亡|死亡赔偿|丧葬费|抚恤金|家属赔偿|去世|死了|身亡',
    en: 'died|death|killed|fatal|fatality|funeral|funeral allowance|death benefit|survivor benefits|family of the deceased|relatives of',
  },
  {
    id: 'uninsured-injury',
    statutory: '应当参加工伤保险而未参加工伤保险的用人单位职工发生工伤的|由该用人单位按照本条例规定的工伤保险待遇项目和标准支付费用|未依法缴纳工伤保险费|先行支付',
    zh: '没交工伤保险|没有工伤保险|没买工伤险|没上工伤保险|没给交工伤|没有保险|公司赔|谁来赔|谁赔',
    en: 'no work injury insurance|without work injury insurance|never bought|no insurance|not insured|uninsured|who pays|who will pay|employer must pay|did not buy insurance|without insurance',
  },
  {
    id: 'injury-exclusion',
    statutory: '不得认定为工伤或者视同工伤|故意犯罪|醉酒或者吸毒|自残或者自杀',
    zh: '喝酒|喝醉|醉酒|酒后|酒驾|吸毒|自杀|自残|故意|打架受伤|犯罪',
    en: 'drunk|drinking|alcohol|intoxicated|under the influence|drugs|drug use|suicide|self-harm|self harm|deliberately|on purpose|crime',
  },
  {
    id: 'injury-relapse',
    statutory: '工伤职工工伤复发|确认需要治疗的|工伤复发',
    zh: '复发|旧伤|旧伤复发|工伤复发|又犯了|老伤',
    en: 'relapse|recur|recurrence|came back|old injury|old work injury|injury returned|flare up',
  },
  {
    id: 'third-party-injury',
    statutory: '由于第三人的原因造成工伤|第三人不支付工伤医疗费用或者无法确定第三人的',
    zh: '第三方|肇事者|对方赔|撞人的',
    en: 'third party|other driver|the driver who hit me|person responsible',
  },
  {
    id: 'occupational-disease',
    statutory: '职业病|职业病危害|职业病诊断|职业病病人|职业健康检查|职业禁忌',
    zh: '职业病|尘肺|矽肺|职业中毒|噪声聋|噪音|粉尘|有毒|化学品|辐射|体检|职业健康|上岗前体检|离岗体检',
    en: 'occupational disease|occupational illness|work-related illness|pneumoconiosis|silicosis|dust|noise|toxic|chemicals|radiation|health check|medical examination|occupational health|hazardous substances|poisoning',
  },
];
