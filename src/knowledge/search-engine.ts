import { analyzeQuery, type AnalyzedQuery } from './analyzer.ts';
import { findArticleMentions } from './article-label.ts';
import { Bm25Index } from './bm25.ts';
import { computeConfidence, type ConfidenceSignals } from './confidence.ts';
import type { Embedder } from './embedder.ts';
import { LawNameMatcher } from './law-names.ts';
import { QuestionIndex, questionSignature } from './question-similarity.ts';
import type { ChunkRecord, DocumentRecord } from './records.ts';
import { DEFAULT_TUNING, type SearchTuning } from './search-tuning.ts';
import type { Retrieval, SearchHit } from './types.ts';
import { PSYCH_ENTRIES } from './thesaurus/psych.ts';
import type { VectorIndex } from './vector-index.ts';

const WELLBEING = new Set(PSYCH_ENTRIES.map((entry) => entry.id));

/** A citation resolved to chunk positions: the named articles (undefined when absent), or a whole document's chunks. */
type Citation = { articles: (number | undefined)[] } | { whole: number[] };

/**
 * The fused scores of one query's candidates (100–150 chunks), by chunk position. Typed arrays
 * instead of a Map<position, score>: the candidates are read and written a few times each while
 * ranking, and a chunk that is not a candidate reads as score 0, as `get(i) ?? 0` did.
 */
class Candidates {
  readonly score: Float64Array;
  private readonly member: Uint8Array;
  /** Candidates in the order first scored: a stable sort keeps equal scores in this order. */
  readonly order: number[] = [];

  constructor(size: number) {
    this.score = new Float64Array(size);
    this.member = new Uint8Array(size);
  }

  has(index: number): boolean {
    return this.member[index] === 1;
  }

  /** Adds to a candidate's score (from 0, exactly as `(get(i) ?? 0) + value`). */
  add(index: number, value: number): void {
    if (this.member[index] === 0) {
      this.member[index] = 1;
      this.order.push(index);
    }
    this.score[index]! += value;
  }

  /** Positions best first; equal scores in the order first scored. */
  ranked(): number[] {
    const score = this.score;
    return this.order.slice().sort((a, b) => score[b]! - score[a]!);
  }
}

/** Retrieval with the evidence behind its confidence (for calibration and the eval script). */
export interface DetailedRetrieval extends Retrieval {
  signals: ConfidenceSignals;
}

/**
 * Hybrid retrieval over one immutable index version: BM25 over expanded terms and HNSW over
 * embeddings, fused by reciprocal rank, then reranked with what a question says explicitly
 * (a law's name, an article number, an FAQ's own phrasing). FAQ hits bring the articles they
 * cite right after them, and of an FAQ and its translation only one is kept.
 */
export class SearchEngine {
  private readonly bm25: Bm25Index;
  private readonly byLabel = new Map<number, number>();
  private readonly byId = new Map<string, number>();
  private readonly documents = new Map<string, DocumentRecord>();
  private readonly lawNames: LawNameMatcher;
  /** The colloquial questions (and title) of each FAQ, psych and union document. */
  private readonly guideQuestions: QuestionIndex;
  /** Position in `guideQuestions` of each guide document. */
  private readonly guideByDocument = new Map<string, number>();

  // What a query would otherwise look up or rebuild for each of its 100–150 candidates, derived
  // once per index version (chunk positions are the chunks' indexes in `chunks`):
  /** Per chunk: its document's position in `guideQuestions`, or -1 (a law, or no such document). */
  private readonly guideOfChunk: Int32Array;
  /**
   * Per chunk: a number for the pair of a guide and its translation (named by the smaller id of
   * the two), or -1 for laws; `translationGroups` of them.
   */
  private readonly translationGroup: Int32Array;
  private readonly translationGroups: number;
  /** Chunks by section label, for an article named without its law. */
  private readonly bySection = new Map<string, number[]>();
  /** Per document: for each citation, the chunks its articles name, or the document's chunks when it names none. */
  private readonly citations = new Map<string, Citation[]>();

