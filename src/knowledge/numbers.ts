import { numberToChinese } from './article-label.ts';
import { memoise } from './memo.ts';

const EN_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
};

const ZH_UNITS = '年|个月|月|天|日|小时|周岁|岁|倍|人|级|周';
const EN_UNITS: Record<string, string[]> = {
  year: ['年'], years: ['年'], month: ['个月'], months: ['个月'], day: ['日', '天'], days: ['日', '天'],
  hour: ['小时'], hours: ['小时'], week: ['周'], weeks: ['周'], times: ['倍'],
  people: ['人'], employees: ['人'], workers: ['人'], grade: ['级'], level: ['级'],
};

// Compiled once (every query is scanned twice, for BM25 and for its embedding); `matchAll`
// iterates a copy of a global regex, so sharing one never carries `lastIndex` between calls.
const DIGIT_QUANTITY = new RegExp(`(\\d{1,3})\\s*(${ZH_UNITS})`, 'g');
const LIANG_QUANTITY = new RegExp(`两(${ZH_UNITS})`, 'g');

/**
 * Statutes write numbers in Chinese ("满十年", "提前三十日"); members type digits or English
 * words. Returns the Chinese spellings of the quantities a query mentions, e.g. "10年" → "十年",
 * "three months" → "三个月", "30 days" → "三十日 三十天".
 */
export const chineseQuantities = memoise(chineseQuantitiesUncached);

// Memoised (callers must not mutate the result) because a question is scanned twice, for its
// BM25 terms and for its embedding, like `segment` and `findConcepts`.
function chineseQuantitiesUncached(text: string): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(DIGIT_QUANTITY)) {
    const value = Number(match[1]);
    if (value > 0) out.add(`${numberToChinese(value)}${match[2]}`);
  }
  // Statutes write 二年, 二个月; people say 两年, 两个月.
  for (const match of text.matchAll(LIANG_QUANTITY)) out.add(`二${match[1]}`);
  const lower = text.toLowerCase();
  for (const match of lower.matchAll(/\b(\d{1,3}|[a-z]+)(?=[\s-]+([a-z]+)\b)/g)) {
    const value = /^\d+$/.test(match[1]!) ? Number(match[1]) : EN_NUMBERS[match[1]!];
    const units = EN_UNITS[match[2]!];
    if (!value || !units) continue;
    for (const unit of units) out.add(`${numberToChinese(value)}${unit}`);
  }
  return [...out];
}
