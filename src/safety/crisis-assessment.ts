import { z } from 'zod';

/**
 * How urgent a message is. `crisis`: risk to life or body now (suicide, self-harm, harm to others,
 * violence against the member). `concern`: distress short of that, answered with a gentle offer of
 * a counsellor. `none`: route the message as usual.
 */
export const CrisisLevelSchema = z.enum(['none', 'concern', 'crisis']);
export type CrisisLevel = z.infer<typeof CrisisLevelSchema>;

/** The kind of risk a crisis is about; a message may carry several. */
export const CrisisCategorySchema = z.enum(['suicide', 'self-harm', 'harm-to-others', 'violence']);
export type CrisisCategory = z.infer<typeof CrisisCategorySchema>;

/** The order categories are reported in, so that assessments compare and log the same way. */
export const CRISIS_CATEGORIES: readonly CrisisCategory[] = CrisisCategorySchema.options;

/**
 * The result of checking one message. `signals` are the ids of the rules that fired (for tests and
 * the audit log) and never contain the member's words.
 */
export interface CrisisAssessment {
  readonly level: CrisisLevel;
  readonly categories: readonly CrisisCategory[];
  readonly signals: readonly string[];
}

/** The assessment of a message with nothing in it. */
export const NO_CRISIS: CrisisAssessment = Object.freeze({ level: 'none', categories: [], signals: [] });

const RANK: Record<CrisisLevel, number> = { none: 0, concern: 1, crisis: 2 };

/** Orders levels: negative when `a` is less urgent than `b`. */
export function compareLevels(a: CrisisLevel, b: CrisisLevel): number {
  return RANK[a] - RANK[b];
}

/** Categories deduplicated and in the canonical order. */
export function sortCategories(categories: Iterable<CrisisCategory>): CrisisCategory[] {
  const set = new Set(categories);
  return CRISIS_CATEGORIES.filter((c) => set.has(c));
}

/**
 * Merges opinions about the same message, keeping the most urgent: the level is the highest, the
 * categories are those of the opinions at that level, and the signals are all signals. It can only
 * raise, never lower, which is what a second opinion (a model reviewer, a staff flag) may do.
 */
export function combineAssessments(...assessments: readonly CrisisAssessment[]): CrisisAssessment {
  if (assessments.length === 0) return NO_CRISIS;
  let level: CrisisLevel = 'none';
  for (const a of assessments) if (compareLevels(a.level, level) > 0) level = a.level;
  const categories = sortCategories(assessments.filter((a) => a.level === level).flatMap((a) => a.categories));
  const signals = [...new Set(assessments.flatMap((a) => a.signals))].sort();
  return { level, categories: level === 'none' ? [] : categories, signals };
}
