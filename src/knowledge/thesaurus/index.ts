import { sha256 } from '../hash.ts';
import { memoise } from '../memo.ts';
import { wordBoundaries } from '../segmenter.ts';
import { CONTRACT_ENTRIES } from './contracts.ts';
import { DISPUTE_ENTRIES } from './disputes.ts';
import { GENERAL_ENTRIES } from './general.ts';
import { INSURANCE_ENTRIES } from './insurance.ts';
import { PROTECTION_ENTRIES } from './protection.ts';
import { PSYCH_ENTRIES } from './psych.ts';
import { TERMINATION_ENTRIES } from './termination.ts';
import { splitList, type ThesaurusEntry } from './types.ts';
import { UNION_ENTRIES } from './union.ts';
import { WAGE_ENTRIES } from './wages.ts';
import { WORKING_TIME_ENTRIES } from './working-time.ts';

export type { ThesaurusEntry } from './types.ts';

/** Every thesaurus entry, in file order. Add a file here when you add a domain. */
export const THESAURUS: readonly ThesaurusEntry[] = [
  ...CONTRACT_ENTRIES,
  ...TERMINATION_ENTRIES,
  ...WAGE_ENTRIES,
  ...WORKING_TIME_ENTRIES,
  ...INSURANCE_ENTRIES,
  ...PROTECTION_ENTRIES,
  ...DISPUTE_ENTRIES,
  ...UNION_ENTRIES,
  ...GENERAL_ENTRIES,
  ...PSYCH_ENTRIES,
];

/** A concept found in a text. */
export interface ConceptMatch {
  id: string;
  /** Statutory wording to add to a query that mentions the concept. */
  statutory: string[];
  weight: number;
  /** How many times a phrasing of the concept occurs. */
  count: number;
  /** The phrasings found (Chinese substrings, or English stems joined by spaces). */
  phrases: string[];
}

/** Normalises English for phrase matching: lower case, apostrophes dropped, stems. */
export function englishWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^a-z0-9%+.]+|(?<=[a-z])\.|\.(?![0-9])/)
    .filter(Boolean)
    .map(stem);
}

