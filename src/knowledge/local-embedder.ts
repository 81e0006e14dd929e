import { bigramTerms, englishTerms } from './analyzer.ts';
import { normalise, type Embedder } from './embedder.ts';
import { chineseQuantities } from './numbers.ts';
import { segment, segmentPhrase } from './segmenter.ts';
import { findConcepts, thesaurusVersion } from './thesaurus/index.ts';

/** Weights of the feature kinds hashed into the local vector. */
export interface LocalEmbedderOptions {
  dimensions?: number;
  word?: number;
  bigram?: number;
  concept?: number;
  expansion?: number;
}

const DEFAULTS: Required<LocalEmbedderOptions> = { dimensions: 1024, word: 1, bigram: 0.5, concept: 2, expansion: 0.6 };

/** FNV-1a, 32 bit: fast, stable across runs and platforms. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The offline embedder: no model, no download. Each text becomes a bag of features (jieba words,
 * Han bigrams, English stems, thesaurus concepts and the statutory wording they expand to), each
 * weighted by sublinear frequency, hashed with a sign bit into a fixed number of dimensions and
 * L2-normalised. Documents and queries go through the same expansion, so "被炒鱿鱼", "fired" and
 * "解除劳动合同" land near each other. It is a pure function of the text: a document's vector
 * never depends on the rest of the corpus, which is what lets unchanged documents keep theirs.
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): Embedder {
  const o = { ...DEFAULTS, ...options };
  const settings = `${o.word}/${o.bigram}/${o.concept}/${o.expansion}`;
  const id = `local-hash-v1/${o.dimensions}/${thesaurusVersion()}/${settings}`;

  const features = (text: string): Map<string, number> => {
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
    for (const w of segment(text)) add(w, o.word);
    for (const term of bigramTerms(text)) add(term, o.bigram);
    if (/[a-z]/i.test(text)) for (const word of englishTerms(text)) add(word, o.word);
    for (const concept of findConcepts(text)) {
      add(`@${concept.id}`, o.concept * concept.weight);
      for (const phrase of concept.statutory) {
        for (const w of segmentPhrase(phrase)) add(w, o.expansion * concept.weight);
      }
    }
    for (const quantity of chineseQuantities(text)) for (const w of segment(quantity)) add(w, o.expansion);
    return counts;
  };

  const embedOne = (text: string): number[] => {
    const vector = new Array<number>(o.dimensions).fill(0);
    for (const [feature, weight] of features(text)) {
      const h = hash(feature);
      // Sublinear frequency: a long article repeating 工资 ten times is not ten times about wages.
      vector[h % o.dimensions]! += (h & 0x80000000 ? -1 : 1) * (1 + Math.log(weight > 1 ? weight : 1)) * Math.min(weight, 1);
    }
    return normalise(vector);
  };

  return {
    id,
    dimensions: o.dimensions,
    embed: async (texts) => texts.map(embedOne),
  };
}
