import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers chat completions. */
export type ChatBehaviour =
  | { kind: 'reply'; content: string }
  | { kind: 'status'; status: number }
  | { kind: 'slow'; delayMs: number; content: string };

/** A loopback server speaking the OpenAI wire protocol, recording what it was sent. */
export interface FakeOpenAI {
  baseURL: string;
  chat: ChatBehaviour;
  chatRequests: { messages: { role: string; content: string }[]; model: string }[];
  embeddingRequests: { input: string[]; model: string }[];
  close(): Promise<void>;
}

/** A deterministic pseudo-embedding: character trigram counts hashed into `dimensions`. */
function fakeVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const gram = chars.slice(i, i + 2).join('');
    let h = 2166136261;
    for (const c of gram) h = Math.imul(h ^ c.codePointAt(0)!, 16777619);
    vector[(h >>> 0) % dimensions]! += 1;
  }
  const norm = Math.sqrt(vector.reduce((s, v) => s + v * v, 0)) || 1;
  return vector.map((v) => v / norm);
}

async function body(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

export async function startFakeOpenAI(dimensions = 64): Promise<FakeOpenAI> {
  const fake: Omit<FakeOpenAI, 'baseURL' | 'close'> = {
    chat: { kind: 'reply', content: '{}' },
    chatRequests: [],
    embeddingRequests: [],
  };
  const server: Server = createServer(async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/v1/embeddings') {
        const request = await body(req);
        const input: string[] = Array.isArray(request.input) ? request.input : [request.input];
        fake.embeddingRequests.push({ input, model: request.model });
        const data = input.map((text, index) => {
          const vector = fakeVector(text, dimensions);
          const embedding = request.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
          return { object: 'embedding', index, embedding };
        });
        send(res, 200, { object: 'list', data, model: request.model, usage: { prompt_tokens: 1, total_tokens: 1 } });
        return;
      }
      if (req.method === 'POST' && req.url === '/v1/chat/completions') {
        const request = await body(req);
        fake.chatRequests.push({ messages: request.messages, model: request.model });
        const behaviour = fake.chat;
        if (behaviour.kind === 'status') {
          send(res, behaviour.status, { error: { message: 'upstream exploded', type: 'server_error' } });
          return;
        }
        if (behaviour.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        if (res.destroyed) return;
        send(res, 200, {
          id: 'chatcmpl-test',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: request.model,
          choices: [{ index: 0, message: { role: 'assistant', content: behaviour.content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        });
        return;
      }
      send(res, 404, { error: { message: 'not found' } });
    } catch (error) {
      send(res, 500, { error: { message: (error as Error).message } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
