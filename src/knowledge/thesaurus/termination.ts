import type { ThesaurusEntry } from './types.ts';

/** Ending a labour relationship: resignation, dismissal, layoffs, expiry, severance, paperwork. */
export const TERMINATION_ENTRIES: ThesaurusEntry[] = [
  {
    id: 'termination',
    statutory: '解除劳动合同|终止劳动合同|解除或者终止劳动合同',
    zh: '解除合同|终止合同|解约|解除劳动关系|劳动关系结束',
    en: 'terminate|termination|end my contract|end the contract|terminated|ending employment|end of employment',
    weight: 0.7,
  },
  {
    id: 'dismissal',
    statutory: '用人单位解除劳动合同|用人单位可以解除劳动合同|辞退|解除劳动合同',
    zh: '开除|被开除|辞退|被辞退|炒鱿鱼|被炒|炒了|开了我|把我开了|被开了|不要我了|赶走|劝退|被劝退|让我走人|让我走|叫我走|明天不用来|不用来上班|扫地出门|被踢|裁掉|辞掉|被辞|解雇|被解雇|除名|开掉|把我+开了|把我+辞了|让我+走人|叫我+走人|让我+别来|不让我+上班',
    en: 'fire|fired|firing|dismiss|dismissed|dismissal|sack|sacked|let go|let me go|lay me off|kicked out|got the boot|discharge|discharged|terminate my contract|terminated my contract|terminate me|lost my job|get rid of me|told not to come back|told me to leave|asked me to leave|no longer needed',
  },
  {
    id: 'unlawful-dismissal',
    statutory: '违反本法规定解除或者终止劳动合同|违法解除|继续履行|赔偿金|经济补偿标准的二倍',
    zh: '违法辞退|违法解除|非法辞退|无故辞退|随便开除|无理由辞退|无故开除|乱开除|不合法的辞退|违法开除',
    en: 'unlawful dismissal|illegal dismissal|wrongful dismissal|wrongful termination|unfair dismissal|illegally fired|fired without reason|fired for no reason|without cause|unlawfully dismissed|unlawful termination|illegal termination',
  },
  {
    id: 'reinstatement',
    statutory: '继续履行|要求继续履行劳动合同|恢复劳动关系',
    zh: '回去上班|恢复工作|复职|回公司|继续上班|撤销辞退',
    en: 'reinstate|reinstated|reinstatement|get my job back|go back to work|return to my job|continue the contract|restore my job',
  },
  {
    id: 'misconduct-dismissal',
    statutory: '严重违反用人单位的规章制度|严重失职，营私舞弊|被依法追究刑事责任|劳动者有下列情形之一的，用人单位可以解除劳动合同',
    zh: '严重违纪|违反规章制度|违纪开除|旷工|失职|营私舞弊|犯错被开|被判刑|刑事责任|偷东西|打架',
    en: 'misconduct|serious misconduct|violate company rules|violated company rules|broke the rules|disciplinary dismissal|absent without leave|absenteeism|criminal|convicted|theft|gross negligence',
  },
  {
    id: 'dismissal-with-notice',
    statutory: '提前三十日以书面形式通知劳动者本人或者额外支付劳动者一个月工资|不能胜任工作|经过培训或者调整工作岗位|医疗期满后不能从事原工作|客观情况发生重大变化',
    zh: '不能胜任|不胜任|能力不行|能力不够|做不好|干不好|业绩差|末位淘汰|绩效不合格|代通知金|提前一个月通知|多给一个月工资|n+1|N+1',
    en: 'incompetent|not competent|not good enough|not capable|not up to the job|poor performance|underperform|underperforming|performance review|notice pay|pay in lieu of notice|one month notice|30 days notice|unable to do the job|cannot do the job|cant do my old job|can\'t do my old job|bottom ranking',
  },
  {
    id: 'layoff',
    statutory: '裁减人员|经济性裁员|裁减人员二十人以上|向工会或者全体职工说明情况|生产经营发生严重困难|优先留用',
    zh: '裁员|被裁|裁员名单|大裁员|优化|减员|公司裁人|经济性裁员|被优化|砍人|缩编',
    en: 'layoff|layoffs|laid off|lay off|redundancy|redundant|made redundant|downsizing|downsize|job cuts|mass layoff|workforce reduction|cut staff|cutting jobs|restructuring',
  },
  {
    id: 'layoff-priority',
    statutory: '裁减人员时，应当优先留用下列人员|优先留用|与本单位订立较长期限的固定期限劳动合同的|家庭无其他就业人员，有需要扶养的老人或者未成年人的|优先招用被裁减的人员',
    zh: '优先留用|优先留下|留下哪些人|谁先被裁|先裁谁|裁谁|不能裁谁|谁不能被裁|重新招人|优先招用',
    en: 'priority to stay|who gets to stay|who stays|who is laid off first|who gets laid off first|who will be kept|kept on|rehire|priority for rehiring',
  },
  {
    id: 'near-retirement',
    statutory: '在本单位连续工作满十五年，且距法定退休年龄不足五年的|距法定退休年龄不足五年',
    zh: '快退休|快到退休|临近退休|离退休不到五年|退休前|马上退休|还有几年退休|快退了',
    en: 'close to retirement|near retirement|nearly retired|approaching retirement|about to retire|few years from retirement|before retirement',
  },
  {
    id: 'protected-employee',
    statutory: '用人单位不得依照本法第四十条、第四十一条的规定解除劳动合同|女职工在孕期、产期、哺乳期|患病或者非因工负伤，在规定的医疗期内|连续工作满十五年，且距法定退休年龄不足五年',
    zh: '不能开除|不得辞退|受保护|不能辞退|老员工|快退休',
    en: 'cannot be fired|cannot dismiss|protected from dismissal|can they fire me|can my employer fire me|can they dismiss me|protected employee|close to retirement',
  },
  {
    id: 'resignation',
    statutory: '劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同|劳动者在试用期内提前三日通知用人单位|劳动者解除劳动合同',
    zh: '辞职|离职|不干了|走人|跳槽|提离职|辞工|辞职信|提出辞职|裸辞|提前通知|主动离职|我要走',
    en: 'resign|resignation|quit|quitting|leave my job|leaving my job|hand in my notice|give notice|notice period|walk out|leave the company|change jobs|two weeks notice|resign letter',
  },
  {
    id: 'constructive-dismissal',
    statutory: '用人单位有下列情形之一的，劳动者可以解除劳动合同|未及时足额支付劳动报酬|未依法为劳动者缴纳社会保险费|劳动者可以立即解除劳动合同，不需事先告知用人单位',
    zh: '被迫辞职|被迫离职|逼我辞职|逼我离职|逼走|立即解除|直接走人|马上走|被逼辞职|逼辞',
    en: 'forced to resign|forced to quit|forced resignation|constructive dismissal|quit immediately|resign immediately|leave immediately|quit without notice|pushed out|pressured to resign|made me resign',
  },
  {
    id: 'mutual-termination',
    statutory: '用人单位与劳动者协商一致，可以解除劳动合同|协商解除',
    zh: '协商解除|协商离职|协议离职|离职协议|谈离职|和解协议|劝退协议|自愿离职|自愿离职申请|主动离职申请|逼我签|被迫签',
    en: 'mutual agreement|mutually agreed|separation agreement|agreed to terminate|termination agreement|settlement agreement|negotiate my exit|voluntary resignation|resignation letter|sign a resignation',
  },
  {
    id: 'contract-expiry',
    statutory: '劳动合同期满|劳动合同终止|续订|维持或者提高劳动合同约定条件续订劳动合同',
    zh: '合同到期|合同期满|到期不续签|不续签|不续约|续签|续约|合同结束|到期终止',
    en: 'contract expired|contract expires|contract expiry|contract ends|contract ended|not renewed|won\'t renew|wont renew|non-renewal|renew my contract|renewal|end of contract|fixed-term contract expired',
  },
  {
    id: 'severance',
    statutory: '经济补偿|用人单位应当向劳动者支付经济补偿|每满一年支付一个月工资的标准|六个月以上不满一年的，按一年计算',
    zh: '补偿|补偿金|经济补偿|赔偿|赔钱|遣散费|离职补偿|n+1|N+1|补偿多少|赔多少|给补偿|辞退费|裁员补偿|买断工龄|买断',
    en: 'severance|severance pay|compensation|redundancy pay|redundancy payment|payout|termination payment|how much compensation|economic compensation|compensated|severance package',
  },
  {
    id: 'severance-eligibility',
    statutory: '有下列情形之一的，用人单位应当向劳动者支付经济补偿|劳动者依照本法第三十八条规定解除劳动合同的|由用人单位提出解除劳动合同并与劳动者协商一致解除劳动合同的',
    zh: '有没有经济补偿|有没有补偿|有补偿吗|能拿补偿吗|能不能拿补偿|给不给补偿|哪些情况有补偿|什么情况下有补偿|有没有赔偿|要不要给补偿|该不该给补偿',
    en: 'entitled to severance|entitled to compensation|am i entitled to|get severance|eligible for severance|owed severance|any compensation|do i get compensation|when is severance',
  },
  {
    id: 'severance-base',
    statutory: '月工资是指劳动者在劳动合同解除或者终止前十二个月的平均工资|月工资|平均工资|三倍',
    zh: '补偿基数|按什么工资算|平均工资|月工资怎么算|奖金算不算|封顶',
    en: 'average monthly wage|average salary|calculation base|monthly wage for severance|how is it calculated|capped|cap on severance|bonus included',
  },
  {
    id: 'damages-double',
    statutory: '赔偿金|经济补偿标准的二倍|二倍',
    zh: '赔偿金|2n|2N|双倍赔偿|双倍补偿|两倍赔偿',
    en: 'damages|double severance|double compensation|twice the severance|2n|punitive',
  },
  {
    id: 'termination-certificate',
    statutory: '出具解除或者终止劳动合同的证明|档案和社会保险关系转移手续|离职证明',
    zh: '离职证明|解除证明|辞职证明|退工单|档案转移|转档案|社保转移|开证明|工作证明|退工证明',
    en: 'termination certificate|certificate of termination|separation certificate|proof of termination|release letter|employment certificate|reference letter|transfer my file|personnel file|resignation certificate|leaving certificate',
  },
  {
    id: 'handover',
    statutory: '办理工作交接|工作交接|结清|解除或终止劳动合同时一次付清劳动者工资|一次付清',
    zh: '工作交接|交接|离职手续|最后一个月工资|结清工资|结算工资|工资结算|工资怎么结|离职工资|一次结清|离职后工资',
    en: 'handover|hand over my work|final paycheck|final wages|last paycheck|last salary|final pay|settle wages|exit procedures',
  },
  {
    id: 'union-notification',
    statutory: '应当事先将理由通知工会|工会有权要求用人单位纠正|研究工会的意见|工会认为不适当',
    zh: '通知工会|告知工会|工会同意|工会意见|经过工会|工会不同意',
    en: 'notify the union|inform the union|union consent|union approval|consult the union|union objection|tell the union',
  },
  {
    id: 'medical-period',
    statutory: '医疗期|患病或者非因工负伤|医疗期满|医疗期内',
    zh: '病假|生病|住院|看病|请病假|病休|医疗期|得病|患病|开刀|手术',
    en: 'sick leave|sick|illness|ill|hospital|hospitalised|hospitalized|medical leave|medical treatment period|surgery|injured off duty|sick pay',
  },
];
