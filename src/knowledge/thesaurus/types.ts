/**
 * One concept of the labour-law thesaurus: how laws word it, and how members say it in Chinese
 * and in English. Every field is a `|`-separated list so that an entry stays on a few lines.
 */
export interface ThesaurusEntry {
  /** Kebab-case concept id, unique across the thesaurus; indexed as the term `@id`. */
  id: string;
  /** Statutory wording, as it appears in the laws; added to any query that mentions the concept. */
  statutory: string;
  /**
   * Everyday Chinese phrasings, matched as substrings. `工资+没发` is a split phrasing: the parts
   * in order, each within eight characters of the previous ("工资已经两个月没发了").
   */
  zh?: string;
  /** English phrasings, matched word by word after light stemming ("paid leave", "fired"). */
  en?: string;
  /**
   * How much the statutory wording counts in an expanded query (default 1). Lower it for broad
   * concepts ("employer" → 用人单位) that would otherwise drown the specific ones.
   */
  weight?: number;
}

/** Splits a `|` list, trimming and dropping empties. */
export function splitList(list: string | undefined): string[] {
  return (list ?? '')
    .split('|')
    .map((item) => item.trim())
    .filter(Boolean);
}
