import type { CrisisCategory } from './crisis-assessment.ts';

/**
 * One lexicon entry, matched against normalised text (see normalise-text.ts).
 *
 * A pattern may name a `core` group: the risk words proper. Negation is looked for just before
 * the core, so "同事说他从没想过自杀" is read as denied while "同事说他想自杀" is not.
 */
export interface CrisisRule {
  /** Stable id, reported in `signals`: `<lang>.<category>.<what>`, e.g. `zh.suicide.want-die`. */
  readonly id: string;
  readonly level: 'crisis' | 'concern';
  readonly categories: readonly CrisisCategory[];
  /** Compiled with the `g`, `u` and `d` flags by {@link zhRule} / {@link enRule}. */
  readonly pattern: RegExp;
  /** A denial just before the core ("我从没想过自杀", "I would never kill myself") makes it a concern. */
  readonly negatable?: boolean;
  /** A thought placed in the past ("以前想过", "years ago") with nothing current makes it a concern. */
  readonly pastAware?: boolean;
  /**
   * A bare mention of the subject ("自杀", "suicide"): inside a legal or informational question
   * ("自杀算不算工伤") it is not a crisis. Rules about a person (我, a colleague) never set this.
   */
  readonly mention?: boolean;
  /** Context in the same clause that means something else (an accident for "hurt myself"). */
  readonly unless?: RegExp;
  /** Words just before the core that mean something else ("经理肯定杀了他" is a prediction). */
  readonly unlessBefore?: RegExp;
  /** Context anywhere in the message that turns a crisis into a concern (money for 活不下去). */
  readonly concernIf?: RegExp;
}

/** A phrase that looks like risk but is not (累死了, "killing it"), replaced before rules run. */
export interface IdiomMask {
  readonly id: string;
  /** `concern` for hyperbole that still signals distress (想死的心都有了, "I'm gonna die"). */
  readonly level: 'none' | 'concern';
  readonly pattern: RegExp;
}

type RuleOptions = Omit<CrisisRule, 'id' | 'level' | 'categories' | 'pattern'>;

/** A rule over Chinese text, written as a plain regular expression source. */
export function zhRule(
  id: string,
  level: CrisisRule['level'],
  categories: readonly CrisisCategory[],
  source: string,
  options: RuleOptions = {},
): CrisisRule {
  return { id, level, categories, pattern: new RegExp(source, 'gud'), ...options };
}

/** A rule over English text; the source is widened by {@link fuzzyEnglish}. */
export function enRule(
  id: string,
  level: CrisisRule['level'],
  categories: readonly CrisisCategory[],
  source: string,
  options: RuleOptions = {},
): CrisisRule {
  return { id, level, categories, pattern: fuzzyEnglish(source), ...options };
}

/** An idiom mask; English sources are widened like rules. */
export function mask(id: string, level: IdiomMask['level'], source: string, english = false): IdiomMask {
  return { id, level, pattern: english ? fuzzyEnglish(source) : new RegExp(source, 'gu') };
}

/**
 * Widens an English pattern written in plain words so it survives how people type: every letter
 * may repeat ("dieeee", "killl"), a doubled letter may be single ("kil", "beter"), and a space may
 * be missing or several ("killmyself"). Regex syntax (escapes, classes, groups, quantifiers) is
 * kept. Sources use no apostrophes, as normalisation removes them ("dont", "im"). Because doubled
 * letters collapse, "noose" would also match "nose" and "shoot" "shot": write `no{2,}se` where
 * the double letter matters.
 */
export function fuzzyEnglish(source: string): RegExp {
  let out = '';
  let lastLetter = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
      lastLetter = '';
    } else if (c === '[' || c === '{') {
      const close = source.indexOf(c === '[' ? ']' : '}', i + 1);
      out += source.slice(i, close + 1);
      i = close;
      lastLetter = '';
    } else if (c === '(' && source[i + 1] === '?') {
      const m = /^\(\?(?:<[=!]|<[a-z]+>|[:=!])/i.exec(source.slice(i));
      const head = m ? m[0] : '(?';
      out += head;
      i += head.length - 1;
      lastLetter = '';
    } else if (c >= 'a' && c <= 'z') {
      if (c === lastLetter) continue;
      // A letter with its own quantifier keeps it: "s?" → (?:s+)?, "o{2,}" → o{2,} (noose, not nose).
      const next = source[i + 1];
      out += next === '{' ? c : next === '?' || next === '*' ? `(?:${c}+)` : `${c}+`;
      lastLetter = c;
    } else if (c === ' ') {
      out += String.raw`\s*`;
      lastLetter = '';
    } else {
      out += c;
      lastLetter = '';
    }
  }
  return new RegExp(out, 'gud');
}
