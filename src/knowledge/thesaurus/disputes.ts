import type { ThesaurusEntry } from './types.ts';

/** Labour disputes: complaints, mediation, arbitration, courts and evidence. */
export const DISPUTE_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'labour-dispute',
    statutory: '劳动争议|发生劳动争议|劳动纠纷',
    zh: '劳动纠纷|劳动争议|纠纷|争议|闹翻|维权|打官司|讨说法',
    en: 'labour dispute|labor dispute|employment dispute|workplace dispute|dispute with my employer|claim against my employer|assert my rights|take action',
  },
  {
    id: 'arbitration',
    statutory: '劳动争议仲裁|申请仲裁|劳动争议仲裁委员会|仲裁申请',
    zh: '仲裁|劳动仲裁|劳动局仲裁|申请仲裁|仲裁委|打仲裁|劳动仲裁委员会|去仲裁|告公司|告他们',
    en: 'arbitration|arbitrate|labour arbitration|labor arbitration|arbitration commission|arbitration committee|file a claim|sue my employer|take my employer to arbitration',
  },
  {
    id: 'limitation-period',
    statutory: '仲裁时效|时效期间为一年|知道或者应当知道其权利被侵害之日起计算|劳动关系终止的，应当自劳动关系终止之日起一年内提出|时效中断|时效中止',
    zh: '时效|仲裁时效|过期|多久之内|期限|超过一年|过了时效|追诉期|来不及|还能告吗|还能申请吗',
    en: 'deadline|time limit|limitation period|statute of limitations|how long do i have|too late|within one year|one year|expire|expired claim|timeframe|time bar',
  },
  {
    id: 'arbitration-fee',
    statutory: '劳动争议仲裁不收费|经费由财政予以保障',
    zh: '仲裁费|仲裁要钱|仲裁收费|仲裁要交钱|打官司要钱|费用|免费',
    en: 'arbitration fee|fee|fees|cost|costs|free of charge|is it free|how much does it cost|pay a fee|charge',
  },
  {
    id: 'arbitration-procedure',
    statutory: '仲裁申请书|受理|开庭|仲裁庭|裁决|四十五日|五日内|仲裁员',
    zh: '仲裁流程|仲裁程序|仲裁怎么申请|仲裁需要什么材料|仲裁多久|开庭|立案|仲裁申请书|受理',
    en: 'arbitration procedure|arbitration process|how to apply for arbitration|apply for arbitration|documents for arbitration|how long does arbitration take|hearing|application form',
  },
  {
    id: 'arbitration-deadline',
    statutory: '仲裁庭裁决劳动争议案件，应当自劳动争议仲裁委员会受理仲裁申请之日起四十五日内结束|延长期限不得超过十五日|逾期未作出仲裁裁决',
    zh: '多久裁决|多久出结果|裁决期限|审理期限|作出裁决|出裁决|多长时间裁决|仲裁要多久|仲裁多长时间|仲裁周期',
    en: 'how long does arbitration take|how long does the arbitration|make a decision|decision deadline|time to decide|ruling|how long until a decision|arbitration take',
  },
  {
    id: 'arbitration-materials',
    statutory: '申请人申请仲裁应当提交书面仲裁申请|仲裁申请书|按照被申请人人数提交副本|证据和证据来源|证人姓名和住所',
    zh: '仲裁材料|准备什么材料|需要什么材料|带什么材料|仲裁申请书|申请书怎么写|要准备什么|需要准备',
    en: 'documents do i need|what documents|paperwork|what do i need to bring|application form|written application|materials|what to prepare|prepare for arbitration',
  },
  {
    id: 'final-award',
    statutory: '终局裁决|裁决书自作出之日起发生法律效力|不超过当地月最低工资标准十二个月金额',
    zh: '一裁终局|终局裁决|裁决生效',
    en: 'final award|final and binding|binding award|award is final',
  },
  {
    id: 'lawsuit',
    statutory: '向人民法院提起诉讼|人民法院|诉讼|自收到仲裁裁决书之日起十五日内|撤销裁决|强制执行',
    zh: '起诉|打官司|法院|告到法院|上诉|不服仲裁|不服裁决|仲裁结果不服|对仲裁不满|申请执行|强制执行|撤销裁决',
    en: 'court|sue|lawsuit|go to court|appeal|disagree with the arbitration|disagree with the award|challenge the award|not satisfied with the award|enforce the award|enforcement|litigation|people\'s court',
  },
  {
    id: 'mediation',
    statutory: '调解|劳动争议调解组织|企业劳动争议调解委员会|调解协议|人民调解',
    zh: '调解|调解委员会|协商解决|私了|和解|谈判|调停',
    en: 'mediation|mediate|mediator|settle|settlement|negotiate|negotiation|resolve informally',
  },
  {
    id: 'evidence',
    statutory: '举证|提供证据|证据属于用人单位掌握管理的|承担不利后果|举证责任',
    zh: '证据|证明|举证|录音|截图|聊天记录|打卡记录|考勤记录|工资流水|保留证据|怎么证明|没有证据',
    en: 'evidence|proof|prove|burden of proof|recording|screenshots|chat records|attendance records|clock-in records|bank statements|keep records|document everything',
  },
  {
    id: 'labour-inspection-complaint',
    statutory: '投诉|举报|劳动保障行政部门|劳动行政部门|劳动保障监察|责令改正|实施劳动保障监察|劳动保障监察事项',
    zh: '投诉|举报|劳动局|劳动监察|劳动监察大队|人社局|12333|劳动保障监察|社保局|找政府|去哪里投诉|向谁反映|监察大队|劳动监察管|监察大队能管|劳动监察能管|劳动局能管|劳动局管什么|监察范围|监察事项',
    en: 'complain|complaint|report my employer|report the company|labour bureau|labor bureau|labour inspection|labor inspection|labour inspectorate|labour inspection bureau|labor inspection bureau|labour inspection handle|what does the labour inspection|what can the labour bureau|inspection brigade|human resources and social security bureau|government department|where can i complain|12333|file a complaint',
  },
  {
    id: 'payment-order',
    statutory: '支付令|向当地人民法院申请支付令',
    zh: '支付令',
    en: 'payment order',
  },
  {
    id: 'legal-aid',
    statutory: '法律援助|法律服务|法律援助机构',
    zh: '法律援助|免费律师|找律师|请律师|法律咨询|律师费',
    en: 'legal aid|free lawyer|lawyer|attorney|legal advice|legal help|legal assistance|cannot afford a lawyer',
  },
  {
    id: 'jurisdiction',
    statutory: '劳动合同履行地|用人单位所在地|管辖|基层人民法院管辖',
    zh: '在哪里仲裁|去哪里告|管辖|哪个法院|哪里的仲裁委',
    en: 'which court|where to file|jurisdiction|which arbitration commission|where to apply',
  },
];
