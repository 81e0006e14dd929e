import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import type { Reply } from '../../src/core/reply.ts';
import { startServer } from '../../src/server/serve.ts';
import { testApp } from '../helpers/app.ts';
import { emulatorMessage, postActivity } from '../teams/activities.ts';
import { FakeBotConnector } from '../teams/fake-bot-connector.ts';
import { MODEL_MARK, startMisbehavingOpenAI, type Fault, type MisbehavingOpenAI } from './misbehaving-openai.ts';

/**
 * Issue 9: the model endpoint fails in every way a real one does, and the member still gets the
 * offline answer — citing the law and article — in the same turn. Unlike
 * tests/knowledge/model-answerer.int.test.ts (the answerer alone), this goes through the whole
 * turn: crisis reviewer, router, FAQ flow, the embedder at query time, the answer row. One app
 * for the file (the index is built once through the fake's embeddings). SQLite only: nothing
 * here depends on the database provider.
 */

const QUESTION = '公司一直不跟我签劳动合同，能要双倍工资吗';
const TIMEOUT_MS = 1_000;

let fake: MisbehavingOpenAI;
let app: Awaited<ReturnType<typeof testApp>>;
let logs = '';
let turn = 0;

async function ask(text: string, locale?: 'zh-CN' | 'en'): Promise<Reply[]> {
  const user = `fault-${++turn}`;
  const outcome = await app.assistant.handle({ channel: 'cli', conversationKey: `cli:${user}`, identity: { channel: 'cli', tenant: '', externalId: user }, input: { type: 'message', text }, ...(locale ? { locale } : {}) });
  return outcome.replies;
}

function answerOf(replies: Reply[]): Extract<Reply, { type: 'answer' }> {
  const answer = replies.find((r) => r.type === 'answer');
  if (!answer || answer.type !== 'answer') throw new Error(`no answer in ${JSON.stringify(replies)}`);
  return answer;
}

/** The offline answer to QUESTION: not the model's, and it cites 劳动合同法 第八十二条 (double wages). */
function expectOfflineAnswerCitingArticle82(replies: Reply[]): void {
  const answer = answerOf(replies);
  expect(answer.text).not.toContain(MODEL_MARK);
  expect(answer.citations.some((c) => c.title.includes('劳动合同法') && c.section === '第八十二条' && c.docType === 'law')).toBe(true);
  expect(answer.text).toContain('第八十二条');
}

beforeAll(async () => {
  fake = await startMisbehavingOpenAI(64);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs += chunk.toString();
      done();
    },
  });
  app = await testApp(
    'sqlite',
    { logger: createLogger('info', sink) },
    {
      OPENAI_API_KEY: 'sk-fault-test-secret',
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_CHAT_MODEL: 'fault-chat',
      OPENAI_EMBEDDING_MODEL: 'fault-embedding',
      OPENAI_EMBEDDING_DIMENSIONS: '64',
      OPENAI_TIMEOUT_MS: String(TIMEOUT_MS),
      // Every case below must meet its fault, so the endpoint is never paused here; the pause
      // itself is tested in tests/knowledge/model-answerer.int.test.ts and tests/core.
      OPENAI_PAUSE_AFTER_FAILURES: '0',
    },
  );
  // The seeded index was built by the local embedder: rebuild it once through the fake's embeddings.
  await app.ensureKnowledgeIndex();
  expect((await app.knowledge.status()).embedder).toMatchObject({ dimensions: 64 });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

beforeEach(async () => {
  fake.chat = 'ok';
  fake.embeddings = 'ok';
  fake.requests.length = 0;
  await fake.up();
});

