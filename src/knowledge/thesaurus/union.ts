import type { ThesaurusEntry } from './types.ts';

/** Trade unions, workers' congresses and democratic management. */
export const UNION_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'trade-union',
    statutory: '工会|基层工会|工会组织|工会委员会|中华全国总工会',
    zh: '工会|总工会|工会组织|工会干部|工会主席|工会委员',
    en: 'union|trade union|labour union|labor union|union rep|union representative|union chair|union committee|acftu|all-china federation of trade unions',
  },
  {
    id: 'union-membership',
    statutory: '参加和组织工会|依法参加和组织工会的权利|会员|加入工会',
    zh: '入会|加入工会|入工会|会员|工会会员|退会|会员卡|怎么入会',
    en: 'join the union|join a union|joining the union|union member|union membership|membership|become a member|sign up for the union|leave the union',
  },
  {
    id: 'union-founding',
    statutory: '建立基层工会委员会|会员二十五人以上|会员不足二十五人|建立工会|组建工会|筹建',
    zh: '成立工会|组建工会|建工会|筹建工会|建立工会|自己成立工会|没有工会',
    en: 'set up a union|start a union|form a union|establish a union|organise a union|organize a union|found a union|create a union|no union|25 members|twenty-five members|union committee',
  },
  {
    id: 'union-dues',
    statutory: '工会经费|会员缴纳的会费|按每月全部职工工资总额的百分之二|拨缴|工会经费的来源',
    zh: '会费|工会经费|交会费|工会费|会费多少|工会的钱|工会经费来源|2%经费',
    en: 'union dues|membership fee|membership dues|union fees|union funds|union funding|2 percent of payroll|union budget',
  },
  {
    id: 'union-rights',
    statutory: '维护职工合法权益|工会有权|工会应当|工会依法',
    zh: '工会能帮|工会管不管|工会有什么用|工会职责|工会权利|工会能做什么|找工会',
    en: 'what can the union do|union help|can the union help|union rights|union role|union responsibilities|ask the union|union support|union protect',
  },
  {
    id: 'union-official-protection',
    statutory: '工会主席、副主席任期未满时，不得随意调动其工作|基层工会专职主席、副主席或者委员自任职之日起|劳动合同期限自动延长|打击报复',
    zh: '工会主席被调岗|工会干部被辞退|打击报复|报复|任期没满|任期未满|任期内|调动工会主席|工会主席调岗',
    en: 'union chair dismissed|retaliation|retaliate|victimisation|victimization|punished for union activity|union chair|union chairman|union chairperson|before the term ends|term of office|term ends',
  },
  {
    id: 'workers-congress',
    statutory: '职工代表大会|职工大会|民主管理|职工代表|厂务公开',
    zh: '职代会|职工代表大会|职工代表|民主管理|职工大会|厂务公开|员工代表',
    en: 'workers congress|workers\' congress|staff congress|employee representatives|worker representatives|democratic management|staff representative',
  },
  {
    id: 'union-legal-support',
    statutory: '工会参加企业的劳动争议调解工作|县级以上各级总工会依法为所属工会和职工提供法律援助等法律服务|工会应当给予支持和帮助',
    zh: '工会法律援助|工会律师|工会帮忙打官司|工会维权',
    en: 'union legal aid|union lawyer|union legal officer|union helps with arbitration|union legal support',
  },
];