  constructor(
    documents: readonly DocumentRecord[],
    private readonly chunks: readonly ChunkRecord[],
    private readonly vectors: VectorIndex | undefined,
    private readonly embedder: Embedder,
    private readonly tuning: SearchTuning = DEFAULT_TUNING,
  ) {
    this.bm25 = new Bm25Index(chunks, tuning.bm25);
    chunks.forEach((chunk, i) => {
      this.byLabel.set(chunk.label, i);
      this.byId.set(chunk.id, i);
    });
    const guides: string[][] = [];
    for (const doc of documents) {
      this.documents.set(doc.id, doc);
      if (doc.type !== 'law') {
        this.guideByDocument.set(doc.id, guides.length);
        guides.push([doc.title, ...doc.questions]);
      }
    }
    this.guideQuestions = new QuestionIndex(guides);
    this.guideOfChunk = Int32Array.from(chunks, (chunk) => this.guideByDocument.get(chunk.documentId) ?? -1);
    const groups = new Map<string, number>();
    this.translationGroup = Int32Array.from(chunks, (chunk) => {
      const doc = this.documents.get(chunk.documentId);
      if (!doc || doc.type === 'law') return -1;
      const name = [doc.id, doc.translationOf ?? doc.id].sort()[0]!;
      let group = groups.get(name);
      if (group === undefined) groups.set(name, (group = groups.size));
      return group;
    });
    this.translationGroups = groups.size;
    chunks.forEach((chunk, i) => {
      const list = this.bySection.get(chunk.section);
      if (list) list.push(i);
      else this.bySection.set(chunk.section, [i]);
    });
    for (const doc of documents) {
      this.citations.set(
        doc.id,
        doc.cites.map((cite) =>
          cite.articles.length > 0
            ? { articles: cite.articles.map((article) => this.byId.get(`${cite.law}#${article}`)) }
            : { whole: (this.documents.get(cite.law)?.chunkIds ?? []).map((id) => this.byId.get(id)).filter((i): i is number => i !== undefined) },
        ),
      );
    }
    this.lawNames = new LawNameMatcher(
      documents.flatMap((doc) => (doc.law ? [{ id: doc.id, title: doc.title, ...doc.law }] : [])),
    );
    // The vector search's exact scan is derived here, with the rest of a version's derived data.
    vectors?.prepare();
  }

  get size(): number {
    return this.chunks.length;
  }

  /** A chunk by id, as a hit with score 0. */
  chunk(chunkId: string): SearchHit | undefined {
    const index = this.byId.get(chunkId);
    return index === undefined ? undefined : this.hit(index, 0);
  }

  /** A stored document (without chunks). */
  document(id: string): DocumentRecord | undefined {
    return this.documents.get(id);
  }

  async retrieve(query: string, k = 5): Promise<DetailedRetrieval> {
    const t = this.tuning;
    const analyzed = analyzeQuery(query, t.query);
    const scores = new Candidates(this.chunks.length);

    const bm25 = t.mode === 'vector' ? [] : this.bm25.search(analyzed.terms, t.candidates);
    bm25.forEach((result, rank) => scores.add(result.doc, t.bm25Weight / (t.rrfK + rank + 1)));

    let topSimilarity: number | undefined;
    if (t.mode !== 'bm25' && this.vectors && this.vectors.size > 0) {
      // A remote embedder that fails or times out must not fail the member's turn: the search
      // goes on with keywords only, as for an index built with another embedder (issue 9).
      const vector = await this.embedder.embed([query]).then(([v]) => v, () => undefined);
      const hits = vector ? this.vectors.search(vector, t.vectorCandidates) : [];
      if (vector) topSimilarity = hits[0]?.similarity ?? 0;
      hits.forEach((hit, rank) => {
        const index = this.byLabel.get(hit.label);
        if (index !== undefined) scores.add(index, t.vectorWeight / (t.rrfK + rank + 1));
      });
    }

    // The query's similarity to every guide's questions, computed once: reranking weighs every
    // candidate guide chunk by it, and the confidence reads the top guide's.
    let guideSimilarity: Float64Array | undefined;
    const similarities = () => (guideSimilarity ??= this.guideQuestions.best(questionSignature(query)));
    if (t.mode === 'hybrid') this.rerank(query, scores, similarities);

    const hits = this.withCitedArticles(this.collapseTranslations(scores.ranked(), scores, analyzed.english), scores, k);
    const topGuide = hits.find((hit) => hit.docType !== 'law');
    const topGuidePosition = topGuide ? this.guideByDocument.get(topGuide.documentId) : undefined;
    const signals: ConfidenceSignals = {
      coverage: this.literalCoverage(analyzed, hits.slice(0, 3)),
      topSimilarity,
      concepts: analyzed.concepts.filter((c) => c.weight >= 0.5).length,
      faqSimilarity: topGuidePosition !== undefined ? similarities()[topGuidePosition]! : 0,
      wellbeing: analyzed.concepts.filter((c) => WELLBEING.has(c.id)).length,
      psychTop: hits[0]?.docType === 'psych',
    };
    return { hits, confidence: computeConfidence(signals), signals };
  }

  /**
   * The IDF-weighted share of the member's own words that the top hits contain or that a
   * thesaurus concept accounts for. Words no document has count fully against it, so "去欧洲哪里
   * 度假" is not made confident by its one labour-law word.
   */
  private literalCoverage(analyzed: AnalyzedQuery, top: SearchHit[]): number {
    const phrases = analyzed.concepts.flatMap((concept) => concept.phrases);
    // A chunk has a word when the word's BM25 posting list has the chunk: the lists are built from
    // the same `terms`, and a lookup costs less than a set of a long article's terms per query.
    const positions = top.map((hit) => this.byId.get(hit.chunkId)!);
    let total = 0;
    let found = 0;
    for (const word of analyzed.literal) {
      const idf = this.bm25.idfOrUnseen(word);
      total += idf;
      if (positions.some((position) => this.bm25.contains(word, position)) || phrases.some((phrase) => phrase.includes(word))) found += idf;
    }
    return total > 0 ? found / total : 0;
  }

