import type { Config } from '../../config.ts';
import { CircuitBreaker } from '../../core/circuit-breaker.ts';
import type { Logger } from '../../core/logger.ts';
// Imported file by file: the model answerer and the OpenAI embedder load @langchain/openai, which
// takes seconds, so they are loaded only when a model endpoint is configured.
import { KnowledgeService } from '../../knowledge/knowledge-service.ts';
import { createExtractiveAnswerer } from '../../knowledge/answer/extractive.ts';
import type { Answerer } from '../../knowledge/answer/types.ts';
import type { BuildReport } from '../../knowledge/types.ts';
import type { Embedder } from '../../knowledge/embedder.ts';

/** The knowledge base as the application uses it. */
export interface Knowledge {
  service: KnowledgeService;
  /** Answers from the index, building it first if there is none yet. */
  answerer: Answerer;
  /**
   * Builds the index when it is missing or stale. A malformed file is logged and the previous
   * index keeps serving; only with no index at all does it throw.
   */
  ensureIndex(options?: { onProgress?: (done: number, total: number, documentId: string) => void }): Promise<BuildReport | undefined>;
}

/**
 * Opens the knowledge service with the configured embedder (local by default, OpenAI-compatible
 * when a model endpoint is configured) and the answerer (extractive, or a model answerer that
 * falls back to it within the same turn).
 */
export async function openKnowledge(config: Config, logger: Logger): Promise<Knowledge> {
  const remote = config.openai
    ? (await import('../../knowledge/openai-embedder.ts')).createOpenAIEmbedder({
        apiKey: config.openai.apiKey,
        baseURL: config.openai.baseURL,
        model: config.openai.embeddingModel,
        dimensions: config.openai.embeddingDimensions,
        queryTimeoutMs: config.openai.timeoutMs,
      })
    : undefined;
  // A failing endpoint is logged here (the search then goes on with keywords only); never the texts.
  // A query whose embedding just failed is not sent again for a while: when the model answerer
  // falls back, the offline answerer retrieves the same question again within the same turn,
  // and would wait for a hanging endpoint a second time.
  const failedQueries = new Map<string, number>();
  const forgetAfterMs = 2 * (config.openai?.timeoutMs ?? 0) + 1_000;
  // An endpoint that keeps failing is not waited for on every question (keyword search meanwhile).
  const breaker = new CircuitBreaker({ name: 'embeddings', logger, failures: config.openai?.pauseAfterFailures, cooldownMs: config.openai?.pauseMs });
  const embedder: Embedder | undefined = remote && {
    id: remote.id,
    dimensions: remote.dimensions,
    async embed(texts) {
      const query = texts.length === 1 ? texts[0]! : undefined;
      if (query !== undefined && (failedQueries.get(query) ?? 0) > Date.now()) throw new Error('embedding of this query failed a moment ago');
      if (!breaker.allow()) throw new Error('embeddings endpoint skipped: it failed repeatedly');
      try {
        const vectors = await remote.embed(texts);
        breaker.success();
        return vectors;
      } catch (error) {
        breaker.failure();
        logger.warn({ err: error instanceof Error ? error.message.slice(0, 200) : String(error), texts: texts.length }, 'embeddings unavailable');
        if (query !== undefined) {
          if (failedQueries.size >= 1_000) failedQueries.clear();
          failedQueries.set(query, Date.now() + forgetAfterMs);
        }
        throw error;
      }
    },
  };
  const service = await KnowledgeService.open({ contentDir: config.knowledgeDir, dataDir: config.dataDir, embedder, logger: logger.child({ module: 'knowledge' }) });
  let building: Promise<BuildReport | undefined> | undefined;
  const ensureIndex: Knowledge['ensureIndex'] = (options = {}) => {
    building ??= (async () => {
      const status = await service.status();
      if (status.chunks > 0 && !status.stale) return undefined;
      try {
        const report = await service.build(options);
        logger.info({ added: report.added.length, updated: report.updated.length, removed: report.removed.length, chunks: report.chunks, ms: report.ms }, 'knowledge index built');
        return report;
      } catch (error) {
        if (status.chunks > 0) {
          logger.error({ err: error }, 'knowledge build failed; the previous index keeps serving');
          return undefined;
        }
        throw error;
      }
    })().finally(() => {
      building = undefined;
    });
    return building;
  };
  const extractive = createExtractiveAnswerer(service);
  const base = config.openai
    ? (await import('../../knowledge/answer/model.ts')).createModelAnswerer({
        knowledge: service,
        apiKey: config.openai.apiKey,
        baseURL: config.openai.baseURL,
        model: config.openai.chatModel,
        timeoutMs: config.openai.timeoutMs,
        fallback: extractive,
        logger,
        breaker: new CircuitBreaker({ name: 'chat model', logger, failures: config.openai.pauseAfterFailures, cooldownMs: config.openai.pauseMs }),
      })
    : extractive;
  let ready = false;
  const answerer: Answerer = {
    async answer(question, locale) {
      if (!ready) {
        await ensureIndex();
        ready = true;
      }
      return base.answer(question, locale);
    },
  };
  return { service, answerer, ensureIndex };
}
