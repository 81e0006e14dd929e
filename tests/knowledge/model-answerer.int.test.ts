import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  KnowledgeService,
  createExtractiveAnswerer,
  createModelAnswerer,
  createOpenAIEmbedder,
  type Answerer,
} from '../../src/knowledge/index.ts';
import { PROMPT_CANARY } from '../../src/knowledge/answer/prompt.ts';
import { CircuitBreaker } from '../../src/core/circuit-breaker.ts';
import { startFakeOpenAI, type FakeOpenAI } from './openai-fake.ts';
import { workspace } from './helpers.ts';

const QUESTION = '公司一直不跟我签劳动合同，能要双倍工资吗';

let ws: Awaited<ReturnType<typeof workspace>>;
let fake: FakeOpenAI;
let service: KnowledgeService;
let model: Answerer;

beforeAll(async () => {
  ws = await workspace();
  fake = await startFakeOpenAI();
  service = await KnowledgeService.open({ contentDir: ws.contentDir, dataDir: ws.dataDir });
  await service.build();
  model = createModelAnswerer({
    knowledge: service,
    apiKey: 'test-key',
    baseURL: fake.baseURL,
    model: 'test-chat-model',
    timeoutMs: 500,
    maxRetries: 0,
    fallback: createExtractiveAnswerer(service),
  });
});
afterAll(async () => {
  await fake.close();
  await ws.cleanup();
});
beforeEach(() => {
  fake.chatRequests.length = 0;
});

const reply = (payload: unknown) => ({ kind: 'reply' as const, content: JSON.stringify(payload) });

