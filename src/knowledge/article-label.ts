/** Article labels ("第八十二条", "第十条之一") and the numbers inside them. */

const NUMERAL = '[一二三四五六七八九十百千零〇两]';

/** A complete article label. */
export const ARTICLE_LABEL = new RegExp(`^第${NUMERAL}+条(之[一二三四五六七八九十]+)?$`);

/** A line that starts an article: the label, then a space or a full-width space. */
export const ARTICLE_START = new RegExp(`^(第${NUMERAL}+条(?:之[一二三四五六七八九十]+)?)[ \\u3000]`);

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Parses a Chinese numeral below 10,000 ("八十二" → 82, "一百零一" → 101). */
export function chineseToNumber(text: string): number | undefined {
  let total = 0;
  let digit = 0;
  for (const char of text) {
    if (char in DIGITS) {
      digit = DIGITS[char]!;
    } else if (char in UNITS) {
      total += (digit === 0 ? 1 : digit) * UNITS[char]!;
      digit = 0;
    } else {
      return undefined;
    }
  }
  return total + digit;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Writes a number below 10,000 the way statutes number articles (82 → "八十二", 101 → "一百零一"). */
export function numberToChinese(value: number): string {
  if (!Number.isInteger(value) || value <= 0 || value >= 10000) throw new RangeError(`cannot write ${value}`);
  const parts: string[] = [];
  const units: [number, string][] = [[1000, '千'], [100, '百'], [10, '十']];
  let rest = value;
  let pendingZero = false;
  for (const [size, unit] of units) {
    const digit = Math.floor(rest / size);
    rest %= size;
    if (digit > 0) {
      if (pendingZero) parts.push('零');
      pendingZero = false;
      // Statutes write 十二 rather than 一十二 when ten leads.
      if (!(size === 10 && digit === 1 && parts.length === 0)) parts.push(CHINESE_DIGITS[digit]!);
      parts.push(unit);
    } else if (parts.length > 0) {
      pendingZero = true;
    }
  }
  if (rest > 0) {
    if (pendingZero) parts.push('零');
    parts.push(CHINESE_DIGITS[rest]!);
  }
  return parts.join('');
}

/** Article label for a number: 82 → "第八十二条". */
export function articleLabel(value: number): string {
  return `第${numberToChinese(value)}条`;
}

const ZH_MENTION = new RegExp(`第(${NUMERAL}+|[0-9０-９]+)条(之[一二三四五六七八九十]+)?`, 'g');
const EN_MENTION = /\b(?:article|art\.?)\s*(\d{1,3})\b/gi;

/** Article labels mentioned in free text: "第八十二条", "第82条", "article 82". */
export function findArticleMentions(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(ZH_MENTION)) {
    const raw = match[1]!;
    const digits = raw.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    const value = /^[0-9]+$/.test(digits) ? Number(digits) : chineseToNumber(raw);
    if (value !== undefined && value > 0 && value < 10000) found.add(articleLabel(value) + (match[2] ?? ''));
  }
  for (const match of text.matchAll(EN_MENTION)) {
    const value = Number(match[1]);
    if (value > 0) found.add(articleLabel(value));
  }
  return [...found];
}
