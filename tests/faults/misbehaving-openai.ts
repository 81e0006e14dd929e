import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * How one endpoint of the fake behaves. `ok` speaks the OpenAI wire protocol correctly; the rest
 * are the ways a real gateway or model server fails: an HTTP 500, an HTML error page from a proxy,
 * a body cut off mid-JSON, JSON of the wrong shape, an empty completion, and a request that is
 * never answered (slower than any timeout). "Connection refused" is `down()`: nothing listens.
 */
export type Fault = 'ok' | 'status-500' | 'html' | 'invalid-json' | 'wrong-shape' | 'empty' | 'hang';

/** A loopback OpenAI-compatible server whose chat and embeddings endpoints can be made to misbehave. */
export interface MisbehavingOpenAI {
  baseURL: string;
  chat: Fault;
  embeddings: Fault;
  /** Every request as received: endpoint and, for chat, whether it was the crisis reviewer. */
  requests: { endpoint: 'chat' | 'embeddings'; reviewer: boolean; answered: Fault }[];
  /** Stops listening on the port (requests are refused) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** The answer a working model gives: marked, so that a test can tell it from the offline answer. */
export const MODEL_MARK = '【模型回答】';

function vector(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    let h = 2166136261;
    for (const c of chars.slice(i, i + 2).join('')) h = Math.imul(h ^ c.codePointAt(0)!, 16777619);
    v[(h >>> 0) % dimensions]! += 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-fault',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

/** Answers per `fault`; `ok` calls `good`. */
function misbehave(res: ServerResponse, fault: Fault, good: () => void, model: string): void {
  switch (fault) {
    case 'ok':
      return good();
    case 'status-500':
      return json(res, 500, { error: { message: 'upstream exploded', type: 'server_error' } });
    case 'html':
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body><h1>502 Bad Gateway</h1>nginx</body></html>');
      return;
    case 'invalid-json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"chatcmpl-fault","object":"chat.completion","choices":[{"index":0,"mess');
      return;
    case 'wrong-shape':
      return json(res, 200, { result: 'ok', data: 'not what an OpenAI client expects', model });
    case 'empty':
      return json(res, 200, { ...completion(model, ''), data: [] });
    case 'hang':
      return; // never answered; the client's timeout must give up
  }
}

export async function startMisbehavingOpenAI(dimensions = 64): Promise<MisbehavingOpenAI> {
  const sockets = new Set<Socket>();
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const body = await readJson(req);
      if (req.url === '/v1/embeddings') {
        const fault = state.embeddings;
        state.requests.push({ endpoint: 'embeddings', reviewer: false, answered: fault });
        const input: string[] = Array.isArray(body.input) ? body.input : [body.input];
        misbehave(
          res,
          fault,
          () => {
            const data = input.map((text, index) => {
              const v = vector(String(text), dimensions);
              return { object: 'embedding', index, embedding: body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v };
            });
            json(res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } });
          },
          body.model,
        );
        return;
      }
      if (req.url === '/v1/chat/completions') {
        const fault = state.chat;
        const system = String(body.messages?.[0]?.content ?? '');
        const reviewer = system.startsWith('You are a safety classifier');
        state.requests.push({ endpoint: 'chat', reviewer, answered: fault });
        const good = reviewer
          ? JSON.stringify({ level: 'none', categories: [] })
          : JSON.stringify({ answer: `${MODEL_MARK}可以主张二倍工资[1]。`, citations: [1], insufficient: false });
        misbehave(res, fault, () => json(res, 200, completion(body.model, good)), body.model);
        return;
      }
      json(res, 404, { error: { message: 'not found' } });
    } catch (error) {
      if (!res.headersSent) json(res, 500, { error: { message: (error as Error).message } });
    }
  };
  let server: Server;
  let listening = false;
  let port = 0;
  const listen = async () => {
    if (listening) return;
    server = createServer((req, res) => void handler(req, res));
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    listening = true;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      listening = false;
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  await listen();
  const state: MisbehavingOpenAI = {
    baseURL: `http://127.0.0.1:${port}/v1`,
    chat: 'ok',
    embeddings: 'ok',
    requests: [],
    down: stop,
    up: listen,
    close: stop,
  };
  return state;
}