describe('model endpoint faults through a full turn', () => {
  it('uses the model when it works (the control for every case below)', async () => {
    const answer = answerOf(await ask(QUESTION));
    expect(answer.text).toContain(MODEL_MARK);
    expect(answer.citations.length).toBeGreaterThan(0);
    expect(fake.requests.map((r) => `${r.endpoint}:${r.reviewer}`)).toEqual(['chat:true', 'embeddings:false', 'chat:false']);
  });

  // Each fault at once on the chat model (crisis reviewer and answerer) and on the embeddings
  // endpoint at query time: the turn answers with keyword search and the offline answerer.
  const faults: Fault[] = ['status-500', 'html', 'invalid-json', 'wrong-shape', 'empty', 'hang'];
  it.each(faults)('answers offline, citing the article, when the chat model and the embeddings endpoint answer %s', async (fault) => {
    fake.chat = fault;
    fake.embeddings = fault;
    // Each case asks in its own words (trailing question marks: the same search, another text to embed).
    expectOfflineAnswerCitingArticle82(await ask(`${QUESTION}${'？'.repeat(faults.indexOf(fault) + 1)}`));
    // The faults were really met, each once: the crisis reviewer (which may retry within its
    // bound), the query's embedding, then the answerer; the fallback's retrieval of the same
    // question does not wait for the failing embeddings endpoint again.
    const calls = fake.requests.map((r) => (r.endpoint === 'chat' ? (r.reviewer ? 'reviewer' : 'answerer') : 'embeddings'));
    expect(calls[0]).toBe('reviewer');
    expect(calls.filter((c) => c !== 'reviewer')).toEqual(['embeddings', 'answerer']);
  });

  it('answers offline in English when the chat model is down (connection refused)', async () => {
    await fake.down();
    const replies = await ask('My company refuses to sign a labour contract with me. Can I get double wages?', 'en');
    const answer = answerOf(replies);
    expect(answer.text).not.toContain(MODEL_MARK);
    expect(answer.text).toMatch(/Article 82|第八十二条/);
    expect(answer.citations.some((c) => c.docType === 'law' && c.section === '第八十二条')).toBe(true);
    expect(answer.text).toMatch(/not legal advice/i);
    expect(fake.requests).toEqual([]);
  });

  it('still answers when the whole endpoint is down, and uses the model again once it is back', async () => {
    await fake.down();
    expectOfflineAnswerCitingArticle82(await ask(QUESTION));
    await fake.up();
    expect(answerOf(await ask(QUESTION)).text).toContain(MODEL_MARK);
  });

  it('still answers through the model when only the embeddings endpoint is down', async () => {
    fake.embeddings = 'status-500';
    const answer = answerOf(await ask(QUESTION));
    expect(answer.text).toContain(MODEL_MARK);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it.each(['hang', 'invalid-json'] as Fault[])('detects a crisis and gives the hotlines when the crisis reviewer answers %s', async (fault) => {
    fake.chat = fault;
    const replies = await ask('我真的撑不住了，今晚就想自杀');
    const all = JSON.stringify(replies);
    expect(all).toContain('12356');
    expect(all).toContain('400-161-9995');
    expect(replies.some((r) => r.type === 'answer' && r.text.includes(MODEL_MARK))).toBe(false);
  });

  it('never logs the member’s text or the API key while failing', async () => {
    // Runs after the cases above (vitest keeps file order): their failures are in `logs`.
    expect(logs).toContain('model unavailable, using fallback');
    expect(logs).not.toContain('双倍工资');
    expect(logs).not.toContain('撑不住');
    expect(logs).not.toContain('double wages');
    expect(logs).not.toContain('sk-fault-test-secret');
  });
});

describe('Teams while a turn waits for the model', () => {
  it('shows "typing…" only once the turn has taken a second, and never after the answer', async () => {
    const connector = await new FakeBotConnector().start();
    const server = await startServer(app, { port: 0, host: '127.0.0.1' });
    try {
      // Every call to the model hangs until the timeout (1 s each): the turn takes seconds.
      fake.chat = 'hang';
      fake.embeddings = 'hang';
      const sent = Date.now();
      expect((await postActivity(server.url, emulatorMessage(connector.url, `${QUESTION}！`))).status).toBe(200);
      const calls = connector.calls.filter((c) => c.method === 'POST');
      const types = calls.map((c) => c.body?.type);
      expect(types[0]).toBe('typing');
      // Not at once: a turn that is done within a second shows none.
      expect(calls[0]!.receivedAt - sent).toBeGreaterThanOrEqual(950);
      expect(types.filter((t) => t === 'message').length).toBeGreaterThan(0);
      expect(types.lastIndexOf('typing')).toBeLessThan(types.indexOf('message'));
      expect(connector.posted().map((a) => JSON.stringify(a)).join('\n')).toContain('第八十二条');
    } finally {
      await server.close();
      await connector.close();
    }
  });
});
