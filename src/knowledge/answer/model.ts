import type { ChatOpenAI } from '@langchain/openai';
import type { Logger } from 'pino';
import { CircuitBreaker } from '../../core/circuit-breaker.ts';
import { CONFIDENCE_THRESHOLD } from '../confidence.ts';
import { kindOf, lowConfidenceAnswer, withClosing } from './extractive.ts';
import { citationOf } from './format.ts';
import type { KnowledgeReader } from './knowledge-reader.ts';
import { checkModelOutput, systemPrompt, userPrompt } from './prompt.ts';
import type { Answerer } from './types.ts';

/** Options of the model answerer. */
export interface ModelAnswererOptions {
  knowledge: KnowledgeReader;
  apiKey: string;
  baseURL?: string;
  model: string;
  /** The whole model call, after which the fallback answers instead. */
  timeoutMs: number;
  /** Answers whenever the model cannot (error, timeout, invalid or ungrounded output). */
  fallback: Answerer;
  /** Sources given to the model. */
  sources?: number;
  maxRetries?: number;
  logger?: Logger;
  /** Skips a failing endpoint for a while (default: open after 3 failures, 30 s). */
  breaker?: CircuitBreaker;
}

class ModelTimeout extends Error {}

/**
 * Answers with an OpenAI-compatible chat model, grounded in retrieved sources. The model sees
 * numbered, delimited sources and must answer from them as JSON with [n] citations; the output
 * is validated (zod, citations among the sources, no prompt leak). Any failure, including a
 * timeout, falls back to `fallback` within the same call. Low retrieval confidence never
 * reaches the model: it gets the honest handoff answer.
 */
export function createModelAnswerer(options: ModelAnswererOptions): Answerer {
  // The SDK is imported on first use, so that an offline installation never loads it.
  let chat: Promise<ChatOpenAI> | undefined;
  const connect = async () => {
    const { ChatOpenAI } = await import('@langchain/openai');
    return new ChatOpenAI({
      apiKey: options.apiKey,
      model: options.model,
      temperature: 0,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries ?? 0,
      configuration: options.baseURL ? { baseURL: options.baseURL } : undefined,
    });
  };
  const sourceCount = options.sources ?? 6;
  const breaker = options.breaker ?? new CircuitBreaker({ name: 'chat model', logger: options.logger });

  return {
    async answer(question, locale) {
      const retrieval = await options.knowledge.retrieve(question, sourceCount);
      const { hits, confidence } = retrieval;
      if (hits.length === 0 || confidence < CONFIDENCE_THRESHOLD) return lowConfidenceAnswer(locale, confidence);

      // An endpoint that keeps failing is skipped for a while rather than waited for on every turn.
      if (!breaker.allow()) return options.fallback.answer(question, locale);
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      try {
        chat ??= connect();
        const model = await chat;
        const call = model.invoke(
          [
            { role: 'system', content: systemPrompt(locale) },
            { role: 'user', content: userPrompt(question, hits) },
          ],
          { signal: controller.signal },
        );
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort();
            reject(new ModelTimeout(`model did not answer within ${options.timeoutMs} ms`));
          }, options.timeoutMs);
        });
        const message = await Promise.race([call, timeout]);
        // It answered: whatever the content, the endpoint is up (a rejected answer is not an outage).
        breaker.success();
        const content = typeof message.content === 'string' ? message.content : message.content.map((part) => ('text' in part ? part.text : '')).join('');
        const checked = checkModelOutput(content, hits.length, hits.map((hit) => hit.text));
        if (!checked.ok) {
          options.logger?.warn({ reason: checked.reason }, 'model answer rejected, using fallback');
          return options.fallback.answer(question, locale);
        }
        const cited = checked.output.citations.map((n) => hits[n - 1]!);
        const kind = kindOf(hits);
        return {
          text: withClosing(checked.output.answer.trim(), kind, locale),
          citations: cited.map((hit) => citationOf(hit)),
          confidence,
          handoffSuggested: kind === 'psych',
          language: locale,
          kind,
          source: 'model',
        };
      } catch (error) {
        breaker.failure();
        options.logger?.warn({ err: (error as Error).message }, 'model unavailable, using fallback');
        return options.fallback.answer(question, locale);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
