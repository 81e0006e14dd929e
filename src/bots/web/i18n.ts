import type { IncomingMessage } from 'node:http';
import { normaliseLocale, type Bilingual, type Locale } from '../../core/locale.ts';
import { readCookie } from './http-kit.ts';

/** The cookie that remembers the language a person switched to. */
export const LANGUAGE_COOKIE = 'ua_lang';

/**
 * The language of a page: the switch's cookie, else the browser's Accept-Language (by quality),
 * else the deployment's default.
 */
export function requestLocale(req: IncomingMessage, fallback: Locale): Locale {
  const chosen = normaliseLocale(readCookie(req, LANGUAGE_COOKIE));
  if (chosen) return chosen;
  const ranked = (req.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? '1');
      return { locale: normaliseLocale(tag), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x): x is { locale: Locale; q: number } => !!x.locale && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.locale ?? fallback;
}

/** A text in the page's language; `{name}` placeholders are filled from `values`. */
export function tr(text: Bilingual, locale: Locale, values: Record<string, string | number> = {}): string {
  return text[locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Dates and times as staff read them, in the page's language. */
export function formatDateTime(date: Date, locale: Locale): string {
  return date.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

export function formatDate(date: Date, locale: Locale): string {
  return date.toLocaleDateString(locale === 'en' ? 'en-GB' : 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' });
}