describe('model answerer against an OpenAI-compatible server', () => {
  it('skips an endpoint that keeps failing, answering offline at once, and tries it again after the pause', async () => {
    let now = 1_000_000;
    const paused = createModelAnswerer({
      knowledge: service,
      apiKey: 'test-key',
      baseURL: fake.baseURL,
      model: 'test-chat-model',
      timeoutMs: 500,
      maxRetries: 0,
      fallback: createExtractiveAnswerer(service),
      breaker: new CircuitBreaker({ name: 'chat model', failures: 2, cooldownMs: 30_000, now: () => now }),
    });
    fake.chat = { kind: 'status', status: 503 };
    for (let i = 0; i < 2; i++) expect((await paused.answer(QUESTION, 'zh-CN')).source).not.toBe('model');
    expect(fake.chatRequests).toHaveLength(2);
    // Paused: the offline answer comes without asking the endpoint.
    const offline = await paused.answer(QUESTION, 'zh-CN');
    expect(offline.citations.some((c) => c.chunkId === 'labour-contract-law#第八十二条')).toBe(true);
    expect(fake.chatRequests).toHaveLength(2);
    // After the pause one trial goes through; it works, so the model answers again.
    now += 30_000;
    const n = (await service.search(QUESTION, 6)).findIndex((hit) => hit.chunkId === 'labour-contract-law#第八十二条') + 1;
    fake.chat = reply({ answer: `可以主张二倍工资[${n}]。`, citations: [n], insufficient: false });
    expect((await paused.answer(QUESTION, 'zh-CN')).source).toBe('model');
    expect((await paused.answer(QUESTION, 'zh-CN')).source).toBe('model');
    expect(fake.chatRequests).toHaveLength(4);
  });

  it('uses a valid, cited answer and sends delimited sources', async () => {
    const sources = await service.search(QUESTION, 6);
    const n = sources.findIndex((hit) => hit.chunkId === 'labour-contract-law#第八十二条') + 1;
    expect(n).toBeGreaterThan(0);
    fake.chat = reply({ answer: `超过一个月未签书面合同，可以主张二倍工资[${n}]。`, citations: [n], insufficient: false });

    const answer = await model.answer(QUESTION, 'zh-CN');
    expect(answer).toMatchObject({ source: 'model', kind: 'legal', language: 'zh-CN' });
    expect(answer.text.startsWith(`超过一个月未签书面合同，可以主张二倍工资[${n}]。`)).toBe(true);
    expect(answer.text.split('\n\n').at(-1)).toContain('不构成法律意见');
    expect(answer.citations.map((c) => c.chunkId)).toEqual(['labour-contract-law#第八十二条']);

    expect(fake.chatRequests).toHaveLength(1);
    const [system, user] = fake.chatRequests[0]!.messages;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('ONLY from the numbered sources');
    expect(user!.content).toContain(QUESTION);
    expect(user!.content).toContain(`<source id="${n}" type="law" title="中华人民共和国劳动合同法 第八十二条">`);
    expect(user!.content).not.toContain(PROMPT_CANARY);
  });

  it('falls back to the extractive answer when a citation does not exist', async () => {
    fake.chat = reply({ answer: '可以主张二倍工资[9]。', citations: [9], insufficient: false });
    const answer = await model.answer(QUESTION, 'zh-CN');
    expect(answer.source).toBe('extractive');
    expect(answer.kind).toBe('legal');
    expect(answer.text).toContain('第八十二条');
    expect(fake.chatRequests).toHaveLength(1);
  });

  it('falls back when the answer has no citation, is unsure, or leaks the prompt', async () => {
    for (const payload of [
      { answer: '可以主张二倍工资。', citations: [], insufficient: false },
      { answer: '资料不足。', citations: [], insufficient: true },
      { answer: `系统提示是 ${PROMPT_CANARY} [1]`, citations: [1], insufficient: false },
    ]) {
      fake.chat = reply(payload);
      expect((await model.answer(QUESTION, 'zh-CN')).source).toBe('extractive');
    }
  });

  it('falls back on HTTP 500', async () => {
    fake.chat = { kind: 'status', status: 500 };
    const answer = await model.answer(QUESTION, 'zh-CN');
    expect(answer.source).toBe('extractive');
    expect(fake.chatRequests).toHaveLength(1);
  });

  it('falls back on garbage', async () => {
    fake.chat = { kind: 'reply', content: 'Sure! Here is what I think about your contract…' };
    expect((await model.answer(QUESTION, 'zh-CN')).source).toBe('extractive');
  });

  it('falls back when the model is slower than the timeout', async () => {
    fake.chat = { kind: 'slow', delayMs: 3000, content: JSON.stringify({ answer: '太迟了[1]', citations: [1], insufficient: false }) };
    const answer = await model.answer(QUESTION, 'zh-CN');
    expect(answer.source).toBe('extractive');
    expect(answer.text).toContain('第八十二条');
  });

  it('does not call the model when retrieval is not confident', async () => {
    const answer = await model.answer('推荐一家餐厅', 'zh-CN');
    expect(answer).toMatchObject({ kind: 'none', handoffSuggested: true });
    expect(fake.chatRequests).toHaveLength(0);
  });
});

describe('OpenAI embeddings', () => {
  it('builds and searches an index with embeddings from the server', async () => {
    const own = await workspace();
    try {
      const embedder = createOpenAIEmbedder({ apiKey: 'test-key', baseURL: fake.baseURL, model: 'test-embedding', dimensions: 64, maxRetries: 0 });
      const knowledge = await KnowledgeService.open({ contentDir: own.contentDir, dataDir: own.dataDir, embedder });
      const report = await knowledge.build();
      const embedded = fake.embeddingRequests.flatMap((request) => request.input);
      expect(embedded.length).toBe(report.chunks);
      expect(fake.embeddingRequests.every((request) => request.model === 'test-embedding')).toBe(true);
      expect((await knowledge.status()).embedder).toEqual({ id: embedder.id, dimensions: 64 });
      const before = fake.embeddingRequests.length;
      const hits = await knowledge.search('劳动合同期限三个月以上不满一年的，试用期不得超过一个月', 5);
      expect(fake.embeddingRequests.length).toBe(before + 1);
      expect(hits[0]?.chunkId).toBe('labour-contract-law#第十九条');
    } finally {
      await own.cleanup();
    }
  });
});
