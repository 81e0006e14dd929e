import type { ThesaurusEntry } from './types.ts';

/** Special protection (women, minors), safety, harassment and discrimination in hiring. */
export const PROTECTION_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'pregnancy',
    statutory: '孕期|怀孕|女职工在孕期|女职工怀孕、生育、哺乳|孕期、产期、哺乳期',
    zh: '怀孕|怀了|孕妇|孕期|有了宝宝|有身孕|准妈妈|大肚子|怀孕了|孕检|产检|保胎|怀二胎',
    en: 'pregnant|pregnancy|expecting a baby|expecting|pregnant woman|pregnant employee|prenatal|antenatal|prenatal checkup|expectant mother',
  },
  {
    id: 'pregnancy-dismissal',
    statutory: '不得因女职工怀孕、生育、哺乳降低其工资、予以辞退、与其解除劳动或者聘用合同|女职工在孕期、产期、哺乳期的',
    zh: '怀孕被辞退|怀孕被开除|怀孕辞退|怀孕降薪|孕期辞退|孕期被辞|怀孕被裁|怀孕了要辞退|哺乳期辞退|产假回来被辞|怀孕+辞退|怀孕+开除|怀孕+劝退|怀孕+裁|孕期+辞退|怀孕+解除',
    en: 'fired because i am pregnant|fired because im pregnant|dismissed for being pregnant|fired for being pregnant|pregnancy discrimination|fire me because i am pregnant|fire me because im pregnant|laid off while pregnant|dismissed while pregnant|fired while pregnant',
  },
  {
    id: 'pregnancy-work-limits',
    statutory: '女职工在孕期不能适应原劳动的|予以减轻劳动量或者安排其他能够适应的劳动|怀孕7个月以上的女职工|不得延长劳动时间或者安排夜班劳动|孕期禁忌从事的劳动范围',
    zh: '孕期加班|怀孕加班|怀孕上夜班|孕期夜班|怀孕七个月|怀孕7个月|孕晚期|减轻工作量|孕期调岗|孕期不能干',
    en: 'pregnant overtime|overtime while pregnant|night shift while pregnant|seven months pregnant|7 months pregnant|lighter work|reduce workload|pregnant night shift|late pregnancy',
  },
  {
    id: 'female-employee',
    statutory: '女职工|妇女|女职工劳动保护|女职工禁忌从事的劳动范围',
    zh: '女职工|女员工|女性|女生|女的|妇女|女工|女同事',
    en: 'woman|women|female|female employee|female worker|female staff|female colleague',
    weight: 0.6,
  },
  {
    id: 'menstruation',
    statutory: '经期|经期禁忌从事的劳动范围|女职工在经期',
    zh: '例假|月经|经期|生理期|大姨妈|痛经|来例假',
    en: 'period|menstruation|menstrual|menstrual leave|period pain|on my period',
  },
  {
    id: 'prohibited-work-women',
    statutory: '矿山井下|国家规定的第四级体力劳动强度|禁忌从事的劳动|高处、低温、冷水作业',
    zh: '重活|重体力|体力活|搬重物|井下|高空作业|冷水作业|低温作业|干重活',
    en: 'heavy work|heavy lifting|heavy physical labour|heavy physical work|mining|underground|working at heights|cold water work|strenuous work',
  },
  {
    id: 'sexual-harassment',
    statutory: '性骚扰|预防和制止对女职工的性骚扰',
    zh: '性骚扰|骚扰|动手动脚|摸我|揩油|黄段子|开黄腔|言语骚扰|猥亵|咸猪手|潜规则|骚扰我|不规矩|占便宜',
    en: 'sexual harassment|sexually harass|sexually harassing|harass|harassment|harassing|groped|groping|inappropriate touching|touches me|unwanted advances|dirty jokes|sexual comments|lewd',
  },
  {
    id: 'minor-worker',
    statutory: '未满十六周岁的未成年人|未成年工|童工|年满十六周岁未满十八周岁',
    zh: '童工|未成年|未满16|未满十六|十五岁|14岁|15岁|16岁|17岁|小孩打工|未成年人打工|不满十八',
    en: 'child labour|child labor|minor|minors|underage|under 16|under sixteen|15 year old|15-year-old|14 year old|16 year old|17 year old|teenager|juvenile|young worker',
  },
  {
    id: 'work-safety',
    statutory: '安全生产|劳动安全卫生|安全生产条件|安全生产教育和培训|安全隐患|生产安全事故',
    zh: '安全|安全隐患|安全生产|不安全|危险|安全培训|事故|安全事故|隐患|安全设施|安全措施',
    en: 'safety|unsafe|dangerous|danger|hazard|hazardous|safety training|accident|safety measures|safety equipment|workplace safety|health and safety',
  },
  {
    id: 'safety-training',
    statutory: '安全生产教育和培训|专门培训|特种作业|特种作业操作资格证书|上岗作业|未经安全生产教育和培训合格的从业人员，不得上岗作业',
    zh: '安全培训|岗前培训|上岗培训|没培训|不培训|没有培训|特种作业|持证上岗|操作证|特种作业证',
    en: 'safety training|training|trained|no training|without training|certificate|special operations|licence to operate|license to operate|operating certificate',
  },
  {
    id: 'refuse-dangerous-work',
    statutory: '有权拒绝违章指挥和强令冒险作业|违章指挥|强令冒险作业|停止作业|撤离作业场所|危害生命安全和身体健康',
    zh: '冒险作业|违章指挥|强令|拒绝危险工作|不安全的活|拒绝冒险|逼我干危险|违规操作|停止作业|撤离',
    en: 'refuse dangerous work|refuse unsafe work|refuse to do dangerous work|ordered to do dangerous work|unsafe orders|violation of safety rules|in violation of safety|stop work|leave the site|risky work|endanger my life',
  },
  {
    id: 'protective-equipment',
    statutory: '劳动防护用品|职业病防护用品|防护设施|劳动保护用品|个人使用的职业病防护用品',
    zh: '防护用品|劳保用品|口罩|安全帽|手套|防护服|护目镜|耳塞|劳保|防护装备',
    en: 'protective equipment|ppe|personal protective equipment|masks|mask|helmet|gloves|safety gear|protective clothing|earplugs|goggles',
  },
  {
    id: 'hiring-discrimination',
    statutory: '就业歧视|平等就业|不得以性别为由拒绝录用妇女或者提高对妇女的录用标准|不因民族、种族、性别、宗教信仰不同而受歧视|公平就业',
    zh: '歧视|就业歧视|性别歧视|招聘歧视|只招男|只要男|不要女的|不招女|女生不考虑|限男性|男性优先|年龄歧视|地域歧视|拒绝录用|不录用|不要我|因为我是女',
    en: 'discrimination|discriminate|discriminated|gender discrimination|sex discrimination|refused to hire|turned down|rejected for the job|not hired|because i am a woman|because im a woman|age discrimination|equal employment|equal opportunity|men only|only men|male only|males only|only hire men|no women|women need not apply|job ad|job advert|job posting',
  },
  {
    id: 'disability-employment',
    statutory: '残疾人|残疾人的劳动权利|安排残疾人就业',
    zh: '残疾人|残疾|残障|身体有残疾|残疾证',
    en: 'disabled|disability|person with a disability|people with disabilities|handicapped|wheelchair',
  },
  {
    id: 'infectious-disease-carrier',
    statutory: '传染病病原携带者|不得以是传染病病原携带者为由拒绝录用',
    zh: '乙肝|乙肝携带者|大三阳|小三阳|传染病|携带者|hiv|艾滋|肝炎',
    en: 'hepatitis|hepatitis b|hbv|carrier|infectious disease|hiv|virus carrier',
  },
  {
    id: 'rural-worker-equality',
    statutory: '农村劳动者进城就业享有与城镇劳动者平等的劳动权利|不得对农村劳动者进城就业设置歧视性限制',
    zh: '农村户口|外地户口|户籍|户口限制|进城务工',
    en: 'rural hukou|household registration|hukou|rural workers|from the countryside',
  },
  {
    id: 'hiring',
    statutory: '招用|录用|招聘|用人单位招用人员',
    zh: '招聘|面试|应聘|求职|找工作|录用|入职|offer|录取',
    en: 'hiring|hire|hired|recruit|recruitment|job interview|interview|apply for a job|job application|job offer|offer letter|job seeker',
    weight: 0.7,
  },
];