/** A deliberately light English stemmer: plurals, -ing, -ed. Applied alike to text and phrases. */
export function stem(word: string): string {
  let w = word.replace(/%$/, '');
  if (w.length <= 3 || /[0-9]/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (!/(ss|us|is)$/.test(w) && w.endsWith('s')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  return w;
}

function undouble(word: string): string {
  return /([^aeiouslz])\1$/.test(word) ? word.slice(0, -1) : word;
}

interface CompiledConcept {
  id: string;
  statutory: string[];
  weight: number;
}

interface Compiled {
  concepts: CompiledConcept[];
  /** Chinese (and mixed) phrasings by their first two characters (or one, for one-character phrases). */
  zh: Map<string, { text: string; concept: number; ascii: boolean }[]>;
  /** Split Chinese phrasings ("工资+没发"). */
  patterns: { parts: string[]; concept: number }[];
  /** English phrasings (word arrays) by first word. */
  en: Map<string, { words: string[]; concept: number }[]>;
  version: string;
}

let compiled: Compiled | undefined;
const ASCII_WORD = /[a-z0-9]/;

function compile(): Compiled {
  const concepts: CompiledConcept[] = [];
  const zh = new Map<string, { text: string; concept: number; ascii: boolean }[]>();
  const en = new Map<string, { words: string[]; concept: number }[]>();
  const patterns: Compiled['patterns'] = [];
  const ids = new Set<string>();
  for (const entry of THESAURUS) {
    if (ids.has(entry.id)) throw new Error(`thesaurus: duplicate concept id ${entry.id}`);
    ids.add(entry.id);
    const index = concepts.length;
    const statutory = splitList(entry.statutory);
    concepts.push({ id: entry.id, statutory, weight: entry.weight ?? 1 });
    for (const phrase of new Set([...statutory, ...splitList(entry.zh)].map((p) => p.toLowerCase()))) {
      if (phrase.includes('+')) {
        patterns.push({ parts: phrase.split('+').filter(Boolean), concept: index });
        continue;
      }
      // Bucketed by the first two characters (one for one-character phrases): scanning a long
      // article then checks a handful of phrases per position instead of every phrase sharing a character.
      const key = phrase.slice(0, 2);
      const bucket = zh.get(key) ?? [];
      bucket.push({ text: phrase, concept: index, ascii: /^[\x00-\x7f]+$/.test(phrase) });
      zh.set(key, bucket);
    }
    for (const phrase of splitList(entry.en)) {
      const words = englishWords(phrase);
      if (words.length === 0) continue;
      const bucket = en.get(words[0]!) ?? [];
      bucket.push({ words, concept: index });
      en.set(words[0]!, bucket);
    }
  }
  return { concepts, zh, en, patterns, version: sha256(JSON.stringify(THESAURUS)).slice(0, 12) };
}

function thesaurus(): Compiled {
  compiled ??= compile();
  return compiled;
}

/** Changes whenever the thesaurus does: indexes built with another version are rebuilt. */
export function thesaurusVersion(): string {
  return thesaurus().version;
}

/** Number of concepts and phrasings, for the README and the eval report. */
export function thesaurusSize(): { concepts: number; phrasings: number } {
  const t = thesaurus();
  let phrasings = 0;
  for (const bucket of t.zh.values()) phrasings += bucket.length;
  for (const bucket of t.en.values()) phrasings += bucket.length;
  return { concepts: t.concepts.length, phrasings };
}

/** How far apart the parts of a split phrasing may be. */
const SPLIT_WINDOW = 8;

/** Whether the parts occur in order, each starting within SPLIT_WINDOW characters of the previous one's end. */
function matchesSplit(text: string, parts: string[], wellCut: (start: number, end: number) => boolean): boolean {
  const [first, ...rest] = parts;
  for (let at = text.indexOf(first!); at >= 0; at = text.indexOf(first!, at + 1)) {
    if (!wellCut(at, at + first!.length)) continue;
    let end = at + first!.length;
    let ok = true;
    for (const part of rest) {
      const next = text.indexOf(part, end);
      if (next < 0 || next - end > SPLIT_WINDOW) {
        ok = false;
        break;
      }
      end = next + part.length;
    }
    if (ok) return true;
  }
  return false;
}

/** Finds the concepts a text mentions, in Chinese or in English (memoised: callers must not mutate). */
export const findConcepts = memoise(findConceptsUncached);

function findConceptsUncached(text: string): ConceptMatch[] {
  const t = thesaurus();
  const counts = new Map<number, number>();
  const phrases = new Map<number, Set<string>>();
  const found = (concept: number, phrase: string) => {
    counts.set(concept, (counts.get(concept) ?? 0) + 1);
    let set = phrases.get(concept);
    if (!set) phrases.set(concept, (set = new Set()));
    set.add(phrase);
  };
  const lower = text.toLowerCase();
  let boundaries: Uint8Array | undefined;
  // A Chinese phrase must start where a word starts ("年假|没休完") or lie inside one word ("加班"
  // in "加班费"): "折算" in "骨折|算|工伤" starts mid-word and crosses into the next.
  const wellCut = (start: number, end: number) => {
    boundaries ??= wordBoundaries(text);
    if (boundaries[start]) return true;
    for (let i = start + 1; i < end; i++) if (boundaries[i]) return false;
    return true;
  };
  for (let i = 0; i < lower.length; i++) {
    const one = t.zh.get(lower[i]!);
    const two = t.zh.get(lower.slice(i, i + 2));
    if (!one && !two) continue;
    for (const phrase of [...(one ?? []), ...(two ?? [])]) {
      if (!lower.startsWith(phrase.text, i)) continue;
      // "hr" must not match inside "three": Latin phrasings need word boundaries.
      if (phrase.ascii && (ASCII_WORD.test(lower[i - 1] ?? '') || ASCII_WORD.test(lower[i + phrase.text.length] ?? ''))) continue;
      if (!phrase.ascii && !wellCut(i, i + phrase.text.length)) continue;
      found(phrase.concept, phrase.text);
    }
  }
  for (const { parts, concept } of t.patterns) {
    if (matchesSplit(lower, parts, wellCut)) found(concept, parts.join(''));
  }
  if (/[a-z]/i.test(text)) {
    const words = englishWords(text);
    for (let i = 0; i < words.length; i++) {
      const bucket = t.en.get(words[i]!);
      if (!bucket) continue;
      for (const phrase of bucket) {
        if (phrase.words.every((word, offset) => words[i + offset] === word)) found(phrase.concept, phrase.words.join(' '));
      }
    }
  }
  return [...counts].map(([index, count]) => {
    const concept = t.concepts[index]!;
    return { id: concept.id, statutory: concept.statutory, weight: concept.weight, count, phrases: [...phrases.get(index)!] };
  });
}
