import { NO_CRISIS, sortCategories, type CrisisAssessment, type CrisisCategory } from './crisis-assessment.ts';
import type { CrisisRule, IdiomMask } from './crisis-rule.ts';
import { clauseAround, normaliseText } from './normalise-text.ts';
import { hasPresentMarker, isDeniedAfter, isInformational, isNegated, isPast } from './context-frames.ts';
import { EN_IDIOMS, ZH_IDIOMS } from './idioms.ts';
import { EN_RULES } from './lexicon-en.ts';
import { ZH_RULES } from './lexicon-zh.ts';

const IDIOMS: readonly IdiomMask[] = [...ZH_IDIOMS, ...EN_IDIOMS];
const RULES: readonly CrisisRule[] = [...ZH_RULES, ...EN_RULES];
/**
 * Each rule's pattern without the `g` and `d` flags, to ask first whether it matches at all. Why:
 * most messages match no rule, and a `d` pattern (match indices) runs on V8's slow path; running
 * every rule's `matchAll` was the largest piece of our own code in a chat turn (~0.2 ms,
 * bench/load.ts profile). `test` from the start finds a match exactly when `matchAll` finds one.
 */
const QUICK = new Map<CrisisRule, RegExp>(RULES.map((rule) => [rule, new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gd]/g, ''))]));
/** Replaces a masked idiom; no rule matches it, and it is not a clause boundary. */
const MASKED = '#';
/** Messages are at most 8,000 characters (InboundInputSchema); a bound keeps the check fast anyway. */
const MAX_LENGTH = 10_000;

type Outcome = 'crisis' | 'concern' | 'none';

interface MessageContext {
  readonly text: string;
  readonly informational: boolean;
  readonly present: boolean;
}

/**
 * Checks one member message for crisis signals. Pure, synchronous and deterministic: the same
 * text always gives the same assessment, and nothing is logged or kept.
 *
 * The text is normalised (normalise-text.ts), idioms are masked (idioms.ts), and then every rule
 * of both lexicons runs, whatever the message's language, since members mix languages. A hit is
 * lowered to `concern` when it is denied ("我从没想过自杀") or placed in the past with nothing
 * current ("I used to think about suicide years ago"), and to nothing when it is a bare mention
 * inside a legal or informational question ("工伤认定里自杀算不算工伤"). See README.md for where
 * the lines fall.
 */
export function assessCrisis(text: string): CrisisAssessment {
  if (!text || !text.trim()) return NO_CRISIS;
  let normalised = normaliseText(text.length > MAX_LENGTH ? text.slice(0, MAX_LENGTH) : text);
  const signals = new Set<string>();
  let crisis = false;
  let concern = false;

  for (const idiom of IDIOMS) {
    idiom.pattern.lastIndex = 0;
    if (!idiom.pattern.test(normalised)) continue;
    normalised = normalised.replace(idiom.pattern, MASKED);
    signals.add(idiom.id);
    if (idiom.level === 'concern') concern = true;
  }

  const context: MessageContext = {
    text: normalised,
    informational: isInformational(normalised),
    present: hasPresentMarker(normalised),
  };
  const crisisCategories: CrisisCategory[] = [];
  const concernCategories: CrisisCategory[] = [];

  for (const rule of RULES) {
    const outcome = evaluateRule(rule, context);
    if (!outcome) continue;
    signals.add(outcome.signal);
    if (outcome.level === 'crisis') {
      crisis = true;
      crisisCategories.push(...rule.categories);
    } else if (outcome.level === 'concern') {
      concern = true;
      concernCategories.push(...rule.categories);
    }
  }

  const sortedSignals = [...signals].sort();
  if (crisis) {
    return { level: 'crisis', categories: sortCategories(crisisCategories), signals: sortedSignals };
  }
  if (concern) return { level: 'concern', categories: sortCategories(concernCategories), signals: sortedSignals };
  return { level: 'none', categories: [], signals: sortedSignals };
}

/** The most urgent reading of all of a rule's matches, or nothing when it did not match. */
function evaluateRule(rule: CrisisRule, context: MessageContext): { level: Outcome; signal: string } | undefined {
  if (!QUICK.get(rule)!.test(context.text)) return undefined;
  let best: { level: Outcome; signal: string } | undefined;
  rule.pattern.lastIndex = 0;
  for (const match of context.text.matchAll(rule.pattern)) {
    const level = readMatch(rule, match, context);
    const signal = level.reason ? `${rule.id}:${level.reason}` : rule.id;
    if (!best || rank(level.level) > rank(best.level)) best = { level: level.level, signal };
    if (best.level === rule.level) break;
  }
  return best;
}

function readMatch(
  rule: CrisisRule,
  match: RegExpMatchArray,
  context: MessageContext,
): { level: Outcome; reason?: 'negated' | 'past' | 'informational' | 'context' } {
  const start = match.index ?? 0;
  const end = start + match[0].length;
  const coreStart = match.indices?.groups?.['core']?.[0] ?? start;
  const clause = clauseAround(context.text, start, end);
  if (rule.unless && rule.unless.test(`${clause.before}${match[0]}${clause.after}`)) {
    return { level: 'none', reason: 'context' };
  }
  const beforeCore = clauseAround(context.text, coreStart, end).before;
  if (rule.unlessBefore && rule.unlessBefore.test(beforeCore)) return { level: 'none', reason: 'context' };
  if (rule.mention && context.informational) return { level: 'none', reason: 'informational' };
  const risk: Outcome = rule.level;
  if (risk !== 'crisis') return { level: risk };
  if (rule.negatable && (isNegated(beforeCore) || isDeniedAfter(context.text, end))) {
    return { level: 'concern', reason: 'negated' };
  }
  if (rule.pastAware && !context.present && isPast(`${clause.before}${match[0]}${clause.after}`)) {
    return { level: 'concern', reason: 'past' };
  }
  if (rule.concernIf && rule.concernIf.test(context.text)) return { level: 'concern', reason: 'context' };
  return { level: 'crisis' };
}

function rank(level: Outcome): number {
  return level === 'crisis' ? 2 : level === 'concern' ? 1 : 0;
}
