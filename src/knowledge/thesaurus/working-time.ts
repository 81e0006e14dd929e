import type { ThesaurusEntry } from './types.ts';

/** Working time, overtime, rest days, holidays and every kind of leave. */
export const WORKING_TIME_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'working-hours',
    statutory: '工作时间|每日工作时间不超过八小时|平均每周工作时间不超过四十四小时|每日工作8小时，每周工作40小时|工时',
    zh: '工作时间|上班时间|工时|每天上几个小时|一天几小时|八小时|8小时|40小时|每周工作|标准工时|上班多久|一天+小时|每天+小时|每天工作+小时|每周上+天|一周上+天|上六天班|上七天班|每周工作+天',
    en: 'working hours|work hours|working time|hours per day|hours a day|hours per week|hours a week|8 hours|40 hours|standard hours|how many hours|standard working time|working day',
  },
  {
    id: 'overtime',
    statutory: '延长工作时间|加班|加点|延长劳动者的工作时间',
    zh: '加班|加点|超时|超时工作|熬夜加班|强制加班|天天加班|下班后干活|无偿加班|义务加班|996|007|大小周|连轴转|加班到',
    en: 'overtime|extra hours|work late|working late|stay late|long hours|forced overtime|mandatory overtime|unpaid overtime|996|work after hours|extended hours|extend working hours',
  },
  {
    id: 'overtime-limit',
    statutory: '一般每日不得超过一小时|每日不得超过三小时|每月不得超过三十六小时|经与工会和劳动者协商|延长工作时间不受本法第四十一条规定的限制',
    zh: '加班上限|加班最多|加班多少小时|加班时间限制|一个月加班|每月加班|36小时|三十六小时|加班超过',
    en: 'overtime limit|limit on overtime|maximum overtime|overtime cap|how much overtime|overtime hours per month|36 hours|refuse overtime|refuse to work overtime|refused to work overtime|refuse to do overtime|wont work overtime|say no to overtime|overtime allowed',
  },
  {
    id: 'overtime-pay',
    statutory: '延长工作时间的工资报酬|高于劳动者正常工作时间工资的工资报酬|百分之一百五十|百分之二百|百分之三百|加班费|加班工资',
    zh: '加班费|加班工资|加班钱|加班补贴|加班报酬|加班给钱|加班不给钱|加班没钱|加班费怎么算|1.5倍|双倍工资|三倍工资|150%|200%|300%|加班+不给钱|加班+没钱|加班+不算钱|加班+白干|加班+没有加班费',
    en: 'overtime pay|overtime rate|overtime wage|overtime wages|paid for overtime|overtime compensation|time and a half|double time|triple pay|150%|200%|300%|extra pay for overtime|unpaid overtime|overtime premium',
  },
  {
    id: 'rest-day',
    statutory: '休息日|每周至少休息一日|保证劳动者每周至少休息一日|补休',
    zh: '周末|周六|周日|星期六|星期天|双休|单休|休息日|礼拜天|一天假都不放|不放假|没休息|天天上班|不给休息|一周休一天',
    en: 'weekend|weekends|saturday|sunday|rest day|rest days|day off|days off|no day off|without a day off|every day|seven days a week|weekly rest',
  },
  {
    id: 'public-holiday',
    statutory: '法定休假日|法定节假日|元旦|春节|国际劳动节|国庆节|节日期间应当依法安排劳动者休假',
    zh: '法定节假日|节假日|过节|春节|过年|国庆|国庆节|五一|劳动节|元旦|中秋|端午|清明|十一假期|十一长假|十一放假|十一黄金周|节日加班|假期加班',
    en: 'public holiday|public holidays|national holiday|statutory holiday|bank holiday|spring festival|chinese new year|national day|labour day|may day|new year|mid-autumn|golden week|holiday',
  },
  {
    id: 'compensatory-leave',
    statutory: '补休|安排补休|不能安排补休',
    zh: '调休|补休|倒休|换休|用调休抵|调休代替',
    en: 'time off in lieu|toil|compensatory leave|comp time|compensatory time off|make-up day off|swap days',
  },
  {
    id: 'flexible-hours',
    statutory: '不定时工作制|综合计算工时工作制|其他工作和休息办法|特殊工时',
    zh: '不定时|不定时工作制|综合工时|综合计算工时|弹性工作|特殊工时|责任制|无固定工时',
    en: 'flexible hours|flexible working hours|irregular hours|comprehensive working hours|averaged hours|non-standard hours|unfixed hours|flexitime|flextime',
  },
  {
    id: 'night-shift',
    statutory: '夜班劳动|夜班|延长劳动时间',
    zh: '夜班|上夜班|晚班|通宵|倒班|三班倒|两班倒|值夜班',
    en: 'night shift|night shifts|night work|work nights|working nights|overnight|shift work|graveyard shift',
  },
  {
    id: 'annual-leave',
    statutory: '年休假|带薪年休假|职工累计工作已满1年不满10年的，年休假5天|累计工作时间',
    zh: '年假|年休假|带薪年假|带薪假|休年假|年假天数|年假几天|有年假吗|年假怎么算|带薪休假',
    en: 'annual leave|paid leave|vacation|holiday leave|paid holiday|paid vacation|vacation days|holiday entitlement|leave entitlement|days of leave|days off per year|paid time off|pto',
  },
  {
    id: 'unused-annual-leave',
    statutory: '应休未休的年休假天数|百分之三百的年休假工资报酬|未休年休假工资报酬|折算',
    zh: '年假没休|没休的年假|未休年假|年假折现|年假补偿|年假换钱|年假作废|年假清零|年假过期|年假工资|年假+没休|年假+没有休|年假+没用完|年假+作废',
    en: 'unused annual leave|unused leave|untaken leave|leave not taken|did not take|didnt take|pay for unused|payment for unused|cash out leave|leave expired|forfeit leave|carry over leave',
  },
  {
    id: 'new-job-annual-leave',
    statutory: '职工新进用人单位|当年度年休假天数，按照在本单位剩余日历天数折算确定|连续工作满12个月以上',
    zh: '新单位年假|刚入职年假|换工作年假|跳槽后年假|第一年年假|新入职年假|入职不满一年',
    en: 'new job annual leave|first year annual leave|just started|new employer leave|changed jobs|after changing jobs|joined this year|new hire leave',
  },
  {
    id: 'marriage-bereavement-leave',
    statutory: '婚丧假|婚假|丧假|探亲假',
    zh: '婚假|丧假|探亲假|结婚请假|家里有人去世|回家探亲|事假',
    en: 'marriage leave|wedding leave|bereavement leave|funeral leave|compassionate leave|home leave|family visit leave|personal leave',
  },
  {
    id: 'maternity-leave',
    statutory: '产假|女职工生育享受98天产假|产前可以休假15天|难产的，增加产假15天|生育多胞胎的|流产',
    zh: '产假|生孩子|生小孩|生宝宝|坐月子|休产假|产假几天|剖腹产|难产|流产|怀孕流产|小产|二胎|三胎|生娃|产假+几天|产假+多少天|产假+多久',
    en: 'maternity leave|maternity|give birth|giving birth|having a baby|have a baby|childbirth|miscarriage|c-section|caesarean|new mother|after birth|pregnancy leave|birth leave',
  },
  {
    id: 'paternity-leave',
    statutory: '陪产假|护理假|男方',
    zh: '陪产假|护理假|男方产假|老婆生孩子|爸爸产假|陪产',
    en: 'paternity leave|father leave|paternity|wife gave birth|wife is having a baby|partner gave birth',
  },
  {
    id: 'breastfeeding',
    statutory: '哺乳期|哺乳时间|哺乳未满1周岁婴儿|每天的劳动时间内为哺乳期女职工安排1小时哺乳时间|哺乳室',
    zh: '哺乳|喂奶|母乳|哺乳期|背奶|吸奶|喂奶时间|哺乳假|哺乳时间|孩子不满一岁|宝宝不到一岁',
    en: 'breastfeeding|breast feeding|nursing|nursing mother|breastfeed|breast milk|pump|pumping|lactation|feeding breaks|baby under one',
  },
];
