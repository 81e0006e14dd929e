import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';

/**
 * botbuilder's CloudAdapter is written for Express and Restify: it wants a request with a parsed
 * `body` and a response with `status()`, `header()`, `send()` and `end()`. These two small shims
 * give it that over plain node:http, so the shared server needs no web framework.
 */
export function toBotRequest(req: IncomingMessage, body: Record<string, unknown>): BotRequest {
  return { method: req.method, headers: req.headers as Record<string, string | string[] | undefined>, body };
}

/** A response shim that collects status, headers and body and writes them once, on `end()`. */
export function toBotResponse(res: ServerResponse): BotResponse {
  let status = 200;
  let body: string | undefined;
  const headers: Record<string, string> = {};
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
      return this;
    },
    header(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
      return this;
    },
    send(payload: unknown) {
      if (payload === undefined || payload === null) return this;
      if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
        body = payload.toString();
        headers['content-type'] ??= 'text/plain; charset=utf-8';
      } else {
        body = JSON.stringify(payload);
        headers['content-type'] = 'application/json; charset=utf-8';
      }
      return this;
    },
    end() {
      if (res.headersSent) return;
      res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body ?? '') });
      res.end(body ?? '');
    },
  };
}
