import { ARTICLE_LABEL } from './article-label.ts';
import type { LawNames } from './law-names.ts';
import type { SearchHit } from './types.ts';

/** A question with the law articles that answer it (`law#第N条` chunk ids). */
export interface EvalItem {
  id: string;
  language: 'zh-CN' | 'en';
  question: string;
  gold: string[];
}

/** Recall at 1, 5 and 10 and mean reciprocal rank (within the top 10). */
export interface Metrics {
  n: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrr: number;
}

const REFERENCE = /《([^》]{2,60})》\s*(第[一二三四五六七八九十百千零〇两]+条(?:之[一二三四五六七八九十]+)?)/g;

/**
 * Maps the law references in a text ("《劳动合同法》第八十二条", "《中华人民共和国劳动合同法》第八十二条")
 * to chunk ids, resolving titles, short names and aliases, with or without "中华人民共和国".
 * References to laws that are not in the knowledge base are ignored.
 */
export function parseLawReferences(text: string, laws: LawNames[]): string[] {
  const byName = new Map<string, string>();
  for (const law of laws) {
    for (const name of [law.title, law.shortName, ...law.aliases]) {
      byName.set(name, law.id);
      byName.set(name.replace(/^中华人民共和国/, ''), law.id);
    }
  }
  const found = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1]!.trim();
    const id = byName.get(name) ?? byName.get(name.replace(/^中华人民共和国/, ''));
    if (id && ARTICLE_LABEL.test(match[2]!)) found.add(`${id}#${match[2]}`);
  }
  return [...found];
}

/** The rank (0-based) of the first gold chunk among the hits, or -1. */
export function firstGoldRank(hits: SearchHit[], gold: string[]): number {
  const wanted = new Set(gold);
  return hits.findIndex((hit) => wanted.has(hit.chunkId));
}

/** Aggregates ranks (-1 for a miss) into metrics. */
export function metrics(ranks: number[]): Metrics {
  const n = ranks.length;
  const share = (test: (rank: number) => boolean) => (n === 0 ? 0 : ranks.filter(test).length / n);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    n,
    recallAt1: round(share((r) => r === 0)),
    recallAt5: round(share((r) => r >= 0 && r < 5)),
    recallAt10: round(share((r) => r >= 0 && r < 10)),
    mrr: round(n === 0 ? 0 : ranks.reduce((sum, r) => sum + (r >= 0 && r < 10 ? 1 / (r + 1) : 0), 0) / n),
  };
}
