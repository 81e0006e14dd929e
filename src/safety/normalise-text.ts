import { toSimplified } from './traditional-chinese.ts';

/**
 * The clause boundary in normalised text. Rules never match across it, so "我不想，活动取消了"
 * cannot read as 不想活; negation and past-tense checks look back only to the last one.
 */
export const CLAUSE_BOUNDARY = '|';

const HAN = String.raw`\p{Script=Han}`;
// Invisible characters used (on purpose or by keyboards) to split words: zero-width spaces and
// joiners, bidi controls, soft hyphens, variation selectors, and combining marks left after NFKC.
const INVISIBLE = /[\p{Cf}\p{Mn}\p{Me}\u00AD\u180E\uFE00-\uFE0F]/gu;
// Pictographs and symbols are separators: "kill🔪myself", "不😭想😭活".
const SYMBOLS = /[\p{Extended_Pictographic}\p{So}\p{Sk}\p{Sm}\p{Co}]/gu;
// Single letters separated by spaces or dots ("k i l l", "k.i.l.l") are one word spelled out.
const SPELLED_OUT = /(?<![\p{L}\p{N}])\p{Ll}(?:[^\p{L}\p{N}|]{1,3}\p{Ll}(?![\p{L}\p{N}])){2,24}(?![^\p{L}\p{N}|]{1,3}\p{Ll}(?![\p{L}\p{N}]))/gu;
// "dieeeee" → "diee": the English patterns accept any repeat, and long runs would make them slow.
const REPEATED_LATIN = /([a-z])\1{2,}/g;
// No English word is this long; cutting such tokens keeps every pattern's work bounded.
const LONG_TOKEN = /[a-z]{40,}/g;
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's' };
const LEET_TOKEN = /[a-z0-9@$]{3,}/g;
// Between two Han characters, these end a clause; anything else non-alphanumeric is noise
// ("不 想 活", "不.想.活", "不~想~活") and is dropped.
const STRONG_PUNCTUATION = /[,，。！？!?；;、\n\r]/;
const BETWEEN_HAN = new RegExp(`(?<=${HAN})[^\\p{L}\\p{N}]+(?=${HAN})`, 'gu');
const CLAUSE_PUNCTUATION = /[,，。！？!?；;、.\n\r]+/g;
const APOSTROPHES = /['’‘`´]/g;
const OTHER_PUNCTUATION = /[\p{P}]/gu;
const REPEATED_HAN = new RegExp(`(${HAN})\\1{2,}`, 'gu');

/**
 * Puts a message into the one form the lexicon is written against:
 *
 * - NFKC (full-width letters and digits become ASCII), lower case, traditional → simplified;
 * - zero-width and combining characters removed, emoji and symbols turned into spaces;
 * - spelled-out words joined ("k i l l" → "kill") and digits inside words read as letters
 *   ("k1ll" → "kill");
 * - between Han characters, spaces and light punctuation removed ("不 想 活" → "不想活");
 * - apostrophes removed ("don't" → "dont"), clause punctuation turned into {@link CLAUSE_BOUNDARY},
 *   other punctuation into spaces;
 * - a Han character repeated three or more times kept once ("死死死" → "死").
 *
 * A Latin letter repeated three or more times is kept twice ("dieeee" → "diee"); the English
 * patterns accept any number.
 */
export function normaliseText(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  s = toSimplified(s);
  s = s.replace(INVISIBLE, '');
  s = s.replace(SYMBOLS, ' ');
  s = s.replace(SPELLED_OUT, (m) => m.replace(/[^\p{L}]/gu, ''));
  s = s.replace(REPEATED_LATIN, '$1$1');
  s = s.replace(LEET_TOKEN, (token) =>
    /[a-z]/.test(token) && /[a-z]/.test(token.replace(/[0-9@$]/g, '')) && /[0-9@$]/.test(token)
      ? token.replace(/[013457@$]/g, (c) => LEET[c] ?? c)
      : token,
  );
  s = s.replace(BETWEEN_HAN, (run) => (STRONG_PUNCTUATION.test(run) ? CLAUSE_BOUNDARY : ''));
  s = s.replace(APOSTROPHES, '');
  s = s.replace(CLAUSE_PUNCTUATION, ` ${CLAUSE_BOUNDARY} `);
  s = s.replace(OTHER_PUNCTUATION, (c) => (c === CLAUSE_BOUNDARY ? c : ' '));
  s = s.replace(REPEATED_HAN, '$1');
  s = s.replace(LONG_TOKEN, (token) => token.slice(0, 39));
  // Spaces around Han text carry no meaning; keeping them out makes zh patterns simpler.
  s = s.replace(new RegExp(`(?<=${HAN}) +| +(?=${HAN})`, 'gu'), '');
  s = s.replace(/ *\| *(?:\| *)*/g, ` ${CLAUSE_BOUNDARY} `);
  return s.replace(/\s+/g, ' ').trim();
}

/** The text of the clause around `index`: from the boundary before it to the boundary after it. */
export function clauseAround(text: string, start: number, end: number): { before: string; after: string } {
  const from = text.lastIndexOf(CLAUSE_BOUNDARY, start - 1) + 1;
  const next = text.indexOf(CLAUSE_BOUNDARY, end);
  return { before: text.slice(from, start), after: text.slice(end, next === -1 ? text.length : next) };
}
