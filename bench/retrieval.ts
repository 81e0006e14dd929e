/**
 * Retrieval benchmark: full build, single-document re-index, search latency and throughput, and
 * resident memory, on the knowledge base with the offline embedder. Prints JSON.
 *
 *   npm run bench:retrieval [-- --content knowledge-base --rounds 3]
 *
 * Targets: build < 30 s, re-index one document < 1 s, p95 search < 20 ms, RSS < 300 MB.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KnowledgeService } from '../src/knowledge/index.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'knowledge-base' },
    fixtures: { type: 'string', default: 'tests/knowledge/fixtures' },
    rounds: { type: 'string', default: '3' },
  },
});

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Wall and CPU milliseconds of a step: on a shared machine the CPU time is the steadier figure. */
async function timed<T>(step: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await step();
  const used = process.cpuUsage(cpu);
  return { result, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) };
}

async function questions(): Promise<string[]> {
  const out: string[] = [];
  for (const file of ['dev-questions.jsonl', 'tuning-questions.jsonl', 'off-topic-questions.jsonl']) {
    const text = await readFile(join(values.fixtures!, file), 'utf8');
    for (const line of text.split('\n')) if (line.trim()) out.push(JSON.parse(line).question);
  }
  return out;
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'knowledge-bench-'));
  try {
    // A copy of the content, so that the re-index step can edit a law without touching the repository.
    const contentDir = join(root, 'content');
    await cp(values.content!, contentDir, { recursive: true });
    const dataDir = join(root, 'data');

    const service = await KnowledgeService.open({ contentDir, dataDir });
    const build = await timed(() => service.build());

    // The largest law, with one article edited: one chunk re-embedded, the rest reused.
    const largest = service
      .listDocuments()
      .filter((doc) => doc.type === 'law')
      .sort((a, b) => b.chunks - a.chunks)[0]!;
    const original = await readFile(join(contentDir, largest.path), 'utf8');
    const doc = service.getDocument(largest.id)!;
    const article = doc.chunks[Math.floor(doc.chunks.length / 2)]!;
    const edited = original.replace(article.text, `${article.text}（基准测试修订）`);
    const oneArticle = await timed(() => service.upsertDocument(largest.path, edited));

    // The same law with every chunk changed (its short name is in each chunk's indexed text).
    const renamed = original.replace(/^shortName: .*$/m, (line) => line.replace(/"?$/, '（基准）"').replace(/""/, '"'));
    const wholeDocument = await timed(() => service.upsertDocument(largest.path, renamed));

    const queries = await questions();
    for (const query of queries.slice(0, 20)) await service.search(query, 5);
    const latencies: number[] = [];
    const rounds = Number(values.rounds);
    const started = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (const query of queries) {
        const t = performance.now();
        await service.search(query, 5);
        latencies.push(performance.now() - t);
      }
    }
    const searchSeconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);

    const report = {
      content: values.content,
      documents: service.listDocuments().length,
      chunks: build.result.chunks,
      embedder: (await service.status()).embedder?.id,
      fullBuildMs: build.ms,
      fullBuildCpuMs: build.cpuMs,
      reindexOneDocument: {
        document: largest.id,
        chunks: largest.chunks,
        oneArticleEditedMs: oneArticle.ms,
        oneArticleEditedCpuMs: oneArticle.cpuMs,
        oneArticleEmbedded: oneArticle.result.embedded,
        allChunksChangedMs: wholeDocument.ms,
        allChunksChangedCpuMs: wholeDocument.cpuMs,
        allChunksEmbedded: wholeDocument.result.embedded,
      },
      search: {
        queries: latencies.length,
        k: 5,
        p50Ms: round(percentile(latencies, 0.5)),
        p95Ms: round(percentile(latencies, 0.95)),
        maxMs: round(latencies.at(-1)!),
        queriesPerSecond: Math.round(latencies.length / searchSeconds),
      },
      rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
      /** The machine's 1/5/15-minute load: wall times grow with it, CPU times hardly. */
      loadAverage: loadavg().map((value) => round(value)),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