  private rerank(query: string, scores: Candidates, similarities: () => Float64Array): void {
    const t = this.tuning;
    const unit = 1 / (t.rrfK + 1);
    const laws = this.lawNames.find(query);
    const articles = findArticleMentions(query);
    if (laws.length > 0) {
      for (const index of scores.order) {
        if (laws.includes(this.chunks[index]!.documentId)) scores.score[index]! += t.lawMentionBoost * unit;
      }
    }
    for (const article of articles) {
      const targets = laws.length > 0 ? laws.map((law) => this.byId.get(`${law}#${article}`)) : (this.bySection.get(article) ?? []);
      for (const index of targets) {
        // Law and article both named: that article leads (a fused score never exceeds 2 units plus the law boost).
        if (index !== undefined) scores.add(index, t.articleMentionBoost * unit * (laws.length > 0 ? 3 : 1));
      }
    }
    if (this.guideQuestions.size > 0) {
      const similarity = similarities();
      for (const index of scores.order) {
        const guide = this.guideOfChunk[index]!;
        const value = guide >= 0 ? similarity[guide]! : 0;
        if (value > 0) scores.score[index]! += t.faqQuestionBoost * unit * value * value;
      }
    }
  }

  /**
   * Of a document and its translation, keeps the one in the query's language, at the rank and
   * with the score of whichever of the two ranked first. Returns positions and their scores.
   */
  private collapseTranslations(ranked: number[], scores: Candidates, english: boolean): { positions: number[]; scores: number[] } {
    const wanted = english ? 'en' : 'zh-CN';
    const positions: number[] = [];
    const kept: number[] = [];
    // Where each group's entry is in `positions`, or -1 until the group is met.
    const seenGroups = new Int32Array(this.translationGroups).fill(-1);
    for (const index of ranked) {
      const group = this.translationGroup[index]!;
      const at = group < 0 ? -1 : seenGroups[group]!;
      if (at < 0) {
        if (group >= 0) seenGroups[group] = positions.length;
        positions.push(index);
        kept.push(scores.score[index]!);
      } else if (this.chunks[positions[at]!]!.language !== wanted && this.chunks[index]!.language === wanted) {
        positions[at] = index;
      }
    }
    return { positions, scores: kept };
  }

  private withCitedArticles(ranked: { positions: number[]; scores: number[] }, scores: Candidates, k: number): SearchHit[] {
    const out: SearchHit[] = [];
    const used = new Set<number>();
    const push = (index: number, score: number) => {
      if (used.has(index) || out.length >= k) return;
      used.add(index);
      out.push(this.hit(index, score));
    };
    for (let rank = 0; rank < ranked.positions.length; rank++) {
      if (out.length >= k) break;
      const index = ranked.positions[rank]!;
      const score = ranked.scores[rank]!;
      push(index, score);
      const chunk = this.chunks[index]!;
      if (chunk.docType === 'law' || this.tuning.citedPerFaq <= 0) continue;
      const cited = (this.citations.get(chunk.documentId) ?? [])
        .flatMap((cite) => this.citedChunks(cite, scores))
        .filter((i): i is number => i !== undefined && !used.has(i))
        .sort((a, b) => scores.score[b]! - scores.score[a]!)
        .slice(0, this.tuning.citedPerFaq);
      // Just below the FAQ: the articles are the FAQ's evidence, whatever their own rank.
      cited.forEach((i, n) => push(i, score * (0.99 - n * 0.001)));
    }
    return out;
  }

  /** Chunk positions a citation names; a citation without articles names the document's best chunk. */
  private citedChunks(cite: Citation, scores: Candidates): readonly (number | undefined)[] {
    if ('articles' in cite) return cite.articles;
    // The first of the highest-scoring chunks, as a stable sort by score would put first.
    let best: number | undefined;
    let bestScore = 0;
    for (const index of cite.whole) {
      const score = scores.score[index]!;
      if (best === undefined || score > bestScore) {
        best = index;
        bestScore = score;
      }
    }
    return best !== undefined && scores.has(best) ? [best] : [];
  }

  private hit(index: number, score: number): SearchHit {
    const chunk = this.chunks[index]!;
    return {
      chunkId: chunk.id,
      documentId: chunk.documentId,
      title: chunk.title,
      section: chunk.section,
      docType: chunk.docType,
      language: chunk.language,
      score,
      text: chunk.text,
    };
  }
}
