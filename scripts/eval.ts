/**
 * Retrieval evaluation. Builds the index of the knowledge base in a temporary data directory with
 * the offline embedder, then reports recall@1/5/10 and MRR (gold: the statute articles) for:
 *   - labour-qa: /work/shared/eval-dev/labour-qa.jsonl, gold parsed from each item's answer/context
 *   - held-out:  tests/knowledge/fixtures/dev-questions.jsonl (written before any tuning; zh and en)
 *   - tuning:    tests/knowledge/fixtures/tuning-questions.jsonl (what the knobs were tuned on)
 * under four retrieval modes, and the confidence of on-topic against off-topic questions.
 *
 *   npm run eval [-- --content knowledge-base --labour-qa /path/labour-qa.jsonl]
 * Prints JSON on stdout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIDENCE_THRESHOLD } from '../src/knowledge/confidence.ts';
import { firstGoldRank, metrics, parseLawReferences, type EvalItem } from '../src/knowledge/evaluation.ts';
import { KnowledgeService } from '../src/knowledge/index.ts';
import type { SearchTuning } from '../src/knowledge/search-tuning.ts';
import { thesaurusSize } from '../src/knowledge/thesaurus/index.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'knowledge-base' },
    'labour-qa': { type: 'string', default: '/work/shared/eval-dev/labour-qa.jsonl' },
    fixtures: { type: 'string', default: 'tests/knowledge/fixtures' },
  },
});

const MODES: Record<string, Partial<SearchTuning>> = {
  /** jieba words only: no thesaurus, no bigrams, no vectors, no reranking. */
  'bm25-plain': { mode: 'bm25', citedPerFaq: 0, query: { word: 1, bigram: 0, concept: 0, expansion: 0, englishExpansion: 0 } },
  /** BM25 over words, bigrams and thesaurus expansion. */
  bm25: { mode: 'bm25', citedPerFaq: 0 },
  /** The local hashed embedding alone. */
  vector: { mode: 'vector', citedPerFaq: 0 },
  /** What the service uses: fusion, reranking, FAQ citations. */
  hybrid: {},
};

function readJsonl(path: string): any[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

function ownQuestions(path: string): EvalItem[] {
  return readJsonl(path).map((item) => ({
    id: item.id,
    language: item.language,
    question: item.question,
    gold: item.gold.flatMap((g: { law: string; articles: string[] }) => g.articles.map((a) => `${g.law}#${a}`)),
  }));
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'knowledge-eval-'));
  try {
    const started = performance.now();
    const base = await KnowledgeService.open({ contentDir: values.content!, dataDir });
    const build = await base.build();
    process.stderr.write(`built ${build.chunks} chunks in ${build.ms} ms\n`);

    const laws = base
      .listDocuments()
      .filter((doc) => doc.type === 'law')
      .map((doc) => {
        const record = base.getDocumentRecord(doc.id)!;
        return { id: doc.id, title: doc.title, ...record.law! };
      });

    const sets: Record<string, EvalItem[]> = {};
    const notes: Record<string, unknown> = {};
    const qaPath = values['labour-qa']!;
    if (existsSync(qaPath)) {
      const raw = readJsonl(qaPath);
      const items = raw.map((item) => ({
        id: item.id as string,
        language: 'zh-CN' as const,
        question: item.question as string,
        gold: parseLawReferences(`${item.answer ?? ''}\n${item.context ?? ''}`, laws),
      }));
      sets['labour-qa'] = items.filter((item) => item.gold.length > 0);
      notes['labour-qa'] = { items: raw.length, evaluated: sets['labour-qa'].length, skippedNoReference: raw.length - sets['labour-qa'].length };
    } else {
      notes['labour-qa'] = { missing: qaPath };
    }
    sets['held-out'] = ownQuestions(join(values.fixtures!, 'dev-questions.jsonl'));
    sets.tuning = ownQuestions(join(values.fixtures!, 'tuning-questions.jsonl'));

    const results: Record<string, Record<string, unknown>> = {};
    for (const [mode, tuning] of Object.entries(MODES)) {
      const service = await KnowledgeService.open({ contentDir: values.content!, dataDir, tuning });
      results[mode] = {};
      for (const [name, items] of Object.entries(sets)) {
        const ranks: Record<string, number[]> = { all: [], 'zh-CN': [], en: [] };
        for (const item of items) {
          const rank = firstGoldRank(await service.search(item.question, 10), item.gold);
          ranks.all!.push(rank);
          ranks[item.language]!.push(rank);
        }
        results[mode]![name] = Object.fromEntries(
          Object.entries(ranks)
            .filter(([, list]) => list.length > 0)
            .map(([language, list]) => [language, metrics(list)]),
        );
      }
    }

    const confidence = async (items: { question: string }[]) => {
      const values_: number[] = [];
      for (const item of items) values_.push((await base.retrieve(item.question, 5)).confidence);
      values_.sort((a, b) => a - b);
      const pick = (q: number) => values_[Math.min(values_.length - 1, Math.floor(q * values_.length))]!;
      return {
        n: values_.length,
        min: values_[0],
        p10: pick(0.1),
        median: pick(0.5),
        p90: pick(0.9),
        max: values_.at(-1),
        belowThreshold: values_.filter((v) => v < CONFIDENCE_THRESHOLD).length,
      };
    };
    const offTopic = readJsonl(join(values.fixtures!, 'off-topic-questions.jsonl'));

    const report = {
      content: values.content,
      chunks: build.chunks,
      documents: base.listDocuments().length,
      thesaurus: thesaurusSize(),
      sets: Object.fromEntries(Object.entries(sets).map(([name, items]) => [name, items.length])),
      notes,
      recall: results,
      confidence: {
        threshold: CONFIDENCE_THRESHOLD,
        heldOut: await confidence(sets['held-out']),
        tuning: await confidence(sets.tuning),
        offTopic: await confidence(offTopic),
      },
      ms: Math.round(performance.now() - started),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
