import type { Locale } from '../core/locale.ts';

/** The zone times are shown in when a definition does not name one. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Formatters by language and zone. Why kept: constructing an `Intl.DateTimeFormat` costs tens of
 * µs (it resolves the locale's data), and every survey, vote and event card formats several
 * times; there are only two languages and a handful of zones.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time for members: "2026年12月1日 09:30" or "1 Dec 2026, 09:30", in the given zone. */
export function formatDateTime(date: Date, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  const key = `${locale} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone,
      year: 'numeric',
      month: locale === 'en' ? 'short' : 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    // Zones come from validated definitions, but bound the map all the same.
    if (formatters.size < 64) formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/** Where a time window is relative to now. */
export type WindowState = 'not-yet' | 'open' | 'ended';

export function windowState(now: Date, opensAt: Date | null, closesAt: Date | null): WindowState {
  if (opensAt && now < opensAt) return 'not-yet';
  if (closesAt && now >= closesAt) return 'ended';
  return 'open';
}
