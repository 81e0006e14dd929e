/** The two languages every member-facing text exists in. */
export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'] as const;

/** A member-facing text in both languages. */
export type Bilingual = { readonly 'zh-CN': string; readonly en: string };

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/**
 * The language of a message: Chinese as soon as it has Han characters that outweigh its Latin
 * words (so "我的 offer 被撤回了" is Chinese), English when it has Latin words only, otherwise the
 * fallback (the session's or the platform's locale).
 */
export function detectLocale(text: string, fallback: Locale = 'zh-CN'): Locale {
  const han = [...text].filter((c) => HAN.test(c)).length;
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  if (han === 0 && latinWords === 0) return fallback;
  if (han === 0) return 'en';
  if (latinWords === 0) return 'zh-CN';
  // Two Han characters carry roughly one English word's meaning.
  return han / 2 >= latinWords ? 'zh-CN' : 'en';
}

/** Parses a platform locale string ("en-US", "zh_CN", "zh-Hans") into one of ours. */
export function normaliseLocale(value: string | undefined | null): Locale | undefined {
  if (!value) return undefined;
  const lower = value.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

/** Picks the text for a locale. */
export function t(text: Bilingual, locale: Locale): string {
  return text[locale];
}
