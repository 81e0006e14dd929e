import type { OpenAIEmbeddings } from '@langchain/openai';
import { normalise, type Embedder } from './embedder.ts';

/** Options for an OpenAI-compatible embeddings endpoint. */
export interface OpenAIEmbedderOptions {
  apiKey: string;
  /** e.g. an internal gateway; defaults to the OpenAI API. */
  baseURL?: string;
  model: string;
  /** Vector size; known for OpenAI's own models, required for others. */
  dimensions?: number;
  /** Texts per request. */
  batchSize?: number;
  timeoutMs?: number;
  maxRetries?: number;
  /**
   * Bound on embedding one search query (one text), without retries. Why: a query is embedded
   * inside a member's turn, and the batch settings (30 s, two retries with backoff) would hold
   * that turn for well over a minute when the endpoint hangs; past this bound the search goes on
   * with keywords only. Batches (index builds) keep `timeoutMs` and `maxRetries`.
   */
  queryTimeoutMs?: number;
}

const KNOWN_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/**
 * An embedder backed by an OpenAI-compatible `/v1/embeddings` endpoint (through @langchain/openai,
 * imported on first use: an offline installation never loads the SDK, some 50 MB of memory).
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const dimensions = options.dimensions ?? KNOWN_DIMENSIONS[options.model];
  if (!dimensions) throw new Error(`embedding dimensions of model "${options.model}" are unknown: pass dimensions`);
  let client: Promise<OpenAIEmbeddings> | undefined;
  let queryClient: Promise<OpenAIEmbeddings> | undefined;
  const connect = async (timeout: number, maxRetries: number) => {
    const { OpenAIEmbeddings } = await import('@langchain/openai');
    return new OpenAIEmbeddings({
      apiKey: options.apiKey,
      model: options.model,
      batchSize: options.batchSize ?? 64,
      timeout,
      maxRetries,
      configuration: options.baseURL ? { baseURL: options.baseURL } : undefined,
    });
  };
  return {
    id: `openai/${options.model}/${dimensions}${options.baseURL ? `@${new URL(options.baseURL).host}` : ''}`,
    dimensions,
    async embed(texts) {
      if (texts.length === 0) return [];
      const query = texts.length === 1 && options.queryTimeoutMs !== undefined;
      const chosen = query ? (queryClient ??= connect(options.queryTimeoutMs!, 0)) : (client ??= connect(options.timeoutMs ?? 30_000, options.maxRetries ?? 2));
      const vectors = await (await chosen).embedDocuments(texts);
      // A malformed response can come back as anything: check before trusting its shape.
      if (!Array.isArray(vectors) || vectors.some((vector) => !Array.isArray(vector) || vector.some((x) => typeof x !== 'number' || !Number.isFinite(x)))) {
        throw new Error('embeddings endpoint returned something other than vectors');
      }
      if (vectors.length !== texts.length) throw new Error(`embeddings endpoint returned ${vectors.length} vectors for ${texts.length} texts`);
      return vectors.map((vector) => {
        if (vector.length !== dimensions) throw new Error(`embeddings endpoint returned ${vector.length} dimensions, expected ${dimensions}`);
        return normalise([...vector]);
      });
    },
  };
}
