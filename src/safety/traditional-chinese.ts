/**
 * Traditional → simplified characters, limited to those that occur in the crisis lexicon and the
 * words around it (members in Hong Kong, Taiwan or Macau, or typing with a traditional input
 * method). A full converter would be a dependency for a few hundred characters; add pairs here
 * when a lexicon phrase uses a character that has a traditional form.
 */
const PAIRS =
  '殺杀輕轻遺遗書书樓楼結结東东這这個个別别藥药們们殘残傷伤燒烧過过沒没頭头開开關关鎖锁脅胁強强姦奸' +
  '騷骚擾扰對对說说絕绝經经錢钱會会麼么為为還还讓让時时後后從从來来離离見见嗎吗裡里裏里與与農农' +
  '橋桥邊边盡尽歸归於于無无應应當当壓压氣气電电腦脑間间點点實实頂顶總总闆板號号將将給给愛爱聽听' +
  '紙纸準准備备買买帶带隻只發发錯错難难題题嚇吓報报復复動动兒儿處处學学長长鬥斗決决斷断條条繩绳' +
  '煤煤劃划囚囚門门闖闯殴殴毆殴揍揍踢踢掐掐屍尸葬葬醫医院院樂乐們们衝冲種种讀读寫写這这麽么憂忧' +
  '鬱郁傷伤亂乱麗丽隊队猶犹豫豫勞劳闆板廠厂車车間间員员職职幫帮沒没誰谁貓猫鬧闹弄弄槍枪彈弹爆爆' +
  '炸炸獄狱罰罚懲惩戰战鬆松緊紧張张態态嗎吗啊啊嗚呜哭哭淚泪悶闷煩烦燥燥厭厌惡恶恨恨倆俩兩两齊齐' +
  '認认識识該该怎怎樣样讓让夠够腻腻膩腻歲岁斃毙滅灭殞殒釋释脫脱擺摆麵面飯饭館馆處处屬属鄰邻' +
  '揮挥鬼鬼魂魂際际網网絡络習习慣惯傳传話话聯联繫系終终於于決决議议親亲戚戚爺爷媽妈爸爸孫孙' +
  '撐撑擋挡槓杠虧亏極极瘋疯勸劝劑剂燙烫頸颈綁绑擁拥褻亵輪轮牆墙軌轨臥卧潰溃義义願愿獨独陽阳臺台層层戶户組组僱雇傭佣幹干餓饿睏困熱热機机線线環环腳脚鐵铁錘锤鋼钢磚砖償偿債债辦办倉仓庫库證证護护軟软製制奪夺爐炉責责' +
  '內内賠赔撫抚卹恤險险視视訴诉訟讼聞闻導导預预訓训練练講讲劇剧遊游戲戏課课論论數数據据統统計计價价賣卖減减團团盤盘圍围壞坏錄录愧愧憶忆瞭了嘗尝試试鬥斗罵骂欺欺負负騙骗嘲嘲諷讽';

const MAP: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const chars = [...PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const from = chars[i]!;
    const to = chars[i + 1]!;
    if (from !== to) map.set(from, to);
  }
  return map;
})();

/** Replaces the traditional characters this module knows with their simplified forms. */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += MAP.get(ch) ?? ch;
  return out;
}
