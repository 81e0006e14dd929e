import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModelCrisisReviewer, parseVerdict, type CrisisAssessment } from '../../src/safety/index.ts';

/** What the fake OpenAI-compatible server does with the next request. */
type Behaviour =
  | { kind: 'reply'; content: string }
  | { kind: 'status'; status: number }
  | { kind: 'hang'; ms: number; content: string };

interface RecordedCall {
  path: string;
  authorization: string | undefined;
  body: { model?: string; messages?: { role: string; content: string }[] };
}

let server: Server;
let baseURL: string;
let behaviour: Behaviour = { kind: 'reply', content: '{}' };
const calls: RecordedCall[] = [];

function completion(content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  calls.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
  if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
    res.writeHead(404).end();
    return;
  }
  const send = (content: string) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(content)));
  };
  if (behaviour.kind === 'status') {
    res.writeHead(behaviour.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'boom', type: 'server_error' } }));
  } else if (behaviour.kind === 'hang') {
    const timer = setTimeout(() => send((behaviour as { content: string }).content), behaviour.ms);
    res.on('close', () => clearTimeout(timer));
  } else {
    send(behaviour.content);
  }
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  calls.length = 0;
});

const reviewer = (timeoutMs = 5_000) =>
  createModelCrisisReviewer({ apiKey: 'test-key', baseURL, model: 'safety-test-model', timeoutMs, maxRetries: 0 });

const NONE: CrisisAssessment = { level: 'none', categories: [], signals: [] };
const CONCERN: CrisisAssessment = { level: 'concern', categories: [], signals: ['zh.concern.cannot-go-on'] };

describe('model crisis reviewer (real ChatOpenAI against a loopback server)', () => {
  it('raises the level when the model sees a crisis, and sends the message as data', async () => {
    behaviour = { kind: 'reply', content: '{"level":"crisis","categories":["suicide"]}' };
    const result = await reviewer().review('我撑不到仲裁那天了，今晚就走', CONCERN);
    expect(result).toEqual({ level: 'crisis', categories: ['suicide'], signals: ['model.crisis', 'zh.concern.cannot-go-on'] });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/v1/chat/completions');
    expect(calls[0]!.authorization).toBe('Bearer test-key');
    expect(calls[0]!.body.model).toBe('safety-test-model');
    expect(calls[0]!.body.messages?.map((m) => m.role)).toEqual(['system', 'user']);
    expect(calls[0]!.body.messages?.[1]?.content).toBe('我撑不到仲裁那天了，今晚就走');
  });

  it('accepts a verdict wrapped in a code fence', async () => {
    behaviour = { kind: 'reply', content: '```json\n{"level":"concern","categories":[]}\n```' };
    expect((await reviewer().review('I feel empty', NONE)).level).toBe('concern');
  });

  it('ignores an attempt to lower the level', async () => {
    behaviour = { kind: 'reply', content: '{"level":"none","categories":[]}' };
    expect(await reviewer().review('活着没意思', CONCERN)).toEqual(CONCERN);
  });

  it('does not wait on the model when the lexicon already found a crisis', async () => {
    const crisis: CrisisAssessment = { level: 'crisis', categories: ['violence'], signals: ['zh.violence.was-hit'] };
    behaviour = { kind: 'reply', content: '{"level":"none","categories":[]}' };
    expect(await reviewer().review('被老板打了', crisis)).toBe(crisis);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['not JSON at all', 'I think this person is fine.'],
    ['JSON of the wrong shape', '{"risk":"high"}'],
    ['an unknown level', '{"level":"severe","categories":["suicide"]}'],
    ['an unknown category', '{"level":"crisis","categories":["fire"]}'],
  ])('leaves the assessment unchanged on %s', async (_, content) => {
    behaviour = { kind: 'reply', content };
    expect(await reviewer().review('some message', CONCERN)).toEqual(CONCERN);
  });

  it('leaves the assessment unchanged on HTTP 500', async () => {
    behaviour = { kind: 'status', status: 500 };
    expect(await reviewer().review('some message', NONE)).toEqual(NONE);
    expect(calls).toHaveLength(1);
  });

  it('leaves the assessment unchanged when the model is slower than the timeout', async () => {
    behaviour = { kind: 'hang', ms: 10_000, content: '{"level":"crisis","categories":["suicide"]}' };
    expect(await reviewer(200).review('some message', CONCERN)).toEqual(CONCERN);
  });
});

describe('parseVerdict', () => {
  it('reads a verdict with words around it and drops extra fields', () => {
    expect(parseVerdict('Verdict: {"level":"crisis","categories":["violence"],"reason":"x"}')).toEqual({ level: 'crisis', categories: ['violence'] });
    expect(parseVerdict('{"level":"none"}')).toEqual({ level: 'none', categories: [] });
    expect(parseVerdict('{oops')).toBeUndefined();
  });
});
