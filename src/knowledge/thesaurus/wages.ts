import type { ThesaurusEntry } from './types.ts';

/** Wages: payment, arrears, deductions, minimum wage, calculation, migrant workers' pay. */
export const WAGE_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'wage',
    statutory: '工资|劳动报酬',
    zh: '工资|薪水|薪资|工钱|薪酬|月薪|收入|底薪|报酬|待遇|钱',
    en: 'wage|wages|salary|pay|paid|paycheck|payslip|earnings|remuneration|income|money',
    weight: 0.4,
  },
  {
    id: 'wage-arrears',
    statutory: '拖欠|未及时足额支付劳动报酬|拖欠或者未足额支付劳动报酬|克扣或者无故拖欠|支付令|责令限期支付',
    zh: '拖欠工资|欠薪|欠工资|压着工资|压着|扣着工资|押着工资|离职才给|走了才给|不发工资|没发工资|工资拖|拖工资|工资没发|拿不到工资|讨薪|要工资|讨工资|压工资|押工资|迟发|晚发工资|工资迟迟|几个月没发|不给钱|不发钱|讨债|欠我工资|工资+拖|工资+没发|工资+不发|工资+没给|工资+欠|工钱+没给|工钱+拖|工钱+没发|薪水+拖|薪水+没发|钱+没发|钱+没给',
    en: 'unpaid wages|unpaid salary|wage arrears|wage theft|owed wages|owes me|owe me|not been paid|hasnt paid|haven\'t been paid|havent been paid|didnt pay|did not pay|not paid|refuses to pay|late wages|late salary|delayed wages|delayed salary|back pay|withhold my wages|withheld wages|withholding my salary|salary not paid|pay me late',
  },
  {
    id: 'wage-deduction',
    statutory: '克扣劳动者工资|扣除劳动者工资|代扣|扣除的部分不得超过劳动者当月工资的20%|赔偿经济损失',
    zh: '扣工资|扣钱|克扣|罚款|罚钱|扣奖金|扣绩效|迟到扣|扣薪|扣我工资|赔偿损失|赔公司|扣+工资|扣了+工资|扣我+钱',
    en: 'deduct|deduction|deductions|docked|dock my pay|fine|fined|fines|penalty|penalised|penalized|cut my pay|withhold part|compensate the company|pay for damage',
  },
  {
    id: 'damage-deduction',
    statutory: '因劳动者本人原因给用人单位造成经济损失的|赔偿经济损失|每月扣除的部分不得超过劳动者当月工资的20%|扣除后的剩余工资部分低于当地月最低工资标准',
    zh: '打碎|弄坏|损坏|摔坏|赔偿损失|造成损失|赔东西|弄丢|丢失|赔公司东西|工作失误',
    en: 'broke equipment|broke some equipment|broke something|damaged|damage|lost company property|caused a loss|cause a loss|pay for the damage|mistake at work',
  },
  {
    id: 'wage-cut',
    statutory: '降低其工资|变更劳动合同|劳动报酬',
    zh: '降薪|减薪|降工资|工资降|少发|工资变少|砍工资|降低工资',
    en: 'pay cut|salary cut|wage cut|reduce my salary|reduced my pay|cut my salary|lower my pay|reduce wages',
  },
  {
    id: 'payment-form',
    statutory: '工资应当以货币形式按月支付给劳动者本人|以法定货币支付|不得以实物及有价证券替代货币支付',
    zh: '购物卡|实物抵工资|产品抵工资|发东西|抵工资|代金券|以物抵薪|现金|发货币|欠条|打白条',
    en: 'vouchers|shopping vouchers|gift cards|in kind|goods instead of money|products instead of wages|instead of money|instead of cash|cash|iou|coupon|coupons',
  },
  {
    id: 'payday',
    statutory: '工资应当按月支付|约定的日期支付|至少每月支付一次|工资必须在用人单位与劳动者约定的日期支付',
    zh: '发薪日|几号发工资|按月发|每月发|工资多久发|发工资时间|工资周期',
    en: 'payday|pay day|pay date|monthly pay|paid monthly|how often paid|paid every month|pay schedule',
  },
  {
    id: 'payslip',
    statutory: '个人的工资清单|书面记录|工资支付记录',
    zh: '工资条|工资单|工资明细|工资清单|薪资单',
    en: 'payslip|pay slip|pay stub|wage statement|salary statement|pay statement|itemised pay|breakdown of my salary',
  },
  {
    id: 'minimum-wage',
    statutory: '最低工资|最低工资标准|最低工资保障制度|最低小时工资标准',
    zh: '最低工资|最低工资标准|最低收入|最低标准|底线工资|最低时薪',
    en: 'minimum wage|minimum pay|minimum salary|below minimum|less than minimum|less than the minimum|minimum hourly wage|legal minimum',
  },
  {
    id: 'minimum-wage-exclusions',
    statutory: '延长工作时间工资|中班、夜班、高温、低温、井下、有毒有害等特殊工作环境、条件下的津贴|法律、法规和国家规定的劳动者福利待遇',
    zh: '最低工资包括|最低工资包不包括|最低工资含不含|算不算在最低工资|津贴算不算',
    en: 'does minimum wage include|minimum wage include|included in the minimum wage|allowances counted|overtime counted towards',
  },
  {
    id: 'wage-calculation',
    statutory: '月计薪天数|日工资|小时工资|折算|21.75|20.83|月工资收入',
    zh: '日工资|时薪|小时工资|21.75|21.75天|20.83|计薪天数|工资折算|一天多少钱|按天算|日薪|怎么折算',
    en: 'daily wage|daily pay|daily rate|hourly rate|hourly wage|21.75|working days per month|calculate daily|convert monthly salary|monthly salary to daily|per day|day rate',
  },
  {
    id: 'shutdown-wage',
    statutory: '非因劳动者原因造成单位停工、停产|一个工资支付周期内|生活费|停工停产',
    zh: '停工|停产|放假待岗|停工停产|待岗|歇业|公司停业|没活干|放长假|停工期间',
    en: 'shutdown|shut down|suspended production|production halt|work stoppage|furlough|furloughed|stood down|factory closed|no work|idle',
  },
  {
    id: 'bankruptcy-wage',
    statutory: '依法破产|优先受偿|清偿顺序|破产',
    zh: '破产|倒闭|公司倒了|跑路|老板跑路|关门',
    en: 'bankrupt|bankruptcy|insolvent|insolvency|company closed down|went out of business|boss disappeared|boss ran away',
  },
  {
    id: 'bonus',
    statutory: '奖金|津贴|补贴|工资总额',
    zh: '奖金|年终奖|提成|绩效|津贴|补贴|十三薪|全勤奖|绩效工资',
    en: 'bonus|year-end bonus|commission|allowance|subsidy|13th month|performance pay|incentive',
  },
  {
    id: 'piece-rate',
    statutory: '计件工作|劳动定额|计件报酬标准|计件工资|实行计件工资或提成工资等工资形式|提成工资',
    zh: '计件|计件工资|按件|按件计酬|计件工|提成工资|拿提成|按提成',
    en: 'piece rate|piece-rate|paid per piece|piecework|paid by output',
  },
  {
    id: 'migrant-worker-wage',
    statutory: '农民工|农民工工资|施工总承包单位|分包单位|工资专用账户|实名制|工资保证金|清偿|建设单位',
    zh: '农民工|包工头|工地|建筑工地|总包|分包|承包商|工程款|工头|民工|讨薪|施工队|工程队|工资保证金',
    en: 'migrant worker|migrant workers|construction site|construction worker|subcontractor|general contractor|main contractor|foreman|gang boss|labour contractor|building site',
  },
  {
    id: 'illegal-subcontracting',
    statutory: '发包或者分包给个人或者不具备合法经营资格的单位|由建设单位或者施工总承包单位清偿|个人承包经营',
    zh: '包工头跑路|包工头欠|找总包|找发包方|挂靠|个人包工',
    en: 'contractor disappeared|foreman ran off|subcontracted to an individual|claim from the main contractor',
  },
];
