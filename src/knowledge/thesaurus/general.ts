import type { ThesaurusEntry } from './types.ts';

/**
 * Everyday words that need a statutory counterpart before anything can match: who is who, and
 * the legal vocabulary of rights and obligations. Weighted low because they are everywhere.
 */
export const GENERAL_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'employer',
    statutory: '用人单位',
    zh: '公司|老板|单位|厂里|工厂|企业|雇主|东家|领导|老总|上司|厂家|店里|店长|经理|主管|hr|人事|人力',
    en: 'employer|company|boss|firm|business|my manager|manager|supervisor|factory|hr|human resources|management|workplace|organisation|organization|my company',
    weight: 0.3,
  },
  {
    id: 'employee',
    statutory: '劳动者|职工',
    zh: '员工|打工人|打工的|工人|雇员|职员|上班族|我们这些|职工',
    en: 'employee|employees|worker|workers|staff|staff member|colleague|colleagues|coworker|co-worker',
    weight: 0.2,
  },
  {
    id: 'legality',
    statutory: '违反|不得|应当|依法',
    zh: '合法吗|违法吗|合理吗|合不合法|违不违法|犯法|违法|是否合法|可以吗|行吗',
    en: 'legal|illegal|lawful|unlawful|allowed|is it legal|is that legal|against the law|permitted|entitled|right to|my rights|required|must|obliged|obligation',
    weight: 0.1,
  },
  {
    id: 'length-of-service',
    statutory: '工作年限|在本单位工作的年限|连续工作|累计工作',
    zh: '工龄|干了|做了|工作了|上班了|入职|在公司|年限|老员工|干满',
    en: 'years of service|length of service|worked for|been working|years at the company|seniority|tenure|years with the company',
    weight: 0.6,
  },
  {
    id: 'notice-period-days',
    statutory: '提前三十日|提前三日|书面形式通知',
    zh: '提前多久|提前几天|提前一个月|提前30天|提前三天|提前3天|提前通知',
    en: 'notice|how much notice|advance notice|days notice|30 days|three days|3 days|in advance|beforehand',
  },
  {
    id: 'penalty-for-employer',
    statutory: '法律责任|责令改正|罚款|处以罚款|赔偿责任|给予警告',
    zh: '处罚|罚公司|怎么处罚|后果|法律责任|要负什么责任|承担责任',
    en: 'punishment|penalty for the employer|what happens to the employer|consequences|liability|liable|responsible|fine the company',
    weight: 0.5,
  },
  {
    id: 'labour-law-general',
    statutory: '劳动法|劳动合同法|法律|规定',
    zh: '法律规定|法律|国家规定|有规定吗|怎么规定|劳动法|按法律',
    en: 'law|the law|labour law|labor law|chinese law|regulation|regulations|rules|what does the law say|legally',
    weight: 0.2,
  },
];
