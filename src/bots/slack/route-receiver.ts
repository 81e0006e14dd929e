import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { App as BoltApp, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';
import { readBody, sendJson, type HttpServer } from '../../server/http.ts';
import { BoltShapeSchema, cleanPayload } from './payloads.ts';
import { verifySignature } from './signature.ts';

/** Slack gives an app 3 seconds to answer; we answer well before, whatever the listeners do. */
const ACK_DEADLINE_MS = 2_500;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A Bolt receiver mounted on the shared HTTP server's route table (bolt-js keeps transports
 * behind its 3-method Receiver interface). It verifies the signature on the raw body before
 * anything else, so a forged or replayed request is refused with 401 having touched nothing;
 * it answers commands and interactions as soon as a listener acknowledges and lets the work
 * continue after the response; `stop` waits for that work.
 *
 * Events API callbacks are answered when their work is done (or at the deadline), not when Bolt
 * acknowledges them (it does so before any listener runs). Why: an event acknowledged and then
 * lost in a crash is never sent again, while an unanswered one is retried by Slack, and the
 * retry is handled exactly once (the turn records the event id with its writes). Commands and
 * interactions cannot wait: Slack shows the member an error when they are answered late.
 */
export class RouteReceiver implements Receiver {
  #bolt: BoltApp | undefined;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(private readonly options: { signingSecret: string; logger: Logger; path?: string }) {}

  init(app: BoltApp): void {
    this.#bolt = app;
  }

  /** The route is served by the shared server; nothing to start. */
  async start(): Promise<void> {}

  /** Waits for work that was acknowledged but has not finished (graceful shutdown). */
  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves once no acknowledged request is still being worked on. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  attach(server: HttpServer): void {
    server.route('POST', this.options.path ?? '/slack/events', (req, res) => this.#handle(req, res));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger, signingSecret } = this.options;
    const raw = (await readBody(req, 1_000_000)).toString('utf8');
    const form = (header(req, 'content-type') ?? '').split(';')[0]!.trim() === 'application/x-www-form-urlencoded';
    // Slack's certificate check is unsigned and carries nothing to act on.
    if (form && parseQuery(raw).ssl_check === '1') {
      res.writeHead(200).end();
      return;
    }
    const problem = verifySignature(signingSecret, raw, { signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp') });
    if (problem) {
      logger.warn({ problem }, 'slack request refused');
      sendJson(res, 401, { error: 'unauthorised' });
      return;
    }
    let body: Record<string, unknown>;
    try {
      if (form) {
        const fields = parseQuery(raw);
        body = typeof fields.payload === 'string' ? (JSON.parse(fields.payload) as Record<string, unknown>) : (fields as Record<string, unknown>);
      } else {
        body = JSON.parse(raw) as Record<string, unknown>;
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
      body = cleanPayload(body) as Record<string, unknown>;
    } catch {
      sendJson(res, 400, { error: 'invalid_input', message: 'the request body is not a Slack payload' });
      return;
    }
    const shape = BoltShapeSchema.safeParse(body);
    if (!shape.success) {
      // Fields of the wrong shape would make Bolt itself throw; nothing is logged of the body.
      sendJson(res, 400, { error: 'invalid_input', message: `the request body is not a Slack payload: ${shape.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`.slice(0, 500) });
      return;
    }
    if (body.type === 'url_verification') {
      sendJson(res, 200, { challenge: typeof body.challenge === 'string' ? body.challenge : '' });
      return;
    }
    const bolt = this.#bolt;
    if (!bolt) {
      sendJson(res, 503, { error: 'unavailable' });
      return;
    }
    let acknowledged = false;
    let resolveAck!: () => void;
    const ackSent = new Promise<void>((resolve) => (resolveAck = resolve));
    const ack = async (response?: unknown): Promise<void> => {
      if (acknowledged) return;
      acknowledged = true;
      if (response === undefined || response === null || response === '') res.writeHead(200).end();
      else if (typeof response === 'string') res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
      else sendJson(res, 200, response);
      resolveAck();
    };
    const retry = header(req, 'x-slack-retry-num');
    const answerWhenDone = body.type === 'event_callback';
    const event: ReceiverEvent = {
      body,
      ack: answerWhenDone ? async () => {} : ack,
      retryNum: retry && /^\d+$/.test(retry) ? Number(retry) : undefined,
      retryReason: header(req, 'x-slack-retry-reason'),
    };
    const work: Promise<void> = bolt
      .processEvent(event)
      .catch((error: unknown) => logger.error({ err: error }, 'slack event processing failed'))
      .finally(() => {
        void ack();
        this.#inFlight.delete(work);
      });
    this.#inFlight.add(work);
    const deadline = setTimeout(() => void ack(), ACK_DEADLINE_MS);
    await ackSent;
    clearTimeout(deadline);
  }
}
