import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { App } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { InboundInputSchema } from '../../core/inbound.ts';
import { normaliseLocale } from '../../core/locale.ts';
import { readJson, sendJson, sendText, type HttpServer } from '../../server/http.ts';
import { webChatPage } from './web-chat-page.ts';

const COOKIE = 'ua_chat';

/** The web chat's request: one input, as the conversation core defines it. */
const ChatRequestSchema = z.object({ input: InboundInputSchema });

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * The member web chat: a page at `/` and `POST /api/chat`. A browser without a sign-in is an
 * anonymous web identity (a random id in an http-only cookie): it can ask questions, and is told
 * what needs a linked member record.
 */
export function attachWebChat(server: HttpServer, app: App): void {
  const { assistant } = app;
  server.route('GET', '/', (_req, res) => sendText(res, 200, webChatPage(), 'text/html; charset=utf-8', { 'cache-control': 'no-store', 'content-security-policy': "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'" }));
  server.route('POST', '/api/chat', async (req, res) => {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      // A cross-site form cannot send JSON, so this also guards against request forgery.
      throw new AppError('invalid_input', 'content-type must be application/json', { status: 415 });
    }
    const parsed = ChatRequestSchema.safeParse(await readJson(req, 64_000));
    if (!parsed.success) throw new AppError('invalid_input', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    let id = readCookie(req, COOKIE);
    const headers: Record<string, string> = {};
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      id = randomBytes(18).toString('base64url');
      headers['set-cookie'] = `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000`;
    }
    const locale = normaliseLocale(req.headers['accept-language']?.split(',')[0]);
    const outcome = await assistant.handle({
      channel: 'web',
      conversationKey: `web:${id}`,
      identity: { channel: 'web', tenant: '', externalId: `anon:${id}` },
      locale,
      input: parsed.data.input,
    });
    sendJson(res, 200, { locale: outcome.locale, replies: outcome.replies }, headers);
  });
  // Messages sent outside a turn (staff replies, reminders): the page polls for them.
  server.route('GET', '/api/chat/updates', async (req, res) => {
    const id = readCookie(req, COOKIE);
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) return sendJson(res, 200, { replies: [] });
    const messages = await app.store.outbox.take('web', `web:${id}`);
    sendJson(res, 200, { replies: messages.flatMap((m) => m.replies) }, { 'cache-control': 'no-store' });
  });
}
