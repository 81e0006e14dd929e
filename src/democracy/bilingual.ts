import { z } from 'zod';
import type { Bilingual, Locale } from '../core/locale.ts';

/**
 * A member-facing text in a definition file: one string (used for both languages) or
 * `{ "zh-CN": …, "en": … }`. A missing language falls back to the other one.
 */
export const BilingualInputSchema = z.union([
  z.string().trim().min(1, 'must not be empty').max(4000).transform((text): Bilingual => ({ 'zh-CN': text, en: text })),
  z
    .object({ 'zh-CN': z.string().trim().max(4000).optional(), en: z.string().trim().max(4000).optional() })
    .strict()
    .refine((v) => !!(v['zh-CN'] || v.en), 'needs a zh-CN or an en text')
    .transform((v): Bilingual => ({ 'zh-CN': v['zh-CN'] || v.en!, en: v.en || v['zh-CN']! })),
]);

/** Like BilingualInputSchema, but may be left out (empty in both languages). */
export const OptionalBilingualSchema = z
  .union([z.literal(''), BilingualInputSchema])
  .optional()
  .transform((v): Bilingual => (v === undefined || v === '' ? { 'zh-CN': '', en: '' } : v));

/** A Bilingual as stored in a text column. */
export const StoredBilingualSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

/** Parses a Bilingual JSON column; a damaged value is a programming error, not user input. */
export function readBilingual(json: string): Bilingual {
  return StoredBilingualSchema.parse(JSON.parse(json));
}

/** Fills `{name}` placeholders of a Bilingual text for one locale. */
export function fill(text: Bilingual, locale: Locale, values: Record<string, string | number> = {}): string {
  return text[locale].replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
