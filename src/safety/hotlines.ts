import { z } from 'zod';
import { ConfigError } from '../config.ts';

/** One phone line offered in a crisis, named in both languages. */
export const HotlineSchema = z
  .object({
    name: z.object({ 'zh-CN': z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) }).strict(),
    number: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{1,24}$/, 'must be a phone number: digits, spaces, dashes or brackets, optionally starting with +'),
    /** `emergency` lines (police, ambulance) are offered for immediate danger; `support` lines to talk to someone. */
    kind: z.enum(['support', 'emergency']).default('support'),
  })
  .strict();

/** A crisis phone line. */
export type Hotline = z.infer<typeof HotlineSchema>;

const HotlinesSchema = z.array(HotlineSchema).min(1, 'must list at least one hotline').max(10, 'must list at most 10 hotlines');

/** The lines offered when CRISIS_HOTLINES is not set: mainland China. */
export const DEFAULT_HOTLINES: readonly Hotline[] = Object.freeze([
  { name: { 'zh-CN': '全国心理援助热线', en: 'National psychological assistance hotline' }, number: '12356', kind: 'support' },
  { name: { 'zh-CN': '希望24热线', en: 'Hope 24 hotline' }, number: '400-161-9995', kind: 'support' },
  { name: { 'zh-CN': '报警', en: 'Police' }, number: '110', kind: 'emergency' },
  { name: { 'zh-CN': '急救', en: 'Ambulance' }, number: '120', kind: 'emergency' },
]);

const EXAMPLE =
  '[{"name":{"zh-CN":"全国心理援助热线","en":"National psychological assistance hotline"},"number":"12356"},' +
  '{"name":{"zh-CN":"报警","en":"Police"},"number":"110","kind":"emergency"}]';

/**
 * Parses the CRISIS_HOTLINES setting: a JSON array of `{ name: { "zh-CN", en }, number, kind? }`.
 * Throws a ConfigError that names the variable, the offending entry and an example.
 */
export function parseHotlines(json: string): Hotline[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`Invalid configuration:\n  CRISIS_HOTLINES: not valid JSON (${reason})\n  Expected, for example: ${EXAMPLE}`);
  }
  const parsed = HotlinesSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      return `  CRISIS_HOTLINES${path}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\n  Expected, for example: ${EXAMPLE}`);
  }
  return parsed.data;
}
