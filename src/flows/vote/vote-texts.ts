import type { Bilingual } from '../../core/locale.ts';

/** Member-facing texts of the vote flow. */
export const voteText = {
  menuLabel: { 'zh-CN': '投票选举', en: 'Votes and elections' },
  menuDescription: { 'zh-CN': '· 参加工会投票、选举和评先评优（输入“投票”），实名核验、无记名投票', en: '· Take part in union votes, elections and awards (type "vote"): verified voters, secret ballots' },
  none: { 'zh-CN': '目前没有您可以参加的投票。', en: 'There are no votes for you right now.' },
  listTitle: { 'zh-CN': '正在进行的投票：', en: 'Open votes:' },
  vote: { 'zh-CN': '去投票', en: 'Vote' },
  voted: { 'zh-CN': '您已投票', en: 'You have voted' },
  secretNote: { 'zh-CN': '无记名投票：谁投了票和投了什么分开保存，无法对应。', en: 'Secret ballot: who voted and what was voted are stored apart and cannot be matched.' },
  openNote: { 'zh-CN': '记名投票：您的姓名会与选择一起记录。', en: 'Open vote: your name is recorded with your choice.' },
  chooseOne: { 'zh-CN': '请选择一位：', en: 'Choose one:' },
  chooseUpTo: { 'zh-CN': '最多可选 {n} 位（已选 {k} 位）：', en: 'Choose up to {n} ({k} selected):' },
  motionPrompt: { 'zh-CN': '您对这项议案的意见：', en: 'Your vote on this motion:' },
  review: { 'zh-CN': '确认选择（已选 {k} 位）', en: 'Review ({k} selected)' },
  chooseAtLeastOne: { 'zh-CN': '请至少选择一位候选人。', en: 'Please choose at least one candidate.' },
  tooMany: { 'zh-CN': '最多只能选 {n} 位。', en: 'You can choose at most {n}.' },
  confirmTitle: { 'zh-CN': '请确认您的选票', en: 'Please confirm your ballot' },
  yourChoice: { 'zh-CN': '您的选择', en: 'Your choice' },
  confirmBody: { 'zh-CN': '投出后{change}。', en: 'Once cast, {change}.' },
  canChange: { 'zh-CN': '在投票截止前仍可以修改', en: 'you can still change it until the vote closes' },
  cannotChange: { 'zh-CN': '不能再修改', en: 'it cannot be changed' },
  cast: { 'zh-CN': '确认投票', en: 'Cast my ballot' },
  back: { 'zh-CN': '重新选择', en: 'Change my selection' },
  castDone: { 'zh-CN': '您的选票已投出，谢谢参与！', en: 'Your ballot has been cast. Thank you for voting!' },
  receiptTitle: { 'zh-CN': '投票回执', en: 'Ballot receipt' },
  receiptCard: {
    'zh-CN': '回执码在附件中，请妥善保存：凭它可以核验您的选票已被计入，但它不会向任何人透露您投了什么。',
    en: 'Your receipt code is in the attached file. Keep it: it proves your ballot is counted, without revealing your choice to anyone.',
  },
  receiptFile: {
    'zh-CN': '工会助手 · 投票回执\n投票：{title}\n回执码：{code}\n\n凭此回执码可以核验您的选票已被计入（不会显示您的选择）：\n· 在聊天中点击投票回执消息上的“核验回执”；\n· 或请工作人员运行 union-assistant votes verify {code}。\n{change}',
    en: 'Union Assistant · Ballot receipt\nVote: {title}\nReceipt code: {code}\n\nThis code proves your ballot is counted (it never shows your choice):\n· press "Verify my receipt" on the receipt message in the chat;\n· or ask staff to run union-assistant votes verify {code}.\n{change}',
  },
  receiptChange: { 'zh-CN': '如需修改选票，请在投票截止前点击回执消息上的“修改选票”。修改后，只有新的回执有效。', en: 'To change your vote before it closes, press "Change my vote" on the receipt message. After a change only the new receipt is valid.' },
  verify: { 'zh-CN': '核验回执', en: 'Verify my receipt' },
  change: { 'zh-CN': '修改选票', en: 'Change my vote' },
  verified: { 'zh-CN': '已核验：回执尾号 {tail} 的选票已计入“{title}”，目前共 {n} 张选票。回执不会透露您的选择。', en: 'Verified: the ballot with receipt ending {tail} is counted in "{title}" ({n} ballots so far). The receipt does not reveal your choice.' },
  notCounted: { 'zh-CN': '没有找到这个回执对应的选票。如果您修改过选票，只有最新的回执有效。', en: 'No ballot with that receipt is in the count. If you changed your vote, only your newest receipt is valid.' },
  alreadyVoted: { 'zh-CN': '您已经在这次投票中投过票了，每人只有一票。', en: 'You have already voted in this vote: one ballot per member.' },
  changeNeedsReceipt: { 'zh-CN': '您已投票。如需修改，请点击投票回执消息上的“修改选票”（无记名投票只能凭回执找到您的选票）。', en: 'You have voted. To change your vote, press "Change my vote" on your receipt message (a secret ballot can only be found through its receipt).' },
  wrongReceipt: { 'zh-CN': '这个回执不是您这张选票的回执，或者已经被新的回执取代。', en: 'That receipt is not the receipt of your ballot, or a newer receipt replaced it.' },
  adminTitle: { 'zh-CN': '投票管理', en: 'Manage votes' },
  turnout: { 'zh-CN': '投票人数', en: 'Turnout' },
  hidden: { 'zh-CN': '投票截止前不公布结果。', en: 'Results are hidden until the vote closes.' },
  resultsTitle: { 'zh-CN': '投票结果：{title}', en: 'Results: {title}' },
  outcome: {
    'zh-CN': '结果：{outcome}',
    en: 'Outcome: {outcome}',
  },
} satisfies Record<string, Bilingual>;

/** How each outcome of a tally reads. */
export const outcomeText: Record<'passed' | 'rejected' | 'elected' | 'tie' | 'no-winner' | 'no-quorum', Bilingual> = {
  passed: { 'zh-CN': '通过', en: 'passed' },
  rejected: { 'zh-CN': '未通过', en: 'not passed' },
  elected: { 'zh-CN': '当选：{winners}', en: 'elected: {winners}' },
  tie: { 'zh-CN': '票数相同，需另行决定：{tied}', en: 'tie, to be decided: {tied}' },
  'no-winner': { 'zh-CN': '无人达到当选票数', en: 'no candidate reached the threshold' },
  'no-quorum': { 'zh-CN': '投票人数未达到法定人数，结果无效', en: 'quorum not reached: no result' },
};
